"""Our own stylesheets and scripts named by their content in the built site (store.3f2a1b9c.js),
as the theme names its own (bundle.a5f9d56c.min.js).

A host may then let browsers keep them for a year without asking again (hosting.py). Under their
plain names every page load asked the host, or the service worker, whether each had changed: on a
weak signal a round trip per file, and with the service worker a trip through it per file (the
workspace loads 14 of them; opening it took 45 ms longer, opening a case 80 ms, on this 2-core
machine). A build that changes a file gives it a new name, so no browser mixes two builds.

Left under their own names: the scripts the installable step adds to pages after this one
(service-worker.js, which names updates.js and update-prompt.css in its code, and keep-downloads.js);
the search workers, which the theme's configuration names; the offline copy's shim; images.
Pages name the files in src, href and data-load attributes (hb/load.js loads the list in
data-load), which are rewritten, as is any other attribute naming them; the files themselves name
no other file (the comments that do are minified away).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .assets import OFFLINE_SHIM

FOLDERS = ("assets/javascripts", "assets/stylesheets")
LEFT = {"assets/javascripts/service-worker.js", "assets/javascripts/updates.js",
        "assets/javascripts/keep-downloads.js", "assets/stylesheets/update-prompt.css", OFFLINE_SHIM}
WORKERS = "assets/javascripts/workers/"
# Files named by their content: the theme's (main.57a0d79d.min.css), and ours once renamed here.
NAMED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.(?:css|js)$")
# An attribute's value naming a file under assets/. (Found from its `="`, which Python's regex engine
# looks for quickly: an attribute name first, with \b, made this pass take seconds at 10x.)
ADDRESSES = re.compile(r'="([^"]*assets/[^"]*)"')
DIGITS = 8


def fingerprint_own_assets(site_dir: Path) -> dict[str, str]:
    """Rename our stylesheets and scripts in `site_dir` by their content. Returns old path -> new
    path (in the site), with which `pointed_at_renamed` gives each page the new names: the build
    does that as the engine writes each page (finish.py), after this has run, before the first."""
    renamed = {}
    for folder in FOLDERS:
        for path in sorted(site_dir.joinpath(folder).rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if (path.suffix not in (".css", ".js") or not path.is_file() or relative in LEFT
                    or relative.startswith(WORKERS) or NAMED.search(path.name)):
                continue
            named = path.with_name(fingerprinted(path.name, path.read_bytes()))
            path.rename(named)
            renamed[relative] = named.relative_to(site_dir).as_posix()
    return renamed


def pointed_at_renamed(html: str, renamed: dict[str, str]) -> str:
    """A page naming each file of `renamed` (from `fingerprint_own_assets`) by its new name."""
    return ADDRESSES.sub(lambda match: f'="{_renamed(match[1], renamed)}"', html)


def fingerprinted(name: str, content: bytes) -> str:
    """`name` with the start of the content's SHA-256 before its suffix: store.js -> store.3f2a1b9c.js,
    pouchdb-9.0.0.min.js -> pouchdb-9.0.0.3f2a1b9c.min.js (as the theme names its minified files)."""
    digest = hashlib.sha256(content).hexdigest()[:DIGITS]
    suffix = ".min" + Path(name).suffix if name.endswith((".min.js", ".min.css")) else Path(name).suffix
    return f"{name[:-len(suffix)]}.{digest}{suffix}"


def _renamed(value: str, renamed: dict[str, str]) -> str:
    """An attribute's addresses (one, or data-load's several) with each renamed file's new name;
    the part before `assets/` (../../, or the site's path on the 404 page) is kept."""
    def one(address: str) -> str:
        start, end = address.find("assets/"), len(re.split(r"[?#]", address, maxsplit=1)[0])
        path = address[start:end]
        return address[:start] + renamed[path] + address[end:] if start >= 0 and path in renamed else address
    return " ".join(one(address) for address in value.split(" "))
