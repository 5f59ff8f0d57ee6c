"""The handbook's cross-cutting guides: fieldwork plans by evidence source, themes,
outcome traceability (matrix and heat map) and the glossary.

Every page here is the handbook's own guidance; lines of the framework appear only
as quotations, marked as such, and link back to their element page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import Any

from ..guidance_model import Guidance
from ..model import Framework, Line, Outcome
from ..render import PageGroup, as_heading, environment
from ..urls import GUIDE_PAGES, element_path, link, outcome_path, source_path, theme_path
from ..pages.framework_pages import NAV_LEVEL_LIMIT, Node, bounded_nav, section_tree
from .heatmap import heat_map
from .parts import Placement, paginate

TEMPLATES = Path(__file__).parent / "templates"
MATRIX_ROWS = 24  # the outcomes matrix has a row per element up to this many, else one per section (or range)


@dataclass(frozen=True)
class MatrixRow:
    """An element's (or, in a large framework, a section's or range's) lines serving each outcome."""

    label: str     # Markdown: the row's heading, a link
    key: str       # the heat map's row label: an element's id, or a section's or range's
    lines: int
    cells: tuple[tuple[Outcome, int, str], ...]  # each outcome, in the framework's order, how many lines serve it, and where they are

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(count for _, count, _ in self.cells)


@dataclass(frozen=True)
class MatrixBody:
    heading: str  # a section's heading, or empty when rows are sections
    rows: tuple[MatrixRow, ...]


def generate(framework: Framework, guidance: Guidance) -> PageGroup:
    env = environment(TEMPLATES, abbreviations=guidance.vocabulary.abbreviations)
    group = PageGroup()
    vocabulary = guidance.vocabulary

    def render(path: str, template: str, **values: Any) -> None:
        group.pages[path] = env.get_template(template).render(
            framework=framework, guidance=guidance, here=path, **values)

    tree = section_tree(framework)

    def guide(path: str, template: str, line_ids: tuple[str, ...], **values: Any) -> Placement:
        """One source's, theme's or outcome's guide: one page, or a page per part (see parts.py)."""
        def page(here: str, groups: list, entries: list, within: Node | None) -> str:
            return env.get_template(template).render(
                framework=framework, guidance=guidance, here=here, groups=groups, parts=entries, within=within,
                top=path, lines=sum(len(g.lines) for g in groups) + sum(e.lines for e in entries),
                elements=len(groups) + sum(e.elements for e in entries), **values)
        pages, placement = paginate(framework, tree, path, line_ids, page)
        group.pages.update(pages)
        return placement

    render(GUIDE_PAGES["sources"], "sources.md.j2",
           counts={s.id: len(guidance.lines_with_source(s)) for s in vocabulary.sources})
    for source in vocabulary.sources:
        guide(source_path(source), "source.md.j2", guidance.lines_with_source(source), source=source)
    render(GUIDE_PAGES["themes"], "themes.md.j2",
           counts={t.id: len(guidance.lines_with_theme(t)) for t in vocabulary.themes})
    for theme in vocabulary.themes:
        guide(theme_path(theme), "theme.md.j2", guidance.lines_with_theme(theme), theme=theme)
    placements = {outcome.id: guide(outcome_path(outcome), "outcome.md.j2", guidance.lines_serving(outcome), outcome=outcome)
                  for outcome in framework.outcomes}
    bodies = matrix(framework, guidance, tree, placements)
    rows = [row for body in bodies for row in body.rows]
    render(GUIDE_PAGES["outcomes"], "outcomes.md.j2", bodies=bodies, by_element=not bodies[0].heading == "",
           totals=[len(guidance.lines_serving(o)) for o in framework.outcomes],
           heat_map=heat_map([r.key for r in rows], [as_heading(o.text) for o in framework.outcomes],
                             [r.counts for r in rows]))
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


def matrix(framework: Framework, guidance: Guidance, tree: tuple[Node, ...],
           placements: dict[str, Placement]) -> list[MatrixBody]:
    """For each element, how many of its lines serve each outcome, by section; in a framework with
    more elements than MATRIX_ROWS, for each of the sections (or ranges) of `tree` instead, so the
    page stays the same size. Each count links to where the outcome's guide lists those lines."""
    serving = {o.id: set(guidance.lines_serving(o)) for o in framework.outcomes}
    here = GUIDE_PAGES["outcomes"]

    def cells(lines: list[Line], where: Callable[[Outcome], tuple[str, str]]) -> tuple[tuple[Outcome, int, str], ...]:
        counts = [(o, sum(line.id in serving[o.id] for line in lines)) for o in framework.outcomes]
        return tuple((o, n, link(here, *where(o)) if n else "") for o, n in counts)

    if len(framework.elements) <= MATRIX_ROWS:
        return [MatrixBody(f"{section.id}. {section.title}", tuple(
            MatrixRow(f"[{e.id}]({link(here, element_path(e))}) {e.title}", e.id, len(e.lines),
                      cells(list(e.lines), lambda o, e=e, s=section: (placements[o.id].of(Node(s))[0], f"element-{e.id}")))
            for e in section.elements)) for section in framework.sections]
    rows = []
    for node in tree:
        lines = [line for s in node.sections for e in s.elements for line in e.lines]
        rows.append(MatrixRow(node.label, node.short_label, len(lines),
                              cells(lines, lambda o, node=node: placements[o.id].of(node))))
    return [MatrixBody("", tuple(rows))]


def anchor(term: str) -> str:
    """A glossary entry's anchor: 'breach action' -> 'breach-action'."""
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
