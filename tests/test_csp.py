"""Every built page carries a Content Security Policy that allows the site itself and nothing else."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.csp import add_policy

ALLOWED_SOURCES = re.compile(r"'self'|'none'|data:|'sha256-[A-Za-z0-9+/]+={0,2}'")


def policy(html: BeautifulSoup) -> dict[str, list[str]]:
    meta = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    return {name: sources for name, *sources in (part.split() for part in meta["content"].split(";"))}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    return pages


def test_every_page_allows_only_the_site_itself(site):
    for path in html_pages(site):
        directives = policy(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"], path
        assert {"script-src", "img-src", "base-uri", "form-action"} <= set(directives), path
        for sources in directives.values():
            assert all(ALLOWED_SOURCES.fullmatch(source) for source in sources), (path, sources)


def test_the_policy_comes_before_any_script_and_hashes_exactly_the_inline_ones(site):
    """One policy for every page (a host sends it as a header too), naming the hash of each inline
    script any page holds, and nothing else."""
    inline, policies = set(), set()
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        assert text.index('http-equiv="Content-Security-Policy"') < text.index("<script"), path
        html = BeautifulSoup(text, "html.parser")
        inline |= {sha256(script.string or "") for script in html.find_all("script")
                   if not script.get("src") and script.get("type") in (None, "text/javascript")}
        policies.add(" ".join(policy(html)["script-src"]))
    assert inline and len(policies) == 1 and set(policies.pop().split()) == {"'self'"} | inline


def test_a_page_without_a_charset_cannot_be_given_a_policy():
    with pytest.raises(ValueError, match="charset"):
        add_policy("<html><head><script>x()</script></head></html>")


def test_data_scripts_are_not_allowed_to_run():
    html = add_policy('<meta charset="utf-8"><script type="application/json">{"a": 1}</script><script>go()</script>')
    assert html.count("'sha256-") == 1 and sha256("go()") in html
