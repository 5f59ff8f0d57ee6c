"""A Content Security Policy for every built page: the site's own files and nothing else.

The policy is a <meta> tag, so it travels with the files (any web server, or a copy
opened from disk). The theme puts a few small scripts inline in each page; rather
than allow all inline scripts, each page's policy names the SHA-256 hash of the inline
scripts that page holds which the templates wrote (`engine.template_scripts` reads them
from known-clean pages). A script found in a page's content is never hashed, so the
browser never runs it, and the build names the page (the source checks in `markup`
should have stopped it earlier).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

# Script types a browser runs; anything else (such as the theme's JSON settings) is data.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = '<meta charset="utf-8">'
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)

# 'self' for every kind of resource; data: only for the SVG icons inside the theme's
# stylesheet. base-uri and form-action do not fall back to default-src, so they are named.
POLICY = ("default-src 'self'; script-src 'self'{hashes}; img-src 'self' data:; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script in `html` that a browser would run.

    A pattern, not a full parser: a script's text ends at the first </script, as in HTML
    itself, and the build writes every page, so a quick scan is exact enough and keeps
    this step a small share of the build.
    """
    found = []
    for attributes, text in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind[1].lower() if kind else "") in _EXECUTABLE:
            found.append(text)
    return found


def policy_for(scripts: Iterable[str]) -> str:
    """The policy for a page whose allowed inline scripts are `scripts`: the site itself, plus their hashes."""
    hashes = dict.fromkeys(_hash(script) for script in scripts)  # ordered, no repeats
    return POLICY.format(hashes="".join(f" '{h}'" for h in hashes))


def add_policy(html: str, allowed: Collection[str], also: Iterable[str] = ()) -> tuple[str, list[str]]:
    """The page with its policy as the first thing after the charset, before any script, and the
    inline scripts it holds that are not in `allowed` (they get no hash: the browser will not run them).
    `also` names inline scripts that the page's own scripts write later."""
    if _CHARSET not in html:
        raise ValueError(f"no {_CHARSET} to put the policy after")
    found = inline_scripts(html)
    strays = [script for script in found if script not in allowed]
    policy = policy_for([*(script for script in found if script in allowed), *also])
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace(_CHARSET, f"{_CHARSET}\n    {tag}", 1), strays


def protect(site_dir: Path, allowed: Collection[str],
            written_later: Callable[[str], Iterable[str]] = lambda html: ()) -> list[Path]:
    """Add the policy to every HTML page under `site_dir`, in place, allowing the inline scripts in
    `allowed` (those the templates write). Returns the pages that hold any other inline script.

    `written_later(html)` names inline scripts that a page's scripts will write into it.
    """
    strays = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        protected, found = add_policy(html, allowed, written_later(html))
        path.write_text(protected, encoding="utf-8")
        if found:
            strays.append(path)
    return strays


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
