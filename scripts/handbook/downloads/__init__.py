"""Files to download (the PDFs), made beside the pages, and the Downloads page that lists them.

The PDFs come from the model, not from the site, so they are made before the engine runs and go
into the site as static files; the Downloads page is written once their sizes are known.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import booklet
from ..changelog import ChangeLog
from ..checklists.documents import documents as checklist_documents
from ..exports import Export, catalogue
from ..model import Framework
from ..offline import zip_name
from ..pdf import BuiltPdf, build_pdfs
from ..render import environment
from ..site import GeneratedSite
from ..urls import DOWNLOADS_PAGE, changes_download_path

TEMPLATES = Path(__file__).parent / "templates"
GROUPS = {"kind": "Checklists for a task", "framework": "The whole framework", "section": "Checklists by section",
          "element": "Checklists by element"}


@dataclass(frozen=True)
class Download:
    path: str          # where the file is in the site
    title: str
    description: str
    group: str


def add_downloads(site: GeneratedSite, framework: Framework, cache_dir: Path, out: TextIO = sys.stdout,
                  make_pdfs: bool = True) -> None:
    """Make every PDF (unchanged ones come from `cache_dir`), add them to `site`, and its Downloads page.
    Without `make_pdfs` (`build.py --no-pdfs`), the page lists the PDFs as not made."""
    assert site.checklists is not None and site.guidance is not None, "generate() gives every site its checklists and guidance"
    booklet_document = booklet.document(framework, site.history.changes if site.history else ())
    listed = [Download(booklet_document.path, booklet.TITLE,
                       "The introduction and every section and element, with contents and bookmarks, to read or print.",
                       GROUPS["framework"])]
    pdfs = [booklet_document]
    for checklist, document in checklist_documents(framework, site.checklists, site.guidance):
        pdfs.append(document)
        listed.append(Download(document.path, checklist.title if checklist.scope in ("kind", "framework") else checklist.label,
                               checklist.purpose, GROUPS[checklist.scope]))
    if make_pdfs:
        built = build_pdfs(pdfs, cache_dir, out)
        site.files.update({path: pdf.file for path, pdf in built.items()})
    else:
        built = {}
        site.files.update({document.path: _stand_in(cache_dir) for document in pdfs})
        print(f"PDFs: {len(pdfs)} not made (--no-pdfs); a note stands in for each: do not publish this site.", file=out)
    data = [(export, site.files[export.path].stat().st_size) for export in catalogue(framework).values()]
    changes = [(log, {extension: site.files[changes_download_path(framework.id, log.slug, extension)].stat().st_size
                      for extension in ("json", "csv")})
               for log in (site.history.changes if site.history else ())]
    site.add_page(DOWNLOADS_PAGE, page(framework, listed, built, data, changes))


def _stand_in(cache_dir: Path) -> Path:
    """What a site built without its PDFs has at their addresses, so that its pages' links resolve."""
    note = cache_dir.parent / "pdf-not-made.txt"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("This PDF was not made: the site was built with --no-pdfs. "
                    "Build it again without that option (python scripts/build.py) to make it.\n", encoding="utf-8")
    return note


def page(framework: Framework, listed: list[Download], built: dict[str, BuiltPdf],
         data: list[tuple[Export, int]], changes: list[tuple[ChangeLog, dict[str, int]]] = ()) -> str:
    groups: dict[str, list[Download]] = {}
    for download in listed:
        groups.setdefault(download.group, []).append(download)
    return environment(TEMPLATES).get_template("downloads.md.j2").render(
        framework=framework, groups=groups, built=built, data=data, changes=changes, here=DOWNLOADS_PAGE,
        size=_size, offline_zip=zip_name(framework.id))


def _size(size: int) -> str:
    """A file size as people read it: 980 bytes, 41 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"
