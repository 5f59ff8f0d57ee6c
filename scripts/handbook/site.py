"""Assemble every kind of page into one generated site: pages, navigation, template values.

`generate` is a plain function of the sources, engine-neutral: `scripts/build.py` writes
its pages to disk, and the MkDocs hook hands them to `mkdocs serve` without writing.
Each kind of page lives in a package of its own (code and templates side by side) and
returns a PageGroup; adding a kind means adding one line to `generate`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import guidance, guides, versions, workspace
from .checklists import Definitions
from .checklists import pages as checklist_pages
from .guidance_model import Guidance
from .history import History
from .listing import files_under
from .model import Framework
from .pages import framework_pages
from .practitioner_terms import PractitionerTerm, load_practitioner_terms
from .prompts import load_prompts
from .render import PageGroup, abbreviation_definitions
from .urls import UPGRADE_PAGE
from .vocabulary import load_vocabulary


# In the docs folder, what the last build wrote there; a dot file, which the engine leaves out of the site.
WRITTEN = ".written.json"


@dataclass
class GeneratedSite:
    """Everything the engine needs that comes from the sources."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    site_name: str = ""
    sources: dict[str, Path] = field(default_factory=dict)  # docs path -> hand-written file
    files: dict[str, Path] = field(default_factory=dict)    # docs path -> file to publish as it is (PDFs)
    checklists: Definitions | None = None                   # what the checklist PDFs are made from
    guidance: Guidance | None = None                        # the handbook's prompts, which the checklist PDFs show
    history: History | None = None                          # earlier versions and what changed: change logs, booklet
    search_terms: tuple[PractitionerTerm, ...] = ()         # practitioners' words, which search adds to the lines

    def add_page(self, path: str, markdown: str) -> None:
        """Add a page, ending with the glossary's abbreviation definitions so the engine marks its terms
        (or, for a path not ending in .md, a file the engine copies as it is)."""
        if not path.endswith(".md"):  # a generated file a page loads (the workspace's framework data)
            self.pages[path] = markdown
            return
        terms = self.guidance.vocabulary.abbreviations if self.guidance else ()
        self.pages[path] = f"{markdown.rstrip()}\n\n{abbreviation_definitions(terms)}"


def generate(framework: Framework, guidance_dir: Path, checklists: Definitions,
             history: History | None = None, sync_server: str = "") -> GeneratedSite:
    """All pages, the navigation and the template values for one framework (and its earlier versions);
    `sync_server` is the team's CouchDB named at build time, or empty."""
    history = history or History((framework,), ())
    hand_written = guidance.load_pages(guidance_dir)
    advice = load_prompts(guidance_dir / "lines", framework, load_vocabulary())
    parts = checklist_pages.splits(framework, checklists, advice)  # long checklists' parts, which the workspace opens at
    groups = [
        framework_pages.generate(framework, advice, history.changes[-1] if history.changes else None),
        checklist_pages.generate(framework, checklists, advice, parts),
        workspace.generate(framework, checklists, sync_server, parts),
        guides.generate(framework, advice),
        versions.generate(history, checklists, advice.vocabulary.abbreviations),
        PageGroup(hand_written.pages, [{"Using this handbook": hand_written.nav}]),
    ]
    site = GeneratedSite(site_name=f"{framework.short_title} handbook",
                         extra={"framework": _template_values(framework), **_upgrade_link(history)}, sources=hand_written.sources,
                         checklists=checklists, guidance=advice, history=history,
                         search_terms=load_practitioner_terms(framework, advice))
    site.files.update(versions.assets(history))
    for group in groups:
        for path, text in group.pages.items():
            site.add_page(path, text)
        site.nav.extend(group.nav)
    return site


def write_docs(site: GeneratedSite, docs_dir: Path) -> None:
    """Bring `docs_dir` to the site's pages and files, writing only what changed since the last build:
    a page is left as it is if its text is what was last written and its file is as then written (same
    size and modification time, so a file changed by hand is written again); a file no longer in the
    site is removed. At 100x (19,500 pages) writing them all, and removing the old ones, cost seconds."""
    before = _written(docs_dir)
    present = {path: (docs_dir / path).stat() for path in files_under(docs_dir) if path != WRITTEN}
    written: dict[str, list[str | int]] = {}
    for path, text in sorted(site.pages.items()):
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        found = present.pop(path, None)
        if found is None or before.get(path) != [digest, found.st_size, found.st_mtime_ns]:
            target = docs_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            found = target.stat()
        written[path] = [digest, found.st_size, found.st_mtime_ns]
    for path, source in sorted(site.files.items()):
        found = present.pop(path, None)
        if found is not None and os.path.samestat(found, source.stat()):
            continue  # the same file, linked by an earlier build (a PDF from its cache)
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:  # a link, not a copy: the files (PDFs from their cache, exports) are never changed in place
            os.link(source, target)
        except OSError:  # another file system, or one without links
            shutil.copyfile(source, target)
    for path in present:  # no longer in the site: the engine would publish it
        (docs_dir / path).unlink()
    emptied = {folder for path in present for folder in (docs_dir / path).parents if docs_dir in folder.parents}
    for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):  # the deepest first
        if not any(folder.iterdir()):
            folder.rmdir()
    (docs_dir / WRITTEN).write_text(json.dumps(written, separators=(",", ":")), encoding="utf-8")


def _written(docs_dir: Path) -> dict[str, list[str | int]]:
    """What the last build wrote in `docs_dir` (page -> [hash of its text, size, modification time]), if it says."""
    try:
        record = json.loads((docs_dir / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _upgrade_link(history: History) -> dict[str, str]:
    """Where checklist and workspace pages send a record made on an earlier version (overrides/main.html)."""
    if not history.earlier:
        return {}
    return {"upgrade_url": UPGRADE_PAGE.removesuffix(".md") + "/",
            "earlier_versions": " ".join(version.version.released for version in history.earlier)}


def _template_values(framework: Framework) -> dict[str, Any]:
    """What the theme's templates (footer, notice) show about the framework."""
    return {
        "id": framework.id,
        "title": framework.title,
        "short_title": framework.short_title,
        "publisher": framework.publisher.name,
        "version_label": framework.version.label,
        "version_date": framework.version.display_date,
        "version_year": framework.version.year,
        "licence_name": framework.licence.name,
        "licence_url": framework.licence.url,
        "copyright": framework.licence.copyright,
        "attribution": framework.licence.attribution,
    }
