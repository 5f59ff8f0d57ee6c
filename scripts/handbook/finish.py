"""The last step of every page, taken as the engine writes it, so that no pass after the engine reads
or rewrites the site's pages (at 100x the site has 19,500: each such pass read them all again).

Before the first page, the assets are made final: what the site never loads is pruned, our own
stylesheets and scripts are minified and named by their content, and the theme's bundle gets its
compile hint. (MkDocs copies every static file before it writes any page.) Then each page
- is read for what it uses of the theme's stylesheet (css_purge, after the last page), and for an
  inline script no template wrote (the build stops and names the page);
- names our assets by their new names, uses the handbook's search worker and gets the site's policy;
- is packed in the offline copy as it works opened from disk;
- gets what works only from a web server (the manifest, the service worker's registration), and is
  written once, by the engine; its size and hash go to the service worker's list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import csp
from .assets import ThemeOptions, prune_unused_assets
from .compile_hints import hint_eager_compile
from .css_purge import PageUsage
from .fingerprint import fingerprint_own_assets, pointed_at_renamed
from .hosting import base_path
from .installable import link_page
from .installable.precache import FileHash, file_hash
from .listing import files_under
from .minify import minify_own_assets
from .offline import OfflineCopy
from .search_index import use_handbook_worker


class PageFinisher:
    def __init__(self, site_dir: Path, offline: OfflineCopy, connect: Iterable[str] = ()) -> None:
        self.site_dir = site_dir
        self.offline = offline
        self.connect = list(connect)  # a team's sync server, for the policy
        self.usage = PageUsage()
        self.strays: list[str] = []  # pages holding an inline script no template wrote
        self.hashes: dict[str, FileHash] = {}  # path in the site -> the written file's size and SHA-256
        self.renamed: dict[str, str] | None = None  # until the first page: assets not yet final

    def begin(self, theme: ThemeOptions) -> PageFinisher:
        """Take what the engine's configuration says of the theme, before the engine writes anything."""
        self.theme = theme
        self.policy = csp.site_policy(theme.scripts, self.connect)
        self.base = base_path(theme.site_url)
        return self

    def __call__(self, name: str, html: str) -> str:
        """The page at `name` (its path in the site) as it is written, from the engine's `html`."""
        renamed = self.final_assets()
        self.usage.add(html)
        if csp.holds_other_scripts(html, self.theme.scripts):
            self.strays.append(name)
        html = csp.with_policy(use_handbook_worker(pointed_at_renamed(html, renamed)), self.policy)
        self.offline.add_page(name, html)
        html = link_page(html, name, self.base)
        self.hashes[name] = file_hash(html.encode("utf-8"))
        return html

    def final_assets(self) -> dict[str, str]:
        """Make the copied assets final, once; returns our renamed files (old path -> new path in the site)."""
        if self.renamed is None:
            prune_unused_assets(self.site_dir, self.theme)
            minify_own_assets(self.site_dir)
            hint_eager_compile(self.site_dir)
            self.renamed = fingerprint_own_assets(self.site_dir)
        return self.renamed

    def pack_other_files(self) -> dict[str, FileHash]:
        """Pack every file but the pages in the offline copy; returns the size and hash of every file
        in the site (pages included), so that the service worker's list need not read them again."""
        hashes = dict(self.hashes)
        for name in files_under(self.site_dir):
            if name in hashes:
                continue
            path = self.site_dir / name
            if path.suffix == ".html":
                raise RuntimeError(f"{name}: a page the engine did not hand to the finisher (see engine_finish.py)")
            data = path.read_bytes()
            self.offline.add_file(name, data)
            hashes[name] = file_hash(data)
        self.offline.finish()
        return hashes
