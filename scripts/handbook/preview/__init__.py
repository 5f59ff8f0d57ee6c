"""The live preview (`make serve`, scripts/serve.py): the checked model and the engine stay in memory, so
saving a file shows in the open page in about a second, whatever the framework's size.

On a save, in two steps:
1. **Quick.** Check the sources again, as strictly as the build, re-reading only the files that changed
   (schema.CheckedFiles keeps what the others held); regenerate the pages of the sections whose elements
   or line guidance changed, render those pages alone, and reload the browser.
2. **Complete.** Generate every page from the checked model and render again each page whose text
   changed (guides, checklists, the workspace...), then reload the browser again. A change to the
   navigation or to the set of pages rebuilds the engine's site from scratch.

A mistake stops at step 1: the problems (file, line, fix) go to the terminal and to a banner on the
served pages, which stay as they last built. The preview has no PDFs, offline copy or security
policy: `python scripts/build.py` makes those.
"""

from __future__ import annotations

import gc
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import pipeline, schema
from ..checklists import load_definitions
from ..framework import load_framework
from ..guidance_model import Guidance
from ..history import load_history
from ..model import Framework
from ..pages import framework_pages
from ..problems import DataError
from ..prompts import load_prompts
from ..site import GeneratedSite, write_docs
from ..vocabulary import load_vocabulary
from .engine import Engine


@dataclass(frozen=True)
class Outcome:
    """What one save did: the pages rendered at each step, its seconds, or the problems found."""

    quick: tuple[str, ...] = ()
    complete: tuple[str, ...] = ()
    seconds: float = 0.0
    problems: str = ""


class Preview:
    """The sources in `framework_dir` and `guidance_dir` built into `work`/site and kept up to date."""

    def __init__(self, framework_dir: Path, guidance_dir: Path, work: Path) -> None:
        schema.kept = schema.CheckedFiles()
        self.framework_dir, self.guidance_dir = framework_dir, guidance_dir
        self.docs, self.out = work / "docs", work / "site"
        self.stamps = self._stamps()
        self.framework, self.site = pipeline.check(framework_dir, guidance_dir)  # raises DataError
        self._start_engine()

    def watched(self) -> list[Path]:
        return [self.framework_dir, self.guidance_dir, pipeline.ROOT / "data"]

    def _stamps(self) -> dict[Path, tuple[int, int]]:
        found = {}
        for folder in self.watched():
            for path in folder.rglob("*"):
                if path.is_file():
                    status = path.stat()
                    found[path.absolute()] = (status.st_mtime_ns, status.st_size)
        return found

    def _start_engine(self) -> None:
        shutil.rmtree(self.docs, ignore_errors=True)
        write_docs(self.site, self.docs)
        self.engine = Engine(self.site, self.docs, self.out, pipeline.CONFIG)

    def update(self, show: Callable[[Outcome], None] = lambda outcome: None,
               interrupted: Callable[[], bool] = lambda: False) -> Outcome:
        """Bring the site up to date with the sources; `show` is called after the quick step (to reload
        the browser) and the result returned after the complete one, or as soon as `interrupted()`."""
        started = time.perf_counter()
        with _collector_paused():
            quick, outcome = self._quick(started)
        show(outcome)
        if outcome.problems or interrupted():
            return outcome
        try:
            self.framework, site = pipeline.check(self.framework_dir, self.guidance_dir)
        except DataError as error:  # a mistake only the whole check finds (hand-written pages, checklists...)
            return Outcome(seconds=time.perf_counter() - started, problems=error.report(pipeline.ROOT))
        previous, self.site = self.site, site
        if site.nav != previous.nav or site.pages.keys() != previous.pages.keys():
            self._start_engine()
            return Outcome(tuple(sorted(quick)), tuple(sorted(site.pages)), time.perf_counter() - started)
        rest = {path: text for path, text in site.pages.items() if text != previous.pages[path] and quick.get(path) != text}
        self._render(rest)
        return Outcome(tuple(sorted(quick)), tuple(sorted(rest)), time.perf_counter() - started)

    def _quick(self, started: float) -> tuple[dict[str, str], Outcome]:
        """Step 1: check the sources, then render the pages of the sections that changed."""
        stamps = self._stamps()
        changed = {path for path in stamps.keys() | self.stamps.keys() if stamps.get(path) != self.stamps.get(path)}
        self.stamps = stamps
        schema.kept.forget(changed)
        try:
            framework, advice = self._checked()
        except DataError as error:
            return {}, Outcome(seconds=time.perf_counter() - started, problems=error.report(pipeline.ROOT))
        sections = frozenset(s.id for s in framework.sections if self._changed(s.id, framework, advice))
        quick: dict[str, str] = {}
        if sections and {s.id for s in framework.sections} == {s.id for s in self.framework.sections}:
            group = framework_pages.generate(framework, advice, self.site.history.changes[-1] if self.site.history.changes
                                             else None, only=sections)
            quick = {path: self._finished(text) for path, text in group.pages.items()}
            self._render(quick)
        return quick, Outcome(tuple(sorted(quick)), seconds=time.perf_counter() - started)

    def _checked(self) -> tuple[Framework, Guidance]:
        """The framework and the lines' guidance, checked by the build's own loaders (DataError if wrong)."""
        framework = load_framework(self.framework_dir)
        load_definitions(self.framework_dir, pipeline.SCALE, framework)
        load_history(self.framework_dir, framework)
        return framework, load_prompts(self.guidance_dir / "lines", framework, load_vocabulary())

    def _changed(self, section_id: str, framework: Framework, advice: Guidance) -> bool:
        """Whether the section, or the guidance on one of its lines, differs from what is shown."""
        try:
            before = self.framework.section(section_id)
        except (KeyError, StopIteration, ValueError):
            return True
        now = framework.section(section_id)
        return before != now or any(advice.lines.get(line.id) != self.site.guidance.lines.get(line.id)
                                    for element in now.elements for line in element.lines)

    def _finished(self, text: str) -> str:
        """A page's text as the complete site holds it (ending with the glossary's definitions)."""
        probe = GeneratedSite(guidance=self.site.guidance)
        probe.add_page("page.md", text)
        return probe.pages["page.md"]

    def _render(self, pages: dict[str, str]) -> None:
        for path, text in pages.items():
            (self.docs / path).write_text(text, encoding="utf-8")
            if not path.endswith(".md"):  # a generated file the engine copies, not a page (workspace/framework.js)
                shutil.copyfile(self.docs / path, self.out / path)
        self.engine.render(sorted(path for path in pages if path.endswith(".md")))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the quick step: with a large framework's model and pages in
    memory, its full passes took most of the step (2.0 s of it at 100x, 0.5 s without). It runs again
    during the complete step, so nothing is kept that it would have freed."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
