"""What the service worker keeps: every page and what pages need, chosen from the built files,
each named by the hash of its bytes; the large downloads are kept only when they are fetched.

Pages are keyed by the address a visitor uses (framework/3.1/, not framework/3.1/index.html).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

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


def address(relative: str) -> str:
    """A file's address in the site as a visitor uses it: index.html files by their folder."""
    return relative.removesuffix("index.html")


def choose(site_dir: Path, leave_out: set[str], budget: int = BUDGET) -> Precache:
    """Every file under `site_dir` but those in `leave_out`: pages' files first, in a fixed order,
    until `budget` is spent (the rest are kept when first opened), then the downloads."""
    files = sorted((p for p in site_dir.rglob("*") if p.is_file()), key=lambda p: _priority(p.relative_to(site_dir).as_posix()))
    chosen = Precache()
    spent = 0
    for path in files:
        relative = path.relative_to(site_dir).as_posix()
        if relative in leave_out or relative in NOT_FOR_PAGES:
            continue
        data = path.read_bytes()
        key = address(relative)
        chosen.sizes[key] = len(data)
        digest = hashlib.sha256(data).hexdigest()[:20]
        if not relative.startswith(DOWNLOADS) or relative.endswith(".html"):
            if spent + len(data) <= budget:
                chosen.now[key] = digest
                spent += len(data)
                continue
        chosen.later[key] = digest
    return chosen


def _priority(relative: str) -> tuple[int, int, str]:
    """Assets and the search index first (every page needs them), then pages, shallowest first."""
    is_page = relative.endswith(".html")
    return (1 if is_page else 0, relative.count("/"), relative)
