"""Keep a checklist page the same weight however large the framework: a checklist too long for one
page is split into parts, as long guides are (handbook/guides/parts.py).

A page's first visit may weigh 64 KiB gzipped (handbook/weight.py); the theme's styles and scripts
and the page's chrome take about 59 KiB of it, leaving about 5 KiB for the lines. Measured on the
2016 framework, the lines' HTML (each element's block as the page renders it: text, prompts, tick
boxes, notes) compresses to about 13% of its length, and section 4's checklist, with 19,100
characters of it, weighs 63.6 KiB: so a page holds at most ONE_PAGE_CHARS. A checklist within that
stays one page, exactly as before; a longer one becomes a page listing its parts and a page per part,
each part holding consecutive elements of one section while their HTML stays within ONE_PAGE_CHARS.
An element longer than that (3.3: 20,200) is a part alone: a part page has no fields and a shorter
records panel than a checklist page, which leaves it room (an element's own checklist fits too).

The checklist's page lists its parts by section, or, beyond NAV_LEVEL_LIMIT sections, ranges of
sections, each with a page of its own listing its sections' parts (or smaller ranges): every page
is bounded, a section's parts or a dozen links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Element, Section
from ..pages.framework_pages import Node, bounded_tree
from ..urls import checklist_part_path
from .catalogue import Checklist

ONE_PAGE_CHARS = 20_000


@dataclass(frozen=True)
class Part:
    """Consecutive elements of one section: a page of its checklist."""

    number: int
    section: Section  # the section, with only the part's elements
    path: str         # its docs path, named by its first element: checklists/case-level/3.1.md

    @property
    def elements(self) -> tuple[Element, ...]:
        return self.section.elements

    @property
    def label(self) -> str:
        """'element 3.1' or 'elements 2.1–2.3'."""
        first, last = self.elements[0].id, self.elements[-1].id
        return f"element {first}" if first == last else f"elements {first}–{last}"

    @property
    def lines(self) -> int:
        return sum(len(element.lines) for element in self.elements)


@dataclass(frozen=True)
class Parts:
    """A split checklist: its parts in order, and the tree of sections its page lists them by."""

    parts: tuple[Part, ...]
    tree: tuple[Node, ...]

    def within(self, node: Node) -> tuple[Part, ...]:
        """The parts of a section, or of a range of sections."""
        ids = {section.id for section in node.sections}
        return tuple(part for part in self.parts if part.section.id in ids)

    def neighbours(self, part: Part) -> tuple[Part | None, Part | None]:
        at = part.number - 1
        return (self.parts[at - 1] if at > 0 else None, self.parts[at + 1] if at + 1 < len(self.parts) else None)

    def range_path(self, checklist: Checklist, node: Node) -> str:
        """The page listing a range of sections' parts."""
        return checklist_part_path(checklist.slug, node.slug)


def split(checklist: Checklist, size: Callable[[Element], int]) -> Parts | None:
    """The checklist's parts, or None when it fits one page; `size(element)` is the length of the
    element's HTML as a checklist page renders it."""
    if checklist.scope == "element" or sum(size(e) for s in checklist.sections for e in s.elements) <= ONE_PAGE_CHARS:
        return None
    parts: list[Part] = []
    for section in checklist.sections:
        for chunk in _pack(section.elements, size):
            parts.append(Part(len(parts) + 1, Section(section.id, section.title, chunk),
                              checklist_part_path(checklist.slug, chunk[0].id)))
    return Parts(tuple(parts), bounded_tree(checklist.sections))


def _pack(elements: tuple[Element, ...], size: Callable[[Element], int]) -> list[tuple[Element, ...]]:
    """Consecutive elements, as many to a chunk as stay within ONE_PAGE_CHARS (at least one)."""
    chunks: list[list[Element]] = []
    room = 0
    for element in elements:
        if not chunks or size(element) > room:
            chunks.append([])
            room = ONE_PAGE_CHARS
        chunks[-1].append(element)
        room -= size(element)
    return [tuple(chunk) for chunk in chunks]
