"""Markup that got into a page's content never runs: the page's policy allows only the templates' scripts.

The build refuses such markup in every source (tests/test_hostile_input.py); here it is put into a
built page as if a source check had missed it, and the browser must refuse every piece of it while
the site's own scripts keep working.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from .conftest import DESKTOP, open_context

INJECTED = """
<script>window.__ran = (window.__ran || []).concat("inline script")</script>
<img src="data:," alt="" onerror="window.__ran = (window.__ran || []).concat('onerror')">
<svg onload="window.__ran = (window.__ran || []).concat('svg onload')"></svg>
<p id="hb-injected" onclick="window.__ran = (window.__ran || []).concat('onclick')">click me</p>
<a id="hb-injected-link" href="javascript:window.__ran = (window.__ran || []).concat('javascript: link')">link</a>
<iframe srcdoc="<script>parent.__ran = (parent.__ran || []).concat('frame')</script>"></iframe>
"""


def test_script_and_event_handlers_in_content_are_blocked(browser: Browser, site: Path, base_url: str):
    url = base_url + "framework/3.1/"
    built = (site / "framework" / "3.1" / "index.html").read_text(encoding="utf-8")
    hostile = built.replace("</h1>", "</h1>" + INJECTED, 1)  # into the article, after the policy
    assert hostile != built
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=hostile))
    page.goto(url)
    page.click("#hb-injected")
    page.click("#hb-injected-link")
    page.wait_for_timeout(300)
    ran = page.evaluate("window.__ran || []")
    theme_ran = page.evaluate("typeof __md_scope === 'object' && document.querySelector('.hb-menu-button') !== null")
    context.close()
    assert ran == []
    assert theme_ran  # the theme's inline script and the site's own script files still run
    blocked = [error for error in traffic.errors if error.startswith("CSP violation: script-src")]
    assert len(blocked) >= 5, traffic.errors  # the script, three handlers and the javascript: link at least
