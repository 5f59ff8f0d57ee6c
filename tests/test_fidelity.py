"""The built site reproduces the published framework exactly, in order, with its numbering."""

from __future__ import annotations

import re

from conftest import page
from source_text import plain, read_source

SOURCE = read_source()


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def heading(tag) -> str:
    """A heading's text without its permalink sign."""
    return normalise(tag.get_text()).removesuffix("¶").strip()


def test_source_reading_finds_the_whole_framework():
    assert [s.id for s in SOURCE] == ["1", "2", "3", "4", "5", "6"]
    assert sum(len(s.elements) for s in SOURCE) == 18
    assert sum(len(e.lines) for s in SOURCE for e in s.elements) == 76


def test_every_line_is_verbatim_and_in_order_on_its_element_page(site):
    for section in SOURCE:
        for element in section.elements:
            html = page(site, f"framework/{element.id}/")
            items = html.select("ol.hb-lines > li")
            texts = [normalise(li.select_one(".hb-line-text").get_text()) for li in items]
            assert texts == element.lines, element.id
            assert [li["id"] for li in items] == [f"line-{element.id}.{n}" for n in range(1, len(element.lines) + 1)]


def test_element_and_section_titles_are_verbatim(site):
    for section in SOURCE:
        section_page = page(site, f"framework/{section.id}/")
        assert heading(section_page.h1) == f"{section.id}. {section.title}"
        for element in section.elements:
            element_page = page(site, f"framework/{element.id}/")
            assert heading(element_page.h1) == f"{element.id}. {element.title}"
            assert section.title in normalise(element_page.select_one(".hb-context").get_text())
            headings = [heading(h) for h in element_page.select(".hb-official h2")]
            assert element.heading in headings


def test_overview_lists_sections_and_elements_in_source_order(site):
    html = page(site, "framework/")
    links = [normalise(a.get_text()) for a in html.select(".hb-official a:not(.headerlink)")]
    expected = []
    for section in SOURCE:
        expected.append(f"{section.id}. {section.title}")
        expected += [f"{e.id}. {e.title}" for e in section.elements]
    assert links == expected


def test_emphasis_in_the_introduction_is_kept(site):
    html = page(site, "introduction/")
    emphasised = {normalise(tag.get_text()) for tag in html.select(".hb-official em, .hb-official strong")}
    assert {"how", "what", "should", "assessing", "evaluating", "impact", "effectiveness"} <= emphasised


def test_introduction_paragraphs_are_verbatim(site):
    source = (read_source.__globals__["REFERENCE"]).read_text(encoding="utf-8")
    intro = source.split("\nIntroduction\n", 1)[1].split("\nThe inspection framework\n", 1)[0]
    # The source breaks one paragraph across a page; the handbook joins it.
    expected = normalise(plain(intro.replace("recommendations to\n\naddress", "recommendations to address")).replace("\n- ", "\n"))
    blocks = page(site, "introduction/").select(".hb-official p:not(.hb-official__label), .hb-official li")
    text = " ".join(normalise(block.get_text()) for block in blocks)
    for sentence in re.split(r"(?<=[.:?])\s+", expected):
        assert normalise(sentence) in text
