"""Where each part of the framework lives in the site (docs paths and anchors), in one place."""

from __future__ import annotations

import posixpath

from .model import Element, Section


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
