"""The build's stages in order: load and validate, generate, exports, PDFs, write, engine (which finishes
each page as it writes it: assets, policy, offline copy; see finish.py), search index, purge the theme's
stylesheet, the offline copy's other files, installable (service worker, manifest, hosts' headers), publish.

Each stage runs inside `stopwatch(name)`, which does nothing for a normal build and
records time and memory for scripts/bench.py, so the benchmark measures the real build.
Mistakes in the sources surface as DataError, PdfError or EngineError, before anything is swapped in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from pathlib import Path

from . import csp, schema
from .checklists import load_definitions
from .css_purge import purge_theme_css
from .downloads import add_downloads
from .engine import build_site
from .exports import write_site_exports
from .finish import PageFinisher
from .framework import load_framework
from .history import load_history
from .hosting import HOST_FILES, write_host_configuration
from .installable import make_installable
from .model import Framework
from .offline import OfflineCopy, zip_name
from .problems import DataError, Problem
from .publish import replace_folder, staging_folder
from .search_index import add_practitioner_search
from .site import GeneratedSite, generate, write_docs
from .stepcache import StepCache

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
SCALE = ROOT / "data" / "judgement-scale.yaml"
PDF_CACHE = ROOT / "build" / "cache" / "pdf"
Stopwatch = Callable[[str], AbstractContextManager[None]]


@contextmanager
def untimed(stage: str) -> Iterator[None]:
    yield


def check(framework_dir: Path, guidance_dir: Path, stopwatch: Stopwatch = untimed,
          scale_file: Path = SCALE, sync_server: str = "", pdf_cache: Path | None = None) -> tuple[Framework, GeneratedSite]:
    """The validated framework and its generated pages; raises DataError on mistakes. With the build's
    `pdf_cache`, files found valid by an earlier build (beside it) are not checked against their schema again."""
    with schema.remembering_valid(steps_beside(pdf_cache) if pdf_cache else None):
        with stopwatch("load and validate"):
            framework = load_framework(framework_dir)
            checklists = load_definitions(framework_dir, scale_file, framework)
            history = load_history(framework_dir, framework)
        with stopwatch("generate"):
            site = generate(framework, guidance_dir, checklists, history, sync_server)
    return framework, site


def build(framework: Framework, site: GeneratedSite, out: Path, docs: Path, stopwatch: Stopwatch = untimed,
          pdf_cache: Path = PDF_CACHE, site_url: str | None = None, sync_server: str = "", make_pdfs: bool = True) -> None:
    """Build the whole site in a staging folder, then swap it in as `out`; the generated Markdown is kept in `docs`.
    `site_url` (else mkdocs.yml's) is where it will be published; `sync_server` a team's CouchDB;
    without `make_pdfs`, a site for a quick look whose pages link PDFs it lacks."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(framework))  # same sources, same bytes
    staging = staging_folder(out)
    steps = steps_beside(pdf_cache)
    try:
        with stopwatch("exports"):  # open data and workbook, listed on the Downloads page with the PDFs
            site.files.update(write_site_exports(framework, site.checklists.scale, staging / "exports", site.guidance,
                                               site.history, steps))
        with stopwatch("PDFs"):  # from the model, before the engine: the Downloads page gives their sizes
            add_downloads(site, framework, pdf_cache, make_pdfs=make_pdfs)
        with stopwatch("write pages"):  # in place, only what changed: the site is what is swapped in
            write_docs(site, docs)
        packed = staging / "offline.zip"  # beside the site until it is whole: the engine empties the site's folder first
        with OfflineCopy(packed, f"{framework.id}-offline", previous=out / zip_name(framework.id)) as offline:
            finisher = PageFinisher(staging / "site", offline, connect=[csp.origin(sync_server)] if sync_server else [])
            with stopwatch("engine build"):  # the engine finishes each page as it writes it (finish.py)
                theme = build_site(site, docs, staging / "site", CONFIG, site.sources, steps,
                                   site_url=site_url, finish=finisher.begin)
                finisher.final_assets()  # already made at the first page, unless the site has none
            refuse_content_scripts([staging / "site" / name for name in finisher.strays], staging / "site", site)
            with stopwatch("search index"):
                add_practitioner_search(staging / "site", site.search_terms)
            with stopwatch("purge theme stylesheet"):
                purge_theme_css(staging / "site", steps, finisher.usage)
            with stopwatch("offline copy"):  # the pages are in it already
                hashes = finisher.pack_other_files()
        packed.rename(staging / "site" / zip_name(framework.id))
        with stopwatch("installable"):  # after the zip: the worker lists every file with its hash
            make_installable(staging / "site", framework, site.site_name, HOST_FILES, steps, hashes)
            write_host_configuration(staging / "site", finisher.policy, theme.site_url)
        with stopwatch("publish"):
            replace_folder(staging / "site", out)
        steps.prune()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def steps_beside(pdf_cache: Path) -> StepCache:
    """The results of steps other than PDFs whose inputs did not change, kept beside the PDFs."""
    return StepCache(pdf_cache.parent / "steps")


def refuse_content_scripts(pages: list[Path], site_dir: Path, site: GeneratedSite) -> None:
    """Stop the build if a page holds an inline script no template wrote: the policy would block it, but
    a maintainer should hear where it came from. (The checks in `markup` stop such text in the sources.)"""
    problems = []
    for page in pages:
        folder = page.relative_to(site_dir).parent.as_posix()
        docs = next((p for p in (f"{folder}.md", f"{folder}/index.md", "index.md") if p in site.pages), folder)
        problems.append(Problem(site.sources.get(docs, Path(docs)), None,
                                "the page holds a script that is not the site's own; browsers will refuse to run it",
                                "remove the script from the page's source: the site runs only the scripts in overrides/"))
    if problems:
        raise DataError(problems)


def source_date_epoch(framework: Framework) -> str:
    """The last commit's time, or else the framework's release date: never 'now'."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    released = datetime.fromisoformat(framework.version.released).replace(tzinfo=timezone.utc)
    return str(int(released.timestamp()))
