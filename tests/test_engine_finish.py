"""The engine hands every HTML file it writes to the build's finisher, once, and writes what the
finisher returns (engine_finish): the pages, the theme's 404 page and an HTML file the sources hold.
Built by the engine, with the handbook's configuration, over a few blank pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, ROOT
from handbook import pipeline
from handbook.engine import engine_config
from handbook.engine_finish import FinishPages
from handbook.site import GeneratedSite

EXTRA = pipeline.check(FICTIONAL, FICTIONAL_GUIDANCE)[1].extra


def test_every_html_file_is_finished_once_and_written_as_finished(tmp_path: Path):
    docs, out = tmp_path / "docs", tmp_path / "site"
    (docs / "guide").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "guide" / "index.md").write_text("# Guide\n", encoding="utf-8")
    (docs / "guide" / "card.html").write_text("<html><body>A card</body></html>", encoding="utf-8")
    handed: list[str] = []

    def finish(name: str, html: str) -> str:
        handed.append(name)
        return html.replace("</body>", f"<!-- finished {name} --></body>", 1)

    config = engine_config(GeneratedSite(site_name="Finish", extra=EXTRA), docs, out, ROOT / "mkdocs.yml", None)
    config.plugins["finish"] = FinishPages(finish)
    build(config)

    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html"))
    assert written == ["404.html", "guide/card.html", "guide/index.html", "index.html"]
    assert sorted(handed) == written
    for name in written:
        text = (out / name).read_text(encoding="utf-8")
        assert text.count("<!-- finished ") == 1 and f"<!-- finished {name} -->" in text, name
    assert "finished" not in (out / "sitemap.xml").read_text(encoding="utf-8")
