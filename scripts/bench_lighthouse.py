#!/usr/bin/env python3
"""Benchmark: Lighthouse performance and accessibility scores, phone and desktop.

    python scripts/bench_lighthouse.py [--site DIR]

Builds the site into a temporary folder (or uses --site), serves it on 127.0.0.1 compressed
with gzip as real hosts serve text files, and runs Lighthouse (npm, pinned in package.json;
`npm ci` or scripts/setup-test-tools.sh installs it) in Debian's Chromium on the home page, an
element page and, when the site has them, a checklist page and the fieldwork workspace. Prints
one line per page and form factor. A benchmark, not a test: scores vary from run to run and
with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking"
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS"}


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed to clients that accept it, as a real host does."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.lru_cache(maxsize=None)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), 6)  # nginx's gzip_comp_level is 1 by default, 6 is common


def pages(site: Path) -> dict[str, str]:
    """Name -> URL path of the pages to measure."""
    chosen = {"home": "", "element 3.1": "framework/3.1/"}
    checklists = sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.glob("checklists/*/index.html"))
    if checklists:  # the element's own checklist, as the element page links it
        chosen["checklist"] = "checklists/3.1/" if "checklists/3.1/" in checklists else checklists[0]
    workspace = next(iter(sorted(site.rglob("workspace/index.html"))), None)
    if workspace is not None:
        chosen["workspace"] = workspace.parent.relative_to(site).as_posix() + "/"
    return chosen


def lighthouse(url: str, desktop: bool) -> dict:
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"]
    if desktop:
        command.append("--preset=desktop")
    environment = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "chromium"}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def summary(report: dict) -> str:
    categories = report["categories"]
    audits = report["audits"]
    metrics = "  ".join(f"{short} {audits[key]['displayValue']}" for key, short in METRICS.items())
    transferred = audits["total-byte-weight"]["numericValue"] / 1024
    return (f"performance {categories['performance']['score'] * 100:3.0f}  "
            f"accessibility {categories['accessibility']['score'] * 100:3.0f}  {metrics}  transferred {transferred:.0f} KiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one now)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` (or scripts/setup-test-tools.sh).", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(site),
                            "--docs", str(Path(scratch) / "docs")], check=True, stdout=subprocess.DEVNULL)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
        print(f"Lighthouse {version}, Debian Chromium, site served gzip-compressed from {base}")
        try:
            for name, path in pages(site).items():
                for form, desktop in (("phone", False), ("desktop", True)):
                    print(f"{name:12} {form:8} {summary(lighthouse(base + path, desktop))}", flush=True)
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
