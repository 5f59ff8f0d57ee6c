"""Turn HTML documents into PDFs with WeasyPrint: in parallel, and only when their content changed.

A PDF is a function of its HTML (styles inlined) and of the WeasyPrint version and options, so
their hash names it in the cache: a rebuild with unchanged inputs copies nothing and renders
nothing. Misses are rendered by a pool of worker processes, each importing WeasyPrint once.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TextIO

from ..problems import Problem

# Tagged PDF/UA-1: structure a screen reader can follow, language and title in the metadata.
OPTIONS = {"pdf_variant": "pdf/ua-1"}
CACHE_DAYS = 14  # cache entries unused for this long are removed
# Workers import this module by name, so the folder holding `handbook` must be on their sys.path,
# which they copy from ours; MkDocs takes it off again after loading scripts/hooks.py.
PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class PdfDocument:
    path: str   # where the PDF goes in the site, e.g. downloads/x-checklist-3.1.pdf
    html: str   # a self-contained HTML document


@dataclass(frozen=True)
class BuiltPdf:
    file: Path  # the PDF in the cache
    pages: int
    size: int


class PdfError(Exception):
    """A PDF could not be made; `problems` says why and what to do."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("a PDF could not be made")
        self.problems = problems


def build_pdfs(documents: list[PdfDocument], cache_dir: Path, out: TextIO = sys.stdout) -> dict[str, BuiltPdf]:
    """Every document as a PDF in `cache_dir`, by site path; prints progress on a terminal."""
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = {document.path: _key(document.html) for document in documents}
    missing = [d for d in documents if not (cache_dir / f"{keys[d.path]}.json").is_file()]
    if missing:
        warned = _make(missing, keys, cache_dir, _Progress(len(missing), out))
        if warned:
            raise PdfError([_problem(message, paths) for message, paths in warned.items()])
    built = {path: _built(cache_dir, key) for path, key in keys.items()}
    _prune(cache_dir, set(keys.values()))
    elapsed = time.perf_counter() - started
    print(f"PDFs: {len(missing)} made, {len(documents) - len(missing)} unchanged (from {_shown(cache_dir)}), "
          f"in {elapsed:.1f} s.", file=out)
    return built


def _make(documents: list[PdfDocument], keys: dict[str, str], cache_dir: Path, progress: _Progress) -> dict[str, list[str]]:
    """Render `documents` into the cache on every core; WeasyPrint's warnings, with the PDFs they came from."""
    warned: dict[str, list[str]] = {}
    if PACKAGE_PARENT not in sys.path:
        sys.path.append(PACKAGE_PARENT)
    # Spawned, not forked: safe beside the threads of `mkdocs serve`, and each worker gets this
    # process's sys.path (Python 3.11's forkserver drops it, and `handbook` is found through it).
    context = multiprocessing.get_context("spawn")
    workers = min(len(documents), len(os.sched_getaffinity(0)))
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            # Longest first, so the big documents do not finish last on one core.
            order = sorted(documents, key=lambda d: -len(d.html))
            # Workers start while the work is handed out; they inherit Ctrl-C being ignored, so only
            # this process reacts to it (a worker starting up would otherwise print a traceback).
            with _ctrl_c_ignored():
                futures = {pool.submit(_render, d.html, str(cache_dir / f"{keys[d.path]}.pdf")): d for d in order}
            for future in as_completed(futures):
                document = futures[future]
                pages, messages = future.result()
                for message in messages:
                    warned.setdefault(message, []).append(document.path)
                if not messages:  # only a clean result is remembered, so a warning shows again next time
                    _write(cache_dir / f"{keys[document.path]}.json", json.dumps({"pages": pages}))
                progress.step(document.path.rsplit("/", 1)[-1])
    except KeyboardInterrupt:
        pool.shutdown(wait=True, cancel_futures=True)  # the PDFs being made are finished (ready for next time)
        raise
    except BrokenProcessPool:
        warned.setdefault("a PDF worker stopped unexpectedly (out of memory?)", []).extend(d.path for d in documents)
    finally:
        progress.done()
    return warned


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Ignore Ctrl-C for a moment (only the main thread may change how signals are handled)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _key(html: str) -> str:
    return hashlib.sha256(f"{_maker()}\n{html}".encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)  # read once: the version is read from the package's metadata (at 100x, 2,400 PDFs)
def _maker() -> str:
    return f"weasyprint {version('weasyprint')} {json.dumps(OPTIONS, sort_keys=True)}"


def _built(cache_dir: Path, key: str) -> BuiltPdf:
    file, facts = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    facts.touch()  # recently used, so _prune keeps it; the PDF's own time stamp says when it was made
    return BuiltPdf(file, json.loads(facts.read_text())["pages"], file.stat().st_size)


def _write(path: Path, text: str) -> None:
    """Write in one step: another build may be reading the same cache."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _prune(cache_dir: Path, keep: set[str]) -> None:
    """Remove the files of entries last used (their .json touched) before the cutoff."""
    cutoff = time.time() - CACHE_DAYS * 86400
    for path in cache_dir.iterdir():
        key = path.name.split(".")[0]
        facts = cache_dir / f"{key}.json"
        try:
            if key not in keep and (facts if facts.exists() else path).stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:  # removed meanwhile by another build
            pass


def _problem(message: str, paths: list[str]) -> Problem:
    others = f" (and {len(paths) - 1} other PDFs)" if len(paths) > 1 else ""
    return Problem(Path(sorted(paths)[0]), None, f"WeasyPrint: {message}{others}",
                   "correct the PDF's template or stylesheet (scripts/handbook/pdf/, checklists/ or booklet/templates/); "
                   "if WeasyPrint cannot be loaded, run scripts/setup-pdf-tools.sh")


class _Progress:
    """A counter that rewrites one line on a terminal, and stays silent otherwise."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total, self.count, self.out = total, 0, out
        self.shown = total > 0 and out.isatty()

    def step(self, name: str) -> None:
        self.count += 1
        if self.shown:
            bar = "#" * (20 * self.count // self.total)
            line = f"Making PDFs [{bar:<20}] {self.count}/{self.total} {name}"
            columns = shutil.get_terminal_size().columns - 1  # a wrapped line could not be rewritten
            self.out.write(f"\r{line[:columns]:<{columns}}")
            self.out.flush()

    def done(self) -> None:
        if self.shown:
            self.out.write("\r\033[K")
            self.out.flush()


# In each worker process ------------------------------------------------------------------------

_messages: list[str] = []
_unavailable: str | None = None


def _start_worker() -> None:
    """Import WeasyPrint once per worker, and collect what it logs instead of printing it.
    Ctrl-C reaches every process of the terminal: the build stops the workers, which ignore it
    rather than each printing a traceback."""
    global _unavailable
    import logging

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            _messages.append(record.getMessage())

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        _unavailable = f"cannot be loaded ({error})"
        return
    logger = logging.getLogger("weasyprint")
    logger.addHandler(Collect(logging.WARNING))
    logger.propagate = False


def _render(html: str, target: str) -> tuple[int, list[str]]:
    """Write the PDF for `html` to `target` (atomically); its page count and any warnings."""
    if _unavailable:
        return 0, [_unavailable]
    import weasyprint

    _messages.clear()
    try:
        document = weasyprint.HTML(string=html).render()
        partial = f"{target}.{os.getpid()}.part"
        document.write_pdf(partial, **OPTIONS)
    except Exception as error:  # reported with the PDF's name rather than as a worker's traceback
        return 0, [f"could not make this PDF ({type(error).__name__}: {error})"]
    os.replace(partial, target)
    return len(document.pages), list(_messages)
