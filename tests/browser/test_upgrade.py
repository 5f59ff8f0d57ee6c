"""Carrying a record made on an earlier version to the current one (versions/upgrade/), in Debian's
Chromium on the fictional framework, which has two versions: the review count from 0 to done,
nothing lost (a deleted line's note kept, read-only), the original kept, the carried record
shown on the checklist pages; and axe-core on the change log page and the upgrade view."""

from __future__ import annotations

import datetime
import functools
import io
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from handbook.exports.workbook import self_assessment_workbook
from handbook.pipeline import check
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from conftest import FICTIONAL, FICTIONAL_GUIDANCE

from .conftest import DESKTOP, PHONE, _QuietHandler, open_context
from .test_accessibility import axe_violations, with_axe

KEY = "hb-records:lighthouse-keeping-demo"
DB = "hb-lighthouse-keeping-demo"
OLD = {
    "format": "inspection-handbook-record", "formatVersion": 1,
    "framework": {"id": "lighthouse-keeping-demo", "version": "2029-03-01"},
    "id": "r-old", "name": "Night visit", "fields": {"Keeper": "Ann"},
    "lines": {
        "1.1.1": {"judgement": "yes", "note": "Full store."},
        "1.1.2": {"judgement": "partly"},
        "1.1.3": {"judgement": "no", "note": "Tin was damp."},
        "1.2.1": {"judgement": "yes", "note": "Log kept."},
        "1.2.2": {"note": "Some rust on the rail."},
        "2.2.1": {"judgement": "yes", "note": "Reported at once."},
        "2.2.2": {"judgement": "no"},
        "2.2.3": {"judgement": "partly", "note": "Salt on the west pane."},
    },
}


@pytest.fixture(scope="module")
def fictional_url(fictional_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(fictional_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def with_records(page: Page, url: str, *records: dict) -> None:
    """Records an older handbook kept in localStorage (before the store), on the page at `url`."""
    page.goto(url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [KEY, json.dumps({"records": list(records), "current": records[0]["id"] if records else None})])
    page.reload()


def legacy(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


def stored(page: Page) -> dict[str, dict]:
    """Every live document of the fictional framework's store, by id, without revisions."""
    docs = page.evaluate("""async () => (await new PouchDB(%r).allDocs({include_docs: true})).rows.map(r => r.doc)""" % DB)
    return {d["_id"]: {k: v for k, v in d.items() if k != "_rev"} for d in docs if not d["_id"].startswith("_")}


def seed(page: Page, docs: list[dict]) -> None:
    """Documents put straight into the store, as an earlier version of the site would have left them."""
    page.evaluate("async docs => { await new PouchDB(%r).bulkDocs(docs); }" % DB, docs)


def carried(page: Page, old_id: str) -> dict:
    kind, rest = old_id.split(":")
    return stored(page)[f"{kind}:{rest}-v20310228"]


def test_a_version_1_record_is_carried_to_version_2_with_nothing_lost(browser: Browser, fictional_url: str):
    """A record an older handbook left in localStorage: moved into the store, carried, reviewed."""
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    with_records(page, fictional_url + "versions/upgrade/", OLD)
    page.get_by_role("button", name="Carry to the current version: Night visit").click()
    counter = page.locator(".hb-upgrade__counter")
    expect(counter).to_have_text("Reviewed 0 of 3")
    # The deleted line is shown with its judgement and note, as text, not as something to edit.
    deleted = page.locator("[data-retired='1.1.3']")
    expect(deleted).to_contain_text("Tin was damp.")
    expect(deleted).to_contain_text("Spare wicks are now counted with the oil store's monthly supply")
    assert deleted.locator("input, textarea, select").count() == 0
    # Each line under review shows the earlier judgement and note, and the new line's text.
    expect(page.locator("[data-item$=':1.2.1']")).to_contain_text("Your judgement: Yes. Your note: Log kept.")
    expect(page.locator("[data-item$=':1.2.1'] .hb-diff del")).to_have_text("[removed: kept.]")
    page.get_by_label("I have reviewed line 1.2.1").check()
    expect(counter).to_have_text("Reviewed 1 of 3")
    merged = page.locator(".hb-upgrade__line[data-line='2.1.3']")
    expect(merged.locator("textarea")).to_have_value("2.2.1 (Yes): Reported at once.\n2.2.2 (No)")
    merged.get_by_label("Partly").check()
    page.get_by_label("I have reviewed line 2.1.3").check()
    page.get_by_label("I have reviewed lines 2.1.4 and 2.1.5").check()
    expect(counter).to_have_text("Reviewed 3 of 3: done.")

    docs = stored(page)
    assert legacy(page)["records"] == []  # moved into the store, where the original is kept as it was
    original = docs["record:r-old"]
    assert (original["framework"], original["name"], original["lines"]) == (OLD["framework"], "Night visit", OLD["lines"])
    record = carried(page, "record:r-old")
    assert record["framework"] == {"id": "lighthouse-keeping-demo", "version": "2031-02-28"}
    assert (record["name"], record["fields"]) == ("Night visit", {"Keeper": "Ann"})
    assert record["lines"] == {
        "1.1.1": {"judgement": "yes", "note": "Full store."},              # unchanged
        "1.1.2": {"judgement": "partly"},                                  # wording only
        "1.2.1": {"judgement": "yes", "note": "Log kept."},                # modified, reviewed
        "2.1.2": {"note": "Some rust on the rail."},                       # moved from 1.2.2
        "2.1.3": {"judgement": "partly", "note": "2.2.1 (Yes): Reported at once.\n2.2.2 (No)"},  # merged
        "2.1.4": {"judgement": "partly", "note": "Salt on the west pane."},  # split
        "2.1.5": {"judgement": "partly", "note": "Salt on the west pane."},
    }
    assert record["upgrade"]["retired"] == {"1.1.3": {
        "judgement": "no", "note": "Tin was damp.", "version": "2029-03-01", "text": "Spare wicks are kept in a dry tin.",
        "reason": "Spare wicks are now counted with the oil store's monthly supply (line 1.1.1)."}}

    # Later: the deleted line's note is still there, read-only, and the original can be deleted.
    page.reload()
    expect(counter).to_have_text("Reviewed 3 of 3: done.")
    kept = page.locator("[data-retired='1.1.3']")
    expect(kept).to_contain_text("Tin was damp.")
    assert kept.locator("input, textarea, select").count() == 0
    page.get_by_role("link", name="Back to the list").click()
    page.get_by_role("button", name="Delete this earlier record: Night visit (01 March 2029)").click()
    expect(page.locator(".hb-upgrade__status")).to_contain_text("Deleted the earlier record")
    assert "record:r-old" not in stored(page) and carried(page, "record:r-old")["lines"] == record["lines"]

    # The checklist pages show the carried record's judgements and notes.
    page.goto(fictional_url + "checklists/whole-framework/")
    expect(page.locator("input[name='judgement-2.1.3'][value='partly']")).to_be_checked()
    expect(page.locator("[id='notes-2.1.2']")).to_have_value("Some rust on the rail.")
    assert traffic.hosts_other_than(fictional_url.rstrip("/")) == [] and traffic.errors == []
    context.close()


def test_an_old_export_is_offered_for_carrying_and_kept(browser: Browser, fictional_url: str, tmp_path: Path):
    context, traffic = open_context(browser, viewport=PHONE)
    page = context.new_page()
    with_records(page, fictional_url + "versions/upgrade/")
    expect(page.locator(".hb-upgrade")).to_contain_text("No record on this device was made on an earlier version.")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**OLD, "lines": {"9.9.9": {"judgement": "yes"}}}), encoding="utf-8")
    page.set_input_files("#hb-upgrade-import", str(bad))
    expect(page.locator(".hb-upgrade__error")).to_contain_text("Not carried across: bad.json: its entry for line 9.9.9")
    assert stored(page) == {}
    export = tmp_path / "night-visit.json"
    export.write_text(json.dumps(OLD), encoding="utf-8")
    page.set_input_files("#hb-upgrade-import", str(export))
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 3")
    assert stored(page)["record:r-old"]["lines"] == OLD["lines"]  # the original is kept on the device
    # Importing it again changes nothing and opens the same review.
    page.get_by_label("I have reviewed line 1.2.1").check()
    page.get_by_role("link", name="Back to the list").click()
    page.set_input_files("#hb-upgrade-import", str(export))
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 1 of 3")
    assert sorted(stored(page)) == ["record:r-old", "record:r-old-v20310228"]
    assert traffic.errors == []
    context.close()


V1 = {"id": "lighthouse-keeping-demo", "version": "2029-03-01"}
REVISION = {"_rev": "1-ab", "_revisions": {"start": 1, "ids": ["ab"]}}
NORTH = {"_id": "inspection:north", "type": "inspection", "formatVersion": 2, "framework": V1, "name": "North light",
         "area": "Harbour", "start": "2029-05-01", "end": "2029-05-03", "inspector": "Ann", "created": "2029-05-01T09:00:00Z"}


def case(key: str, name: str, checklist: str, lines: dict) -> dict:
    return {"_id": f"record:{key}", "type": "record", "format": "inspection-handbook-record", "formatVersion": 2,
            "framework": V1, "checklist": checklist, "inspection": "inspection:north", "name": name, "inspector": "Ann",
            "date": "2029-05-02", "fields": {}, "lines": lines, "updated": "2029-05-02T10:00:00Z"}


# An inspection made on version 1: what each case needs reviewed is worked out by hand from the crosswalk.
CASES = [
    case("a", "NL-01", "full-survey", OLD["lines"]),  # 1.2.1 modified, 2.1.3 merged, 2.1.4-5 split: 3; 1.1.3 deleted
    case("b", "NL-02", "night-watch", {"1.1.3": {"judgement": "no", "note": "Tin rusty."},      # deleted
                                       "1.2.1": {"judgement": "partly", "note": "Log late."}}),  # modified: 1
    case("c", "NL-03", "night-watch", {"1.1.1": {"judgement": "yes"},                           # unchanged
                                       "1.2.2": {"judgement": "no", "note": "Rust on the rail."}}),  # moved to 2.1.2: 0
    case("d", "NL-04", "full-survey", {"2.2.3": {"judgement": "no", "note": "Salt."}}),         # split: 1
]


def review_of(page: Page, old_id: str):
    kind, rest = old_id.split(":")
    return page.locator(f"[data-record='{kind}:{rest}-v20310228']")


def test_an_inspection_made_on_version_1_is_carried_reviewed_across_visits_and_nothing_is_lost(browser: Browser,
                                                                                            fictional_url: str):
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(fictional_url + "workspace/")
    seed(page, [NORTH, *CASES])
    page.reload()
    # Where the user meets the old inspection, the workspace's list says so and offers to carry it.
    entry = page.locator(".hb-ws__list li", has_text="made on the version of the framework released 2029-03-01")
    expect(entry).to_contain_text("North light")
    entry.get_by_role("link", name="carry it to the current version: North light").click()
    counter = page.locator(".hb-upgrade__counter")
    expect(counter).to_have_text("Reviewed 0 of 5")
    expect(page.locator(".hb-upgrade__work")).to_contain_text("4 records carried")

    # A carried case opened on its checklist page says what is still to review, and leads back to it.
    page.goto(fictional_url + "checklists/night-watch/?record=record:b-v20310228")
    note = page.locator(".hb-records__mismatch")
    expect(note).to_contain_text("Carried from the version released 2029-03-01: 1 changed line is still to review")
    expect(page.locator("input[name='judgement-1.2.1'][value='partly']")).to_be_checked()  # the proposal, as it was
    note.get_by_role("link", name="Review the changed lines").click()
    expect(counter).to_have_text("Reviewed 0 of 5")

    second = review_of(page, "record:b")
    second.get_by_label("Yes", exact=True).check()
    second.get_by_label("Note for line 1.2.1").fill("Log signed late.")
    second.get_by_label("I have reviewed line 1.2.1").check()
    review_of(page, "record:a").get_by_label("I have reviewed line 1.2.1").check()
    expect(counter).to_have_text("Reviewed 2 of 5")
    page.wait_for_function("""async () => {
      const doc = await new PouchDB(%r).get("record:b-v20310228");
      return doc.upgrade.review.reviewed.length === 1 && doc.lines["1.2.1"].note === "Log signed late.";
    }""" % DB)

    # Leaving the page keeps the progress: the workspace shows it, and the review opens where it was.
    page.goto(fictional_url + "workspace/")
    carried_entry = page.locator(".hb-ws__list li", has_text="lines reviewed")
    expect(carried_entry).to_contain_text("North light")
    expect(carried_entry).to_contain_text("lines reviewed 2 of 5")
    expect(entry).to_contain_text("North light")  # the original is kept
    carried_entry.get_by_role("link", name="continue the review: North light").click()
    expect(counter).to_have_text("Reviewed 2 of 5")
    expect(second.get_by_label("Note for line 1.2.1")).to_have_value("Log signed late.")
    expect(second.get_by_label("Yes", exact=True)).to_be_checked()
    expect(second.get_by_label("I have reviewed line 1.2.1")).to_be_checked()
    first = review_of(page, "record:a")
    first.get_by_label("I have reviewed line 2.1.3").check()
    first.get_by_label("I have reviewed lines 2.1.4 and 2.1.5").check()
    review_of(page, "record:d").get_by_label("I have reviewed lines 2.1.4 and 2.1.5").check()
    expect(counter).to_have_text("Reviewed 5 of 5: done.")
    page.wait_for_function("""async () => (await new PouchDB(%r).get("record:d-v20310228")).upgrade.review.reviewed.length === 1""" % DB)

    docs = stored(page)
    for old in [NORTH, *CASES]:  # the originals, untouched
        assert docs[old["_id"]] == old
    inspection = carried(page, "inspection:north")
    assert (inspection["name"], inspection["framework"]["version"], inspection["upgrade"]["from"]["inspection"]) == (
        "North light", "2031-02-28", "inspection:north")
    records = {r["name"]: r for r in docs.values() if r.get("inspection") == "inspection:north-v20310228"}
    assert sorted(records) == ["NL-01", "NL-02", "NL-03", "NL-04"]
    assert records["NL-01"]["lines"] == {
        "1.1.1": {"judgement": "yes", "note": "Full store."}, "1.1.2": {"judgement": "partly"},
        "1.2.1": {"judgement": "yes", "note": "Log kept."}, "2.1.2": {"note": "Some rust on the rail."},
        "2.1.3": {"note": "2.2.1 (Yes): Reported at once.\n2.2.2 (No)"},  # the judgements disagreed: both kept in the note
        "2.1.4": {"judgement": "partly", "note": "Salt on the west pane."},
        "2.1.5": {"judgement": "partly", "note": "Salt on the west pane."}}
    assert records["NL-02"]["lines"] == {"1.2.1": {"judgement": "yes", "note": "Log signed late."}}
    assert records["NL-02"]["upgrade"]["retired"]["1.1.3"]["note"] == "Tin rusty."
    assert records["NL-03"]["lines"] == {"1.1.1": {"judgement": "yes"}, "2.1.2": {"judgement": "no", "note": "Rust on the rail."}}
    assert records["NL-03"]["checklist"] == "full-survey"  # its line moved out of the night watch's section
    assert records["NL-04"]["lines"] == {"2.1.4": {"judgement": "no", "note": "Salt."}, "2.1.5": {"judgement": "no", "note": "Salt."}}
    assert all((r["inspector"], r["date"]) == ("Ann", "2029-05-02") for r in records.values())

    # Reopened later: the deleted lines' judgements and notes are still there, read-only.
    page.reload()
    expect(counter).to_have_text("Reviewed 5 of 5: done.")
    for old, note in [("record:a", "Tin was damp."), ("record:b", "Tin rusty.")]:
        kept = review_of(page, old).locator("[data-retired='1.1.3']")
        expect(kept).to_contain_text(note)
        assert kept.locator("input, textarea, select").count() == 0
    page.get_by_role("link", name="Open \u201cNorth light\u201d in the inspection workspace").click()
    expect(page.get_by_role("link", name="Findings across 4 records")).to_be_visible()
    assert traffic.hosts_other_than(fictional_url.rstrip("/")) == [] and traffic.errors == []
    context.close()


def inspection_export(tmp_path: Path) -> Path:
    exported = {"format": "inspection-handbook-export", "formatVersion": 2, "framework": V1, "docs": [
        {**NORTH, **REVISION},
        {**case("a1", "Lamp room", "night-watch", {"1.1.3": {"judgement": "no", "note": "Tin was damp."}}), **REVISION},
        {**case("a2", "Gallery", "full-survey", {"2.2.3": {"judgement": "yes"}}), **REVISION},
    ]}
    export = tmp_path / "north-light.json"
    export.write_text(json.dumps(exported), encoding="utf-8")
    return export


def test_a_whole_inspection_exported_on_version_1_is_offered_for_carrying_where_it_is_imported(
        browser: Browser, fictional_url: str, tmp_path: Path):
    export = inspection_export(tmp_path)
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    # Imported in the workspace: kept as it was (not refused, not applied), and offered for carrying.
    page.goto(fictional_url + "workspace/")
    page.set_input_files("#hb-ws-import", str(export))
    expect(page.locator(".hb-ws__status")).to_contain_text("It was made on the version of the framework released 2029-03-01")
    expect(page.locator(".hb-ws__list li", has_text="North light")).to_contain_text("made on the version of the framework released 2029-03-01")
    assert stored(page)["record:a2"]["lines"] == {"2.2.3": {"judgement": "yes"}}
    # A record of it opened on its checklist page is not applied there, and links to carrying its inspection.
    page.goto(fictional_url + "checklists/full-survey/?record=record:a2")
    mismatch = page.locator(".hb-records__mismatch")
    expect(mismatch).to_contain_text("released 2029-03-01")
    mismatch.get_by_role("link", name="Carry its inspection to the current version").click()
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 1")
    expect(review_of(page, "record:a1").locator("[data-retired='1.1.3']")).to_contain_text("Tin was damp.")
    assert traffic.errors == []
    context.close()

    # Imported on the upgrade page of another device: kept, and carried at once.
    context, traffic = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(fictional_url + "versions/upgrade/")
    page.set_input_files("#hb-upgrade-import", str(export))
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 1")
    docs = stored(page)
    assert {"inspection:north", "record:a1", "record:a2", "inspection:north-v20310228", "record:a2-v20310228"} <= set(docs)
    assert traffic.errors == []
    context.close()


def v1_workbook(tmp_path: Path) -> Path:
    """The self-assessment workbook the handbook makes for version 1 of the fictional framework, filled
    in by a team as a spreadsheet user would: cases on the Cases sheet, judgements chosen in each case's
    column, notes on the Notes sheet."""
    framework, site = check(FICTIONAL, FICTIONAL_GUIDANCE)
    version_1 = site.history.earlier[0]
    assert version_1.version.released == "2029-03-01"
    book = load_workbook(io.BytesIO(self_assessment_workbook(version_1, site.checklists.scale)))
    cases = book["Cases"]
    cases["B2"], cases["B3"] = "Harbour Board", "North light survey"
    for row, (reference, assessor) in enumerate([("NL-01", "Ann"), ("NL-02", "Ben"), ("NL-03", "Ann")], start=8):
        cases.cell(row, 2, reference)
        cases.cell(row, 3, assessor)
        cases.cell(row, 4, datetime.date(2029, 5, row - 6))
    judgements = {1: {"1.1.1": "Yes", "1.1.3": "No", "1.2.1": "Partly", "1.2.2": "Yes", "2.2.1": "Yes", "2.2.2": "Yes", "2.2.3": "No"},
                  2: {"1.1.2": "Not applicable", "1.2.1": "No"}}
    for sheet in (book["Section 1"], book["Section 2"]):
        column = {int(re.search(r"\$B\$(\d+)", str(c.value)).group(1)) - 7: c.column for c in sheet[2] if "$B$" in str(c.value)}
        for row in range(3, sheet.max_row + 1):
            for number, values in judgements.items():
                if sheet.cell(row, 1).value in values:
                    sheet.cell(row, column[number], values[sheet.cell(row, 1).value])
    notes = book["Notes"]
    for row, (number, line, note) in enumerate([(1, "1.1.3", "Tin was damp."), (1, "1.1.3", "Checked twice."),
                                                 (2, "1.2.1", "No log for May.")], start=2):
        notes.cell(row, 1, number)
        notes.cell(row, 3, line)
        notes.cell(row, 4, note)
    path = tmp_path / "north-light-workbook.xlsx"
    book.save(path)
    return path


def test_a_filled_version_1_workbook_is_carried_to_version_2(browser: Browser, fictional_url: str, tmp_path: Path):
    workbook = v1_workbook(tmp_path)
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(fictional_url + "versions/upgrade/")
    not_a_workbook = tmp_path / "findings.xlsx"
    not_a_workbook.write_text("Line,Yes,No\n", encoding="utf-8")
    page.set_input_files("#hb-upgrade-import", str(not_a_workbook))
    expect(page.locator(".hb-upgrade__error")).to_have_text(
        "Not carried across: findings.xlsx: it is not a workbook (XLSX) file: it is not a zip archive. Nothing was changed.")
    assert stored(page) == {}
    page.set_input_files("#hb-upgrade-import", str(workbook))
    counter = page.locator(".hb-upgrade__counter")
    expect(counter).to_have_text("Reviewed 0 of 4")  # NL-01: 1.2.1, 2.1.3, 2.1.4-5; NL-02: 1.2.1
    for box in page.locator(".hb-upgrade__reviewed input").all():
        box.check()
    expect(counter).to_have_text("Reviewed 4 of 4: done.")
    page.wait_for_timeout(300)
    docs = stored(page)
    earlier = [d for d in docs.values() if d["type"] == "inspection" and d["framework"] == V1]
    assert [(d["name"], d["area"]) for d in earlier] == [("North light survey", "Harbour Board")]  # kept as the workbook had it
    old = {d["name"]: d for d in docs.values() if d.get("inspection") == earlier[0]["_id"]}
    assert old["NL-01"]["lines"]["1.1.3"] == {"judgement": "no", "note": "Tin was damp.\nChecked twice."}
    assert (old["NL-01"]["checklist"], old["NL-02"]["checklist"]) == ("full-survey", "night-watch")
    new = {d["name"]: d for d in docs.values() if d["type"] == "record" and d["framework"]["version"] == "2031-02-28"}
    assert sorted(new) == ["NL-01", "NL-02", "NL-03"]
    assert new["NL-01"]["lines"] == {
        "1.1.1": {"judgement": "yes"}, "1.2.1": {"judgement": "partly"}, "2.1.2": {"judgement": "yes"},
        "2.1.3": {"judgement": "yes"},  # merged from two lines judged Yes: agreed
        "2.1.4": {"judgement": "no"}, "2.1.5": {"judgement": "no"}}
    assert new["NL-01"]["upgrade"]["retired"]["1.1.3"]["note"] == "Tin was damp.\nChecked twice."
    assert new["NL-02"]["lines"] == {"1.1.2": {"judgement": "not-applicable"}, "1.2.1": {"judgement": "no", "note": "No log for May."}}
    assert [(new[n]["inspector"], new[n]["date"]) for n in ("NL-01", "NL-02", "NL-03")] == [
        ("Ann", "2029-05-02"), ("Ben", "2029-05-03"), ("Ann", "2029-05-04")]
    assert new["NL-03"]["lines"] == {}

    # The earlier inspection, kept until now, can be deleted; the carried one stays.
    page.get_by_role("link", name="Back to the list").click()
    page.get_by_role("button", name="Delete this earlier inspection: North light survey (01 March 2029)").click()
    expect(page.locator(".hb-upgrade__status")).to_have_text("Deleted the earlier inspection \u201cNorth light survey\u201d.")
    left = stored(page)
    assert [d for d in left.values() if d["framework"] == V1] == []
    assert sorted(d["name"] for d in left.values() if d["type"] == "record") == ["NL-01", "NL-02", "NL-03"]
    assert traffic.errors == []
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_change_log_and_upgrade_view_have_no_accessibility_violations(browser: Browser, fictional_url: str, viewport: dict):
    context, _ = open_context(browser, viewport=viewport)
    page = with_axe(context).new_page()
    found = {}
    for url in ["versions/", "versions/2029-03-01-to-2031-02-28/", "versions/2029-03-01/"]:
        page.goto(fictional_url + url)
        found[url] = axe_violations(page)
    with_records(page, fictional_url + "versions/upgrade/", OLD)
    seed(page, [NORTH, *CASES])
    page.reload()
    expect(page.locator("[data-inspection='inspection:north']")).to_be_visible()
    found["upgrade, list"] = axe_violations(page)
    page.get_by_role("button", name="Carry to the current version: North light").click()
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 5")
    found["upgrade, reviewing an inspection"] = axe_violations(page)
    page.get_by_role("link", name="Back to the list").click()
    page.get_by_role("button", name="Carry to the current version: Night visit").click()
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 3")
    for box in page.locator(".hb-upgrade__reviewed input").all():
        box.check()
    found["upgrade, reviewed"] = axe_violations(page)
    page.goto(fictional_url + "workspace/")
    expect(page.locator(".hb-ws__version").first).to_be_visible()
    found["workspace, earlier and carried inspections"] = axe_violations(page)
    context.close()
    assert all(v == [] for v in found.values()), json.dumps(found, indent=1)


def test_the_upgrade_view_works_in_the_offline_copy_opened_from_disk(browser: Browser, fictional_site: Path, tmp_path: Path):
    """Its scripts are classic scripts: Chromium refuses ES module scripts from file://."""
    with zipfile.ZipFile(fictional_site / "downloads" / "lighthouse-keeping-demo-offline.zip") as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "lighthouse-keeping-demo-offline"
    context, traffic = open_context(browser, viewport=PHONE)
    page = context.new_page()
    with_records(page, (folder / "versions" / "upgrade" / "index.html").as_uri(), OLD)
    page.get_by_role("button", name="Carry to the current version: Night visit").click()
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 3")
    page.goto((folder / "versions" / "index.html").as_uri())
    page.get_by_role("link", name="From 01 March 2029 to 28 February 2031").click()
    assert page.url == (folder / "versions" / "2029-03-01-to-2031-02-28" / "index.html").as_uri()
    page.locator(".hb-change--moved a").last.click()
    expect(page).to_have_url((folder / "framework" / "2.1" / "index.html").as_uri() + "#line-2.1.2")
    assert traffic.hosts_other_than("file:") == [] and traffic.errors == []
    context.close()
