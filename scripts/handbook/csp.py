"""A Content Security Policy for every built page: the site's own files and nothing else.

The policy is a <meta> tag, so it travels with the files (any web server, or a copy
opened from disk). The theme puts a few small scripts inline in each page; rather
than allow all inline scripts, the policy names the SHA-256 hash of each inline script
the templates write (`engine.template_scripts` reads them from known-clean pages). A script
found in a page's content is never hashed, so the browser never runs it, and the build names
the page (the checks in `markup` should have stopped it earlier). Every page gets the same policy
(the site has only a handful of inline scripts), so a web server can send it as an HTTP
header as well (scripts/handbook/hosting.py) and the two always agree.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Collection, Iterable
from functools import lru_cache

# Script types a browser runs; anything else (such as the theme's JSON settings) is data.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = '<meta charset="utf-8">'
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_SCRIPT_SRC = "script-src 'self'"

# 'self' for every kind of resource; data: only for the SVG icons inside the theme's
# stylesheet. base-uri and form-action do not fall back to default-src, so they are named.
POLICY = ("default-src 'self'; script-src 'self'{hashes}; img-src 'self' data:; object-src 'none'; "
          "base-uri 'self'; form-action 'self'{connect}")


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


def policy_for(html: str, also: Iterable[str] = (), connect: Iterable[str] = ()) -> str:
    """The policy for one page: the site itself, plus the hashes of the page's inline scripts
    and of the scripts in `also` (inline scripts that the page's own scripts write later), and
    the origins in `connect` (a team's sync server named at build time) for the page to talk to."""
    hashes = dict.fromkeys(_hash(script) for script in [*inline_scripts(html), *also])  # ordered, no repeats
    servers = "".join(f" {origin}" for origin in connect)
    return POLICY.format(hashes="".join(f" '{h}'" for h in hashes),
                         connect=f"; connect-src 'self'{servers}" if servers else "")


def origin(url: str) -> str:
    """The origin of a URL (scheme, host and port), as a policy names it."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"


def add_policy(html: str, also: Iterable[str] = ()) -> str:
    """The page with its policy as the first thing after the charset, before any script."""
    return with_policy(html, policy_for(html, also))


def with_policy(html: str, policy: str) -> str:
    """The page with `policy` as the first thing after the charset, before any script."""
    if _CHARSET not in html:
        raise ValueError(f"no {_CHARSET} to put the policy after")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace(_CHARSET, f"{_CHARSET}\n    {tag}", 1)


def site_policy(allowed: Collection[str], connect: Iterable[str] = ()) -> str:
    """The one policy for every page of the site: it allows the inline scripts in `allowed` (the ones the
    templates write, engine.template_scripts) and no other, so a script that reached a page from the
    sources never runs; and the servers in `connect` (a team's sync server named at build time)."""
    return policy_for("", sorted(allowed), connect)


def holds_other_scripts(html: str, allowed: Collection[str]) -> bool:
    """Whether the page holds an inline script not in `allowed`: the site's policy does not allow it,
    so browsers will refuse to run it."""
    return any(script not in allowed for script in inline_scripts(html))


def allow_scripts(html: str, scripts: Iterable[str]) -> str:
    """A page that already has its policy, also allowing `scripts` (inline scripts that the
    page's own scripts write later, such as the offline copy's search frame)."""
    if _SCRIPT_SRC not in html:
        raise ValueError(f"no policy with {_SCRIPT_SRC} to add script hashes to")
    hashes = "".join(f" '{_hash(script)}'" for script in scripts)
    return html.replace(_SCRIPT_SRC, _SCRIPT_SRC + hashes, 1)


@lru_cache(maxsize=64)  # the same few scripts, on every page
def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
