"""Page weight: the bytes a first visit to a built page downloads, by kind, raw and gzipped.

The page itself, every stylesheet and script it links, and the site's font files (none while
the site uses system fonts). The search index is not linked: the theme fetches it only when
the visitor searches. Measured by scripts/bench.py and held to a budget by the tests.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path

FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf"}


def page_weight(site: Path, url: str) -> dict[str, tuple[int, int]]:
    """Raw and gzip -9 bytes of a first visit to `url` (such as 'framework/3.1'), by kind:
    HTML, CSS, JS and fonts; each file compressed on its own, as a server sends it."""
    page = site / url / "index.html"
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    files = {"HTML": [page],
             "CSS": [(page.parent / href).resolve() for href in links.stylesheets],
             "JS": [(page.parent / src).resolve() for src in links.scripts],
             "fonts": sorted(path for path in site.rglob("*") if path.suffix in FONT_SUFFIXES)}
    return {kind: _weigh([path.read_bytes() for path in paths]) for kind, paths in files.items()}


def _weigh(blobs: list[bytes]) -> tuple[int, int]:
    return sum(map(len, blobs)), sum(len(gzip.compress(blob, 9)) for blob in blobs)


class _Links(HTMLParser):
    """The stylesheets and scripts a page links, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
