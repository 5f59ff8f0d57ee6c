"""The workspace, a case, the findings view and the merge dialog: no WCAG 2.2 A/AA violation
(axe-core) on a phone and a desktop, and the whole flow usable from the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import DESKTOP, PHONE, open_context
from .test_accessibility import axe_violations, with_axe
from .workspace_helpers import OPENED, REFERENCE, as_file, conflicted_export, import_files, open_inspection, open_workspace


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_workspace_case_findings_and_merge_dialog_have_no_violations(browser: Browser, base_url: str, viewport: dict):
    context, traffic = open_context(browser, viewport=viewport)
    page = open_workspace(with_axe(context).new_page(), base_url)
    import_files(page, as_file("team.json", conflicted_export()))
    expect(page.locator(".hb-ws__status")).to_contain_text("new version")
    found = {"workspace": axe_violations(page)}
    open_inspection(page, "Conflict inspection")
    found["inspection"] = axe_violations(page)
    page.get_by_role("button", name="Resolve conflict").click()
    expect(page.get_by_role("dialog", name="Resolve: K1")).to_be_visible()
    found["merge dialog"] = axe_violations(page)
    page.get_by_role("button", name="Cancel").click()
    page.get_by_role("link", name="Findings across 1 record").click()
    page.locator("[id='hb-f-l-2.1.1'] summary").click()
    found["findings"] = axe_violations(page)
    page.go_back()
    page.locator(".hb-ws__records").get_by_role("link", name="K1").click()
    expect(page.locator(".hb-records__bar strong")).to_have_text("K1", timeout=OPENED)
    found["case"] = axe_violations(page)
    assert {view: problems for view, problems in found.items() if problems} == {}
    assert traffic.errors == []
    context.close()


def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_everything_works_from_the_keyboard(page: Page, base_url: str):
    open_workspace(page, base_url)
    tab_to(page, "#hb-ws-name")
    page.keyboard.type("Keyboard inspection")
    tab_to(page, "#hb-ws-inspector")
    page.keyboard.type("Kay")
    page.keyboard.press("Enter")  # submits the form
    expect(page.locator("#hb-ws-title")).to_be_focused()
    tab_to(page, "[id='hb-ws-ref-case-level']")
    page.keyboard.type("KB1")
    page.keyboard.press("Enter")  # adds the case and opens it
    expect(page.locator(".hb-records__bar strong")).to_have_text("KB1")
    tab_to(page, "input[name='judgement-2.1.1']")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Saved")
    page.locator(".hb-records__bar a").focus()
    page.keyboard.press("Enter")  # back to the inspection
    expect(page.locator("#hb-ws-title")).to_be_visible()
    tab_to(page, "a[href^='#findings=']")
    page.keyboard.press("Enter")
    expect(page.locator("#hb-ws-findings-title")).to_be_focused()
    expect(page.locator("[id='hb-f-l-2.1.1'] .hb-findings__sentence")).to_have_text("2.1.1: Yes in 1 of 1 case judged.")
    tab_to(page, "[id='hb-f-l-2.1.1'] summary", limit=400)
    page.keyboard.press("Enter")
    expect(page.locator("[id='hb-f-l-2.1.1'] q")).to_have_text("Typed without a mouse.")
    # A long view: jump to an element, and the focus is there (the view stays the findings).
    address = page.url
    tab_to(page, ".hb-findings__jump summary")
    page.keyboard.press("Enter")
    tab_to(page, ".hb-findings__jump a[href='#hb-f-e-4.2']")
    page.keyboard.press("Enter")
    expect(page.locator("[id='hb-f-e-4.2']")).to_be_focused()
    assert page.url == address

    # A conflict, resolved with the keyboard.
    page.goto(base_url + "workspace/")
    import_files(page, as_file("team.json", conflicted_export()))
    open_inspection(page, "Conflict inspection")
    tab_to(page, "button.hb-ws__conflict")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Resolve: K1")
    expect(dialog.locator("input[type=radio]").first).to_be_focused()
    page.keyboard.press("ArrowDown")  # the other version
    tab_to(page, ".hb-merge button[value=keep]")
    page.keyboard.press("Enter")
    expect(page.locator(".hb-ws__status")).to_contain_text("Resolved K1")
    expect(page.get_by_role("button", name="Resolve conflict")).to_have_count(0)
