"""The framework as typed, immutable objects: what every output is rendered from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property


@dataclass(frozen=True)
class ElementKind:
    key: str
    label: str
    line_label: str
    lead_in: str | None


@dataclass(frozen=True)
class Line:
    id: str
    text: str
    element_id: str

    @property
    def number(self) -> int:
        return int(self.id.rsplit(".", 1)[1])


@dataclass(frozen=True)
class Element:
    id: str
    title: str
    kind: ElementKind
    lines: tuple[Line, ...]
    section_id: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class Outcome:
    id: str
    text: str
    element_id: str | None


@dataclass(frozen=True)
class Block:
    """One block of the introduction: 'paragraph', 'list', 'working_model' or 'outcomes'."""

    type: str
    text: str | None = None
    items: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class Introduction:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Publisher:
    name: str
    short_name: str | None
    address: str | None
    telephone: str | None


@dataclass(frozen=True)
class Version:
    released: str  # YYYY-MM-DD
    label: str

    @property
    def year(self) -> str:
        return self.released[:4]

    @property
    def display_date(self) -> str:
        """The release date as the source writes it, e.g. '04 May 2016'."""
        return date.fromisoformat(self.released).strftime("%d %B %Y")


@dataclass(frozen=True)
class Licence:
    name: str
    url: str
    copyright: str | None
    attribution: str


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    short_title: str
    strapline: str | None
    publisher: Publisher
    version: Version
    source_title: str | None
    licence: Licence
    kinds: dict[str, ElementKind]
    introduction: Introduction
    sections: tuple[Section, ...]
    source_note: str | None = None  # how the data was made from the source; carried by the open data

    @cached_property
    def elements(self) -> tuple[Element, ...]:
        return tuple(element for section in self.sections for element in section.elements)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for element in self.elements for line in element.lines)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @cached_property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for block in self.introduction.blocks for o in block.outcomes)

    @cached_property
    def _element_positions(self) -> dict[str, int]:
        # By id: `elements.index` compares whole elements, one by one (quadratic at 100x: 1.4 s)
        return {element.id: index for index, element in enumerate(self.elements)}

    def neighbours(self, element: Element) -> tuple[Element | None, Element | None]:
        """The elements before and after `element` in the framework's order."""
        index = self._element_positions[element.id]
        before = self.elements[index - 1] if index > 0 else None
        after = self.elements[index + 1] if index + 1 < len(self.elements) else None
        return before, after
