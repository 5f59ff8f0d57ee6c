"""Our own stylesheets and scripts, minified in the built site.

Their comments and spacing are for maintainers, not for a phone on a weak signal: minified,
a checklist page's own files weigh about a third less gzipped. The theme's files come
minified already (`*.min.css`, `*.min.js`), and so do vendored libraries; licence comments
(`/*! ... */`) stay. The sources in overrides/ are untouched, and so are the PDFs, which
WeasyPrint lays out from those sources.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": lambda css: rcssmin.cssmin(css, keep_bang_comments=True),
    ".js": lambda js: rjsmin.jsmin(js, keep_bang_comments=True),
}


def minify_own_assets(site_dir: Path) -> None:
    """Minify, in place, every stylesheet and script under the site's assets/ not already minified."""
    for path in sorted(site_dir.joinpath("assets").rglob("*")):
        minify = MINIFIERS.get(path.suffix)
        if minify is not None and not path.name.endswith((".min.css", ".min.js")) and path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
