"""The inspection workspace in Debian's Chromium, used as an inspection team would: cases recorded
through the pages and findings checked against counts worked out by hand; three inspectors' files
merged with one conflict resolved and nothing lost; importing twice changes nothing and the order
of imports does not matter; records of the version before PouchDB carried over; a storage failure
reported beside the field with nothing lost; offline after load, nothing requested off the host."""

from __future__ import annotations

import csv
import io
import json
import math
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import DESKTOP, PHONE, open_context
from .workspace_helpers import (FRAMEWORK, add_case, as_file, back_to_inspection, conflicted_export, create_inspection,
                                docs, export_inspection, import_files, judge, leaves, open_case, open_inspection,
                                open_workspace, saved)

CASES = [  # reference, inspector, judgements on 2.1.1 and 2.1.2, a note
    ("C1", "Ann", {"2.1.1": "yes", "2.1.2": "no"}, {"2.1.1": "Good rapport from the first meeting."}),
    ("C2", "Ann", {"2.1.1": "no", "2.1.2": "not-applicable"}, {}),
    ("C3", "Ann", {"2.1.1": "no", "2.1.2": "partly"}, {}),
    ("C4", "Ben", {"2.1.1": "not-applicable", "2.1.2": "no"}, {"2.1.2": "No contact for six weeks."}),
]


def wilson_percent(k: int, n: int) -> tuple[int, int]:
    """The 95% Wilson score interval, worked out here independently of the page's code."""
    z = 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(100 * (centre - half)), round(100 * (centre + half))


def rows_of(table) -> dict[str, list[str]]:
    return {row.locator("th").inner_text().strip(): row.locator("td").all_inner_texts()
            for row in table.locator("tbody tr").all()}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_cases_recorded_through_the_pages_give_findings_counted_by_hand(browser: Browser, base_url: str, viewport, tmp_path):
    context, traffic = open_context(browser, viewport=viewport)
    page = open_workspace(context.new_page(), base_url)
    create_inspection(page, "North 2026", "Ann")
    for reference, inspector, judgements, notes in CASES:
        add_case(page, reference, judgements, notes, inspector)
    expect(page.locator(".hb-ws__records tbody tr")).to_have_count(4)
    page.get_by_role("link", name="Findings across 4 records").click()
    expect(page.locator("#hb-ws-findings-title")).to_be_focused()

    # 2.1.1: Yes 1, No 2, Not applicable 1 (not counted): 3 judged. Worked out by hand.
    line = page.locator("[id='hb-f-l-2.1.1']")
    expect(line.locator(".hb-findings__sentence")).to_have_text(
        "2.1.1: Yes in 1 of 3 cases judged; No in 2 of 3 cases judged (Not applicable in 1 case, not counted).")
    low, high = wilson_percent(2, 3)
    assert rows_of(line.locator("table")) == {
        "Yes": ["1 of 3", "33%", "%d\u2013%d%%" % wilson_percent(1, 3)], "Partly": ["0 of 3", "0%", "0\u201356%"],
        "No": ["2 of 3", "67%", f"{low}\u2013{high}%"], "Not applicable": ["1", "not counted"]}
    assert line.locator("svg rect").count() == 2 and line.locator("svg").get_attribute("aria-hidden") == "true"
    # Element 2.1 (lines 2.1.1 and 2.1.2) over four cases: 8 line judgements, 2 of them Not applicable.
    element = page.locator("#hb-f-e-2\\.1 + .hb-findings__summary table")
    expect(element.locator("caption")).to_have_text("Element 2.1, all its lines: 6 line judgements judged")
    assert rows_of(element)["No"][0] == "4 of 6" and rows_of(element)["Partly"][0] == "1 of 6"
    section = page.locator("#hb-f-s-2 + .hb-findings__summary table caption")
    expect(section).to_have_text("Section 2, all its lines: 6 line judgements judged, 20 not judged")
    assert page.locator(".hb-findings__rating").count() == 0  # the 2016 framework has no rating rule

    # The cases and notes behind a figure.
    line.locator("summary").click()
    items = line.locator(".hb-findings__behind li")
    expect(items).to_have_count(4)
    expect(items.first).to_contain_text("C1 (Ann): Yes")
    expect(items.first.locator("q")).to_have_text("Good rapport from the first meeting.")

    # Filters: Ben's cases only; then a case field.
    page.get_by_label("Inspector").select_option("Ben")
    expect(page.locator("[id='hb-f-l-2.1.1'] .hb-findings__sentence")).to_have_text(
        "2.1.1: no case judged yet (Not applicable in 1 case, not counted).")
    expect(page.locator("[id='hb-f-l-2.1.2'] .hb-findings__sentence")).to_have_text("2.1.2: No in 1 of 1 case judged.")
    page.get_by_label("Inspector").select_option("")
    page.get_by_label("Case field").select_option("Case reference")
    page.get_by_label("Case reference is").select_option("C3")
    expect(page.locator("[id='hb-f-l-2.1.1'] .hb-findings__sentence")).to_have_text("2.1.1: No in 1 of 1 case judged.")
    page.get_by_label("Case field").select_option("")

    # CSV: one row per line, counts per value, the denominator, percentages and intervals.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the findings (CSV)").click()
    assert download.value.suggested_filename.startswith("North-2026_findings_case-level_Ann_")
    rows = {r["line"]: r for r in csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read(), newline=""))}
    assert len(rows) == 52  # every line of sections 2 to 5
    assert (rows["2.1.1"]["judged"], rows["2.1.1"]["no"], rows["2.1.1"]["no_percent"], rows["2.1.1"]["not-applicable"]) == ("3", "2", "67", "1")
    assert (rows["2.1.1"]["no_ci95_low"], rows["2.1.1"]["no_ci95_high"]) == (str(low), str(high))
    assert (rows["2.2.1"]["judged"], rows["2.2.1"]["not_judged"], rows["2.2.1"]["yes_percent"]) == ("0", "4", "")

    # The printed report: the inspection, its dates, the number of cases and the framework version.
    page.emulate_media(media="print")
    expect(page.locator(".hb-findings__controls")).to_be_hidden()
    expect(page.locator(".hb-findings__about")).to_contain_text("4 records")
    expect(page.locator(".hb-findings__about")).to_contain_text("version released 2016-05-04")
    pdf = tmp_path / "report.pdf"
    if viewport is DESKTOP:
        page.pdf(path=pdf, format="A4")
        assert pdf.stat().st_size > 10_000
    assert traffic.hosts_other_than(base_url) == [] and traffic.errors == []
    context.close()


def test_three_inspectors_files_merge_with_one_conflict_resolved_and_nothing_lost(browser: Browser, base_url: str, tmp_path):
    # Ann starts the inspection and its first case, and shares it.
    ann_context, _ = open_context(browser, viewport=DESKTOP)
    ann = open_workspace(ann_context.new_page(), base_url)
    create_inspection(ann, "Team merge", "Ann")
    add_case(ann, "M1", {"2.1.1": "yes"}, {"2.1.1": "Ann first saw it."})
    shared = export_inspection(ann, tmp_path)

    def colleague(name: str, value: str, note: str, own_case: str):
        context, _ = open_context(browser, viewport=DESKTOP)
        page = open_workspace(context.new_page(), base_url)
        import_files(page, shared)
        expect(page.locator(".hb-ws__status")).to_contain_text("2 new version")  # the inspection and its case
        open_inspection(page, "Team merge")
        open_case(page, "M1")
        judge(page, {"2.1.1": value}, {"2.1.1": note})
        back_to_inspection(page)
        add_case(page, own_case, {"2.2.1": "partly"}, inspector=name)
        exported = export_inspection(page, tmp_path)
        context.close()
        return exported

    ben = colleague("Ben", "no", "Ben disagrees.", "M2")
    cat = colleague("Cat", "partly", "Cat half agrees.", "M3")
    assert len({shared.name, ben.name, cat.name}) == 3  # three inspectors' files never clash
    ann_context.close()

    # The lead imports all three at once.
    lead_context, traffic = open_context(browser, viewport=DESKTOP)
    lead = open_workspace(lead_context.new_page(), base_url)
    import_files(lead, shared, ben, cat)
    expect(lead.locator(".hb-ws__status")).to_contain_text("1 record(s) now in conflict")
    before = leaves(lead)
    m1 = next(id for id, doc in docs(lead).items() if doc.get("name") == "M1")
    assert len(before[m1]) == 2  # Ben's and Cat's versions, both kept

    # Importing the same files again changes nothing.
    import_files(lead, cat, shared, ben)
    expect(lead.locator(".hb-ws__status")).to_contain_text("nothing new, everything in it was already here", timeout=5000)
    assert lead.locator(".hb-ws__status").inner_text().count("nothing new") == 3
    assert leaves(lead) == before

    # The order of imports does not matter: another device importing them backwards holds the same.
    other_context, _ = open_context(browser, viewport=DESKTOP)
    other = open_workspace(other_context.new_page(), base_url)
    for file in (cat, ben, shared):
        import_files(other, file)
        expect(other.locator(".hb-ws__status")).to_contain_text(file.name)
    assert leaves(other) == before
    assert docs(other)[m1]["_rev"] == docs(lead)[m1]["_rev"]  # the same provisional winner
    other_context.close()

    # Resolve line by line: keep Cat's judgement and note.
    open_inspection(lead, "Team merge")
    lead.get_by_role("button", name="Resolve conflict").click()
    dialog = lead.get_by_role("dialog", name="Resolve: M1")
    expect(dialog).to_contain_text("Line 2.1.1")
    dialog.get_by_label("Partly: \u201cCat half agrees.\u201d", exact=False).check()
    dialog.get_by_label("Resolved by").fill("Lead")
    dialog.get_by_role("button", name="Keep these choices").click()
    expect(lead.locator(".hb-ws__status")).to_contain_text("Resolved M1")
    expect(lead.get_by_role("button", name="Resolve conflict")).to_have_count(0)
    after = docs(lead)
    assert after[m1]["lines"]["2.1.1"] == {"judgement": "partly", "note": "Cat half agrees."}
    assert "_conflicts" not in after[m1]
    [resolution] = after[m1]["resolutions"]
    assert resolution["by"] == "Lead" and sorted(resolution["revisions"]) == before[m1]
    assert resolution["chosen"]["line:2.1.1"] in before[m1]
    # Nothing lost: every case, with every judgement its inspector made.
    records = {doc["name"]: doc for doc in after.values() if doc.get("type") == "record"}
    assert sorted(records) == ["M1", "M2", "M3"]
    assert records["M2"]["lines"]["2.2.1"]["judgement"] == "partly" and records["M2"]["inspector"] == "Ben"
    assert records["M3"]["lines"]["2.2.1"]["judgement"] == "partly" and records["M3"]["inspector"] == "Cat"
    # Re-importing the old files after resolving brings nothing back into conflict.
    import_files(lead, ben, cat)
    expect(lead.locator(".hb-ws__status")).to_contain_text("nothing new")
    assert "_conflicts" not in docs(lead)[m1]
    assert traffic.hosts_other_than(base_url) == []
    lead_context.close()


def test_files_for_another_framework_version_or_damaged_are_refused_by_name_and_change_nothing(page: Page, base_url: str):
    open_workspace(page, base_url)
    good = conflicted_export()
    other_version = {**good, "framework": {**FRAMEWORK, "version": "2021-01-01"}}
    import_files(page, as_file("north.json", "{ truncated"), as_file("old.json", other_version), as_file("good.json", good))
    alert = page.locator(".hb-ws__alert")
    expect(alert).to_contain_text("north.json: not imported, it is not valid JSON")
    expect(alert).to_contain_text("old.json: not imported, it was made with the version of the framework released 2021-01-01")
    expect(alert).to_contain_text("good.json: 3 new version(s) of records added")
    assert sorted(docs(page)) == ["inspection:test-1", "record:test-1"]


def test_records_kept_in_local_storage_by_the_earlier_version_are_carried_over_once(page: Page, base_url: str):
    old = lambda id, name, lines: {"format": "inspection-handbook-record", "formatVersion": 1, "id": id, "name": name,
                                   "framework": FRAMEWORK, "fields": {"Date": "1 May"}, "lines": lines}
    records = [old("r-1", "Visit 1", {"3.1.1": {"judgement": "yes", "note": "kept"}}),
               old("r-2", "Managers", {"6.1.1": {"judgement": "no"}})]
    page.goto(base_url + "checklists/3.1/")
    page.evaluate("v => localStorage.setItem('hb-records:hmip-qi-adult', v)", json.dumps({"records": records, "current": "r-1"}))
    page.reload()
    expect(page.locator(".hb-records__status")).to_contain_text("Moved 2 record(s)")
    expect(page.locator("input[name='judgement-3.1.1'][value='yes']")).to_be_checked()
    expect(page.locator("[id='notes-3.1.1']")).to_have_value("kept")
    page.goto(base_url + "checklists/organisational/6.1/")  # the organisational checklist's first part
    expect(page.locator("#hb-record option")).to_have_text(["Managers"])  # offered where its lines are
    expect(page.locator("input[name='judgement-6.1.1'][value='no']")).to_be_checked()
    assert page.evaluate("localStorage.getItem('hb-records:hmip-qi-adult')") is None
    assert json.loads(page.evaluate("localStorage.getItem('hb-records-before-pouchdb:hmip-qi-adult')"))["records"] == records
    page.reload()  # once: nothing is copied twice
    page.goto(base_url + "checklists/3.1/")
    page.locator("[id='hb-record-import']").set_input_files(as_file("visit.json", records[0]))  # an old export
    expect(page.locator(".hb-records__status")).to_contain_text("Imported 1 file")
    assert sorted(doc["name"] for doc in docs(page).values()) == ["Managers", "Visit 1"]


@pytest.mark.parametrize("stored, says", [
    ('{"records": [{"format": "inspection-handbook-rec', "cannot be read"),
    (json.dumps({"records": [{"formatVersion": 3, "id": "r-9", "name": "From the future"}]}), "newer version"),
])
def test_an_unreadable_or_newer_store_is_kept_aside_never_overwritten(page: Page, base_url: str, stored: str, says: str):
    page.goto(base_url + "checklists/3.1/")
    page.evaluate("v => localStorage.setItem('hb-records:hmip-qi-adult', v)", stored)
    page.reload()
    expect(page.locator(".hb-records__error")).to_contain_text(says)
    page.locator("input[name='judgement-3.1.1'][value='no']").check()  # new work goes to the new store
    saved(page)
    page.goto(base_url + "workspace/")
    expect(page.locator(".hb-ws__kept")).to_contain_text(says)
    assert page.evaluate("localStorage.getItem('hb-records:hmip-qi-adult')") == stored


def test_a_storage_failure_is_shown_beside_the_note_and_loses_nothing(browser: Browser, base_url: str):
    """The browser clears the site's database while a case is open (as Safari's seven-day rule or
    "clear site data" does): the next save fails. The failure is said in words beside the note,
    the note stays on the page, and the record is back, note and all, when the page opens again.
    (Chromium 156 ignores DevTools' quota override, so a full disk cannot be made here; a quota
    error takes the same path with its own words.)"""
    context, _ = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page with unsaved changes?"
    page.goto(base_url + "checklists/3.1/")
    page.locator("input[name='judgement-3.1.1'][value='yes']").check()
    saved(page)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context.new_cdp_session(page).send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "indexeddb"})
    note = "Contingency plan missing; checked twice with the case manager."
    page.locator("[id='notes-3.1.2']").fill(note)
    page.locator("[id='notes-3.1.2']").blur()
    error = page.locator("[id='check-3.1.2'] .hb-records__field-error")
    expect(error).to_contain_text("Not saved: The browser has closed or cleared this site's storage")
    expect(error).to_contain_text("a copy is kept")
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Not saved")
    expect(page.locator("[id='notes-3.1.2']")).to_have_value(note)  # still on the page
    page.reload()
    expect(page.locator(".hb-records__status")).to_contain_text("nothing was lost")
    expect(page.locator("[id='notes-3.1.2']")).to_have_value(note)
    expect(page.locator("input[name='judgement-3.1.1'][value='yes']")).to_be_checked()
    page.reload()  # and now it is in the store itself
    expect(page.locator("[id='notes-3.1.2']")).to_have_value(note)
    context.close()


def test_the_workspace_works_offline_after_loading_and_asks_nothing_of_other_hosts(browser: Browser, base_url: str):
    context, traffic = open_context(browser, viewport=PHONE)
    failed: list[str] = []
    context.on("requestfailed", lambda request: failed.append(request.url))
    page = open_workspace(context.new_page(), base_url)
    page.wait_for_function("() => window.HB && HB.frameworkData")  # fetched once the page is drawn
    context.set_offline(True)
    import_files(page, as_file("team.json", conflicted_export()))
    expect(page.locator(".hb-ws__status")).to_contain_text("3 new version(s)")
    open_inspection(page, "Conflict inspection")
    page.get_by_role("link", name="Findings across 1 record").click()
    expect(page.locator("[id='hb-f-l-2.1.1'] .hb-findings__sentence")).to_contain_text("in 1 of 1 case judged")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export the whole inspection").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert sorted({d["_rev"] for d in exported["docs"]}) == ["1-a1", "2-b2", "2-c2"]  # both versions travel
    expect(page.locator(".hb-ws__last-export")).not_to_contain_text("never")
    context.set_offline(False)
    assert traffic.hosts_other_than(base_url) == []
    # Only the tab's icon fails: the browser asks for it again at each step through the history, and
    # without a service worker (blocked here; test_published.py has one) nothing keeps it offline.
    assert set(failed) <= {base_url + "assets/images/favicon.png"}
    assert traffic.errors == ["Failed to load resource: net::ERR_INTERNET_DISCONNECTED"] * len(failed)
    context.close()


SHIFTS = """window.__shifts = 0; new PerformanceObserver(list => list.getEntries().forEach(
  e => { if (!e.hadRecentInput) window.__shifts += e.value; })).observe({type: "layout-shift", buffered: true});"""


def test_records_written_by_any_way_are_listed_from_their_summaries(page: Page, base_url: str):
    """The lists read records' summaries, an index kept on the device and brought up to date from the
    database's changes: records written another way (another tab, a sync, the upgrade view) are listed
    with their judgements counted, a conflict shows, and a deleted record goes."""
    open_workspace(page, base_url)
    import_files(page, as_file("team.json", conflicted_export()))
    expect(page.locator(".hb-ws__status")).to_contain_text("3 new version(s)")
    page.evaluate("""async () => {  // as another tab would: straight into the database
      const db = new PouchDB("hb-hmip-qi-adult");
      await db.put({_id: "record:other-tab", type: "record", format: "inspection-handbook-record", formatVersion: 2,
                    framework: {id: "hmip-qi-adult", version: "2016-05-04"}, checklist: "case-level",
                    inspection: "inspection:test-1", name: "T9", inspector: "Tab", date: "2026-11-04", fields: {},
                    lines: {"2.1.1": {judgement: "yes"}, "2.1.2": {judgement: "no"}, "2.1.3": {note: "a note only"}}});
    }""")
    page.goto(base_url + "workspace/#inspection=inspection:test-1")
    page.reload()  # (from the same page, going to the #inspection is not a new visit)
    rows = page.locator(".hb-ws__records tbody tr")
    expect(rows).to_have_count(2)
    assert rows.nth(1).locator("th, td").all_inner_texts()[:4] == ["T9", "Tab", "2026-11-04", "2"]
    expect(rows.nth(0).get_by_role("button", name="Resolve conflict")).to_be_visible()  # K1, in conflict
    page.evaluate("""async () => { const db = new PouchDB("hb-hmip-qi-adult"); await db.remove(await db.get("record:other-tab")); }""")
    page.reload()
    expect(rows).to_have_count(1)
    expect(page.get_by_role("link", name="Findings across 1 record")).to_be_visible()
    assert page.evaluate("""async () => Object.keys((await new PouchDB("hb-hmip-qi-adult").get("_local/summaries")).records)""") == \
        ["record:test-1"]


def test_opening_an_inspection_on_a_phone_moves_nothing_in_view(browser: Browser, base_url: str):
    """Cumulative layout shift under 0.1 ('good' in Core Web Vitals; Lighthouse measured 0.29 on a
    phone when the workspace drew itself above the rest of the page and then hid its intro)."""
    context, _ = open_context(browser, viewport=PHONE)
    page = open_workspace(context.new_page(), base_url)
    import_files(page, as_file("team.json", conflicted_export()))
    expect(page.locator(".hb-ws__status")).to_contain_text("3 new version(s)")
    page.add_init_script(SHIFTS)
    for address in ("workspace/", "workspace/#inspection=inspection:test-1", "workspace/#findings=inspection:test-1"):
        page.goto("about:blank")
        page.goto(base_url + address)
        expect(page.locator("#hb-ws-title, #hb-ws-findings-title, #hb-ws-inspections").first).to_be_visible()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shifts") < 0.1, address
    context.close()
