"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation on any page, on a desktop and on a phone,
and none on a page of each kind at every common screen size from a 320 px phone to a 1920 px desktop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import ROOT
from .conftest import DESKTOP, PHONE, open_context, page_urls, search

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# No rule is disabled.


def with_axe(context: BrowserContext) -> BrowserContext:
    """Load axe-core into every page of `context`. As an init script it is not an inline
    script of the page, so the site's Content Security Policy (rightly) does not block it."""
    assert AXE.is_file(), f"{AXE} is missing: run scripts/setup-test-tools.sh (it runs npm ci)"
    context.add_init_script(path=str(AXE))
    return context


# The theme fades its tabs and header title as a page scrolls; axe reads colours mid-fade as low
# contrast. Wait for running transitions to end (at most 3 s), then check the page as it rests.
_SETTLED_THEN_AXE = """async tags => {
  const finite = document.getAnimations().filter(a => a.playState === "running"
    && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.race([Promise.all(finite.map(a => a.finished.catch(() => null))),
                      new Promise(done => setTimeout(done, 3000))]);
  return axe.run(document, {runOnly: {type: 'tag', values: tags}});
}"""


def axe_violations(page: Page) -> list[str]:
    """Each violation as 'rule: what is wrong (where)', one per failing element."""
    result = page.evaluate(_SETTLED_THEN_AXE, WCAG_AA)
    return [f"{v['id']}: {node['failureSummary']} ({', '.join(map(str, node['target']))})"
            for v in result["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_has_no_accessibility_violations(browser: Browser, site: Path, base_url: str, viewport: dict):
    context, _ = open_context(browser, viewport=viewport)
    page = with_axe(context).new_page()
    found = {}
    for url in page_urls(site):
        page.goto(base_url + url)
        if violations := axe_violations(page):
            found[url or "/"] = violations
    context.close()
    assert not found, json.dumps(found, indent=1)


# Common screen sizes (CSS pixels) from a small phone to a desktop; every page is checked at 390x844 above.
SIZES = {"320x568": (320, 568), "768x1024": (768, 1024), "1280x720": (1280, 720), "1366x768": (1366, 768),
         "1920x1080": (1920, 1080)}
# A page of each kind; a checklist of one element has the longest navigation.
EACH_KIND = ["", "introduction/", "framework/", "framework/3/", "framework/3.1/", "checklists/", "checklists/3.1/",
             "downloads/", "themes/", "themes/victims/", "outcomes/", "glossary/", "guidance/fieldwork/", "404.html"]


def test_a_page_of_each_kind_at_every_common_size(browser: Browser, base_url: str):
    """One browser context, resized between sizes, so the check adds seconds rather than minutes."""
    context, _ = open_context(browser, viewport=DESKTOP)
    page = with_axe(context).new_page()
    found = {}
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for url in EACH_KIND:
            page.goto(base_url + url)
            if violations := axe_violations(page):
                found[f"{url or '/'} at {name}"] = violations
    context.close()
    assert not found, json.dumps(found, indent=1)


def test_search_results_and_phone_menu_have_no_accessibility_violations(browser: Browser, base_url: str):
    context, _ = open_context(browser, viewport=PHONE)
    page = with_axe(context).new_page()
    page.goto(base_url + "framework/3.1/")
    page.locator(".hb-menu-button").click()  # the navigation drawer
    page.wait_for_timeout(300)  # let the drawer finish sliding in
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.goto(base_url + "framework/3.1/")
    page.locator("label.md-header__button[for=__search]").click()
    search(page, "MAPPA")
    assert axe_violations(page) == []
    assert page.get_attribute(".md-search[role=dialog]", "aria-label") == "Search"  # named for screen readers
    context.close()


def test_search_results_in_practitioners_words_have_no_accessibility_violations(browser: Browser, base_url: str):
    for viewport in (PHONE, DESKTOP):
        context, _ = open_context(browser, viewport=viewport)
        page = with_axe(context).new_page()
        page.goto(base_url + "framework/3.1/")
        if viewport is PHONE:  # a phone opens search from the header's button
            page.locator("label.md-header__button[for=__search]").click()
        search(page, "accommodation")  # results that say why they matched
        assert page.locator(".hb-search-why").count() > 0
        assert axe_violations(page) == []
        context.close()
