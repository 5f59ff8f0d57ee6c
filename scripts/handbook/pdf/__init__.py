"""PDFs made from our own HTML documents with WeasyPrint: the shared page layout and the builder.

Each kind of PDF (checklists, the booklet) renders a self-contained HTML document from its own
templates, extending pdf_base.html.j2 here; `build_pdfs` turns the documents into files in
parallel and keeps them in a content-addressed cache.
"""

from .build import BuiltPdf, PdfDocument, PdfError, build_pdfs
from .layout import render_document

__all__ = ["BuiltPdf", "PdfDocument", "PdfError", "build_pdfs", "render_document"]
