"""A guide fits on one page or is split by section (guides/parts.py); finding which never renders a
long guide whole. A framework three times the size of the real one, with a stand-in for the template
that writes each line as a given number of characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbook.framework import load_framework
from handbook.guides.parts import FIRST_TRY, ONE_PAGE_CHARS, paginate
from handbook.pages.framework_pages import section_tree
from handbook.synthetic import write_scaled_framework


@pytest.fixture(scope="module")
def framework(tmp_path_factory: pytest.TempPathFactory):
    scaled = load_framework(write_scaled_framework(ROOT / "content" / "framework", 3, tmp_path_factory.mktemp("3x")))
    assert sum(len(s.elements) for s in scaled.sections) > FIRST_TRY  # the case the first try is for
    return scaled


def guide(framework, chars_per_line: int):
    """The guide listing every line, and the number of elements each render of its own page listed."""
    listed: list[int] = []

    def render(path, groups, parts, within):
        if path == "evidence/all.md":
            listed.append(len(groups))
        return "x" * (100 + chars_per_line * sum(len(g.lines) for g in groups)) + "p" * len(parts)

    line_ids = tuple(line.id for line in framework.lines)
    pages, _ = paginate(framework, section_tree(framework), "evidence/all.md", line_ids, render)
    return pages, listed


def test_a_short_guide_with_many_elements_is_one_page_of_them_all(framework):
    pages, listed = guide(framework, 1)
    assert list(pages) == ["evidence/all.md"]
    assert len(pages["evidence/all.md"]) == 100 + len(framework.lines) <= ONE_PAGE_CHARS
    assert listed[-1] == sum(len(s.elements) for s in framework.sections)


def test_a_long_guide_is_split_by_section_without_being_rendered_whole(framework):
    pages, listed = guide(framework, 1_000)
    assert len(pages) == 1 + 2 + len(framework.sections)  # the guide's page, 2 ranges (Sections 1–12, 13–18), a page per section
    assert max(listed) == FIRST_TRY  # 32 elements already make more than a page
    assert listed[-1] == 0  # the guide's own page lists the parts, not the lines
