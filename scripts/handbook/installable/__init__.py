"""The stage that makes the built site installable and able to work offline: icons, the web app
manifest, the service worker (sw.js, with this build's file list) and the kill switch.

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
HASH_LENGTH = 20     # hex digits of SHA-256 naming each file: plenty to tell builds apart


def make_installable(site_dir: Path, framework: Framework, site_name: str, leave_out: set[str]) -> Precache:
    """Write the icons, manifest, worker and kill switch into `site_dir`; files in `leave_out`
    (such as the hosts' configuration) are not the worker's. Returns what the worker keeps."""
    write_icons(site_dir)
    (site_dir / MANIFEST).write_text(manifest(framework, site_name), encoding="utf-8")
    precache = choose(site_dir, leave_out | {WORKER, KILL_SWITCH})
    build = {"id": precache.build_id, "hashLength": HASH_LENGTH, "now": precache.now, "later": precache.later}
    worker = (HERE / "worker.js").read_text(encoding="utf-8")
    (site_dir / WORKER).write_text(worker.replace("/*BUILD*/{}", json.dumps(build, separators=(",", ":")), 1), encoding="utf-8")
    (site_dir / KILL_SWITCH).write_text((HERE / "kill-switch.js").read_text(encoding="utf-8"), encoding="utf-8")
    return precache


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
