"""Files to download (the PDFs), made beside the pages, and the Downloads page that lists them.

The PDFs come from the model, not from the site, so they are made before the engine runs and go
into the site as static files; the Downloads page is written once their sizes are known. In a
framework of more than a dozen sections, the page lists the sections' and elements' checklists by
ranges of sections, each range with a page of its own (as the Checklists page does), so that no
page grows with the framework.
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
from ..pages.framework_pages import ranges, section_tree
from ..pdf import BuiltPdf, build_pdfs
from ..render import environment
from ..site import GeneratedSite
from ..urls import DOWNLOADS_PAGE, changes_download_path, checklists_range_path, downloads_range_path

TEMPLATES = Path(__file__).parent / "templates"
GROUPS = {"kind": "Checklists for a task", "framework": "The whole framework", "section": "Checklists by section",
          "element": "Checklists by element"}
# The groups listed by ranges of sections in a framework of more than a dozen sections.
BY_SECTION = (GROUPS["section"], GROUPS["element"])


@dataclass(frozen=True)
class Download:
    path: str          # where the file is in the site
    title: str
    description: str
    group: str
    section_id: str = ""  # the section a section's or element's checklist belongs to


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
                               checklist.purpose, GROUPS[checklist.scope],
                               checklist.section_id if checklist.scope in ("section", "element") else ""))
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
    for path, markdown in pages(framework, listed, built, data, changes).items():
        site.add_page(path, markdown)


def _stand_in(cache_dir: Path) -> Path:
    """What a site built without its PDFs has at their addresses, so that its pages' links resolve."""
    note = cache_dir.parent / "pdf-not-made.txt"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("This PDF was not made: the site was built with --no-pdfs. "
                    "Build it again without that option (python scripts/build.py) to make it.\n", encoding="utf-8")
    return note


def pages(framework: Framework, listed: list[Download], built: dict[str, BuiltPdf],
          data: list[tuple[Export, int]], changes: list[tuple[ChangeLog, dict[str, int]]] = ()) -> dict[str, str]:
    """The Downloads page, and in a framework of more than a dozen sections a page per range of
    sections listing its sections' and elements' checklists (or smaller ranges)."""
    tree = section_tree(framework)
    ranged = tree[0].section is None
    groups: dict[str, list[Download]] = {}
    for download in listed:
        groups.setdefault(download.group, []).append(download)
    env = environment(TEMPLATES)
    values = {"framework": framework, "built": built, "size": _size, "range_path": downloads_range_path,
              "checklists_range_path": checklists_range_path}
    found = {DOWNLOADS_PAGE: env.get_template("downloads.md.j2").render(
        groups={group: held for group, held in groups.items() if not (ranged and group in BY_SECTION)},
        nodes=tree if ranged else (), data=data, changes=changes, here=DOWNLOADS_PAGE,
        offline_zip=zip_name(framework.id), **values)}
    for node in ranges(tree):
        ids = {section.id for section in node.sections}
        here = downloads_range_path(node)
        found[here] = env.get_template("range.md.j2").render(
            here=here, within=node, nodes=node.children, **values,
            groups={group: [d for d in groups.get(group, []) if d.section_id in ids] for group in BY_SECTION})
    return found


def _size(size: int) -> str:
    """A file size as people read it: 980 bytes, 41 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"
