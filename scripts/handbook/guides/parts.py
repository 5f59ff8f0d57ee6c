"""Keep a guide page the same weight however large the framework: a page that would list too much
is split into parts by section.

A guide to one evidence source, theme or outcome lists every line tagged with it. When that list
is short it stays on one page; otherwise the guide's page lists the sections (at most NAV_LEVEL_LIMIT
entries, nesting in ranges such as 'Sections 1–12' when a framework has more) with how many lines each
holds, and each section's lines are on a page of their own. Every page is then bounded: a section's
lines, or a dozen links.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Element, Framework, Section
from ..pages.framework_pages import Node

# A guide's Markdown up to this length stays on one page: with the theme's styles and scripts, such a
# page weighs under the 64 KiB budget (handbook/weight.py); a longer one is split by section.
ONE_PAGE_CHARS = 22_000
# How many elements' lines to render first when finding whether a guide fits on one page.
FIRST_TRY = 32


@dataclass(frozen=True)
class ElementLines:
    """Some of an element's lines, in the framework's order."""

    element: Element
    lines: tuple  # of model.Line


@dataclass(frozen=True)
class Entry:
    """A part as its parent lists it: the node, where its page is, and how much it holds."""

    node: Node
    path: str
    lines: int
    elements: int


@dataclass(frozen=True)
class Placement:
    """Where a guide put its lines: the page (and anchor) that shows each node's lines."""

    where: dict[str, tuple[str, str]]  # node slug -> (docs path, anchor)

    def of(self, node: Node) -> tuple[str, str]:
        return self.where[node.slug]


# render(path, groups, parts, within) -> Markdown: `groups` to list on the page, `parts` (Entry) to link
# to, `within` the node a part page holds (None for the guide's own page).
Render = Callable[[str, list[ElementLines], list[Entry], Node | None], str]


def by_element(framework: Framework, line_ids: tuple[str, ...] | list[str]) -> list[ElementLines]:
    """The given lines grouped under their elements, both in the framework's order."""
    wanted = set(line_ids)
    groups = (ElementLines(e, tuple(line for line in e.lines if line.id in wanted)) for e in framework.elements)
    return [group for group in groups if group.lines]


def paginate(framework: Framework, tree: tuple[Node, ...], path: str, line_ids: tuple[str, ...],
             render: Render) -> tuple[dict[str, str], Placement]:
    """The pages of one guide at `path` (a docs path such as 'evidence/case-record.md'): one page if short,
    else the guide's page listing its parts and a page per part; and where each node's lines are."""
    everything = by_element(framework, line_ids)
    whole = _one_page(path, everything, render)
    if whole is not None:
        return {path: whole}, Placement(_anchors(tree, path, everything))
    folder = path.removesuffix(".md")
    pages: dict[str, str] = {}
    where: dict[str, tuple[str, str]] = {}
    held = {group.element.id: group for group in everything}

    def within_sections(sections: tuple[Section, ...]) -> list[ElementLines]:
        return [held[e.id] for s in sections for e in s.elements if e.id in held]

    def place(nodes: tuple[Node, ...], here: str, within: Node | None) -> None:
        if within is not None and within.section is not None:
            pages[here] = render(here, within_sections(within.sections), [], within)
            return
        entries = []
        for node in nodes:
            groups = within_sections(node.sections)
            if groups:
                part = posixpath.join(folder, f"{node.slug}.md")
                entries.append(Entry(node, part, sum(len(g.lines) for g in groups), len(groups)))
                where[node.slug] = (part, "")
                place(node.children, part, node)
        pages[here] = render(here, [], entries, within)

    place(tree, path, None)
    return pages, Placement(where)


def _one_page(path: str, groups: list[ElementLines], render: Render) -> str | None:
    """The guide as one page, or None if that would be longer than a page. A long guide is rendered
    from its first elements, twice as many each time, until it is too long: never whole only to learn
    its length (at 100x, a second of the build). A page only grows with each element it lists."""
    count = FIRST_TRY
    while True:
        page = render(path, groups[:count], [], None)
        if len(page) > ONE_PAGE_CHARS:
            return None
        if count >= len(groups):
            return page
        count *= 2


def _anchors(nodes: tuple[Node, ...], path: str, groups: list[ElementLines]) -> dict[str, tuple[str, str]]:
    """On a one-page guide, each node's lines start at the heading of its first element listed."""
    where: dict[str, tuple[str, str]] = {}
    for node in nodes:
        ids = {e.id for s in node.sections for e in s.elements}
        first = next((g.element.id for g in groups if g.element.id in ids), None)
        if first is not None:
            where[node.slug] = (path, f"element-{first}")
        where.update(_anchors(node.children, path, groups))
    return where
