"""The offline copy: the built site made to work opened from disk, packed as one zip file.

A fieldworker unzips it and opens index.html: links point at index.html files and search
runs from a script file, so no web server and no connection are needed. The copy is derived
from the pages the engine writes (the engine runs once): the pages keep their folders, so only
links to folders change, as Material's offline plugin would make them. Each page is packed as
the engine writes it (finish.py), so no later pass reads the pages again.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from . import csp
from .assets import OFFLINE_SHIM
from .search_index import settings_span
from .zippack import Packer

SHIM = Path(__file__).resolve().parents[2] / "overrides" / OFFLINE_SHIM
SEARCH_INDEX = "search/search_index.json"
# Online-only files: the search index as JSON (from disk the theme loads it as a script),
# the sitemaps (addresses on a server). The zip itself is skipped by name.
ONLINE_ONLY = {SEARCH_INDEX, "sitemap.xml", "sitemap.xml.gz"}
# Links to folders, which a browser opening files shows as a listing: 'x/', and '.' or '..'
# (also at the end of a path), before any fragment or query; not another host's (no ':'). This pass
# reads every page of the site, so it is one pattern: the second alternative takes a path's folders
# possessively (*+), so that the engine never steps back through them in the many links that do not
# end in dots.
_FOLDER = re.compile(r'href="(?:[^"#?:]*/|(?:[^"#?:/]*/)*+\.\.?)(?=[#?"])')
# The same in the search index, where the home page's address is empty.
_LOCATION_FOLDER = re.compile(r'("location":"[^"#]*/)(?=[#"])')
_LOCATION_HOME = re.compile(r'("location":")(?=[#"])')


def zip_name(framework_id: str) -> str:
    """The zip's path in the site, which also names the folder it unpacks to."""
    return f"downloads/{framework_id}-offline.zip"


class OfflineCopy:
    """The offline copy as a zip under one top folder, filled as the build finishes each file: the pages
    as the engine writes them (`add_page`), then the site's other files (`add_file`)."""

    def __init__(self, zip_path: Path, folder: str, previous: Path | None = None) -> None:
        """`previous`: the copy an earlier build published, whose unchanged files are not compressed again."""
        self.shim = SHIM.read_text(encoding="utf-8")
        self.packer = Packer(zip_path, folder, previous)

    def __enter__(self) -> OfflineCopy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.packer.close()

    def add_page(self, name: str, html: str) -> None:
        """Pack the finished page at `name` (its path in the site) as it works opened from disk."""
        self.packer.add(name, for_disk(html, name.count("/"), self.shim).encode("utf-8"))

    def add_file(self, name: str, data: bytes) -> None:
        """Pack a file other than a page, unless it works only from a web server; the search index
        goes in as the script the theme loads from disk."""
        if name == SEARCH_INDEX:
            self.packer.add("search/search_index.js", search_script(data.decode("utf-8")))
        if name not in ONLINE_ONLY:
            self.packer.add(name, data)

    def finish(self) -> None:
        """Pack the shim that runs the search worker from file:// (after every page, which loads it)."""
        self.packer.add(OFFLINE_SHIM, self.shim.encode("utf-8"))


def for_disk(html: str, depth: int, shim: str) -> str:
    """A built page as it works opened from disk: folder links name their index.html, the
    shim that runs the search worker from file:// loads first, and the page's policy allows
    the script the shim writes into its worker's frame."""
    html = _FOLDER.sub(_index, html)
    html = html.replace("</head>", f'  <script src="{"../" * depth}{OFFLINE_SHIM}"></script>\n  </head>', 1)
    return csp.allow_scripts(html, [shim_frame_script(shim, url) for url in _worker_url(html)])


def _index(link: re.Match[str]) -> str:
    return link[0] + ("index.html" if link[0][-1] == "/" else "/index.html")


def search_script(index_json: str) -> bytes:
    """The search index as the script the theme loads from disk, every result's address a file."""
    index = _LOCATION_FOLDER.sub(r"\1index.html", index_json)
    return ("var __index = " + _LOCATION_HOME.sub(r"\1index.html", index)).encode("utf-8")


@lru_cache(maxsize=16)  # one per depth of page: the worker's address is relative
def shim_frame_script(shim: str, worker_url: str) -> str:
    """The inline script that the iframe-worker shim writes into the frame it runs a worker in.

    The frame inherits the page's Content Security Policy, so the page must allow this
    script by its hash. The shim builds it from a template naming two of its own functions
    (their source text goes in) and the worker's address: all read from the vendored file.
    """
    template = re.search(r"<script>(.*?)<\\/script>", shim)
    if template is None:
        raise ValueError(f"{SHIM.name}: no inline frame script found; was the shim replaced?")

    def fill(placeholder: re.Match[str]) -> str:
        return _function_source(shim, placeholder[1]) or worker_url

    return re.sub(r"\$\{(\w+)\}", fill, template[1])


def _function_source(script: str, name: str) -> str | None:
    """The text of `function name(...){...}` in minified `script`, by matching braces."""
    start = script.find(f"function {name}(")
    if start < 0:
        return None
    depth = 0
    for end in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[end], 0)
        if depth == 0:
            return script[start:end + 1]
    return None


def _worker_url(html: str) -> list[str]:
    """The search worker's address as the page gives it to the theme's script (none if no search)."""
    span = settings_span(html)
    url = _search_setting(html[span[0]:span[1]]) if span else None
    return [url] if url else []


@lru_cache(maxsize=64)  # pages at the same depth have the same settings: each is read once, not per page
def _search_setting(settings: str) -> str | None:
    return json.loads(settings).get("search")
