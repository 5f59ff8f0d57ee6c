"""Every checklist a framework gets: one per kind, the whole framework, each section and each element."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Element, Framework, Section
from ..render import plain
from .definitions import ChecklistKind, Definitions, Notes


@dataclass(frozen=True)
class Checklist:
    """One checklist: which parts of the framework it holds and what it asks for."""

    slug: str          # its address and file name: "3.1", "3", "case-level", "whole-framework"
    scope: str         # "element", "section", "kind" or "framework"
    title: str         # heading and document title, e.g. "Element 3.1 checklist"
    label: str         # what lists of checklists call it, e.g. "3.1. Assessment establishes outcome priorities"
    purpose: str
    sections: tuple[Section, ...]  # the sections it covers, each with only the elements it covers
    fields: tuple[str, ...]
    notes: Notes

    @property
    def section_id(self) -> str:
        return self.sections[0].id

    @property
    def lines(self) -> int:
        return sum(len(element.lines) for section in self.sections for element in section.elements)


def catalogue(framework: Framework, definitions: Definitions) -> list[Checklist]:
    """All checklists in the order the site lists them."""
    whole = Checklist("whole-framework", "framework", "Whole-framework checklist", "Whole-framework checklist",
                      f"All {len(framework.sections)} sections and {len(framework.elements)} elements, line by line.",
                      framework.sections, definitions.fields, definitions.notes)
    return [*(kind_checklist(framework, kind) for kind in definitions.kinds), whole,
            *(section_checklist(section, definitions) for section in framework.sections),
            *(element_checklist(framework, element, definitions) for element in framework.elements)]


def kind_checklist(framework: Framework, kind: ChecklistKind) -> Checklist:
    sections = tuple(framework.section(section_id) for section_id in kind.section_ids)
    return Checklist(kind.id, "kind", kind.title, kind.title, kind.purpose, sections, kind.fields, kind.notes)


def section_checklist(section: Section, definitions: Definitions) -> Checklist:
    fields, notes = _header(section.id, definitions)
    return Checklist(section.id, "section", f"Section {section.id} checklist", f"{section.id}. {plain(section.title)}",
                     f"Every element of section {section.id}.",
                     (section,), fields, notes)


def element_checklist(framework: Framework, element: Element, definitions: Definitions) -> Checklist:
    section = framework.section(element.section_id)
    fields, notes = _header(section.id, definitions)
    part = Section(section.id, section.title, (element,))
    return Checklist(element.id, "element", f"Element {element.id} checklist", f"{element.id}. {plain(element.title)}",
                     f"The {element.kind.label.lower()} of element {element.id}.",
                     (part,), fields, notes)


def _header(section_id: str, definitions: Definitions) -> tuple[tuple[str, ...], Notes]:
    """A section's or element's checklist asks what the kind covering its section asks."""
    kind = definitions.kind_covering(section_id)
    return (kind.fields, kind.notes) if kind else (definitions.fields, definitions.notes)
