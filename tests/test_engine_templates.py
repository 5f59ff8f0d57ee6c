"""The theme's templates are kept compiled between builds (engine_templates), and compiled again
when one changes."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.commands.build import build

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, ROOT
from handbook import pipeline
from handbook.engine import engine_config
from handbook.engine_templates import CompiledTemplates
from handbook.site import GeneratedSite

EXTRA = pipeline.check(FICTIONAL, FICTIONAL_GUIDANCE)[1].extra


def build_home(tmp_path: Path, name: str, folder: Path) -> bytes:
    docs, out = tmp_path / "docs", tmp_path / name
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = engine_config(GeneratedSite(site_name="Templates", extra=EXTRA), docs, out, ROOT / "mkdocs.yml",
                           [{"Home": "index.md"}])
    config.plugins["handbook-compiled-templates"] = CompiledTemplates(folder)
    build(config)
    return (out / "index.html").read_bytes()


def test_a_build_keeps_the_compiled_templates_and_the_next_builds_the_same_page_from_them(tmp_path: Path):
    folder = tmp_path / "templates"
    first = build_home(tmp_path, "first", folder)
    kept = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(kept) > 10  # the theme's page template and its partials
    assert build_home(tmp_path, "second", folder) == first
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == kept  # read, not written again


def test_a_changed_template_is_compiled_again(tmp_path: Path):
    templates, folder = tmp_path / "theme", tmp_path / "compiled"
    templates.mkdir()
    page = templates / "page.html"

    def render() -> str:
        env = CompiledTemplates(folder).on_env(Environment(loader=FileSystemLoader(templates)), None, None)
        return env.get_template("page.html").render(title="Home")

    page.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render() == "<h1>Home</h1>"
    assert render() == "<h1>Home</h1>"  # from the folder
    page.write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    assert render() == "<h2>Home</h2>"
