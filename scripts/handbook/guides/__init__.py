"""The handbook's cross-cutting guides: fieldwork plans by evidence source, themes,
outcome traceability (matrix and heat map) and the glossary.

Every page here is the handbook's own guidance; lines of the framework appear only
as quotations, marked as such, and link back to their element page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..guidance_model import Guidance
from ..model import Element, Framework, Line, Outcome
from ..render import PageGroup, as_heading, environment
from ..urls import GUIDE_PAGES, outcome_path, source_path, theme_path
from ..pages.framework_pages import NAV_LEVEL_LIMIT, bounded_nav
from .heatmap import heat_map

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class ElementLines:
    """Some of an element's lines, in the framework's order."""

    element: Element
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class MatrixRow:
    element: Element
    cells: tuple[tuple[Outcome, int], ...]  # each outcome, in the framework's order, and how many lines serve it

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(count for _, count in self.cells)


def generate(framework: Framework, guidance: Guidance) -> PageGroup:
    env = environment(TEMPLATES, abbreviations=guidance.vocabulary.abbreviations)
    group = PageGroup()
    vocabulary = guidance.vocabulary

    def render(path: str, template: str, **values: Any) -> None:
        group.pages[path] = env.get_template(template).render(
            framework=framework, guidance=guidance, here=path, **values)

    render(GUIDE_PAGES["sources"], "sources.md.j2",
           counts={s.id: len(guidance.lines_with_source(s)) for s in vocabulary.sources})
    for source in vocabulary.sources:
        render(source_path(source), "source.md.j2", source=source,
               groups=by_element(framework, guidance.lines_with_source(source)))
    render(GUIDE_PAGES["themes"], "themes.md.j2",
           counts={t.id: len(guidance.lines_with_theme(t)) for t in vocabulary.themes})
    for theme in vocabulary.themes:
        render(theme_path(theme), "theme.md.j2", theme=theme,
               groups=by_element(framework, guidance.lines_with_theme(theme)))
    rows = matrix(framework, guidance)
    render(GUIDE_PAGES["outcomes"], "outcomes.md.j2", rows=rows,
           totals=[len(guidance.lines_serving(o)) for o in framework.outcomes],
           heat_map=heat_map([r.element.id for r in rows], [as_heading(o.text) for o in framework.outcomes],
                             [r.counts for r in rows]))
    for outcome in framework.outcomes:
        render(outcome_path(outcome), "outcome.md.j2", outcome=outcome,
               groups=by_element(framework, guidance.lines_serving(outcome)))
    render(GUIDE_PAGES["glossary"], "glossary.md.j2",
           names=sorted((e for e in vocabulary.glossary if e.expansion), key=lambda e: e.term.lower()),
           terms=sorted((e for e in vocabulary.glossary if not e.expansion), key=lambda e: e.term.lower()),
           anchor=anchor)

    group.nav = [{"Guides": [
        {"Evidence sources": [GUIDE_PAGES["sources"], *_bounded("Sources", {s.name: source_path(s) for s in vocabulary.sources})]},
        {"Themes": [GUIDE_PAGES["themes"], *_bounded("Themes", {t.name: theme_path(t) for t in vocabulary.themes})]},
        {"Outcomes": [GUIDE_PAGES["outcomes"], *_bounded("Outcomes", {as_heading(o.text): outcome_path(o) for o in framework.outcomes})]},
        {"Glossary": GUIDE_PAGES["glossary"]},
    ]}]
    return group


def _bounded(what: str, pages: dict[str, str]) -> list[Any]:
    """A guide's pages for the navigation, beside its index page: as they are when they fit in one level,
    else by name in alphabetical ranges ('Themes A–K'), so that no level holds more than NAV_LEVEL_LIMIT entries."""
    if len(pages) < NAV_LEVEL_LIMIT:
        return [{name: path} for name, path in pages.items()]
    names = sorted(pages, key=str.lower)
    return bounded_nav([{name: pages[name]} for name in names], [name[:1].upper() for name in names],
                       limit=NAV_LEVEL_LIMIT - 1, what=what)


def by_element(framework: Framework, line_ids: Iterable[str]) -> list[ElementLines]:
    """The given lines grouped under their elements, both in the framework's order."""
    wanted = set(line_ids)
    groups = (ElementLines(e, tuple(line for line in e.lines if line.id in wanted)) for e in framework.elements)
    return [group for group in groups if group.lines]


def matrix(framework: Framework, guidance: Guidance) -> list[MatrixRow]:
    """For each element, how many of its lines serve each outcome."""
    serving = {o.id: set(guidance.lines_serving(o)) for o in framework.outcomes}
    return [MatrixRow(e, tuple((o, sum(line.id in serving[o.id] for line in e.lines)) for o in framework.outcomes))
            for e in framework.elements]


def anchor(term: str) -> str:
    """A glossary entry's anchor: 'breach action' -> 'breach-action'."""
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
