#!/usr/bin/env python3
"""Benchmark: the inspection workspace with many records, in Debian's Chromium.

    python scripts/bench_workspace.py [--cases 200] [--note 300]

Builds the site into a temporary folder with a local pouchdb-server (npm, in memory) named as
the team's sync server, serves it on 127.0.0.1, and measures in Chromium, with 200 case records
holding a 300-character note on every line: opening the workspace, opening a case, saving a
judgement, computing and drawing the findings, importing 3 files of 70 records each (chosen
together), and syncing with the local pouchdb-server (sending every record, then a second device
fetching them). Prints each figure in milliseconds (median of 15 runs where it can repeat),
the storage the browser reports, and the workspace's first-visit weight. A benchmark, not a test:
figures vary with the machine's load. Targets: each interaction under 200 ms, an import or sync of
70 records under 1 s, the first visit within 128 KiB gzipped.

The site is served with the caching headers the published host configuration gives (hosting.py).
Opening the workspace and a case is timed from the start of the navigation to the page's own
mark (User Timing) set once the frame showing the list, or the record, has been painted.
Opening the workspace and a case is measured twice: as a returning user has it, the site's service
worker serving the pages (as before), and with service workers blocked (the browser's HTTP cache
only). The first opening after the 200 records were written is shown apart: the workspace then
brings its list of records' summaries up to date (store.js) with all 200 at once.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
from handbook.hosting import ALWAYS_CHECK, FINGERPRINTED, FOREVER  # noqa: E402
from tests.browser.couch import pouchdb_server  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]

SEED = """async ([cases, noteLength]) => {
  const ws = HB.workspace, data = ws.loadFramework ? await ws.loadFramework() : ws.data, fw = ws.framework;
  const kind = data.kinds[0];
  const lines = data.sections.filter(s => kind.sections.includes(s.id)).flatMap(s => s.elements.flatMap(e => e.lines.map(l => l.id)));
  const inspection = HB.model.newInspection(fw, {name: "Benchmark inspection", inspector: "Ann"});
  await ws.store.save(inspection);
  const words = "assessment plan risk review contact seen missing agreed partner victim ".repeat(20);
  const docs = [];
  for (let i = 0; i < cases; i += 1) {
    const r = HB.model.newRecord(fw, kind.id, {inspection: inspection._id, name: "B" + String(i).padStart(3, "0"),
                                               inspector: ["Ann", "Ben", "Cat"][i % 3], date: "2026-11-02"});
    lines.forEach((id, j) => { r.lines[id] = {judgement: data.scale[(i + j) % data.scale.length].id,
                                               note: (i + " " + id + " " + words).slice(0, noteLength)}; });
    docs.push(r);
  }
  await ws.store.db.bulkDocs(docs);
  return {inspection: inspection._id, record: docs[0]._id, lines: lines.length};
}"""


# From the user's action (a file chosen, a button pressed) to the page's message, timed in the page
# itself, so the time Playwright takes to hand a file to the page is not counted.
TIMER = """() => {
  window.__marks = [];
  const mark = () => { window.__t0 = performance.now(); };
  document.addEventListener("change", mark, true);
  document.addEventListener("click", mark, true);
  new MutationObserver(() => window.__marks.push([performance.now() - window.__t0,
    document.querySelector(".hb-ws__status").textContent + document.querySelector(".hb-ws__alert").textContent]))
    .observe(document.querySelector(".hb-ws"), {subtree: true, childList: true, characterData: true});
}"""

LAST = """text => { const found = window.__marks.filter(m => m[1].includes(text)); return found.length ? found[0][0] : null; }"""


def timed(page, action, text: str, timeout: float = 120_000) -> float:
    page.evaluate(TIMER)
    action()
    page.wait_for_function(f"() => window.__marks.some(m => m[1].includes({json.dumps(text)}))", timeout=timeout)
    return page.evaluate(LAST, text)


def import_files(framework: dict, lines: list[str], files: int, per_file: int, note: int) -> list[dict]:
    """Export files as three inspectors' devices write them: an inspection and its records."""
    out = []
    inspection = {"_id": "inspection:imported", "_rev": "1-a", "_revisions": {"start": 1, "ids": ["a"]}, "type": "inspection",
                  "formatVersion": 2, "framework": framework, "name": "Imported inspection", "inspector": "Lead"}
    for f in range(files):
        docs = [inspection]
        for i in range(per_file):
            rev = f"{f:02d}{i:04d}"
            docs.append({"_id": f"record:imp-{f}-{i}", "_rev": f"1-{rev}", "_revisions": {"start": 1, "ids": [rev]},
                         "type": "record", "format": "inspection-handbook-record", "formatVersion": 2, "framework": framework,
                         "checklist": "case-level", "inspection": "inspection:imported", "name": f"I{f}-{i}",
                         "inspector": ["Ann", "Ben", "Cat"][f], "date": "2026-11-03", "fields": {},
                         "lines": {id: {"judgement": "yes", "note": ("imported note " * 40)[:note]} for id in lines}})
        out.append({"name": f"inspector-{f}.json", "mimeType": "application/json",
                    "buffer": json.dumps({"format": "inspection-handbook-export", "formatVersion": 2, "framework": framework,
                                          "exported": "2026-11-03T12:00:00Z", "docs": docs}).encode()})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--note", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from handbook.weight import page_weight

    with tempfile.TemporaryDirectory() as temp:
        temp_path = Path(temp)
        with pouchdb_server(temp_path) as couch_url:
            site = temp_path / "site"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(site), "--docs", str(temp_path / "docs"),
                            "--sync-server", couch_url], check=True, capture_output=True)
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_port}/"
            weight = page_weight(site, "workspace/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
                figures = measure(browser, base, args)
                browser.close()
            server.shutdown()
    for name, value in figures.items():
        print(f"{name:<58} {value}")
    total = sum(gz for _, gz in weight.values())
    print(f"{'workspace first visit (gzip)':<58} {total / 1024:.1f} KiB  " +
          "  ".join(f"{kind} {gz / 1024:.1f}" for kind, (_, gz) in weight.items()))
    return 0


class Quiet(SimpleHTTPRequestHandler):
    """Serves the site with the caching the published host configuration gives (hosting.py): files
    named by their content kept for a year, everything else checked with the host every time."""

    def end_headers(self) -> None:
        named = FINGERPRINTED.search(self.path.split("?")[0])
        self.send_header("Cache-Control", FOREVER if named else ALWAYS_CHECK)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def ms(value: float) -> str:
    return f"{value:.0f} ms"


def painted(page, mark: str) -> list[float]:
    """[when the page had painted what `mark` names (its User Timing mark, set once the frame after
    it was drawn has gone), DOMContentLoaded], in ms from the start of the navigation."""
    page.wait_for_function(f"() => performance.getEntriesByName('{mark}').length > 0")
    return page.evaluate(f"[performance.getEntriesByName('{mark}')[0].startTime,"
                         " performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]")


def open_workspace(page, base: str, inspection: str, cases: int) -> list[float]:
    """From navigation to every record of the inspection listed: [that time, DOMContentLoaded]."""
    page.goto("about:blank")
    page.goto(base + "workspace/#inspection=" + inspection)
    page.wait_for_function(f"() => document.querySelectorAll('.hb-ws__records tbody tr').length === {cases}")
    return painted(page, "hb:workspace-drawn")


CASE_ADDRESS = """() => (document.querySelector('.hb-ws-first[data-kind="case-level"]') ||
                        document.querySelector('.hb-ws-kind[data-kind="case-level"]')).href.split('#')[0]"""


def open_case(page, checklist: str, record: str) -> list[float]:
    """From navigation (from the workspace, as a user goes: to the address its case links open, the
    first part of a checklist in parts) to the case's checklist naming it in the record bar:
    [that time, DOMContentLoaded]."""
    page.goto(checklist + "?record=" + record)
    page.wait_for_function("() => (document.querySelector('.hb-records__bar strong') || {}).textContent === 'B000'")
    return painted(page, "hb:record-shown")


def breakdown(runs: list[list[float]], what: str) -> str:
    return (f"{ms(statistics.median(o[0] for o in runs))} (page loaded at {ms(statistics.median(o[1] for o in runs))}, "
            f"then {what} in {ms(statistics.median(o[0] - o[1] for o in runs))})")


def measure(browser, base: str, args: argparse.Namespace) -> dict[str, str]:
    figures: dict[str, str] = {}
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(base + "workspace/")
    page.wait_for_selector(".hb-ws__main h2")
    started = time.perf_counter()
    seeded = page.evaluate(SEED, [args.cases, args.note])
    figures[f"seed {args.cases} records ({seeded['lines']} lines, {args.note}-char notes)"] = ms(1000 * (time.perf_counter() - started))
    inspection, record = seeded["inspection"], seeded["record"]
    checklist = page.evaluate(CASE_ADDRESS)
    figures["a case opens at"] = checklist.removeprefix(base)

    first = open_workspace(page, base, inspection, args.cases)
    figures["open the workspace, first time after the records were written"] = f"{ms(first[0])} (page loaded at {ms(first[1])})"
    opened, cases, saves = [], [], []
    for _ in range(args.repeats):
        opened.append(open_workspace(page, base, inspection, args.cases))
        cases.append(open_case(page, checklist, record))
        saves.append(page.evaluate("""() => new Promise((resolve, reject) => {
            const radios = [...document.querySelectorAll("input[name='judgement-2.1.1']")];
            const next = radios.find(r => !r.checked), t0 = performance.now();
            next.click();
            // The bar is drawn again as the record changes: read its state afresh each frame.
            const saved = () => /Saved/.test((document.querySelector('.hb-records__bar-state') || {}).textContent);
            const poll = () => saved() ? resolve(performance.now() - t0)
              : performance.now() - t0 > 30000 ? reject(new Error('no "Saved" within 30 s')) : requestAnimationFrame(poll);
            requestAnimationFrame(poll);
          })"""))
    figures[f"open the workspace (navigation to {args.cases} records listed)"] = breakdown(opened, "list drawn")
    figures["open a case (navigation to the record shown)"] = breakdown(cases, "record shown")
    figures["save a judgement (tick to 'Saved')"] = ms(statistics.median(saves))

    blocked = browser.new_context(viewport={"width": 1366, "height": 768}, service_workers="block")
    other = blocked.new_page()
    other.goto(base + "workspace/")
    other.wait_for_selector(".hb-ws__main h2")
    again = other.evaluate(SEED, [args.cases, args.note])
    open_workspace(other, base, again["inspection"], args.cases)
    opened, cases = [], []
    for _ in range(args.repeats):
        opened.append(open_workspace(other, base, again["inspection"], args.cases))
        cases.append(open_case(other, checklist, again["record"]))
    figures["open the workspace, no service worker"] = breakdown(opened, "list drawn")
    figures["open a case, no service worker"] = breakdown(cases, "record shown")
    blocked.close()

    # The findings: from the address naming them to every line drawn. The first time, the page reads
    # the inspection's records whole and the framework's lines (framework.js); then they are in memory.
    open_workspace(page, base, inspection, args.cases)
    drawn = []
    for _ in range(args.repeats + 1):
        drawn.append(page.evaluate("""id => new Promise(resolve => {
            location.hash = '#inspection=' + id;
            setTimeout(() => {
              const t0 = performance.now();
              location.hash = '#findings=' + id;
              const done = () => document.querySelector('.hb-findings__line')
                ? resolve([performance.now() - t0, document.querySelectorAll('.hb-findings__line').length]) : setTimeout(done);
              done();
            }, 50);
          })""", inspection))
    figures[f"compute and draw the findings ({drawn[0][1]} lines x {args.cases} records), first time"] = ms(drawn[0][0])
    figures["compute and draw the findings, again"] = ms(statistics.median(d[0] for d in drawn[1:]))

    lines = page.evaluate("HB.workspace.loadFramework().then(data => data.sections.filter(s => data.kinds[0].sections.includes(s.id))"
                          ".flatMap(s => s.elements.flatMap(e => e.lines.map(l => l.id))))")
    framework = page.evaluate("HB.workspace.framework")
    files = import_files({"id": framework["id"], "version": framework["version"]}, lines, 3, 70, args.note)
    page.goto(base + "workspace/")
    page.wait_for_selector(".hb-ws__main h2")
    took = timed(page, lambda: page.locator("#hb-ws-import").set_input_files(files), "inspector-2.json: 70 new")
    figures["import 3 files of 70 records, chosen together"] = f"{ms(took)} ({ms(took / 3)} per file)"
    took = timed(page, lambda: page.locator("#hb-ws-import").set_input_files(files), "inspector-2.json: nothing new")
    figures["import the same 3 files again (no-op)"] = ms(took)

    page.goto("about:blank")
    page.goto(base + "workspace/#inspection=inspection:imported")
    page.wait_for_selector("#hb-ws-title")
    took = timed(page, lambda: page.get_by_role("button", name="Sync this inspection now").click(), "Synced with")
    figures["sync: send 210 records to pouchdb-server"] = f"{ms(took)} ({ms(took / 3)} per 70)"
    usage = page.evaluate("navigator.storage.estimate()")
    figures[f"storage used ({args.cases + 210} records)"] = f"{usage['usage'] / 1024 / 1024:.1f} MB of {usage['quota'] / 1024 / 1024 / 1024:.1f} GB quota"

    other = browser.new_context(viewport={"width": 390, "height": 844})
    second = other.new_page()
    second.goto(base + "workspace/")
    second.wait_for_selector(".hb-ws__main h2")
    took = timed(second, lambda: second.get_by_role("button", name="Fetch the team's inspections").click(), "Fetched")
    figures["sync: a second device fetches 210 records"] = f"{ms(took)} ({ms(took / 3)} per 70)"
    other.close()
    context.close()
    return figures


if __name__ == "__main__":
    sys.exit(main())
