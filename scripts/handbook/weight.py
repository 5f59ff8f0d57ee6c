"""Page weight: the bytes a first visit to a built page downloads, by kind, raw and gzipped.

The page itself, every stylesheet and script it links, and the site's font files (none while
the site uses system fonts). Not counted: the search index and search worker (about 31 KiB
gzipped for the 2016 framework, held to its own budget by tests/test_search_index.py), which the
theme's script fetches once the page has been parsed, so they never delay what the page shows,
and the service worker's background download of the whole site for offline use. Measured by
scripts/bench.py and held to a budget by the tests.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf"}
BUDGET = 64 * 1024  # gzip bytes of any page's first visit, at any size of framework
# Pages that hold an application rather than text, by their folder's name.
BUDGETS = {"workspace": 128 * 1024}


def page_weight(site: Path, url: str, fonts: list[Path] | None = None) -> dict[str, tuple[int, int]]:
    """Raw and gzip -9 bytes of a first visit to `url` (such as 'framework/3.1'), by kind:
    HTML, CSS, JS and fonts; each file compressed on its own, as a server sends it.
    `fonts` are the site's font files, when already found (`font_files`)."""
    page = site / url / "index.html"
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    files = {"HTML": [page],
             "CSS": [(page.parent / href).resolve() for href in links.stylesheets],
             "JS": [(page.parent / src).resolve() for src in links.scripts],
             "fonts": font_files(site) if fonts is None else fonts}
    return {kind: _weigh(paths) for kind, paths in files.items()}


def font_files(site: Path) -> list[Path]:
    """The site's font files. Found once for a site's pages: looking through a site of 20,000 pages
    for each of them took longer than building it."""
    return sorted(path for path in site.rglob("*") if path.suffix in FONT_SUFFIXES)


def _weights(site: Path) -> Iterator[tuple[str, int]]:
    """Each page's URL ('' for the home page) and first-visit gzip bytes."""
    fonts = font_files(site)
    for page in sorted(site.rglob("index.html")):
        url = page.parent.relative_to(site).as_posix()
        url = "" if url == "." else url
        yield url, sum(gz for _, gz in page_weight(site, url, fonts).values())


def budget(url: str) -> int:
    """The gzip bytes a first visit to `url` may weigh."""
    return BUDGETS.get(url.rstrip("/").rsplit("/", 1)[-1], BUDGET)


def over_budget(site: Path) -> list[str]:
    """'url: weight > budget' for every page of `site` whose first visit weighs more than its budget."""
    return [f"{url or 'home'}/: {weight:,} > {budget(url):,} bytes gzipped"
            for url, weight in _weights(site) if weight > budget(url)]


def kind(url: str) -> str:
    """The kind of page at `url`, for reports: 'home', 'framework element', 'evidence part'..."""
    parts = url.strip("/").split("/") if url.strip("/") else []
    if not parts:
        return "home"
    if parts[0] == "framework" and len(parts) == 2:
        return "framework element" if "." in parts[1] else "framework range" if "-" in parts[1] else "framework section"
    if parts[0] in ("evidence", "themes", "outcomes") and len(parts) > 1:
        return f"{parts[0]} {'guide' if len(parts) == 2 else 'part'}"
    if parts[0] in ("checklists", "downloads") and len(parts) == 2 and parts[1].startswith("sections-"):
        return f"{parts[0]} range"  # the checklists or PDFs of a range of sections (beyond a dozen)
    if parts[0] == "checklists" and len(parts) == 2:
        return "checklist of an element" if "." in parts[1] else "checklist of a section" if parts[1].isdigit() else "checklist of a kind"
    if parts[0] == "checklists" and len(parts) == 3:  # a long checklist's part, or a range of its sections
        return "checklist range" if parts[2].startswith("sections-") else "checklist part"
    return parts[0] if len(parts) == 1 else f"{parts[0]} page"


def heaviest_by_kind(site: Path) -> dict[str, tuple[str, int]]:
    """For each kind of page: its heaviest page's URL and first-visit gzip bytes."""
    heaviest: dict[str, tuple[str, int]] = {}
    for url, weight in _weights(site):
        if weight > heaviest.get(kind(url), ("", -1))[1]:
            heaviest[kind(url)] = (url, weight)
    return dict(sorted(heaviest.items()))


def _weigh(paths: list[Path]) -> tuple[int, int]:
    sizes = [_sizes(path, path.stat().st_mtime_ns) for path in paths]
    return sum(raw for raw, _ in sizes), sum(gz for _, gz in sizes)


@lru_cache(maxsize=256)  # pages share their stylesheets and scripts
def _sizes(path: Path, mtime_ns: int) -> tuple[int, int]:
    blob = path.read_bytes()
    return len(blob), len(gzip.compress(blob, 9))


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
