"""No built file loads anything from another host: no fonts, CDNs or analytics."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Attributes whose URL the browser fetches by itself (an <a href> is only followed if clicked).
LOADING_ATTRIBUTES = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
                      "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
                      "input": ["src"], "track": ["src"]}
# Material's bundle names two CDN scripts that it loads only on demand. Neither can fire here:
# mermaid only for a page with a mermaid diagram (the test below checks there is none), the
# ResizeObserver polyfill only in browsers without ResizeObserver (every current browser has it).
# The GitHub API is asked for repository facts only when a repo_url is set (checked below).
ON_DEMAND_ONLY = {"https://unpkg.com/mermaid@11/dist/mermaid.min.js", "https://unpkg.com/resize-observer-polyfill",
                  "https://api.github.com/repos/${e}/${t}", "https://api.github.com/users/${e}"}
CDN_HOSTS = re.compile(r"https?://(?:[\w-]+\.)*(?:unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com|googleapis\.com|gstatic\.com"
                       r"|google-analytics\.com|googletagmanager\.com|api\.github\.com|cloudflareinsights\.com)[^\s\"'`)]*")


def files(site: Path, suffix: str) -> list[Path]:
    found = sorted(site.rglob(f"*{suffix}"))
    assert found, f"no {suffix} files in {site}"
    return found


def test_html_loads_nothing_from_another_host(site):
    for path in files(site, ".html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in html.find_all(True):
            names = LOADING_ATTRIBUTES.get(tag.name, [])
            if tag.name == "link" and set(tag.get("rel", [])) - {"canonical", "alternate", "license", "prev", "next"}:
                names = ["href"]
            for name in names:
                for url in re.split(r",\s*", tag.get(name, "")):
                    assert not EXTERNAL.match(url.strip()), f"{path}: <{tag.name} {name}={url!r}>"
            assert "url(" not in tag.get("style", "") or "//" not in tag["style"], f"{path}: inline style loads {tag['style']}"
        for style in html.find_all("style"):
            assert not re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", style.get_text()), path


def test_css_loads_nothing_from_another_host(site):
    for path in files(site, ".css"):
        css = path.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css):
            assert url.startswith("data:") or not EXTERNAL.match(url), f"{path}: {url}"


def test_javascript_names_no_cdn_except_on_demand_scripts_that_cannot_fire(site):
    found = set()
    for path in files(site, ".js"):
        found |= set(CDN_HOSTS.findall(path.read_text(encoding="utf-8")))
    assert found - ON_DEMAND_ONLY == set()
    for path in files(site, ".html"):
        text = path.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in text, path
        assert "md-source" not in text, f"{path}: a repository link would make the page call the GitHub API"


def test_no_web_fonts_analytics_or_generator_link(site):
    for path in files(site, ".html"):
        text = path.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "gtag(", "googletagmanager", "Made with"):
            assert marker not in text, f"{path}: {marker}"
