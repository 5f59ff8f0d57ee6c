"""The stage that makes the built site installable and able to work offline: icons, the web app
manifest, the service worker (sw.js, with this build's file list), the kill switch, and the tags
in every page that link the manifest and register the worker. It runs after the offline copy is
made from the same pages: a copy opened from disk can have neither.

The worker is a short script of our own (worker.js beside this file) rather than Workbox: the
handbook needs precaching by hash, one cache per build, downloads kept on demand and an update
the visitor accepts, which is about 150 lines here against Workbox's runtime (several modules,
over 20 KiB minified, plus a build step in Node) to vendor and keep pinned.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Framework
from .icon import BACKGROUND, ICONS, write_icons
from .precache import Precache, choose

HERE = Path(__file__).parent
WORKER = "sw.js"
KILL_SWITCH = "sw-kill-switch.js"
MANIFEST = "manifest.webmanifest"
NOT_FOUND = "404.html"
SCRIPTS = "assets/javascripts/"
KEEP_DOWNLOADS_BUTTON = "data-hb-keep-downloads"   # in scripts/handbook/downloads/templates/downloads.md.j2
HASH_LENGTH = 20     # hex digits of SHA-256 naming each file: plenty to tell builds apart


def make_installable(site_dir: Path, framework: Framework, site_name: str, base: str, leave_out: set[str]) -> Precache:
    """Write the icons, manifest, worker and kill switch into `site_dir` and link them from its pages;
    `base` is the path the site is published under ('/' or '/handbook/'); files in `leave_out`
    (such as the hosts' configuration) are not the worker's. Returns what the worker keeps."""
    link_pages(site_dir, base)
    write_icons(site_dir)
    (site_dir / MANIFEST).write_text(manifest(framework, site_name), encoding="utf-8")
    precache = choose(site_dir, leave_out | {WORKER, KILL_SWITCH})
    build = {"id": precache.build_id, "hashLength": HASH_LENGTH, "now": precache.now, "later": precache.later}
    worker = (HERE / "worker.js").read_text(encoding="utf-8")
    (site_dir / WORKER).write_text(worker.replace("/*BUILD*/{}", json.dumps(build, separators=(",", ":")), 1), encoding="utf-8")
    (site_dir / KILL_SWITCH).write_text((HERE / "kill-switch.js").read_text(encoding="utf-8"), encoding="utf-8")
    return precache


def link_pages(site_dir: Path, base: str) -> None:
    """Add the manifest and the worker's registration script to the head of every page (and the
    Downloads page's "keep every file" script where its button is). Addresses are relative to
    each page, except on the 404 page, which the host serves at any depth."""
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir)
        to_root = base if relative.as_posix() == NOT_FOUND else "../" * (len(relative.parts) - 1)
        html = path.read_text(encoding="utf-8")
        tags = [f'<link rel="manifest" href="{to_root}{MANIFEST}">',
                f'<script src="{to_root}{SCRIPTS}service-worker.js" defer></script>']
        if KEEP_DOWNLOADS_BUTTON in html:
            tags.append(f'<script src="{to_root}{SCRIPTS}keep-downloads.js" defer></script>')
        if "</head>" not in html:
            raise ValueError(f"{relative}: no </head> to put the manifest and worker script before")
        path.write_text(html.replace("</head>", "".join(f"{tag}\n  " for tag in tags) + "</head>", 1), encoding="utf-8")


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
