"""Carrying a record made on an earlier version to the current one (versions/upgrade/), in Debian's
Chromium on the fictional framework, which has two versions: the review count from 0 to done,
nothing lost (a deleted line's note kept, read-only), the original kept, the carried record
shown on the checklist pages; and axe-core on the change log page and the upgrade view."""

from __future__ import annotations

import functools
import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

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


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_change_log_and_upgrade_view_have_no_accessibility_violations(browser: Browser, fictional_url: str, viewport: dict):
    context, _ = open_context(browser, viewport=viewport)
    page = with_axe(context).new_page()
    found = {}
    for url in ["versions/", "versions/2029-03-01-to-2031-02-28/", "versions/2029-03-01/"]:
        page.goto(fictional_url + url)
        found[url] = axe_violations(page)
    with_records(page, fictional_url + "versions/upgrade/", OLD)
    found["upgrade"] = axe_violations(page)
    page.get_by_role("button", name="Carry to the current version: Night visit").click()
    page.wait_for_timeout(500)  # the theme's header swaps its title with a fade as the page scrolls: let it end
    found["upgrade, reviewing"] = axe_violations(page)
    for box in page.locator(".hb-upgrade__reviewed input").all():
        box.check()
    page.get_by_role("button", name="Save the carried record").click()
    page.wait_for_timeout(500)  # the theme's "Back to top" button fades in as the page scrolls up to the message
    found["upgrade, saved"] = axe_violations(page)
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
    assert page.url == (folder / "framework" / "2.1" / "index.html").as_uri() + "#line-2.1.2"
    assert traffic.hosts_other_than("file:") == [] and traffic.errors == []
    context.close()


def test_a_whole_inspection_exported_on_version_1_is_kept_and_offered_record_by_record(browser: Browser, fictional_url: str,
                                                                                      tmp_path: Path):
    revision = {"_rev": "1-ab", "_revisions": {"start": 1, "ids": ["ab"]}}
    version_1 = {"id": "lighthouse-keeping-demo", "version": "2029-03-01"}
    exported = {"format": "inspection-handbook-export", "formatVersion": 2, "framework": version_1, "docs": [
        {"_id": "inspection:i1", "type": "inspection", "name": "North light", "framework": version_1, **revision},
        {"_id": "record:a1", "type": "record", "inspection": "inspection:i1", "name": "Lamp room", "framework": version_1,
         "fields": {}, "lines": {"1.1.3": {"judgement": "no", "note": "Tin was damp."}}, **revision},
        {"_id": "record:a2", "type": "record", "inspection": "inspection:i1", "name": "Gallery", "framework": version_1,
         "fields": {}, "lines": {"2.2.3": {"judgement": "yes"}}, **revision},
    ]}
    export = tmp_path / "north-light.json"
    export.write_text(json.dumps(exported), encoding="utf-8")
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    with_records(page, fictional_url + "versions/upgrade/")
    page.set_input_files("#hb-upgrade-import", str(export))
    expect(page.locator(".hb-upgrade__status")).to_contain_text("Kept the 2 records of this inspection on this device.")
    assert [r["name"] for r in store(page)["records"]] == ["North light: Lamp room", "North light: Gallery"]
    page.get_by_role("button", name="Carry to the current version: North light: Lamp room").click()
    expect(page.locator(".hb-upgrade__counter")).to_have_text("Reviewed 0 of 0: done. You can save the carried record.")
    expect(page.locator("[data-retired='1.1.3']")).to_contain_text("Tin was damp.")
    assert traffic.errors == []
    context.close()
