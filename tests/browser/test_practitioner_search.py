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


@pytest.fixture(scope="module")
def home(browser, base_url: str) -> Page:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url)
    yield page
    context.close()


@pytest.mark.parametrize("query", QUERIES)
def test_a_practitioners_words_find_an_expected_line_in_the_first_three_results(home: Page, query: str):
    search(home, query)
    shown = home.evaluate(_FIRST_THREE_LINES)
    assert set(shown) & set(QUERIES[query]), f"{query!r}: lines shown in the first three results: {shown}"
