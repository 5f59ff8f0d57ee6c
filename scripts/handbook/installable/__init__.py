"""The stage that makes the built site installable and able to work offline: icons, the web app
manifest, the service worker (sw.js, with this build's file list), the kill switch, and the tags
in every page that link the manifest and register the worker. Pages get the tags as the offline
copy is packed from them (scripts/handbook/offline.py), only after: a copy opened from disk can
have neither.

The worker is a short script of our own (worker.js beside this file) rather than Workbox: the
handbook needs precaching by hash, one cache per build, downloads kept on demand and an update
the visitor accepts, which is about 150 lines here against Workbox's runtime (several modules,
over 20 KiB minified, plus a build step in Node) to vendor and keep pinned.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..model import Framework
from ..stepcache import StepCache
from .icon import BACKGROUND, ICONS, write_icons
from .precache import FileHash, Precache, choose

HERE = Path(__file__).parent
WORKER = "sw.js"
KILL_SWITCH = "sw-kill-switch.js"
MANIFEST = "manifest.webmanifest"
NOT_FOUND = "404.html"
SCRIPTS = "assets/javascripts/"
KEEP_DOWNLOADS_BUTTON = "data-hb-keep-downloads"   # in scripts/handbook/downloads/templates/downloads.md.j2
HASH_LENGTH = 20     # hex digits of SHA-256 naming each file: plenty to tell builds apart


def make_installable(site_dir: Path, framework: Framework, site_name: str, leave_out: set[str],
                     cache: StepCache, known: Mapping[str, FileHash]) -> Precache:
    """Write the icons, manifest, worker and kill switch into `site_dir` (whose pages `link_page`
    has linked them from); files in `leave_out` (such as the hosts' configuration) are not the
    worker's; `cache` keeps the icons; `known` holds the hashes of files already read or written
    (path in the site -> size and SHA-256), which are not read again. Returns what the worker keeps."""
    write_icons(site_dir, cache)
    (site_dir / MANIFEST).write_text(manifest(framework, site_name), encoding="utf-8")
    precache = choose(site_dir, leave_out | {WORKER, KILL_SWITCH}, known=known)
    build = {"id": precache.build_id, "hashLength": HASH_LENGTH, "now": precache.now, "later": precache.later}
    worker = (HERE / "worker.js").read_text(encoding="utf-8")
    (site_dir / WORKER).write_text(worker.replace("/*BUILD*/{}", json.dumps(build, separators=(",", ":")), 1), encoding="utf-8")
    (site_dir / KILL_SWITCH).write_text((HERE / "kill-switch.js").read_text(encoding="utf-8"), encoding="utf-8")
    return precache


def link_page(html: str, relative: str, base: str) -> str:
    """The page at `relative` (its path in the site) with the manifest and the worker's registration
    script at the end of its head (and the Downloads page's "keep every file" script where its
    button is). Addresses are relative to the page, except on the 404 page, which the host serves
    at any depth: there they start from `base`, the path the site is published under ('/' or '/handbook/')."""
    to_root = base if relative == NOT_FOUND else "../" * relative.count("/")
    tags = [f'<link rel="manifest" href="{to_root}{MANIFEST}">',
            f'<script src="{to_root}{SCRIPTS}service-worker.js" defer></script>']
    if KEEP_DOWNLOADS_BUTTON in html:
        tags.append(f'<script src="{to_root}{SCRIPTS}keep-downloads.js" defer></script>')
    if "</head>" not in html:
        raise ValueError(f"{relative}: no </head> to put the manifest and worker script before")
    return html.replace("</head>", "".join(f"{tag}\n  " for tag in tags) + "</head>", 1)


def manifest(framework: Framework, site_name: str) -> str:
    """The web app manifest. Addresses are relative to the manifest, which sits at the site's
    root, so the installed app starts and stays within the site wherever it is published."""
    icons = [{"src": name, "sizes": f"{size}x{size}" if size else "any",
              "type": "image/png" if size else "image/svg+xml", "purpose": purpose}
             for name, (size, purpose) in ICONS.items()]
    return json.dumps({
        "name": site_name,
        "short_name": "Handbook",
        "description": f"The {framework.short_title} inspection framework: pages, checklists and search, with or without a connection.",
        "lang": "en",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": BACKGROUND,
        "icons": icons,
    }, indent=2, ensure_ascii=False) + "\n"
