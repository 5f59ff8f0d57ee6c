"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Run alone with `pytest tests/browser`. The site is built once per test session (the `site`
fixture in tests/conftest.py) and served by a threaded HTTP server inside the test process
on a port the system picks, so several test runs on one machine never collide.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

# Playwright cannot download its own browser here; these flags keep Chromium from calling home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Reported to the console by every page, so a test sees policy violations however they arise.
REPORT_POLICY_VIOLATIONS = """document.addEventListener("securitypolicyviolation", e =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"}`))"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served at http://127.0.0.1:<free port>/."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: run scripts/setup-test-tools.sh"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Traffic:
    """What a browser context asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def hosts_other_than(self, allowed: str) -> list[str]:
        """Requests to anywhere but `allowed` (an origin such as http://127.0.0.1:8000, or file:)."""
        return [url for url in self.requests if not _same_place(url, allowed)]


def _same_place(url: str, allowed: str) -> bool:
    if allowed == "file:":
        return url.startswith("file:") or url.startswith(("about:", "data:"))
    parts, wanted = urlsplit(url), urlsplit(allowed)
    return parts.scheme == "data" or (parts.scheme, parts.netloc) == (wanted.scheme, wanted.netloc)


def open_context(browser: Browser, **options: object) -> tuple[BrowserContext, Traffic]:
    """A fresh context whose every request (the search worker's included) and error is recorded.
    Service workers are blocked unless a test allows them (tests/browser/test_published.py does):
    elsewhere they would only fetch the whole site in the background of every test."""
    context = browser.new_context(**{"service_workers": "block", **options})
    traffic = Traffic()
    # Requests are recorded on the context, not the page: only the context sees the worker's.
    context.on("request", lambda request: traffic.requests.append(request.url))
    context.on("console", lambda message: message.type == "error" and traffic.errors.append(message.text))
    context.on("weberror", lambda error: traffic.errors.append(str(error.error)))
    context.add_init_script(REPORT_POLICY_VIOLATIONS)
    return context, traffic


@pytest.fixture
def context(browser: Browser) -> Iterator[tuple[BrowserContext, Traffic]]:
    context, traffic = open_context(browser, viewport=DESKTOP)
    yield context, traffic
    context.close()


@pytest.fixture
def page(context: tuple[BrowserContext, Traffic]) -> Page:
    return context[0].new_page()


@pytest.fixture(scope="module")
def home(browser, base_url: str) -> Page:
    """The home page, where each query in turn replaces the last in the search box."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url)
    yield page
    context.close()


def page_urls(site: Path) -> list[str]:
    """The URL path of every built page, as a visitor reaches it ('' for the home page)."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append(relative.removesuffix("index.html"))
    assert len(urls) > 30, f"only {len(urls)} pages in {site}"
    return urls


# True once the result list is not empty and has not changed since the last poll, so a test
# reads the results for the whole query, not for the letters typed so far.
_RESULTS_SETTLED = """() => {
  const list = document.querySelector(".md-search-result__list"), now = list.innerHTML;
  const settled = now === window.__lastResults && list.children.length > 0;
  window.__lastResults = now;
  return settled;
}"""


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the site's search box (replacing what is there); the page each
    result leads to, best first."""
    box = page.locator(".md-search__input")
    box.click()  # Material's search ignores fill(): it listens for key presses
    box.press("ControlOrMeta+a")
    box.press("Backspace")
    page.evaluate("window.__lastResults = undefined")
    box.press_sequentially(query)
    return results(page)


def results(page: Page) -> list[str]:
    """The page each search result leads to (its address without query or fragment), best first."""
    page.wait_for_function(_RESULTS_SETTLED, polling=250)
    return page.eval_on_selector_all(".md-search-result__item > a:first-child",
                                     "links => links.map(link => link.href.split(/[?#]/)[0])")
