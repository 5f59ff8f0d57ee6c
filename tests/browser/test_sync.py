"""Sync with a team's own CouchDB, tested against pouchdb-server from npm (in memory): a site built
with --sync-server, two browser contexts (two inspectors' devices) syncing one inspection, a
conflict surfaced on one device, resolved there and carried to the other, nothing lost."""

from __future__ import annotations

import functools
import threading
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import build_into
from .couch import pouchdb_server
from .conftest import DESKTOP, PHONE, _QuietHandler, open_context
from .workspace_helpers import (add_case, back_to_inspection, create_inspection, docs, judge, open_case, open_inspection,
                                open_workspace)

# With `--dist loadgroup` (make test): one CouchDB and one synced site, on one worker, for all its tests.
pytestmark = pytest.mark.xdist_group("sync")


@pytest.fixture(scope="module")
def couch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pouchdb_server(tmp_path_factory.mktemp("couch")) as url:
        yield url


@pytest.fixture(scope="module")
def synced_site_url(couch: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_into(tmp_path_factory.mktemp("synced") / "site", "--sync-server", couch)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_the_policy_allows_exactly_the_named_server(couch: str, synced_site_url: str):
    html = urllib.request.urlopen(synced_site_url + "workspace/").read().decode()
    assert f"connect-src 'self' {couch}\"" in html or f"connect-src 'self' {couch};" in html
    assert f'data-sync="{couch}"' in html


def sync(page: Page) -> None:
    page.get_by_role("button", name="Sync this inspection now").click()
    expect(page.locator(".hb-ws__status")).to_contain_text("Synced with")


def test_two_devices_sync_one_inspection_and_resolve_a_conflict(browser: Browser, synced_site_url: str, couch: str):
    ann_context, ann_traffic = open_context(browser, viewport=DESKTOP)
    ben_context, _ = open_context(browser, viewport=PHONE)
    ann = open_workspace(ann_context.new_page(), synced_site_url)
    create_inspection(ann, "Synced inspection", "Ann")
    add_case(ann, "S1", {"2.1.1": "yes"}, {"2.1.1": "Seen by Ann."})
    sync(ann)

    ben = open_workspace(ben_context.new_page(), synced_site_url)
    ben.get_by_role("button", name="Fetch the team's inspections").click()
    expect(ben.locator(".hb-ws__status")).to_contain_text("Fetched 1 inspection")
    open_inspection(ben, "Synced inspection")
    add_case(ben, "S2", {"2.2.1": "partly"}, inspector="Ben")

    # The same case changed on both devices before either syncs.
    open_case(ann, "S1")
    judge(ann, {"2.1.2": "no"}, {"2.1.2": "Ann: no contingency plan."})
    back_to_inspection(ann)
    open_case(ben, "S1")
    judge(ben, {"2.1.2": "partly"}, {"2.1.2": "Ben: a plan, not reviewed."})
    back_to_inspection(ben)
    sync(ann)
    sync(ben)
    expect(ben.get_by_role("button", name="Resolve conflict")).to_be_visible()  # surfaced, both kept
    s1 = next(id for id, doc in docs(ben).items() if doc.get("name") == "S1")
    assert len(docs(ben)[s1]["_conflicts"]) == 1

    ben.get_by_role("button", name="Resolve conflict").click()
    dialog = ben.get_by_role("dialog", name="Resolve: S1")
    dialog.get_by_label("No: \u201cAnn: no contingency plan.\u201d", exact=False).check()
    dialog.get_by_role("button", name="Keep these choices").click()
    expect(ben.locator(".hb-ws__status")).to_contain_text("Resolved S1")
    sync(ben)
    sync(ann)
    for page in (ann, ben):
        doc = docs(page)[s1]
        assert "_conflicts" not in doc
        assert doc["lines"] == {"2.1.1": {"judgement": "yes", "note": "Seen by Ann."},
                                "2.1.2": {"judgement": "no", "note": "Ann: no contingency plan."}}
        assert len(doc["resolutions"]) == 1
        assert sorted(d["name"] for d in docs(page).values() if d.get("type") == "record") == ["S1", "S2"]
    expect(ann.get_by_role("button", name="Resolve conflict")).to_have_count(0)
    assert ann_traffic.hosts_other_than(synced_site_url) == [u for u in ann_traffic.requests if u.startswith(couch)]
    ann_context.close()
    ben_context.close()
