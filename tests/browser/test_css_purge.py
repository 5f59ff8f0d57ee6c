"""The purged theme stylesheet (scripts/handbook/css_purge.py) changes nothing a visitor sees.

Each page, and each state that exists only once the theme's scripts have run (search results,
the phone menu, a scrolled page, the records panel with a summary), is drawn twice in Debian's
Chromium: as built, and with the theme's stylesheet swapped for the original from the installed
Material package. The two pictures must be the same to the pixel.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, Route

from handbook.assets import SOURCE_MAP_COMMENT

from .conftest import DESKTOP, PHONE, open_context, search

THEME_STYLESHEET = "**/assets/stylesheets/main.*.min.css"


def original_stylesheet() -> str:
    """Material's main stylesheet as the package ships it (its source map comment aside)."""
    found = list((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(found) == 1, found
    return SOURCE_MAP_COMMENT.sub("", found[0].read_text(encoding="utf-8"))


def record_a_judgement(page: Page) -> None:
    page.locator("input[name='judgement-3.1.1'][value='yes']").check()
    page.locator("[id='notes-3.1.2']").fill("Seen in case 12.")
    page.locator(".hb-records-summary table").wait_for()
    # The record bar says Typing…, Saving… then Saved: picture both stylesheets in the same state.
    page.wait_for_function("() => /Saved/.test(document.querySelector('.hb-records__bar-state').textContent)")


def search_for_mappa(page: Page) -> None:
    if page.viewport_size == PHONE:
        page.locator("label.md-header__button[for=__search]").click()
    search(page, "MAPPA")


def open_the_menu(page: Page) -> None:
    page.locator(".hb-menu-button").press("Enter")  # not a click: the pointer would hover over a link, or not
    page.locator(".md-sidebar--primary").wait_for(state="visible")


def scroll_down_then_up(page: Page) -> None:
    """Shadowed header, followed contents and the back-to-top button: all added by the theme's script."""
    page.evaluate("window.scrollBy(0, 3000)")
    page.locator(".md-header--shadow").wait_for()
    page.evaluate("window.scrollBy(0, -400)")
    page.locator(".md-top").wait_for(state="visible")


@dataclass(frozen=True)
class Scene:
    name: str
    url: str
    action: Callable[[Page], None] | None = None
    full_page: bool = True  # the whole page; a state of the theme's overlays shows in the window only
    viewports: tuple[dict, ...] = (DESKTOP, PHONE)


SCENES = [
    Scene("home", ""),
    Scene("element", "framework/3.1/"),
    Scene("checklist with a record", "checklists/3.1/", record_a_judgement),
    Scene("guide", "evidence/case-record/"),
    Scene("glossary", "glossary/"),
    Scene("search results", "framework/3.1/", search_for_mappa, full_page=False),
    Scene("scrolled", "framework/3.1/", scroll_down_then_up, full_page=False),
    Scene("menu", "framework/3.1/", open_the_menu, full_page=False, viewports=(PHONE,)),
]


def picture(page: Page, url: str, scene: Scene) -> Image.Image:
    page.goto(url)
    if scene.action:
        scene.action(page)
        if scene.full_page:
            # Filling in scrolls the page; a whole-page picture taken from there draws the sticky header,
            # record bar and back-to-top button in mid-page, wherever that happened to be. From the top,
            # with the theme's scroll states settled, both pictures are taken from the same place.
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_function("() => !document.querySelector('.md-header--shadow')")
            page.locator(".md-top[hidden]").wait_for(state="attached")
    # Drawing a whole page restarts the fade of the search box's placeholder (a transition on
    # ::placeholder, which neither reduced motion nor `animations` stops), so whole pages mask the
    # box; the window-sized pictures (search results, scrolled, menu) show it.
    masked = [page.locator(".md-search__input")] if scene.full_page else []
    png = page.screenshot(full_page=scene.full_page, animations="disabled", mask=masked)
    return Image.open(io.BytesIO(png)).convert("RGB")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_purged_theme_stylesheet_looks_the_same_as_the_original(browser: Browser, base_url: str, viewport: dict,
                                                                    tmp_path: Path):
    original = original_stylesheet()
    served: list[str] = []

    def serve_original(route: Route) -> None:
        served.append(route.request.url)
        route.fulfill(body=original, content_type="text/css")

    # Reduced motion turns the theme's transitions off: a picture taken as the search box widens
    # or the menu slides in would differ from the next one whatever the stylesheet.
    built, _ = open_context(browser, viewport=viewport, reduced_motion="reduce")
    unpurged, _ = open_context(browser, viewport=viewport, reduced_motion="reduce")
    unpurged.route(THEME_STYLESHEET, serve_original)
    built_page, unpurged_page = built.new_page(), unpurged.new_page()
    different = []
    for scene in (scene for scene in SCENES if viewport in scene.viewports):
        # On a busy machine Chromium has once drawn a rounded corner's edge a shade differently
        # (3 pixels, stylesheets aside): a difference the stylesheet makes is there again on a second try.
        for _ in range(2):
            as_built = picture(built_page, base_url + scene.url, scene)
            as_shipped = picture(unpurged_page, base_url + scene.url, scene)
            changed = ImageChops.difference(as_built, as_shipped).getbbox() if as_built.size == as_shipped.size else "size"
            if not changed:
                break
        if changed:
            as_built.save(tmp_path / f"{scene.name}-built.png")
            as_shipped.save(tmp_path / f"{scene.name}-original.png")
            different.append(f"{scene.name}: differs in {changed}")
    built.close()
    unpurged.close()
    assert served, "the original stylesheet was never asked for"
    assert not different, f"{different}; pictures in {tmp_path}"
