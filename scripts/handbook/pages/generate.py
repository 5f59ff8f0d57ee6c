"""Render the framework model into Markdown pages and a navigation, engine-neutral.

`generate` is a plain function: it returns page texts keyed by their path under the
docs folder, so `scripts/build.py` can write them to disk and the MkDocs hook can
hand them to `mkdocs serve` without writing anything.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model import Element, Framework, Section
from ..problems import DataError, Problem
from ..yamlload import parse_yaml

TEMPLATES = Path(__file__).parent / "templates"
# Hand-written pages that the templates and the footer link to.
REQUIRED_GUIDANCE = ("about.md", "accessibility.md", "licence.md")


@dataclass
class GeneratedSite:
    """Everything the engine needs that comes from the sources."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    site_name: str = ""
    sources: dict[str, Path] = field(default_factory=dict)  # docs path -> hand-written file


def section_path(section: Section) -> str:
    return f"framework/{section.id}/index.md"


def element_path(element: Element) -> str:
    return f"framework/{element.id}.md"


def line_anchor(line_id: str) -> str:
    return f"line-{line_id}"


def generate(framework: Framework, guidance_dir: Path) -> GeneratedSite:
    """All pages, the navigation and the template values for one framework."""
    site = GeneratedSite(site_name=f"{framework.short_title} handbook", extra={"framework": _footer_values(framework)})
    env = _environment()

    def render(path: str, template: str, **values: Any) -> None:
        site.pages[path] = env.get_template(template).render(
            framework=framework, here=path, **values)

    render("index.md", "home.md.j2")
    render("introduction.md", "introduction.md.j2")
    render("framework/index.md", "overview.md.j2")
    framework_nav: list[Any] = ["framework/index.md"]
    for section in framework.sections:
        render(section_path(section), "section.md.j2", section=section)
        section_nav: list[Any] = [section_path(section)]
        for element in section.elements:
            previous, following = framework.neighbours(element)
            render(element_path(element), "element.md.j2", element=element, section=section,
                   previous=previous, following=following)
            section_nav.append({f"{element.id}. {plain(element.title)}": element_path(element)})
        framework_nav.append({f"{section.id}. {plain(section.title)}": section_nav})

    guidance = _guidance_pages(guidance_dir)
    site.pages.update({path: text for path, (_, _, text) in guidance.items()})
    site.sources = {path: Path(guidance_dir) / Path(path).name for path in guidance}
    site.nav = [
        {"Home": "index.md"},
        {framework.introduction.title: "introduction.md"},
        {"The framework": framework_nav},
        {"Using this handbook": [{title: path} for path, (_, title, _) in
                                  sorted(guidance.items(), key=lambda item: (item[1][0], item[0]))]},
    ]
    return site


def write_docs(site: GeneratedSite, docs_dir: Path) -> None:
    """Write every page under `docs_dir` (which should be new or empty)."""
    for path, text in sorted(site.pages.items()):
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def plain(text: str) -> str:
    """Text without its Markdown emphasis, for titles and navigation labels."""
    return text.replace("**", "").replace("*", "")


def inline(text: str) -> Markup:
    """Framework text (Markdown emphasis) as inline HTML, for use inside HTML blocks."""
    html = markdown.markdown(text)
    return Markup(html.removeprefix("<p>").removesuffix("</p>"))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters.update(inline=inline, plain=plain)
    env.globals.update(link=_link, section_path=section_path, element_path=element_path, line_anchor=line_anchor)
    return env


def _link(here: str, target: str, anchor: str = "") -> str:
    """A relative Markdown link from page `here` to page `target` (both docs paths)."""
    relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"{relative}#{anchor}" if anchor else relative


def _footer_values(framework: Framework) -> dict[str, Any]:
    return {
        "id": framework.id,
        "title": framework.title,
        "short_title": framework.short_title,
        "publisher": framework.publisher.name,
        "version_label": framework.version.label,
        "version_date": framework.version.display_date,
        "version_year": framework.version.year,
        "licence_name": framework.licence.name,
        "licence_url": framework.licence.url,
        "copyright": framework.licence.copyright,
        "attribution": framework.licence.attribution,
    }


def _guidance_pages(guidance_dir: Path) -> dict[str, tuple[int, str, str]]:
    """Hand-written pages: docs path -> (navigation order, title, text)."""
    pages: dict[str, tuple[int, str, str]] = {}
    problems: list[Problem] = []
    for path in sorted(Path(guidance_dir).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = _front_matter(path, text, problems)
        if meta is not None:
            pages[f"guidance/{path.name}"] = (int(meta.get("nav_order", 99)), str(meta["title"]), text)
    for name in REQUIRED_GUIDANCE:
        if f"guidance/{name}" not in pages and not (Path(guidance_dir) / name).exists():
            problems.append(Problem(Path(guidance_dir) / name, None, "this page is missing; every page of the site links to it",
                                    f"create {name} with front matter (title, nav_order) and its text"))
    if problems:
        raise DataError(problems)
    return pages


def _front_matter(path: Path, text: str, problems: list[Problem]) -> dict | None:
    fix = "start the page with front matter: a '---' line, 'title: Page title', 'nav_order: 1', and a closing '---' line"
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        problems.append(Problem(path, 1, "the page has no front matter giving its title", fix))
        return None
    header = text[4:text.index("\n---\n", 3)]
    try:
        meta = parse_yaml(header, path, first_line=2).data
    except DataError as error:
        problems.extend(error.problems)
        return None
    if not isinstance(meta, dict) or not meta.get("title"):
        problems.append(Problem(path, 2, "the front matter has no 'title'", fix))
        return None
    if not str(meta.get("nav_order", "99")).isdigit():
        problems.append(Problem(path, 2, f"nav_order is {meta['nav_order']!r}, not a whole number", "write nav_order as a whole number, e.g. 3"))
        return None
    return meta
