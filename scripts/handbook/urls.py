"""Where each part of the framework lives in the site (docs paths and anchors), in one place."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from .guidance_model import EvidenceSource, Theme
from .model import Element, Outcome, Section

if TYPE_CHECKING:  # pages.framework_pages makes its addresses here
    from .pages.framework_pages import Node

# The handbook's guide pages that are not one of a kind.
GUIDE_PAGES = MappingProxyType({
    "sources": "evidence/index.md",
    "themes": "themes/index.md",
    "outcomes": "outcomes/index.md",
    "glossary": "glossary.md",
})

DOWNLOADS_PAGE = "downloads/index.md"


def section_path(section: Section) -> str:
    return f"framework/{section.id}/index.md"


def element_path(element: Element) -> str:
    return f"framework/{element.id}.md"


def line_anchor(line_id: str) -> str:
    return f"line-{line_id}"


def guidance_anchor(line_id: str) -> str:
    """Where an element page shows the handbook's guidance on one line."""
    return f"guidance-{line_id}"


def source_path(source: EvidenceSource) -> str:
    return f"evidence/{source.id}.md"


def theme_path(theme: Theme) -> str:
    return f"themes/{theme.id}.md"


def outcome_path(outcome: Outcome) -> str:
    return f"outcomes/{outcome.id}.md"


def link(here: str, target: str, anchor: str = "") -> str:
    """A relative Markdown link from page `here` to page `target` (both docs paths)."""
    relative = _relative(target, posixpath.dirname(here) or ".")
    return f"{relative}#{anchor}" if anchor else relative


@lru_cache(maxsize=65536)  # pages in one folder link to the same targets; relpath is slow (it asks for the cwd)
def _relative(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder)


def checklist_path(slug: str) -> str:
    """A checklist page; a section's is a folder index so the navigation nests its elements' under it."""
    return f"checklists/{slug}/index.md" if slug.isdigit() else f"checklists/{slug}.md"


def checklists_range_path(node: Node) -> str:
    """The page listing the checklists of a range of sections (a framework of more than a dozen)."""
    return f"checklists/{node.slug}.md"


def downloads_range_path(node: Node) -> str:
    """The page listing the PDFs of a range of sections' checklists."""
    return f"downloads/{node.slug}.md"


def page_href(here: str, target: str) -> str:
    """A relative address from page `here` to page `target` (docs paths) as the built site has it
    (each page a folder), for links in HTML blocks, which the engine does not rewrite."""
    def folder(path: str) -> str:
        path = path.removesuffix(".md")
        return posixpath.dirname(path) if path.endswith("index") or path == "index" else path
    return posixpath.relpath(folder(target) or ".", folder(here) or ".") + "/"


def checklist_part_path(slug: str, name: str) -> str:
    """A page of a checklist split into parts (checklists/parts.py): a part, named by its first
    element ('3.1'), or a range of sections listing their parts ('sections-13-24')."""
    return f"checklists/{slug}/{name}.md"


def checklist_pdf_path(framework_id: str, slug: str) -> str:
    return f"downloads/{framework_id}-checklist-{slug}.pdf"


def booklet_pdf_path(framework_id: str) -> str:
    return f"downloads/{framework_id}-framework.pdf"


VERSIONS_PAGE = "versions/index.md"
UPGRADE_PAGE = "versions/upgrade.md"


def version_path(released: str) -> str:
    """An earlier version's read-only page: its address stays the same as versions are added."""
    return f"versions/{released}.md"


def changes_path(slug: str) -> str:
    """The "What changed" page between two versions, e.g. versions/2029-03-01-to-2031-02-28.md."""
    return f"versions/{slug}.md"


def changes_download_path(framework_id: str, slug: str, extension: str) -> str:
    return f"downloads/{framework_id}-changes-{slug}.{extension}"
