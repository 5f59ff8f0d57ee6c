"""What every kind of page renders with: the Jinja2 environment, its filters, and PageGroup."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions.abbr import AbbrExtension
from markupsafe import Markup

from . import urls

SHARED_TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class PageGroup:
    """Pages of one kind (docs path -> Markdown) and their entries in the navigation."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)


def plain(text: str) -> str:
    """Text without its Markdown emphasis, for titles and navigation labels."""
    return text.replace("**", "").replace("*", "")


def as_heading(text: str) -> str:
    """A phrase as a label: 'individuals abide by their sentence.' -> 'Individuals abide by their sentence'."""
    text = text.rstrip(".")
    return text[:1].upper() + text[1:]


Abbreviations = tuple[tuple[str, str], ...]  # (written form, tooltip) pairs, hashable so environments can be cached


@lru_cache(maxsize=None)  # a line quoted on several guide pages is converted once
def inline(text: str, abbreviations: Abbreviations = ()) -> Markup:
    """Framework text (Markdown emphasis) as inline HTML, for use inside HTML blocks.

    The engine's Markdown never looks inside HTML blocks, so glossary terms are marked
    here, by the same standard `abbr` extension the pages use (see abbreviation_definitions).
    """
    html = _converter(abbreviations).reset().convert(text)
    return Markup(html.removeprefix("<p>").removesuffix("</p>"))


@lru_cache(maxsize=4)
def _converter(abbreviations: Abbreviations) -> markdown.Markdown:
    """One converter per glossary, reset per call: building one costs more than converting."""
    return markdown.Markdown(extensions=[AbbrExtension(glossary=dict(abbreviations))])


def abbreviation_definitions(abbreviations: Abbreviations) -> str:
    """Standard Markdown abbreviation definitions (`*[MAPPA]: ...`) to end a page with,
    so the engine marks every glossary term in the page's Markdown as <abbr title=...>."""
    # One definition per block: a block of many would be re-scanned by every block processor once per definition.
    return "".join(f"*[{term}]: {title}\n\n" for term, title in abbreviations)


@lru_cache(maxsize=None)
def environment(*templates: Path, autoescape: bool = False, abbreviations: Abbreviations = ()) -> Environment:
    """An environment loading from each of `templates` in turn, then from the shared templates.
    HTML documents (the PDFs') escape their values; Markdown pages do not. `abbreviations`
    (glossary terms) are marked in text rendered with `inline`."""
    env = Environment(loader=FileSystemLoader([*templates, SHARED_TEMPLATES]), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=autoescape)
    env.filters.update(inline=partial(inline, abbreviations=abbreviations), plain=plain, as_heading=as_heading)
    env.globals.update(link=urls.link, section_path=urls.section_path, element_path=urls.element_path,
                       line_anchor=urls.line_anchor, checklist_path=urls.checklist_path, page_href=urls.page_href,
                       checklist_pdf_path=urls.checklist_pdf_path, booklet_pdf_path=urls.booklet_pdf_path,
                       guidance_anchor=urls.guidance_anchor, source_path=urls.source_path, theme_path=urls.theme_path,
                       outcome_path=urls.outcome_path, pages=urls.GUIDE_PAGES, version_path=urls.version_path,
                       changes_path=urls.changes_path, changes_download_path=urls.changes_download_path)
    return env
