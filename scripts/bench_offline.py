#!/usr/bin/env python3
"""Benchmark: what working offline costs a visitor (not a test).

    python scripts/bench_offline.py [--site DIR]

Builds the site for https://example.org/handbook/ into a temporary folder (or uses --site, built
with that --site-url), serves it with Debian's nginx and the configuration the build ships (gzip
on, as hosts serve), and opens the home page once in Debian's Chromium. Prints the precache
budget and what the worker keeps, and the first-visit cost: the bytes the first page took, and
the bytes the worker fetched after it (counted from nginx's access log, as sent on the wire).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from handbook.installable.precache import BUDGET  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.browser.nginx import Nginx  # noqa: E402

SITE_URL = "https://example.org/handbook/"
LOGGED = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) (\d+)')


def logged(access_log: Path) -> list[tuple[str, int, int]]:
    return [(m[1], int(m[2]), int(m[3])) for m in map(LOGGED.search, access_log.read_text().splitlines()) if m]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help=f"a site already built with --site-url {SITE_URL}")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        site = args.site
        if site is None:
            site = work / "site"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(site),
                            "--docs", str(work / "docs"), "--site-url", SITE_URL], check=True, stdout=subprocess.DEVNULL)
        worker = (site / "sw.js").read_text(encoding="utf-8")
        listed = re.search(r'"now":\{(.*?)\}', worker)[1]
        keys = re.findall(r'"([^"]*)":"[0-9a-f]+"', listed)
        raw = sum((site / (k + "index.html" if k == "" or k.endswith("/") else k)).stat().st_size for k in keys)
        server = Nginx(work / "nginx", site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                context = browser.new_context(service_workers="allow")
                page = context.new_page()
                access_log = server.work / "access.log"
                before = len(logged(access_log))
                page.goto(server.url, wait_until="load")
                first_page = logged(access_log)[before:]
                while not page.evaluate("navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)"):
                    time.sleep(0.2)
                time.sleep(0.5)   # the log is written as each response ends
                after = logged(access_log)[before + len(first_page):]
                browser.close()
        finally:
            server.stop()

    def mib(n: int) -> str:
        return f"{n / 1048576:.2f} MiB"

    print(f"Precache budget:       {mib(BUDGET)} uncompressed")
    print(f"Precached by the build: {len(keys)} files, {mib(raw)} uncompressed ({raw / BUDGET:.0%} of the budget)")
    print(f"First page (home):      {len(first_page)} requests, {sum(b for *_, b in first_page) / 1024:.1f} KiB on the wire")
    print(f"Worker after it:        {len(after)} requests, {mib(sum(b for *_, b in after))} on the wire (gzip), "
          f"{sum(1 for _, status, _ in after if status == 304)} answered 304")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
