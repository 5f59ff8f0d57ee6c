"""What the service worker keeps: every page and what pages need, chosen from the built files,
each named by the hash of its bytes; the large downloads are kept only when they are fetched.

Pages are keyed by the address a visitor uses (framework/3.1/, not framework/3.1/index.html).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..listing import files_under

# What a visitor stores after one visit, uncompressed (on the wire, gzip makes it about a sixth).
BUDGET = 8 * 1024 * 1024
# Files made for other tools or for hosts, never needed by a page: kept only when asked for.
DOWNLOADS = "downloads/"
NOT_FOR_PAGES = {"sitemap.xml", "sitemap.xml.gz"}


@dataclass
class Precache:
    """The files of one build the worker knows, each with its hash."""

    now: dict[str, str] = field(default_factory=dict)        # fetched when the worker installs
    later: dict[str, str] = field(default_factory=dict)      # kept when first fetched (downloads, pages beyond the budget)
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def precached_bytes(self) -> int:
        return sum(self.sizes[path] for path in self.now)

    @property
    def build_id(self) -> str:
        """Changes whenever any file the worker knows changes; names this build's caches."""
        listing = "\n".join(f"{path} {digest}" for path, digest in sorted({**self.now, **self.later}.items()))
        return hashlib.sha256(listing.encode()).hexdigest()[:12]


FileHash = tuple[int, str]  # a file's size and the SHA-256 of its bytes, in hex


def file_hash(data: bytes) -> FileHash:
    return len(data), hashlib.sha256(data).hexdigest()


def address(relative: str) -> str:
    """A file's address in the site as a visitor uses it: index.html files by their folder."""
    return relative.removesuffix("index.html")


def choose(site_dir: Path, leave_out: set[str], budget: int = BUDGET, known: Mapping[str, FileHash] | None = None) -> Precache:
    """Every file under `site_dir` but those in `leave_out`: pages' files first, in a fixed order,
    until `budget` is spent (the rest are kept when first opened), then the downloads. A file in
    `known` (path in the site -> its size and SHA-256, taken as an earlier stage wrote or read it)
    is not read again."""
    known = known or {}
    chosen = Precache()
    spent = 0
    for relative in sorted(files_under(site_dir), key=_priority):
        if relative in leave_out or relative in NOT_FOR_PAGES:
            continue
        size, digest = known.get(relative) or file_hash((site_dir / relative).read_bytes())
        key = address(relative)
        chosen.sizes[key] = size
        digest = digest[:20]
        if not relative.startswith(DOWNLOADS) or relative.endswith(".html"):
            if spent + size <= budget:
                chosen.now[key] = digest
                spent += size
                continue
        chosen.later[key] = digest
    return chosen


def _priority(relative: str) -> tuple[int, int, str]:
    """Assets and the search index first (every page needs them), then pages, shallowest first."""
    is_page = relative.endswith(".html")
    return (1 if is_page else 0, relative.count("/"), relative)
