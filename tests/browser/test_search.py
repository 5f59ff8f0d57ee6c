"""What a practitioner types into the search box finds the element they mean, in the first three.

Each expected element was chosen by reading the published text (tests/reference/), not from
what the search returned: it is the element whose lines use the words typed. Where several
elements use them, all of those are expected (for example, MAPPA is named in 3.1, 3.3 and 6.2).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from source_text import read_source
from .conftest import search

QUERIES = {
    "MAPPA": ["3.1", "3.3", "6.2"],                # 3.1.2 spells it out; 3.3.2 and 6.2.5 name it
    "breach": ["1.3", "5.1"],                      # "breach action when required": 1.3.2, 5.1.3
    "children": ["3.1"],                           # 3.1.1 "particular consideration given to children"
    "victim": ["3.1", "3.3"],                      # 3.1.3 "Victim safety concerns"; 3.3.1 "protect victims"
    "resettlement": ["3.1", "3.3", "4.1"],         # 3.1.9, 3.3.10, 4.1.4
    "diversity": ["2.2", "3.3", "6.1"],            # "diversity factors": 2.2.1, 3.3.5, 6.1.5
    "motivation": ["4.3"],                         # 4.3.2 "increasing the motivation and self-respect"
    "contingency": ["3.3"],                        # 3.3.8 "contingency arrangements"
    "quality assurance": ["6.2"],                  # 6.2.4 "an effective quality assurance framework"
    "partners": ["6.3"],                           # 6.3 Partnerships: every line is about partners
    "enforcement": ["4.2"],                        # 4.2.2 "re-engaged following enforcement action"
    "vulnerability": ["3.1"],                      # 3.1.5 "Factors linked to vulnerability"
    "social capital": ["4.3"],                     # 4.3.3 "develop social capital"
    "leadership": ["6.1"],                         # 6.1 "Leadership creates an environment..."
    "desistance": ["5.3"],                         # 5.3.4 "relapses on the path to desistance"
    "safeguarding": ["3.1"],                       # 3.1.2 "local children's safeguarding processes"
    "information sharing": ["6.1"],                # 6.1.4 "e.g. information sharing"
    "non-compliance": ["3.1"],                     # 3.1.6 "contribute to non-compliance"
    "employment": ["1.1"],                         # 1.1.2 "education, training and employment"
    "substance misuse": ["1.1"],                   # 1.1.2
    "community integration": ["3.3"],              # 3.3.9 "community integration issues"
    "soft outcomes": ["5.1"],                      # 5.1.4 "the 'soft outcomes'"
    "contact levels": ["3.3", "4.1"],              # 3.3.4, 4.1.3
    "child protection": ["3.3", "6.2"],            # 3.3.2, 6.2.5
    "self-respect": ["4.3"],                       # 4.3.2
    "risk of harm": ["3.1"],                       # 3.1.1 "The potential risk of harm posed to others"
    "staff training": ["6.2"],                     # 6.2.3 "Staff are adequately trained"
    "3.3.8": ["3.3"],                              # a line number quoted in notes or a report
}


def test_every_expected_element_exists_in_the_source():
    elements = {element.id for section in read_source() for element in section.elements}
    assert {id for ids in QUERIES.values() for id in ids} <= elements


@pytest.mark.parametrize("query", QUERIES)
def test_a_practitioners_query_finds_the_element_in_the_first_three(home: Page, base_url: str, query: str):
    first_three = search(home, query)[:3]
    expected = [f"{base_url}framework/{id}/" for id in QUERIES[query]]
    assert set(expected) <= set(first_three), f"{query!r}: {first_three}"


def test_previews_show_a_lines_own_number_without_a_list_count(home: Page):
    search(home, "MAPPA")
    # Each line is a result of its own, headed by its number and text: no list, so no "2." beside "3.1.2".
    preview = home.locator(".md-search-result__item > a[href$='#line-3.1.2'] .md-search-result__article")
    assert preview.inner_text().startswith("3.1.2 Information from other agencies")
    assert preview.locator("li").count() == 0


def test_the_index_is_built_when_words_are_typed_not_as_a_page_opens(context, base_url: str):
    """The theme's worker (lunr) and the index are only loaded once someone searches: building them
    as every page opened took the page's own time on a 2-core machine (a case opened 50 ms later)."""
    browser_context, traffic = context
    page = browser_context.new_page()
    page.goto(base_url + "framework/3.3/")
    # The page has sent the index to the handbook's worker, which said it is ready to be asked.
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent !== 'Initializing search'")
    page.wait_for_timeout(500)
    theme_worker = [url for url in traffic.requests if "/workers/search." in url]
    assert any("/workers/practitioners.js" in url for url in traffic.requests)
    assert theme_worker == [], f"the theme's search worker was loaded before anything was typed: {theme_worker}"
    found = search(page, "contingency")
    assert f"{base_url}framework/3.3/" in found[:3]
    assert [url for url in traffic.requests if "/workers/search." in url], "the theme's worker answered without being loaded?"
