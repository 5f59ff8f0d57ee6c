"""The framework's own pages: home, introduction, overview, one per section and per element."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..changelog import LABELS, ChangeLog
from ..guidance_model import Guidance
from ..model import Framework, Section
from ..render import PageGroup, environment, plain
from ..urls import changes_path, element_path, section_path

TEMPLATES = Path(__file__).parent / "templates"
# Material renders, on every page, the siblings of each entry on the way to that page.
# Keeping every level of the navigation this short, and drawing only the innermost range
# on the way (see NavRange), keeps pages the same size however many sections a framework
# has, so the build grows linearly with the framework.
NAV_LEVEL_LIMIT = 12


def generate(framework: Framework, guidance: Guidance, latest: ChangeLog | None = None,
             only: frozenset[str] | None = None) -> PageGroup:
    """The framework's pages; each element page also shows the handbook's guidance on its lines and,
    when the framework has an earlier version, which of its lines changed since (`latest`).
    `only` (section ids) limits the pages to those sections' own and their elements', for the preview."""
    env = environment(TEMPLATES, abbreviations=guidance.vocabulary.abbreviations)
    group = PageGroup()
    changed = _changed_lines(latest)

    def render(path: str, template: str, **values: Any) -> None:
        group.pages[path] = env.get_template(template).render(framework=framework, guidance=guidance, here=path, **values)

    if only is None:
        render("index.md", "home.md.j2", nodes=section_tree(framework), node_path=_range_path)
        render("introduction.md", "introduction.md.j2")
        # The overview lists every section and element, or in a framework of more than a dozen sections
        # their ranges, each range with a page of its own that lists its sections (or smaller ranges).
        render("framework/index.md", "overview.md.j2", nodes=section_tree(framework), node_path=_range_path)
        for node in ranges(section_tree(framework)):
            render(_range_path(node), "overview.md.j2", nodes=node.children, node_path=_range_path, within=node)
    framework_nav: list[Any] = ["framework/index.md"]
    for section in framework.sections:
        wanted = only is None or section.id in only
        if wanted:
            render(section_path(section), "section.md.j2", section=section)
        section_nav: list[Any] = [section_path(section)]
        for element in section.elements:
            if wanted:
                previous, following = framework.neighbours(element)
                render(element_path(element), "element.md.j2", element=element, section=section,
                       previous=previous, following=following, latest=latest, labels=LABELS,
                       changes=[(line, changed[line.id]) for line in element.lines if line.id in changed],
                       changes_page=changes_path(latest.slug) if latest else None)
            section_nav.append({f"{element.id}. {plain(element.title)}": element_path(element)})
        framework_nav.append({f"{section.id}. {plain(section.title)}": section_nav})
    group.nav = [
        {"Home": "index.md"},
        {framework.introduction.title: "introduction.md"},
        {"The framework": [framework_nav[0], *bounded_nav(framework_nav[1:], [s.id for s in framework.sections])]},
    ]
    return group


def _range_path(node: Node) -> str:
    return f"framework/{node.slug}.md"


def ranges(nodes: tuple[Node, ...]) -> list[Node]:
    """The ranges among `nodes` and within them, in order: each has a page listing what it holds."""
    return [found for node in nodes if node.section is None for found in (node, *ranges(node.children))]


def _changed_lines(latest: ChangeLog | None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each line of the current version that changed since the version before: the kind of change,
    and the earlier ids it came from when they differ from its own (two or more when merged)."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for change in latest.changed if latest else ():
        for line in change.new:
            kind, earlier = found.get(line.id, (change.type, ()))
            found[line.id] = (kind, earlier + tuple(old.id for old in change.old))
    return {line_id: (kind, () if earlier == (line_id,) else earlier) for line_id, (kind, earlier) in found.items()}


class NavRange(dict):
    """An entry of the navigation holding a range ({"Sections 1–12": [...]}), made by `bounded_nav`.
    Ranges nest more deeply as a framework grows; the engine draws, into a page within them, only
    the innermost range holding that page, so the navigation on each page stays the same size."""


def range_titles(nav: list[Any]) -> frozenset[str]:
    """The titles of every range (`NavRange`) anywhere in `nav`."""
    found: set[str] = set()
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(entry, NavRange):
                    found.add(title)
                if isinstance(value, list):
                    found |= range_titles(value)
    return frozenset(found)


def bounded_nav(entries: list[Any], ids: list[str], limit: int = NAV_LEVEL_LIMIT, what: str = "Sections") -> list[Any]:
    """Nest `entries` (one per id, such as a section's) in ranges labelled '<what> <first id>–<last id>'
    so that no level holds more than `limit`."""
    spans = [(entry_id, entry_id, entry) for entry_id, entry in zip(ids, entries)]
    while len(spans) > limit:
        spans = [(chunk[0][0], chunk[-1][1], NavRange({f"{what} {chunk[0][0]}–{chunk[-1][1]}": [e for _, _, e in chunk]}))
                 for chunk in (spans[i:i + limit] for i in range(0, len(spans), limit))]
    return [entry for _, _, entry in spans]


@dataclass(frozen=True)
class Node:
    """A section, or a range of consecutive sections (at most NAV_LEVEL_LIMIT children)."""

    section: Section | None
    children: tuple[Node, ...] = ()

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.section,) if self.section else tuple(s for child in self.children for s in child.sections)

    @property
    def slug(self) -> str:
        """A page's file name for the node: the section's id, or 'sections-1-12' for a range."""
        return self.section.id if self.section else f"sections-{self.sections[0].id}-{self.sections[-1].id}"

    @property
    def label(self) -> str:
        if self.section:
            return f"Section {self.section.id}. {plain(self.section.title)}"
        return f"Sections {self.sections[0].id}–{self.sections[-1].id}"

    @property
    def short_label(self) -> str:
        """For the heat map's row labels: '3' or '1–12'."""
        return self.section.id if self.section else f"{self.sections[0].id}–{self.sections[-1].id}"


def section_tree(framework: Framework) -> tuple[Node, ...]:
    """The framework's sections as at most NAV_LEVEL_LIMIT nodes, nesting in ranges as needed (as
    `bounded_nav` does), so that a page listing them stays the same size however many there are."""
    return bounded_tree(framework.sections)


def bounded_tree(sections: tuple[Section, ...]) -> tuple[Node, ...]:
    """`sections` (consecutive, in order) as at most NAV_LEVEL_LIMIT nodes, nesting in ranges as needed."""
    nodes = tuple(Node(section) for section in sections)
    while len(nodes) > NAV_LEVEL_LIMIT:
        nodes = tuple(Node(None, nodes[i:i + NAV_LEVEL_LIMIT]) for i in range(0, len(nodes), NAV_LEVEL_LIMIT))
    return nodes
