"""A Content Security Policy for every built page: the site's own files and nothing else.

The policy is a <meta> tag, so it travels with the files (any web server, or a copy
opened from disk). The theme puts a few small scripts inline in each page; rather
than allow all inline scripts, each page's policy names the SHA-256 hash of exactly
the inline scripts that page holds, computed from the built file.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser runs; anything else (such as the theme's JSON settings) is data.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = '<meta charset="utf-8">'

# 'self' for every kind of resource; data: only for the SVG icons inside the theme's
# stylesheet. base-uri and form-action do not fall back to default-src, so they are named.
POLICY = ("default-src 'self'; script-src 'self'{hashes}; img-src 'self' data:; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")


class _InlineScripts(HTMLParser):
    """Collects the text of each inline script that a browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        if "src" not in values and (values.get("type") or "").lower() in _EXECUTABLE:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def policy_for(html: str, also: Iterable[str] = ()) -> str:
    """The policy for one page: the site itself, plus the hashes of the page's inline scripts
    and of the scripts in `also` (inline scripts that the page's own scripts write later)."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    hashes = dict.fromkeys(_hash(script) for script in [*parser.scripts, *also])  # ordered, no repeats
    return POLICY.format(hashes="".join(f" '{h}'" for h in hashes))


def add_policy(html: str, also: Iterable[str] = ()) -> str:
    """The page with its policy as the first thing after the charset, before any script."""
    if _CHARSET not in html:
        raise ValueError(f"no {_CHARSET} to put the policy after")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, also)}">'
    return html.replace(_CHARSET, f"{_CHARSET}\n    {tag}", 1)


def protect(site_dir: Path, written_later: Callable[[str], Iterable[str]] = lambda html: ()) -> None:
    """Add the policy to every HTML page under `site_dir`, in place.

    `written_later(html)` names inline scripts that a page's scripts will write into it.
    """
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        path.write_text(add_policy(html, written_later(html)), encoding="utf-8")


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
