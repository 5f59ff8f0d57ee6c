"""In a real browser every page, and a search, asks only the site itself for anything, and
the Content Security Policy is in force without getting in the way of the site."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page

from .conftest import page_urls, search


def test_every_page_and_a_search_request_nothing_from_another_host(context, site: Path, base_url: str):
    browser_context, traffic = context
    page = browser_context.new_page()
    for url in page_urls(site):
        page.goto(base_url + url)
    assert search(page, "MAPPA")  # the search worker and its index load now
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/search/search_index.json") for url in traffic.requests)
    assert any("/workers/search." in url for url in traffic.requests)
    assert traffic.hosts_other_than(base_url) == []
    assert traffic.errors == []  # policy violations and script errors are reported here


def test_the_policy_blocks_code_the_site_did_not_ship(page: Page, context, base_url: str):
    _, traffic = context
    failed = []
    page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
    page.goto(base_url + "framework/3.1/")
    page.evaluate("""() => {
      const inline = document.createElement("script");
      inline.textContent = "window.injected = true";
      document.body.append(inline);
      const remote = document.createElement("img");
      remote.src = "https://example.org/pixel.png";
      document.body.append(remote);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert any("script-src" in error and "inline" in error for error in traffic.errors)
    assert any("img-src" in error and "example.org" in error for error in traffic.errors)
    assert failed == [("https://example.org/pixel.png", "csp")]  # blocked before it left the browser


def test_navigation_search_and_the_themes_own_scripts_work_under_the_policy(page: Page, context, base_url: str):
    _, traffic = context
    page.goto(base_url)
    assert page.evaluate("typeof __md_get") == "function"  # the theme's inline script ran: its hash is allowed
    page.locator(".md-tabs__link", has_text="The framework").click()
    page.get_by_role("link", name="3.3. Planning enables the required services").first.click()
    assert page.url == base_url + "framework/3.3/"
    assert page.locator("h1").inner_text().startswith("3.3. Planning")
    assert search(page, "contingency")[0] == base_url + "framework/3.3/"
    assert traffic.errors == []


def test_no_inline_event_handlers_or_script_urls(site: Path):
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path
        assert "javascript:" not in html, path
