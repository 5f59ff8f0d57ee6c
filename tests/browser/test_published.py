"""The site as a real host publishes it: Debian's nginx with the configuration the build ships,
under a sub-path (/handbook/), driven by Debian's Chromium with service workers allowed.

After one visit the whole site works offline (pages never opened, search, records); a second
build published in place is offered, never forced, and pages of two builds never mix; the kill
switch retires the worker; the headers are right, and the CSP header agrees with the meta tag.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import ROOT, build_into, built_once
from .conftest import DESKTOP, PHONE, Traffic, open_context, search
from .nginx import Nginx
from .test_accessibility import axe_violations, with_axe
from .test_records import URL as CHECKLIST, radio

SITE_URL = "https://example.org/handbook/"
# A page of every kind, none of them visited before going offline.
NEVER_VISITED = {
    "introduction/": "Introduction",
    "framework/": "The framework",
    "framework/3/": "3.",
    "framework/3.1/": "3.1.",
    "checklists/": "Checklists",
    "checklists/case-level/": "Case-level",
    "evidence/": "Evidence sources",
    "themes/": "Themes",
    "outcomes/": "Outcomes",
    "glossary/": "Glossary",
    "guidance/fieldwork/": "fieldwork",
    "downloads/": "Downloads",
}


def until(page: Page, script: str, seconds: float = 30) -> None:
    """Wait until the (possibly asynchronous) `script` gives true in `page`."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {script}"
        time.sleep(0.2)


def worker_ready(page: Page) -> None:
    """The worker has kept every file of the site and controls the page."""
    until(page, "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real framework built to be published at https://example.org/handbook/."""
    return built_once(tmp_path_factory, worker_id, "published", lambda folder: build_into(folder / "site", "--site-url", SITE_URL))


@pytest.fixture
def nginx(published_site: Path, tmp_path: Path) -> Iterator[Nginx]:
    server = Nginx(tmp_path, published_site)
    yield server
    server.stop()


def visit_once(browser: Browser, url: str, **options: object) -> tuple[BrowserContext, Traffic, Page]:
    """A new visitor opens `url` with a connection and stays until the worker controls the page."""
    context, traffic = open_context(browser, service_workers="allow", **{"viewport": DESKTOP, **options})
    page = context.new_page()
    page.goto(url)
    worker_ready(page)
    return context, traffic, page


def test_after_one_visit_every_kind_of_page_search_and_records_work_offline(browser: Browser, nginx: Nginx):
    context, traffic, page = visit_once(browser, nginx.url)
    context.set_offline(True)
    for path, heading in NEVER_VISITED.items():
        response = page.goto(nginx.url + path)
        assert response is not None and response.status == 200, path
        expect(page.locator("h1").first).to_contain_text(heading)
    assert search(page, "MAPPA"), "search found nothing offline"
    page.goto(nginx.url + CHECKLIST)
    radio(page, "3.1.2", "partly").check()
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Saved")  # the records' scripts load on the first tick
    page.reload()
    expect(radio(page, "3.1.2", "partly")).to_be_checked()
    missing = page.goto(nginx.url + "no/such/page/")
    assert missing is not None and missing.status == 404
    expect(page).to_have_title(re.compile(r"^Page not found"))
    page.locator(".md-content a", has_text="The framework").click()
    expect(page.locator("h1").first).to_contain_text("The framework")
    context.set_offline(False)
    assert traffic.hosts_other_than(nginx.url) == []
    assert [error for error in traffic.errors if "404" not in error] == []
    context.close()


FETCH_STATUS = "url => fetch(url).then(r => r.status, () => 'failed')"


def test_downloads_are_kept_when_first_opened_or_when_the_visitor_asks(browser: Browser, nginx: Nginx):
    context, traffic, page = visit_once(browser, nginx.url + "downloads/")
    first, second = (nginx.url + f"downloads/hmip-qi-adult-checklist-{n}.pdf" for n in ("3.1", "3.2"))
    assert page.evaluate(FETCH_STATUS, first) == 200
    context.set_offline(True)
    assert page.evaluate(FETCH_STATUS, first) == 200       # kept when first downloaded
    assert page.evaluate(FETCH_STATUS, second) == "failed"   # never downloaded, not kept
    context.set_offline(False)
    page.reload()
    page.get_by_role("button", name="Keep every file on this page on this device").click()
    expect(page.locator("[data-hb-keep-status]")).to_contain_text("are kept on this device", timeout=60_000)
    context.set_offline(True)
    for name in ("hmip-qi-adult-checklist-3.2.pdf", "hmip-qi-adult-self-assessment.xlsx", "hmip-qi-adult-offline.zip"):
        assert page.evaluate(FETCH_STATUS, nginx.url + "downloads/" + name) == 200, name
    assert traffic.hosts_other_than(nginx.url) == []
    context.close()


def test_the_404_page_helps_under_the_sub_path(browser: Browser, nginx: Nginx):
    context, traffic = open_context(browser, viewport=PHONE)
    page = context.new_page()
    response = page.goto(nginx.url + "framework/9.9/")
    assert response is not None and response.status == 404
    expect(page).to_have_title(re.compile(r"^Page not found - "))
    links = page.eval_on_selector_all(".md-content a[href]", "links => links.map(a => a.href)")
    assert links and all(link.startswith(nginx.url) for link in links)
    for link in links:
        assert urllib.request.urlopen(link).status == 200, link
    page.get_by_label("Search the handbook").fill("breach")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert traffic.hosts_other_than(nginx.url) == []
    context.close()


def test_nginx_sends_the_shipped_headers(nginx: Nginx, published_site: Path):
    def get(path: str) -> tuple[int, dict[str, str]]:
        try:
            with urllib.request.urlopen(nginx.url + path) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}

    meta = BeautifulSoup((published_site / "framework/3.1/index.html").read_text(encoding="utf-8"), "html.parser")
    policy = meta.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    status, page = get("framework/3.1/")
    assert status == 200 and page["content-security-policy"] == policy
    assert page["cache-control"] == "no-cache" and page["x-content-type-options"] == "nosniff"
    for html in published_site.rglob("*.html"):   # one policy for the whole site, in every page
        assert f'content="{policy}"' in html.read_text(encoding="utf-8"), html
    assert get("sw.js")[1]["cache-control"] == "no-cache"
    theme_css = next(published_site.glob("assets/stylesheets/main.*.min.css")).relative_to(published_site).as_posix()
    status, css = get(theme_css)
    assert css["cache-control"] == "public, max-age=31536000, immutable" and css["content-security-policy"] == policy
    assert get("manifest.webmanifest")[1]["content-type"] == "application/manifest+json"
    assert get("downloads/hmip-qi-adult-offline.zip")[1]["content-type"] == "application/zip"
    status, missing = get("no/such/page/")
    assert status == 404 and missing["content-security-policy"] == policy
    assert get("_headers")[0] == 404 and get("nginx-handbook.conf")[0] == 404
    headers_file = (published_site / "_headers").read_text(encoding="utf-8")
    assert f"/handbook/*\n  Content-Security-Policy: {policy}\n" in headers_file
    assert f"/handbook/{theme_css}\n  Cache-Control: public, max-age=31536000, immutable\n" in headers_file


def test_the_site_is_installable(browser: Browser, nginx: Nginx):
    context, _, page = visit_once(browser, nginx.url)
    session = context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []   # every test context is private
    manifest = json.loads(urllib.request.urlopen(nginx.url + "manifest.webmanifest").read())
    assert manifest["start_url"] == manifest["scope"] == "./" and manifest["short_name"]
    context.close()


@pytest.fixture(scope="session")
def second_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The same handbook built again after an edit to the About page."""
    def make(folder: Path) -> Path:
        guidance = folder / "guidance"
        shutil.copytree(ROOT / "content" / "guidance", guidance)
        about = guidance / "about.md"
        about.write_text(about.read_text(encoding="utf-8").replace(
            "# About this handbook\n", "# About this handbook\n\nThis is the second build.\n", 1), encoding="utf-8")
        return build_into(folder / "site", "--site-url", SITE_URL, "--guidance", guidance)

    return built_once(tmp_path_factory, worker_id, "second", make)


def cached_builds(page: Page) -> list[str]:
    return page.evaluate("caches.keys()")


def test_a_new_build_is_offered_never_forced_and_builds_never_mix(browser: Browser, nginx: Nginx, second_build: Path):
    context, traffic = open_context(browser, service_workers="allow", viewport=DESKTOP)
    page = with_axe(context).new_page()
    page.goto(nginx.url + CHECKLIST)
    worker_ready(page)
    page.reload()   # a later visit: the worker serves the page
    first = cached_builds(page)
    notes = page.locator("textarea").first
    notes.fill("Half-written note")
    nginx.publish(second_build)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")  # as the browser does from time to time
    prompt = page.get_by_role("region", name="New version of the handbook")
    expect(prompt).to_contain_text("A new version of this handbook is available")
    expect(notes).to_have_value("Half-written note")       # nothing swapped under the visitor
    expect(notes).to_be_focused()
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert axe_violations(page) == [], size
    # Until the visitor accepts, every page comes from the first build, even in a new tab.
    other = context.new_page()
    other.goto(nginx.url + "guidance/about/")
    expect(other.locator(".md-content")).not_to_contain_text("This is the second build.")
    with page.expect_navigation():
        prompt.get_by_role("button", name="Reload now").click()
    expect(page.locator("textarea").first).to_have_value("Half-written note")   # kept on the device
    expect(page.get_by_role("region", name="New version of the handbook")).to_have_count(0)
    page.goto(nginx.url + "guidance/about/")
    expect(page.locator(".md-content")).to_contain_text("This is the second build.")
    # The other tab is not reloaded under its reader: it is told instead.
    expect(other.get_by_role("region", name="New version of the handbook")).to_be_visible()
    expect(other.locator(".md-content")).not_to_contain_text("This is the second build.")
    now = cached_builds(page)
    assert len(now) == 2 and not set(now) & set(first), (first, now)   # the first build's caches are gone
    # Every file in the new build's cache is the second build's, byte for byte (by its hash).
    held = page.evaluate("""async () => {
        const names = await caches.keys(), cache = await caches.open(names.find(n => !n.endsWith(' later'))), out = {};
        for (const request of await cache.keys()) out[request.url] = (await cache.match(request)).headers.get('X-Handbook-Sha256');
        return out; }""")
    build = worker_build(second_build)
    assert {url.removeprefix(nginx.url): digest for url, digest in held.items()} == build["now"]
    assert traffic.hosts_other_than(nginx.url) == []
    context.close()


def worker_build(site: Path) -> dict:
    """The file list the build wrote into its service worker."""
    worker = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const BUILD = (\{.*?\});\n", worker)[1])


def test_the_kill_switch_retires_the_worker_from_the_host_alone(browser: Browser, published_site: Path, tmp_path: Path):
    copy = tmp_path / "site"
    shutil.copytree(published_site, copy)
    server = Nginx(tmp_path / "nginx", copy)
    try:
        context, _, page = visit_once(browser, server.url)
        assert cached_builds(page)
        shutil.copyfile(copy / "sw-kill-switch.js", copy / "sw.js")   # all a maintainer does on the host
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        until(page, "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)")
        assert cached_builds(page) == []
        context.set_offline(True)   # nothing is kept any more: pages need the host again
        with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
            page.goto(server.url + "framework/")
        context.close()
    finally:
        server.stop()


def test_at_the_root_of_a_host_too(browser: Browser, site: Path, tmp_path: Path):
    """The site built with no site_url, published at a domain's root."""
    server = Nginx(tmp_path, site, base="/")
    try:
        context, traffic, page = visit_once(browser, server.url)
        context.set_offline(True)
        page.goto(server.url + "framework/2.1/")
        expect(page.locator("h1").first).to_contain_text("2.1.")
        missing = page.goto(server.url + "x/y/")
        assert missing is not None and missing.status == 404
        context.close()
    finally:
        server.stop()
