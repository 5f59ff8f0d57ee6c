"""The site works from the keyboard alone: skip link, search, menu, and a visible focus everywhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import DESKTOP, PHONE, open_context, results

# What the keyboard focus looks like: the focused element's outline or shadow, its size and
# whether it is on screen. A visually hidden radio button shows its focus on the label after it.
FOCUS = """() => {
  let shown = document.activeElement;
  const box = shown.getBoundingClientRect();
  if (box.width === 0 && shown.matches("input") && shown.nextElementSibling?.matches("label")) {
    shown = shown.nextElementSibling;
  }
  const style = getComputedStyle(shown), area = shown.getBoundingClientRect();
  return {
    element: `${shown.tagName.toLowerCase()}.${[...shown.classList].join(".")} ${(shown.innerText || shown.getAttribute("aria-label") || "").trim().slice(0, 40)}`,
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
    on_screen: area.width > 0 && area.height > 0 && area.right > 0 && area.bottom > 0
               && area.left < innerWidth && area.top < innerHeight && style.visibility === "visible",
    body: document.activeElement === document.body,
  };
}"""


def focus_stops(page: Page, limit: int = 200) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves it; what each stop looked like."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop["body"]:
            return stops
        stops.append(stop)
    raise AssertionError(f"focus did not leave the page after {limit} presses of Tab")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", ["", "framework/3.1/", "guidance/fieldwork/"])
def test_every_focus_stop_is_on_screen_with_a_visible_ring(browser: Browser, base_url: str, url: str, viewport):
    context, _ = open_context(browser, viewport=viewport)
    page = context.new_page()
    page.goto(base_url + url)
    page.wait_for_timeout(300)  # the search results panel finishes collapsing
    stops = focus_stops(page)
    context.close()
    assert len(stops) > 8
    assert [stop["element"] for stop in stops if not (stop["ring"] and stop["on_screen"])] == []


def test_the_skip_link_comes_first_and_moves_past_the_navigation(page: Page, base_url: str):
    page.goto(base_url + "framework/3.1/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0  # shown when focused
    target = skip.get_attribute("href")
    assert page.evaluate("id => document.getElementById(id).matches('h1, h2')", target.removeprefix("#"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + "framework/3.1/" + target)  # fragment navigation is reported a moment later
    page.keyboard.press("Tab")  # the next stop is in the page's content, not the navigation
    assert page.evaluate("document.activeElement.closest('article.md-content__inner') !== null")


def test_search_is_reached_typed_into_and_a_result_opened_from_the_keyboard(page: Page, base_url: str):
    page.goto(base_url + "framework/3.1/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("breach")
    assert results(page)[0] == base_url + "framework/1.3/"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "framework/1.3/**")
    assert page.locator("h1").inner_text().startswith("1.3. Individuals abide by their sentence")


def test_search_box_is_in_the_tab_order(page: Page, base_url: str):
    page.goto(base_url)
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            return
    raise AssertionError("the search box is not among the first six stops")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_phone_menu_opens_from_the_keyboard(browser: Browser, base_url: str, key: str):
    context, _ = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "framework/3.1/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    menu = page.locator(":focus")
    assert menu.evaluate("element => element.tagName") == "BUTTON"
    assert menu.get_attribute("aria-label") == "Navigation menu" and menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press(key)
    assert page.is_checked("#__drawer") and menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)  # the drawer slides in
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-sidebar--primary a')"):
            break
    else:
        raise AssertionError("no link of the opened menu took the focus")
    assert page.locator(":focus").is_visible()
    page.set_viewport_size(DESKTOP)  # wide enough for the navigation to sit beside the page
    assert not menu.is_visible()
    context.close()


def test_escape_closes_the_phone_menu_and_returns_to_its_button(browser: Browser, base_url: str):
    context, _ = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "framework/3.1/")
    menu = page.locator(".hb-menu-button")
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    page.keyboard.press("Tab")  # into the menu
    assert page.is_checked("#__drawer")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer") and menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('.hb-menu-button')")
    page.wait_for_timeout(300)
    assert not page.locator(".md-sidebar--primary a").first.is_visible()
    context.close()


TIP = "() => { const tip = document.getElementById('hb-term-tip'); return tip && !tip.hidden ? tip.innerText : null; }"


def test_glossary_terms_explain_themselves_to_keyboard_and_touch_users(browser: Browser, base_url: str):
    context, _ = open_context(browser, viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "framework/3.1/")
    term = page.locator(".md-content abbr", has_text="MAPPA").first
    assert page.evaluate(TIP) is None
    for _ in range(80):  # Tab reaches the term, and its meaning shows
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr')") and term.evaluate("t => t === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the term MAPPA")
    assert page.evaluate(TIP) == "Multi-Agency Public Protection Arrangements"
    assert term.get_attribute("aria-describedby") == "hb-term-tip"  # read out by screen readers too
    box, tip = term.bounding_box(), page.locator("#hb-term-tip").bounding_box()
    assert tip["y"] >= box["y"] + box["height"] and tip["x"] >= 0 and tip["x"] + tip["width"] <= PHONE["width"]
    page.keyboard.press("Escape")
    assert page.evaluate(TIP) is None
    page.locator("h1").tap()
    term.tap()  # a finger
    assert page.evaluate(TIP) == "Multi-Agency Public Protection Arrangements"
    page.locator("h1").tap()
    assert page.evaluate(TIP) is None
    context.close()
