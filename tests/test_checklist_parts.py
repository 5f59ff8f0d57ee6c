"""How a long checklist is split into parts (scripts/handbook/checklists/parts.py), on the fictional
framework (two sections: 1.1 and 1.2, then 2.1), with element sizes set here so each rule shows."""

from __future__ import annotations

from conftest import FICTIONAL, SCALE
from handbook.checklists import load_definitions
from handbook.checklists.catalogue import catalogue
from handbook.checklists.parts import ONE_PAGE_CHARS, split
from handbook.framework import load_framework

FRAMEWORK = load_framework(FICTIONAL)
WHOLE = next(c for c in catalogue(FRAMEWORK, load_definitions(FICTIONAL, SCALE, FRAMEWORK)) if c.scope == "framework")


def parts_with(sizes: dict[str, int]):
    return split(WHOLE, lambda element: sizes[element.id])


def test_a_checklist_that_fits_stays_one_page():
    assert parts_with({"1.1": 5_000, "1.2": 5_000, "2.1": ONE_PAGE_CHARS - 10_000}) is None


def test_consecutive_elements_share_a_part_while_they_fit_and_never_across_a_section():
    parts = parts_with({"1.1": 5_000, "1.2": 5_000, "2.1": ONE_PAGE_CHARS})
    assert [[e.id for e in part.elements] for part in parts.parts] == [["1.1", "1.2"], ["2.1"]]
    assert [part.path for part in parts.parts] == ["checklists/whole-framework/1.1.md", "checklists/whole-framework/2.1.md"]
    assert [part.label for part in parts.parts] == ["elements 1.1–1.2", "element 2.1"]
    assert [part.section.id for part in parts.parts] == ["1", "2"]
    assert parts.neighbours(parts.parts[0]) == (None, parts.parts[1])
    # 1.2 and 2.1 would fit one page together, but they are of two sections.
    parts = parts_with({"1.1": 10_000, "1.2": 10_001, "2.1": 1})
    assert [[e.id for e in part.elements] for part in parts.parts] == [["1.1"], ["1.2"], ["2.1"]]


def test_an_element_too_long_for_a_page_is_a_part_alone():
    parts = parts_with({"1.1": ONE_PAGE_CHARS + 1, "1.2": 1, "2.1": 1})
    assert [[e.id for e in part.elements] for part in parts.parts] == [["1.1"], ["1.2"], ["2.1"]]
    assert [part.number for part in parts.parts] == [1, 2, 3]
    assert sum(part.lines for part in parts.parts) == WHOLE.lines
