"""Each checklist as a PDF document: the checklist body from its site page, in the PDF page layout."""

from __future__ import annotations

from pathlib import Path

from ..guidance_model import Guidance
from ..model import Framework
from ..pdf import PdfDocument, render_document
from ..urls import checklist_pdf_path
from .catalogue import Checklist, catalogue
from .definitions import Definitions

TEMPLATES = Path(__file__).parent / "templates"
# The site's checklist stylesheet, so the PDF and the printed page are laid out alike.
SHARED_STYLESHEET = Path(__file__).resolve().parents[3] / "overrides" / "assets" / "stylesheets" / "checklist.css"
STYLESHEETS = [SHARED_STYLESHEET, TEMPLATES / "checklist-pdf.css"]


def documents(framework: Framework, definitions: Definitions, guidance: Guidance) -> list[tuple[Checklist, PdfDocument]]:
    """Every checklist with its PDF document, in the order the site lists them."""
    return [(checklist, PdfDocument(checklist_pdf_path(framework.id, checklist.slug),
                                    render_document(TEMPLATES, "checklist.pdf.html.j2", framework, STYLESHEETS,
                                                    checklist=checklist, scale=definitions.scale, guidance=guidance)))
            for checklist in catalogue(framework, definitions)]
