"""Configuration for the hosts that publish the site, written beside its pages by the build:
`_headers` (Netlify, Cloudflare Pages) and `nginx-handbook.conf` (an nginx `location`).

Both send the site's Content Security Policy as an HTTP header (the same policy as every page's
<meta> tag, from csp.site_policy), keep the fingerprinted theme files for a year, make browsers check
pages and the service worker every time, and give the manifest and the zip their types.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .fingerprint import NAMED
from .listing import files_under

HEADERS_FILE = "_headers"
NGINX_FILE = "nginx-handbook.conf"
HOST_FILES = {HEADERS_FILE, NGINX_FILE}
# Files named by their content (fingerprint.py) are safe to keep for a year.
FINGERPRINTED = NAMED
FOREVER = "public, max-age=31536000, immutable"
ALWAYS_CHECK = "no-cache"   # browsers may keep a copy but ask the host whether it changed, every time
TYPES = {".webmanifest": "application/manifest+json", ".zip": "application/zip"}
WORKER_SCRIPTS = ("sw.js", "sw-kill-switch.js")   # checked every time (pages come under the default)


def base_path(site_url: str) -> str:
    """The path the site is published under, '/' or '/handbook/', from its address."""
    path = urlsplit(site_url).path if site_url else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def write_host_configuration(site_dir: Path, policy: str, site_url: str) -> None:
    """Write `_headers` and the nginx configuration for the site built in `site_dir`."""
    base = base_path(site_url)
    files = files_under(site_dir)
    fingerprinted = [f for f in files if FINGERPRINTED.search(f)]
    typed = {f: TYPES[Path(f).suffix] for f in files if Path(f).suffix in TYPES}
    security = {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    (site_dir / HEADERS_FILE).write_text(headers_file(base, security, fingerprinted, typed), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(nginx_file(base, security, fingerprinted, typed), encoding="utf-8")


def headers_file(base: str, security: dict[str, str], fingerprinted: list[str], typed: dict[str, str]) -> str:
    """Netlify and Cloudflare Pages apply every rule that matches a path (Cloudflare joins a header
    named twice), so each header is set by one rule only. Both hosts already ask browsers to check
    pages every time (max-age=0, must-revalidate); the worker's scripts say so themselves."""
    rules = [(f"{base}*", security)]
    rules += [(f"{base}{name}", {"Cache-Control": ALWAYS_CHECK}) for name in WORKER_SCRIPTS]
    rules += [(f"{base}{name}", {"Cache-Control": FOREVER}) for name in fingerprinted]
    rules += [(f"{base}{name}", {"Content-Type": kind}) for name, kind in typed.items()]
    lines = ["# Response headers for Netlify and Cloudflare Pages, written by scripts/build.py: do not edit.",
             "# Keep this file at the root of the folder the host publishes."]
    for path, headers in rules:
        lines += ["", path, *(f"  {name}: {value}" for name, value in headers.items())]
    return "\n".join(lines) + "\n"


def nginx_file(base: str, security: dict[str, str], fingerprinted: list[str], typed: dict[str, str]) -> str:
    """An nginx `location` for the site. nginx forgets a block's add_header lines in any inner
    block that adds its own, so each inner block repeats the security headers."""
    def headers(cache: str) -> list[str]:
        return [f'add_header {name} "{value}" always;' for name, value in {**security, "Cache-Control": cache}.items()]

    def block(opening: str, body: list[str]) -> list[str]:
        return [f"    {opening} {{", *(f"        {line}" for line in body), "    }"]

    inner: list[str] = []
    for name in fingerprinted:
        inner += block(f"location = {base}{name}", headers(FOREVER))
    for name, kind in typed.items():   # `types {}` empties the type map here, so default_type applies
        inner += block(f"location = {base}{name}", ["types { }", f"default_type {kind};", *headers(ALWAYS_CHECK)])
    inner += block(f"location ~ ^{re.escape(base)}({'|'.join(re.escape(f) for f in sorted(HOST_FILES))})$", ["return 404;"])
    return "\n".join([
        "# nginx configuration for the handbook, written by scripts/build.py: do not edit.",
        f"# Include it in a server {{ }} block whose root holds the site under {base}, e.g.",
        f"#   server {{ root /var/www; include /var/www{base}{NGINX_FILE}; }}",
        f"location ^~ {base} {{",
        "    absolute_redirect off;          # redirects (to add a closing /) keep the host and port the visitor used",
        f"    error_page 404 {base}404.html;",
        "    gzip on;",
        "    gzip_types text/css application/javascript application/json application/manifest+json image/svg+xml application/xml;",
        *(f"    {line}" for line in headers(ALWAYS_CHECK)),
        *inner,
        "}",
    ]) + "\n"
