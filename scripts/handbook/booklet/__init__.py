"""The whole framework as one PDF booklet: cover, contents with page numbers, the introduction,
and every section and element, with bookmarks for each section and element; when the framework has
earlier versions, an appendix of what changed between each pair."""

from __future__ import annotations

from pathlib import Path

from ..changelog import LABELS, ChangeLog
from ..model import Framework
from ..pdf import PdfDocument, render_document
from ..urls import booklet_pdf_path

TEMPLATES = Path(__file__).parent / "templates"
TITLE = "The framework as a booklet"


def document(framework: Framework, changes: tuple[ChangeLog, ...] = ()) -> PdfDocument:
    return PdfDocument(booklet_pdf_path(framework.id),
                       render_document(TEMPLATES, "booklet.html.j2", framework, [TEMPLATES / "booklet.css"],
                                       changes=changes, labels=LABELS))
