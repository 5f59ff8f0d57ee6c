"""Into a page within nested ranges of the navigation, the engine draws only the innermost range
holding it (engine_ranges): the navigation on a page is the same size however many sections a
framework has. Built by the engine, with the handbook's configuration, over a few blank pages."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.commands.build import build

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, ROOT
from handbook import pipeline
from handbook.engine import engine_config
from handbook.pages.framework_pages import NAV_LEVEL_LIMIT, bounded_nav
from handbook.site import GeneratedSite

# What the handbook's templates read from the configuration (a small framework's).
EXTRA = pipeline.check(FICTIONAL, FICTIONAL_GUIDANCE)[1].extra


def build_sections(tmp_path: Path, count: int) -> Path:
    """A site of `count` one-page sections, in ranges as the framework's are; its folder."""
    docs, out = tmp_path / f"docs-{count}", tmp_path / f"site-{count}"
    (docs / "framework").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "framework" / "index.md").write_text("# Overview\n", encoding="utf-8")
    ids = [str(n) for n in range(1, count + 1)]
    for section in ids:
        (docs / "framework" / f"{section}.md").write_text(f"# Section {section}\n", encoding="utf-8")
    nav = [{"Home": "index.md"},
           {"The framework": ["framework/index.md",
                              *bounded_nav([{f"Section {s}": f"framework/{s}.md"} for s in ids], ids)]}]
    build(engine_config(GeneratedSite(site_name="Ranges", extra=EXTRA), docs, out, ROOT / "mkdocs.yml", nav))
    return out


def sidebar(site: Path, page: str) -> list[str]:
    """The entries of the page's navigation under The framework, as drawn."""
    html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    labels = [item.get_text(" ", strip=True) for item in html.select("nav.md-nav--primary .md-ellipsis")]
    return [label for label in labels if label.startswith(("Section", "Sections"))]


def test_a_page_within_nested_ranges_shows_its_innermost_range_alone(tmp_path: Path):
    many = NAV_LEVEL_LIMIT ** 2 + 1  # ranges of ranges: Sections 1–144, Sections 145–145
    site = build_sections(tmp_path, many)
    # Section 30 is in Sections 25–36, within Sections 1–144: only the first is drawn, with its dozen.
    assert sidebar(site, "framework/30") == ["Sections 25–36", *(f"Section {n}" for n in range(25, 37))]
    assert sidebar(site, "framework/145") == ["Sections 145–145", "Section 145"]
    # The overview, in no range, still lists the outermost ranges, from which every section is reached.
    assert sidebar(site, "framework") == ["Sections 1–144", "Sections 145–145"]
    # The navigation is back as it was for the page after: no range is lost between pages.
    assert sidebar(site, "framework/140") == ["Sections 133–144", *(f"Section {n}" for n in range(133, 145))]


def test_a_page_draws_as_much_navigation_at_any_number_of_sections(tmp_path: Path):
    one_level, two_levels = build_sections(tmp_path, 60), build_sections(tmp_path, 600)
    assert sidebar(one_level, "framework/30") == sidebar(two_levels, "framework/30")
    size = [len((site / "framework" / "30" / "index.html").read_bytes()) for site in (one_level, two_levels)]
    assert size[0] == size[1]
