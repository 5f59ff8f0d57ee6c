"""MkDocs hook for `mkdocs serve`: regenerate the pages from content/ on every rebuild.

`scripts/build.py` does not use this hook (it generates pages itself and turns hooks
off); it exists so that a live preview shows edits to the framework data or guidance.
Each generated page is kept in build/serve/ and rewritten only when its text changes,
so `mkdocs serve --dirty` (as `make serve` runs it) rebuilds only the pages an edit touched.
The PDFs are made when the preview starts, through the same cache as the build, and then
kept: remaking a checklist's PDFs on every save would hold each preview back by seconds.
Restart the preview (or run scripts/build.py) to see edits in the PDFs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collections.abc import Callable  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.livereload import LiveReloadServer  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from handbook.downloads import add_downloads  # noqa: E402
from handbook.exports import write_site_exports  # noqa: E402
from handbook.model import Framework  # noqa: E402
from handbook.pdf import PdfError  # noqa: E402
from handbook import pipeline  # noqa: E402
from handbook.pipeline import PDF_CACHE  # noqa: E402
from handbook.site import GeneratedSite  # noqa: E402
from handbook.problems import DataError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGE_CACHE = ROOT / "build" / "serve"
EXPORTS = ROOT / "build" / "serve-exports"
_generated: GeneratedSite | None = None
_downloads: dict[str, Any] | None = None  # the PDFs and Downloads page made when the preview started


def _sources() -> tuple[Path, Path]:
    """The framework and guidance folders to preview (HANDBOOK_FRAMEWORK / HANDBOOK_GUIDANCE override)."""
    return (Path(os.environ.get("HANDBOOK_FRAMEWORK", ROOT / "content" / "framework")),
            Path(os.environ.get("HANDBOOK_GUIDANCE", ROOT / "content" / "guidance")))


def _pdf_cache() -> Path:
    """Where the preview's PDFs are kept (HANDBOOK_PDF_CACHE overrides, so a scaled framework's
    PDFs do not replace the real one's in the build's cache)."""
    return Path(os.environ.get("HANDBOOK_PDF_CACHE", PDF_CACHE))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    for folder in _sources():  # they may lie outside docs_dir, which is all MkDocs watches by itself
        server.watch(str(folder))
    return server


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    framework_dir, guidance_dir = _sources()
    try:
        framework, _generated = pipeline.check(framework_dir, guidance_dir)  # the build's own first stages
        _generated.files.update(write_site_exports(framework, _generated.checklists.scale, EXPORTS, _generated.guidance,
                                                      _generated.history))
        _add_downloads_once(_generated, framework)
    except (DataError, PdfError) as error:
        raise PluginError(DataError(error.problems).report(ROOT)) from None
    config.nav = _generated.nav
    config.site_name = _generated.site_name
    config.extra.update(_generated.extra)
    return config


def _add_downloads_once(site: GeneratedSite, framework: Framework) -> None:
    global _downloads
    if _downloads is None:
        files, pages = set(site.files), set(site.pages)
        add_downloads(site, framework, _pdf_cache())
        _downloads = {"files": {p: f for p, f in site.files.items() if p not in files},
                      "pages": {p: t for p, t in site.pages.items() if p not in pages}}  # already finished by add_page
    else:
        site.files.update(_downloads["files"])
        site.pages.update(_downloads["pages"])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _generated is not None
    for path, text in _generated.pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, abs_src_path=str(_cached(path, text))))
    for path, source in _generated.files.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def _cached(path: str, text: str) -> Path:
    """The page's text on disk, written only if it changed, so its time stamp says when it last did."""
    target = PAGE_CACHE / path
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target
