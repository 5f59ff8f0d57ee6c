"""Steps an inspector takes in the inspection workspace, shared by its browser tests."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

WORKSPACE = "workspace/"
FRAMEWORK = {"id": "hmip-qi-adult", "version": "2016-05-04"}
REFERENCE = "Case reference (pseudonymous, never a name)"
OPENED = 15_000  # ms: a case opens the whole case-level checklist, slow on a loaded 2-core machine


def open_workspace(page: Page, base_url: str) -> Page:
    page.goto(base_url + WORKSPACE)
    expect(page.locator(".hb-ws__main h2").first).to_be_visible()  # the store is open and drawn
    return page


def create_inspection(page: Page, name: str, inspector: str = "") -> None:
    page.get_by_label("Name of the inspection").fill(name)
    page.get_by_label("Area or provider").fill("North")
    page.get_by_label("Your name, as the inspector").fill(inspector)
    page.get_by_role("button", name="Create the inspection").click()
    expect(page.locator("#hb-ws-title")).to_have_text(name)


def open_inspection(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.locator("#hb-ws-title")).to_have_text(name)


def saved(page: Page) -> None:
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Saved", timeout=OPENED)


def judge(page: Page, judgements: dict[str, str], notes: dict[str, str] | None = None) -> None:
    """On an open case: tick each line's judgement and write its note, then wait until saved."""
    for line, value in judgements.items():
        page.locator(f"input[name='judgement-{line}'][value='{value}']").check()
    for line, note in (notes or {}).items():
        page.locator(f"[id='notes-{line}']").fill(note)
    saved(page)


def back_to_inspection(page: Page) -> None:
    page.locator(".hb-records__bar a").click()
    expect(page.locator("#hb-ws-title")).to_be_visible(timeout=OPENED)


def add_case(page: Page, reference: str, judgements: dict[str, str], notes: dict[str, str] | None = None,
             inspector: str | None = None) -> None:
    """From an inspection: add a case-level record, fill it in on its checklist, come back."""
    page.get_by_label(REFERENCE).fill(reference)
    if inspector is not None:
        page.locator("[id='hb-ws-by-case-level']").fill(inspector)
    page.get_by_role("button", name="Add and open").first.click()
    expect(page.locator(".hb-records__bar strong")).to_have_text(reference, timeout=OPENED)
    judge(page, judgements, notes)
    back_to_inspection(page)


def open_case(page: Page, reference: str) -> None:
    page.locator(".hb-ws__records").get_by_role("link", name=reference, exact=True).click()
    expect(page.locator(".hb-records__bar strong")).to_have_text(reference, timeout=OPENED)


def export_inspection(page: Page, folder: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Export the whole inspection").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def import_files(page: Page, *files: Path | dict) -> None:
    page.locator("#hb-ws-import").set_input_files(list(files))


def docs(page: Page) -> dict[str, dict]:
    """Every document in the page's store: its winning revision and any conflicting ones."""
    return page.evaluate("""async () => Object.fromEntries((await new PouchDB("hb-hmip-qi-adult").allDocs(
        {include_docs: true, conflicts: true})).rows.map(row => [row.id, row.doc]))""")


def leaves(page: Page) -> dict[str, list[str]]:
    return {id: sorted([doc["_rev"], *doc.get("_conflicts", [])]) for id, doc in docs(page).items()}


def conflicted_export(reference: str = "K1") -> dict:
    """An export file (as a colleague's device writes one) whose record is in conflict: two
    versions of it, each made from the same first version on a different device."""
    inspection = {"_id": "inspection:test-1", "_rev": "1-a1", "_revisions": {"start": 1, "ids": ["a1"]},
                  "type": "inspection", "formatVersion": 2, "framework": FRAMEWORK, "name": "Conflict inspection",
                  "area": "North", "start": "2026-11-02", "end": "2026-11-06", "inspector": "Lead"}
    base = {"_id": "record:test-1", "type": "record", "format": "inspection-handbook-record", "formatVersion": 2,
            "framework": FRAMEWORK, "checklist": "case-level", "inspection": "inspection:test-1", "name": reference,
            "date": "2026-11-03", "fields": {"Case reference": reference}}
    ann = {**base, "_rev": "2-b2", "_revisions": {"start": 2, "ids": ["b2", "b1"]}, "inspector": "Ann",
           "updated": "2026-11-03T10:00:00Z", "lines": {"2.1.1": {"judgement": "yes", "note": "Ann's note"}}}
    ben = {**base, "_rev": "2-c2", "_revisions": {"start": 2, "ids": ["c2", "b1"]}, "inspector": "Ben",
           "updated": "2026-11-03T11:00:00Z", "lines": {"2.1.1": {"judgement": "no", "note": "Ben's note"}}}
    return {"format": "inspection-handbook-export", "formatVersion": 2, "framework": FRAMEWORK,
            "exported": "2026-11-03T12:00:00Z", "docs": [inspection, ann, ben]}


def as_file(name: str, data: dict | str) -> dict:
    text = data if isinstance(data, str) else json.dumps(data)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}
