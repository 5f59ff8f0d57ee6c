"""The hosts' configuration the build writes (scripts/handbook/hosting.py): the same policy as the
pages' meta tag, caching and types; nginx serving it is tests/browser/test_published.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.hosting import base_path


@pytest.mark.parametrize("site_url, base", [("", "/"), ("https://example.org", "/"), ("https://example.org/", "/"),
                                            ("https://example.org/handbook", "/handbook/"),
                                            ("https://example.org/a/b/", "/a/b/")])
def test_the_base_path_comes_from_the_sites_address(site_url: str, base: str):
    assert base_path(site_url) == base


def test_headers_file_and_nginx_send_the_policy_every_page_carries(site: Path):
    policies = {BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
                .find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] for p in site.rglob("*.html")}
    assert len(policies) == 1
    policy = policies.pop()
    headers = (site / "_headers").read_text(encoding="utf-8")
    nginx = (site / "nginx-handbook.conf").read_text(encoding="utf-8")
    assert f"/*\n  Content-Security-Policy: {policy}\n" in headers
    assert f'add_header Content-Security-Policy "{policy}" always;' in nginx
    assert headers.count("Content-Security-Policy") == 1   # one rule: hosts would join repeats


def test_fingerprinted_files_are_kept_for_a_year_and_the_worker_checked_every_time(site: Path):
    headers = (site / "_headers").read_text(encoding="utf-8")
    nginx = (site / "nginx-handbook.conf").read_text(encoding="utf-8")
    named = [p.relative_to(site).as_posix() for p in site.glob("assets/**/*.*")
             if re.search(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$", p.name)]   # named by their content
    theme = [name for name in named if ".min." in name and "pouchdb" not in name]
    assert len(theme) == 3                                    # the theme's stylesheet, script and search worker
    assert {"records", "store", "workspace", "handbook"} <= {name.rsplit("/", 1)[-1].split(".")[0] for name in named}
    for name in named:
        assert f"/{name}\n  Cache-Control: public, max-age=31536000, immutable\n" in headers
        assert f"location = /{name} {{" in nginx
    assert "/sw.js\n  Cache-Control: no-cache\n" in headers
    assert "/manifest.webmanifest\n  Content-Type: application/manifest+json\n" in headers
    assert "location ^~ / {" in nginx and "error_page 404 /404.html;" in nginx
