"""In a real browser, the handbook's guidance looks different from the framework's words,
and search still puts the framework's own pages before the guides."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .conftest import DESKTOP, PHONE, open_context, search

STYLE = """el => { const s = getComputedStyle(el);
  return {background: s.backgroundColor, border: s.borderLeftStyle + ' ' + s.borderTopStyle, colour: s.borderLeftColor}; }"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_guidance_is_visibly_distinct_from_the_framework_text(browser: Browser, base_url, viewport, tmp_path):
    context, _ = open_context(browser, viewport=viewport)
    page = context.new_page()
    page.goto(base_url + "framework/3.1/")
    official = page.locator("article .hb-official").first
    guidance = page.locator("article section.hb-guidance").first
    official_style, guidance_style = official.evaluate(STYLE), guidance.evaluate(STYLE)
    assert official_style["background"] != guidance_style["background"]
    assert official_style["colour"] != guidance_style["colour"]
    assert official_style["border"] == "solid none" and guidance_style["border"] == "dashed dashed"
    label = guidance.locator(".hb-guidance__label")
    assert label.is_visible()
    assert label.inner_text() == "HANDBOOK GUIDANCE · NOT PART OF THE PUBLISHED FRAMEWORK"
    # The line the guidance is about is quoted in the framework's own style, and the card sits below the framework's box.
    assert guidance.locator("blockquote.hb-quote").evaluate(STYLE)["background"] == official_style["background"]
    official_box, guidance_box = official.bounding_box(), guidance.bounding_box()
    assert guidance_box["y"] >= official_box["y"] + official_box["height"]
    page.locator("#line-3\\.1\\.9").evaluate("line => line.scrollIntoView()")  # the end of the framework's box, then the guidance
    page.screenshot(path=tmp_path / f"element-3.1-guidance-{viewport['width']}.png")
    context.close()


def test_a_lines_guidance_link_scrolls_to_its_card(browser: Browser, base_url):
    context, _ = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "framework/3.3/")
    page.locator("#line-3\\.3\\.8 a.hb-line-guidance").click()
    expect(page).to_have_url(re.compile(r"#guidance-3\.3\.8$"))
    box = page.locator("section.hb-guidance", has=page.locator("#guidance-3\\.3\\.8")).bounding_box()
    assert 0 <= box["y"] < PHONE["height"]
    context.close()


# A theme or glossary page's title matches these words too; the framework's own elements must still come first.
@pytest.mark.parametrize("query,first", [("victim", r"framework/\d+\.\d+/"), ("resettlement", r"framework/\d+\.\d+/"),
                                         ("OASys", r"framework/\d+\.\d+/")])  # in no line, but a practitioner's term for assessment
def test_search_puts_the_framework_first_and_still_finds_the_guides(page, base_url, query, first):
    page.goto(base_url)
    found = search(page, query)
    assert re.fullmatch(re.escape(base_url) + first, found[0]), found
    if query == "OASys":
        assert base_url + "glossary/" in found  # the glossary still explains it
