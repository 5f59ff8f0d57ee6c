"""Where each part of the framework lives in the site (docs paths and anchors), in one place."""

from __future__ import annotations

import posixpath

from .model import Element, Section

DOWNLOADS_PAGE = "downloads/index.md"


def section_path(section: Section) -> str:
    return f"framework/{section.id}/index.md"


def element_path(element: Element) -> str:
    return f"framework/{element.id}.md"


def line_anchor(line_id: str) -> str:
    return f"line-{line_id}"


def link(here: str, target: str, anchor: str = "") -> str:
    """A relative Markdown link from page `here` to page `target` (both docs paths)."""
    relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"{relative}#{anchor}" if anchor else relative


def checklist_path(slug: str) -> str:
    """A checklist page; a section's is a folder index so the navigation nests its elements' under it."""
    return f"checklists/{slug}/index.md" if slug.isdigit() else f"checklists/{slug}.md"


def checklist_pdf_path(framework_id: str, slug: str) -> str:
    return f"downloads/{framework_id}-checklist-{slug}.pdf"


def booklet_pdf_path(framework_id: str) -> str:
    return f"downloads/{framework_id}-framework.pdf"
