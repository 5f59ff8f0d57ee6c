"""Finding one's way round a long checklist on a phone, with scripts off: the contents list of a part
holding several elements jumps to an element, and one switch folds every line's prompts away. (Moving
between parts: tests/browser/test_checklist_parts.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from .conftest import PHONE


def test_on_a_phone_without_scripts_contents_jump_and_the_prompts_fold_away(browser: Browser, base_url: str):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "checklists/case-level/4.1/")  # the part holding elements 4.1 to 4.3
    full = page.evaluate("document.documentElement.scrollHeight")

    page.locator(".hb-checklist__contents a", has_text="4.2. Interventions are delivered in ways").click()
    expect(page).to_have_url(re.compile(r"#element-4\.2$"))
    heading = page.locator("#element-4\\.2 .hb-checklist__element-title").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= heading["y"] < PHONE["height"] / 2, (heading, header)  # in view, not under the header

    prompts = page.locator(".hb-check__prompts")
    assert prompts.first.is_visible()
    page.get_by_label("Hide the handbook's prompts").check()
    assert not any(p.is_visible() for p in prompts.all())
    folded = page.evaluate("document.documentElement.scrollHeight")
    assert folded < 0.8 * full, (folded, full)
    assert page.locator(".hb-check__text").first.is_visible() and page.locator(".hb-check__scale").first.is_visible()
    page.get_by_label("Hide the handbook's prompts").uncheck()
    assert prompts.first.is_visible()
    context.close()
