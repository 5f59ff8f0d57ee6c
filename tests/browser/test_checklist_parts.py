"""A checklist too long for one page, split into parts (scripts/handbook/checklists/parts.py), used on a
phone as an inspector would: a case opened from the workspace starts at the first part, the "next part"
link keeps the same record, and the record holds what was entered on every part; the pages pass axe."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from playwright.sync_api import Browser, Page, expect

from .conftest import PHONE, open_context
from .test_accessibility import axe_violations, with_axe
from .workspace_helpers import OPENED, REFERENCE, create_inspection, judge, open_workspace

CASE_LEVEL = "checklists/case-level/"


def open_a_case(page: Page, base_url: str, reference: str) -> str:
    """From a new inspection, add a case and open it: the id of its record, as the address has it."""
    open_workspace(page, base_url)
    create_inspection(page, "Parts inspection", "Ann")
    page.get_by_label(REFERENCE).fill(reference)
    page.get_by_role("button", name="Add and open").first.click()
    expect(page.locator(".hb-records__bar strong")).to_have_text(reference, timeout=OPENED)
    return re.search(r"[?&]record=([^&#]+)", page.url).group(1)


def test_a_case_filled_in_on_two_parts_keeps_both_in_one_record_on_a_phone(browser: Browser, base_url: str, tmp_path):
    context, _ = open_context(browser, viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    record = open_a_case(page, base_url, "P7")
    assert page.url.startswith(base_url + CASE_LEVEL + "2.1/?record="), "a case opens at the checklist's first part"
    expect(page.locator(".hb-checklist__part-position")).to_have_text(re.compile(r"^Part 1 of \d+: elements 2\.1–2\.3"))
    assert page.locator("[id='check-3.1.1']").count() == 0, "the next part's lines are on its own page"
    judge(page, {"2.1.1": "yes"}, {"2.1.1": "Met weekly."})

    page.get_by_role("link", name=re.compile(r"^Next part\s*Element 3\.1$")).click()
    page.wait_for_url(f"**/{CASE_LEVEL}3.1/?record={record}")
    expect(page.locator(".hb-records__bar strong")).to_have_text("P7", timeout=OPENED)
    expect(page.locator(".hb-checklist__part-position")).to_contain_text("Part 2 of")
    judge(page, {"3.1.1": "no"}, {"3.1.2": "No risk assessment on file."})

    page.get_by_role("link", name=re.compile(r"^Previous part\s*Elements 2\.1–2\.3$")).click()  # the pager at the part's end
    page.wait_for_url(f"**/{CASE_LEVEL}2.1/?record={record}")
    expect(page.locator("input[name='judgement-2.1.1'][value='yes']")).to_be_checked(timeout=OPENED)
    expect(page.locator("[id='notes-2.1.1']")).to_have_value("Met weekly.")

    page.get_by_role("link", name="All parts, fields and records").click()
    page.wait_for_url(f"**/{CASE_LEVEL}?record={record}")
    expect(page.locator(".hb-records__bar strong")).to_have_text("P7", timeout=OPENED)
    expect(page.get_by_label("Case reference")).to_have_value("P7")
    parts = page.locator(".hb-checklist__parts a.hb-part-link")
    assert parts.count() > 1
    for href in parts.evaluate_all("links => links.map(a => a.href)"):
        assert href.endswith(f"/?record={record}"), href  # every part opens on this record
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as JSON").click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    [saved] = [doc for doc in exported["docs"] if doc["type"] == "record"]
    assert saved["_id"] == unquote(record) and saved["checklist"] == "case-level"
    assert saved["lines"] == {"2.1.1": {"judgement": "yes", "note": "Met weekly."}, "3.1.1": {"judgement": "no"},
                              "3.1.2": {"note": "No risk assessment on file."}}
    context.close()


def test_a_part_and_the_checklists_page_with_a_record_open_pass_axe(browser: Browser, base_url: str):
    context, _ = open_context(browser, viewport=PHONE)
    page = with_axe(context).new_page()
    record = open_a_case(page, base_url, "P8")
    judge(page, {"2.1.2": "partly"})
    assert axe_violations(page) == []
    page.goto(f"{base_url}{CASE_LEVEL}?record={record}")
    expect(page.locator(".hb-records__bar strong")).to_have_text("P8", timeout=OPENED)
    assert axe_violations(page) == []
    context.close()


def test_without_scripts_the_parts_link_to_each_other_and_print_blank(browser: Browser, base_url: str):
    context, _ = open_context(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + CASE_LEVEL)
    assert page.locator(".hb-check").count() == 0, "the checklist's page lists its parts; the lines are on them"
    page.locator(".hb-checklist__parts a", has_text="element 3.3").click()
    page.wait_for_url(f"**/{CASE_LEVEL}3.3/")
    lines = page.locator(".hb-check").evaluate_all("checks => checks.map(c => c.dataset.line)")
    assert lines and all(line.startswith("3.3.") for line in lines)
    page.get_by_role("link", name=re.compile(r"^Next part\s*Elements 4\.1–4\.3$")).click()
    page.wait_for_url(f"**/{CASE_LEVEL}4.1/")
    page.emulate_media(media="print")
    assert page.locator(".hb-check__scale").first.is_visible()
    assert not page.locator(".hb-pager").is_visible(), "the pager between parts is not printed"
    context.close()
