"""Search in practitioners' words: abbreviations, everyday words, other word forms and short
questions find the framework's lines they stand for among the first three results.

The queries and their right answers are in practitioner_queries.py, written before tuning.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from source_text import read_source
from .conftest import search
from .practitioner_queries import QUERIES

# The lines shown (not folded under "more") in the first three results, in order.
_FIRST_THREE_LINES = """() => [...document.querySelectorAll(".md-search-result__item")].slice(0, 3)
  .flatMap(item => [...item.querySelectorAll(":scope > a")])
  .map(link => decodeURIComponent(new URL(link.href).hash))
  .filter(hash => hash.startsWith("#line-")).map(hash => hash.slice("#line-".length))"""


def test_there_are_forty_queries_and_every_expected_line_exists_in_the_source():
    lines = {f"{element.id}.{n}" for section in read_source() for element in section.elements
             for n in range(1, len(element.lines) + 1)}
    assert len(QUERIES) >= 40
    assert {line for expected in QUERIES.values() for line in expected} <= lines


@pytest.mark.parametrize("query", QUERIES)
def test_a_practitioners_words_find_an_expected_line_in_the_first_three_results(home: Page, query: str):
    search(home, query)
    shown = home.evaluate(_FIRST_THREE_LINES)
    assert set(shown) & set(QUERIES[query]), f"{query!r}: lines shown in the first three results: {shown}"


def test_the_framework_s_lines_come_before_the_handbook_s_guidance(home: Page, base_url: str):
    """The first result of a practitioner's query is a page of the framework, showing the line."""
    for query in ("accommodation", "ETE", "supervising", "DV", "missed appointments"):
        first = home.evaluate("() => [...document.querySelectorAll('.md-search-result__item')][0]"
                              ".querySelector(':scope > a:nth-of-type(2)').href") if search(home, query) else ""
        assert first.startswith(f"{base_url}framework/") and "#line-" in first, (query, first)


def test_a_result_says_why_it_matched_when_the_words_differ(home: Page):
    search(home, "accommodation")
    line = home.locator(".md-search-result__item > a[href$='#line-1.1.2']")
    assert "Matched accommodation: living arrangements" in line.inner_text()
    assert line.locator(".hb-search-why em").inner_text() == "accommodation"
    search(home, "housing")
    assert "Matched housing: living arrangements" in home.locator(".md-search-result__item > a[href$='#line-1.1.2']").inner_text()
    search(home, "living arrangements")  # the line's own words: nothing to explain
    assert home.locator(".md-search-result__item > a[href$='#line-1.1.2']").is_visible()
    assert home.locator(".hb-search-why").count() == 0


def test_a_result_opens_the_page_at_its_line_highlighted_with_the_query_just_typed(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(base_url)
    for query, line, marked in [("accommodation", "1.1.2", {"accommodation", "living", "arrangements"}),
                                ("supervising", "2.1.2", {"supervising", "supervision"})]:
        search(page, query)
        link = page.locator(f".md-search-result__item > a[href$='#line-{line}']")
        assert link.get_attribute("href").split("?h=")[1].startswith(query)  # the query just typed, first
        link.click()
        page.wait_for_url(f"**#line-{line}")
        target = page.locator(f"[id='line-{line}']")
        assert page.evaluate("document.querySelector(':target').id") == f"line-{line}"
        assert target.evaluate("li => getComputedStyle(li).outlineStyle") == "solid"  # highlighted
        box, header = target.bounding_box(), page.locator(".md-header").bounding_box()
        assert header["y"] + header["height"] <= box["y"] and box["y"] + box["height"] <= 768  # in view, not under the header
        page.wait_for_selector("mark[data-md-highlight]")
        in_line = {word.lower() for m in target.locator("mark").all_inner_texts() for word in m.split()}
        on_page = {word.lower() for m in page.locator("mark[data-md-highlight]").all_inner_texts() for word in m.split()}
        assert in_line and in_line <= marked and on_page <= marked, (query, in_line, on_page)
    # Each result's link carries the query, the page's own link too (it used to carry nothing).
    search(page, "ROTL")
    heads = page.eval_on_selector_all(".md-search-result__item > a:first-child", "ls => ls.map(l => new URL(l.href).searchParams.get('h'))")
    assert heads and all(h.startswith("rotl") for h in heads), heads
    context.close()
