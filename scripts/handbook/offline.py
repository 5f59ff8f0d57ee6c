"""The offline copy: the whole site built to work opened from disk, packed as one zip file.

A fieldworker unzips it and opens index.html: links point at .html files and search
runs from a script file, so no web server and no connection are needed.
"""

from __future__ import annotations

import json
import os
import re
import time
import zipfile
from pathlib import Path

from . import csp
from .assets import OFFLINE_SHIM, trim_theme_assets
from .engine import build_site
from .site import GeneratedSite

SHIM = Path(__file__).resolve().parents[2] / "overrides" / OFFLINE_SHIM
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def zip_name(framework_id: str) -> str:
    """The zip's path in the site, which also names the folder it unpacks to."""
    return f"downloads/{framework_id}-offline.zip"


def write_offline_copy(site: GeneratedSite, docs_dir: Path, config_file: Path, work_dir: Path,
                       zip_path: Path, folder: str) -> None:
    """Build the offline copy of `docs_dir` in `work_dir` and pack it as `zip_path`."""
    theme = build_site(site, docs_dir, work_dir, config_file, site.sources, offline=True)
    trim_theme_assets(work_dir, theme)
    shim = SHIM.read_text(encoding="utf-8")
    csp.protect(work_dir, theme.scripts, lambda html: [shim_frame_script(shim, url) for url in _worker_url(html)])
    pack(work_dir, zip_path, folder)


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
    config = _CONFIG.search(html)
    url = json.loads(config[1]).get("search") if config else None
    return [url] if url else []


def pack(source: Path, zip_path: Path, folder: str) -> None:
    """Zip `source` under one top folder; the same files always give the same bytes."""
    stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800))[:6]  # zip dates start in 1980
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(source).as_posix()}", date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes(), compresslevel=9)
