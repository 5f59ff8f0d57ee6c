"""Recording judgements on checklist pages (records.js) in Debian's Chromium, on the served site:
state kept in the browser (PouchDB) across reloads, several records, each checklist its own
records, export and import, bad files refused, printing a filled record, nothing sent anywhere,
and all of it by keyboard alone."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT

from .conftest import page_urls

URL = "checklists/3.1/"
SCALE = yaml.safe_load((ROOT / "data" / "judgement-scale.yaml").read_text(encoding="utf-8"))["values"]
STORE_KEY = "hb-records:hmip-qi-adult"  # where the version before PouchDB kept records


def radio(page: Page, line: str, value: str):
    return page.locator(f"input[name='judgement-{line}'][value='{value}']")


def notes(page: Page, line: str):
    return page.locator(f"[id='notes-{line}']")


def state(page: Page) -> dict[str, tuple[str | None, str]]:
    """Each line on the page: its chosen judgement (or None) and its note, as the form shows them."""
    found = page.eval_on_selector_all(".hb-check[data-line]", """checks => Object.fromEntries(checks.map(c => [
        c.dataset.line, [(c.querySelector('input[type=radio]:checked') || {}).value || null,
                         c.querySelector('textarea').value]]))""")
    return {line: tuple(value) for line, value in found.items()}


def stored(page: Page) -> list[dict]:
    """Every record document in the browser's store, as the page's own PouchDB reads it."""
    return page.evaluate("""async () => (await new PouchDB("hb-hmip-qi-adult").allDocs(
        {include_docs: true, startkey: "record:", endkey: "record:\ufff0"})).rows.map(row => row.doc)""")


def ready(page: Page) -> Page:
    # the records' scripts have opened the store, or are waiting for the user (nothing stored yet)
    expect(page.locator("#hb-records[data-state=ready], #hb-records[data-state=waiting]")).to_have_count(1)
    return page


def open_record(page: Page, name: str) -> None:
    """Choose a record from the list, and wait until the page shows it."""
    page.get_by_label("Record", exact=True).select_option(label=name)
    expect(page.locator(".hb-records__status")).to_have_text(f"Showing {name}.")


def fill_in(page: Page) -> dict:
    radio(page, "3.1.1", "yes").check()
    radio(page, "3.1.2", "partly").check()
    radio(page, "3.1.4", "no").check()
    notes(page, "3.1.1").fill("Seen in case 12: a \"full\" assessment,\nwith two lines.")
    notes(page, "3.1.3").fill("No victim contact recorded.")
    page.locator("[id='field-2']").fill("Case 12")
    return saved(page)


def saved(page: Page) -> dict:
    """Waits until the bar over the checklist says everything is saved; the form's state."""
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Saved")
    return state(page)


@pytest.fixture
def checklist(page: Page, base_url: str) -> Page:
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(base_url + URL)
    return ready(page)


def test_judgements_and_notes_persist_after_reload_and_nothing_leaves_the_device(checklist, context, base_url):
    page, (_, traffic) = checklist, context
    expect(page.locator(".hb-records")).to_contain_text("never sent anywhere")
    before = fill_in(page)
    page.reload()
    ready(page)
    assert state(page) == before
    assert before["3.1.1"] == ("yes", "Seen in case 12: a \"full\" assessment,\nwith two lines.")
    expect(page.locator("[id='field-2']")).to_have_value("Case 12")
    row = page.locator(".hb-records-summary tbody tr").filter(has_text="Element 3.1.")
    labels = [v["label"] for v in SCALE] + ["Not yet judged"]
    assert page.locator(".hb-records-summary thead th").all_inner_texts()[1:-1] == labels
    assert row.locator("td").all_inner_texts()[:5] == ["1", "1", "1", "0", "6"]
    assert row.locator("svg rect").count() == 4  # yes, partly, no and not yet judged
    assert traffic.hosts_other_than(base_url) == [] and traffic.errors == []


def test_a_second_record_and_switching_between_them(checklist):
    page = checklist
    first = fill_in(page)
    page.get_by_role("button", name="New record").click()
    assert all(value == (None, "") for value in state(page).values())
    page.get_by_label("Name of this record").fill("Case 13")
    page.get_by_label("Name of this record").press("Enter")  # named before its first judgement
    expect(page.locator(".hb-records__bar")).to_contain_text("Case 13")
    radio(page, "3.1.9", "not-applicable").check()
    notes(page, "3.1.9").fill("Custody case.")
    second = saved(page)
    records = page.get_by_label("Record", exact=True)
    assert records.locator("option").all_inner_texts() == ["Record 1", "Case 13"]
    open_record(page, "Record 1")
    assert state(page) == first
    open_record(page, "Case 13")
    assert state(page) == second
    page.reload()
    ready(page)
    assert state(page) == first  # the first record of this checklist opens first
    open_record(page, "Case 13")  # after a reload, read from the store: shown a moment later
    assert state(page) == second


def test_each_checklist_keeps_its_own_records(checklist, base_url):
    page = checklist
    fill_in(page)
    page.goto(base_url + "checklists/organisational/")
    ready(page)
    assert page.get_by_label("Record", exact=True).locator("option").all_inner_texts() == [
        "New record (starts when you enter something or name it)"]
    page.goto(base_url + URL)
    ready(page)
    assert page.get_by_label("Record", exact=True).locator("option").all_inner_texts() == ["Record 1"]


def test_export_json_delete_all_then_import_restores_the_record_exactly(checklist, tmp_path):
    page = checklist
    before = fill_in(page)
    page.get_by_label("Name of this record").fill("Case 12")
    page.get_by_label("Name of this record").press("Enter")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as JSON").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name.startswith("Case-12_")  # field 1 is empty: the record's name leads
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "inspection-handbook-export" and data["formatVersion"] == 2
    assert data["framework"] == {"id": "hmip-qi-adult", "version": "2016-05-04"}
    [record] = data["docs"]
    assert record["checklist"] == "3.1" and record["_revisions"]["start"] >= 2  # its history travels with it
    assert record["lines"]["3.1.1"] == {"judgement": "yes", "note": before["3.1.1"][1]}
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read(), newline="")))
    assert [(r["line"], r["judgement"], r["note"]) for r in rows] == [
        ("3.1.1", "yes", before["3.1.1"][1]), ("3.1.2", "partly", ""), ("3.1.3", "", "No victim contact recorded."),
        ("3.1.4", "no", "")]

    page.get_by_role("button", name="Delete all records of this checklist").click()
    expect(page.get_by_role("button", name="Export them, then delete")).to_be_focused()  # an export is offered first
    page.get_by_role("button", name="Delete without exporting").click()
    expect(page.locator(".hb-records__status")).to_contain_text("Deleted 1 record")
    assert stored(page) == [] and all(value == (None, "") for value in state(page).values())
    page.reload()
    ready(page)
    assert all(value == (None, "") for value in state(page).values())

    page.get_by_label("Import records").set_input_files(exported)
    expect(page.locator(".hb-records__status")).to_contain_text("Imported 1 file")
    assert state(page) == before
    expect(page.locator("[id='field-2']")).to_have_value("Case 12")
    [again] = stored(page)
    assert again["_id"] == record["_id"] and again["lines"] == record["lines"]


BAD_FILES = {
    "not JSON": (b"{ this is not json", "not valid JSON"),
    "another tool's JSON": (json.dumps({"cases": []}).encode(), "not a file exported from this handbook"),
    "another framework version": (None, "released 2015-01-01"),
    "a judgement off the scale": (None, "line 3.1.1"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_import_is_refused_with_a_visible_message_and_changes_nothing(checklist, case):
    page = checklist
    before = fill_in(page)
    saved = stored(page)
    content, message = BAD_FILES[case]
    if content is None:  # a record file of the version before PouchDB (still read), made wrong
        record = {"format": "inspection-handbook-record", "formatVersion": 1, "id": "r-x", "name": "X",
                  "framework": {"id": "hmip-qi-adult", "version": "2016-05-04"}, "fields": {},
                  "lines": {"3.1.1": {"judgement": "yes"}}}
        if case == "another framework version":
            record["framework"]["version"] = "2015-01-01"
        else:
            record["lines"]["3.1.1"]["judgement"] = "excellent"
        content = json.dumps(record).encode()
    page.get_by_label("Import records").set_input_files(
        {"name": "record.json", "mimeType": "application/json", "buffer": content})
    error = page.get_by_role("alert")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Not imported record.json")
    expect(error).to_contain_text(message)
    expect(error).to_contain_text("Nothing was changed")
    assert stored(page) == saved and state(page) == before


def test_a_record_from_another_version_is_left_for_the_upgrade_view_and_never_applied(page: Page, base_url):
    other = {"format": "inspection-handbook-record", "formatVersion": 1, "id": "r-old", "name": "Old visit",
             "framework": {"id": "hmip-qi-adult", "version": "2015-01-01"}, "fields": {},
             "lines": {"3.1.1": {"judgement": "no", "note": "old"}}}
    page.goto(base_url + URL)
    kept = json.dumps({"records": [other], "current": "r-old"})
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE_KEY, kept])
    page.reload()
    ready(page)
    expect(page.locator(".hb-records__error")).to_contain_text("1 record(s) in this browser were made with another version")
    assert state(page)["3.1.1"] == (None, "")
    assert stored(page) == []
    assert page.evaluate(f"localStorage.getItem({STORE_KEY!r})") == kept  # where the upgrade view reads it


def test_a_filled_record_prints_its_judgements_and_notes(checklist):
    page = checklist
    fill_in(page)
    page.emulate_media(media="print")
    expect(page.locator(".hb-records")).to_be_hidden()
    expect(page.locator(".hb-records__print-name")).to_have_text("Record: Record 1")
    line = page.locator("[id='check-3.1.1']")
    expect(line.locator("textarea")).to_be_hidden()
    expect(line.locator(".hb-check__note-print")).to_have_text("Seen in case 12: a \"full\" assessment,\nwith two lines.")
    assert line.locator("label").filter(has=page.locator("input:checked")).evaluate("l => getComputedStyle(l).fontWeight") == "700"
    expect(page.locator("[id='check-3.1.2'] textarea")).to_be_visible()  # no note: ruled space to write on


def test_without_javascript_the_page_is_a_blank_checklist(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + URL)
    expect(page.locator(".hb-records")).to_be_hidden()  # its controls would do nothing
    assert page.locator(".hb-records-summary").count() == 0
    assert page.locator(".hb-check").count() == 9 and page.locator("input[type=radio]:checked").count() == 0
    context.close()


def test_nothing_moves_when_the_script_starts_late(browser, base_url):
    """On a slow connection the page shows before records.js runs; the panel must already have its place.
    Cumulative layout shift under 0.1 is 'good' in Core Web Vitals (Lighthouse measured 0.36 when
    the script inserted the panel)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()

    def late(route):
        page.wait_for_timeout(800)
        route.continue_()

    page.route("**/records.*.js", late)  # named by its content in the built site (fingerprint.py)
    page.add_init_script("""window.__shifts = 0; new PerformanceObserver(list => list.getEntries().forEach(
        e => { if (!e.hadRecentInput) window.__shifts += e.value; })).observe({type: "layout-shift", buffered: true});""")
    page.goto(base_url + URL + "?record=record:none-such")  # a record asked for: hb/load.js loads the scripts at once
    expect(page.locator("#hb-records[data-state=ready]")).to_have_count(1)  # the script has run
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shifts") < 0.1
    context.close()


def tab_to(page: Page, accessible: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches `accessible` (a CSS selector)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", accessible):
            return
    raise AssertionError(f"Tab never reached {accessible}")


def test_the_whole_flow_works_with_the_keyboard_alone(checklist):
    page = checklist
    tab_to(page, "input[name='judgement-3.1.1']")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")        # moves to, and chooses, the next value
    page.keyboard.press("Tab")
    page.keyboard.type("Typed by keyboard.")
    page.keyboard.press("Tab")               # leaving the note saves it at once
    page.wait_for_timeout(200)
    page.reload()
    ready(page)
    assert state(page)["3.1.1"] == ("partly", "Typed by keyboard.")

    tab_to(page, "button[data-action=new]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hb-record-name"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Keyboard case")
    page.keyboard.press("Enter")             # names it, before any judgement
    expect(page.locator(".hb-records__status")).to_contain_text("Named Keyboard case")
    assert state(page)["3.1.1"] == (None, "")

    page.locator("body").focus()
    page.evaluate("window.scrollTo(0, 0)")
    tab_to(page, "#hb-record")
    page.keyboard.press("ArrowUp")           # back to Record 1
    assert state(page)["3.1.1"] == ("partly", "Typed by keyboard.")

    tab_to(page, "button[data-action=delete-all]")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")               # past "Export them, then delete"
    page.keyboard.press("Enter")             # Delete without exporting
    expect(page.locator(".hb-records__status")).to_contain_text("Deleted 2 record")
    assert stored(page) == [] and state(page)["3.1.1"] == (None, "")


def test_no_page_scrolls_sideways_on_a_phone(browser, base_url, site):
    """WCAG 1.4.10 reflow: at 320 CSS pixels wide, wide content scrolls in its own box, never the page."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    too_wide = {}
    for url in page_urls(site):
        page.goto(f"{base_url}/{url}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            too_wide[url] = overflow
    context.close()
    assert too_wide == {}
