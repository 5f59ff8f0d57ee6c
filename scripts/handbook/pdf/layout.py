"""Render a PDF's HTML document: a kind's own template extending the shared page layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Framework
from ..render import environment

TEMPLATES = Path(__file__).parent / "templates"
PAGE_STYLESHEET = TEMPLATES / "pdf.css"


def render_document(templates: Path, template: str, framework: Framework, stylesheets: list[Path],
                    **values: Any) -> str:
    """A self-contained HTML document: the shared page stylesheet, then `stylesheets`, inlined."""
    styles = "\n".join(path.read_text(encoding="utf-8") for path in [PAGE_STYLESHEET, *stylesheets])
    page = environment(templates, TEMPLATES, autoescape=True).get_template(template)
    return page.render(framework=framework, styles=styles, **values)
