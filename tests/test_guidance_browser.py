"""In a real browser (Debian's Chromium), the handbook's guidance looks different from the framework's words."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STYLE = """el => { const s = getComputedStyle(el);
  return {background: s.backgroundColor, border: s.borderLeftStyle + ' ' + s.borderTopStyle, colour: s.borderLeftColor}; }"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
def test_guidance_is_visibly_distinct_from_the_framework_text(served, chromium, width, height, tmp_path):
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.goto(served + "framework/3.1/")
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
    page.screenshot(path=tmp_path / f"element-3.1-guidance-{width}.png")
    page.close()


def test_a_lines_guidance_link_scrolls_to_its_card(served, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(served + "framework/3.3/")
    page.locator("#line-3\\.3\\.8 a.hb-line-guidance").click()
    assert page.url.endswith("#guidance-3.3.8")
    card = page.locator("section.hb-guidance", has=page.locator("#guidance-3\\.3\\.8"))
    box = card.bounding_box()
    assert 0 <= box["y"] < 844
    page.close()


# A theme or glossary page's title matches these words too; the framework's own elements must still come first.
@pytest.mark.parametrize("query,first", [("victim", r"framework/\d+\.\d+/"), ("resettlement", r"framework/\d+\.\d+/"),
                                         ("OASys", "glossary/")])  # in no line of the framework: the glossary finds it
def test_search_puts_the_framework_first_and_still_finds_the_guides(served, chromium, query, first):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    page.wait_for_selector(".md-search-result__item")
    href = page.locator(".md-search-result__item > a").first.get_attribute("href")
    assert re.fullmatch(re.escape(served) + first, href.split("?")[0]), href
    page.close()
