#!/usr/bin/env python3
"""Benchmark the build at 1x, 10x and 100x the real framework (not a test: it prints figures).

For each scale: a first build (making every PDF), then per-stage wall time (median of --repeats
runs, PDFs from the cache as in a rebuild) and peak Python heap (a separate traced run, so
tracing does not slow the timed ones), our full build against a bare `mkdocs build` of the same
generated pages, alternated in one process so machine noise falls on both alike, and each
stage's time per framework line against the smallest scale (linear growth is 1.0).
Finally the page weight of home, element and checklist pages of the first scale's site, and the
heaviest page of every kind at each scale.

Then, with the preview (scripts/serve.py), the time from saving an edit to one element's YAML to
the edited page being served, and to every page the edit touches being served.

    python scripts/bench.py [--scales 1 10 100] [--repeats 3] [--no-serve] [--pdf-cache DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook import pipeline  # noqa: E402
from handbook.engine import engine_config  # noqa: E402
from handbook.finish import PageFinisher  # noqa: E402
from handbook.synthetic import write_scaled_framework, write_scaled_guidance  # noqa: E402
from handbook.weight import heaviest_by_kind, page_weight  # noqa: E402

ROOT = pipeline.ROOT
OUR_STAGES = ("load and validate", "generate", "write pages", "exports")
# The pages' last step runs inside the engine's run, as the engine writes each page (finish.py): the
# benchmark times it apart and takes it out of the engine's time.
FINISH_STAGE = "finish pages (in engine)"
# Our code on the built pages and assets, shown apart: the 5 % concerns the stages above.
OUR_POST_STAGES = (FINISH_STAGE, "purge theme stylesheet")


class Recorder:
    """A stopwatch for the pipeline that keeps each stage's time, or its peak heap when tracing;
    `cpu` keeps each stage's CPU time (with the PDF workers')."""

    def __init__(self, trace: bool = False) -> None:
        self.trace = trace
        self.values: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.trace:
            tracemalloc.reset_peak()
        started, cpu = time.perf_counter(), cpu_seconds()
        yield
        self.values[stage] = (tracemalloc.get_traced_memory()[1] / 2**20 if self.trace
                              else time.perf_counter() - started)
        self.cpu[stage] = cpu_seconds() - cpu

    def split(self, stage: str, part: str, wall: float, cpu: float) -> None:
        """Show `part` (`wall` and `cpu` seconds of `stage`) as a stage of its own, just after `stage`."""
        for measure, spent in ((self.values, wall), (self.cpu, cpu)):
            items = list(measure.items())
            at = [name for name, _ in items].index(stage)
            items[at] = (stage, items[at][1] - spent)
            items.insert(at + 1, (part, spent))
            measure.clear()
            measure.update(items)


@contextmanager
def finishing_apart(recorder: Recorder) -> Iterator[None]:
    """Time the pages' last step (finish.PageFinisher, called by the engine for each page it writes)
    as a stage of its own, taken out of the engine's time; a traced run keeps the engine's peak heap."""
    original = PageFinisher.__call__
    spent = [0.0, 0.0]

    def timed(self: PageFinisher, name: str, html: str) -> str:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return original(self, name, html)
        finally:
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu

    PageFinisher.__call__ = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        PageFinisher.__call__ = original  # type: ignore[method-assign]
    if not recorder.trace:  # a traced run's figures are heaps, of which the engine's holds the pages'
        recorder.split("engine build", FINISH_STAGE, *spent)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the PDF workers), user and system."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@contextmanager
def clocks(into: list[tuple[float, float]]) -> Iterator[None]:
    """Append the (wall, CPU) seconds the block took to `into`."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield
    into.append((time.perf_counter() - wall, cpu_seconds() - cpu))


def full_build(framework_dir: Path, guidance_dir: Path, work: Path, recorder: Recorder, pdf_cache: Path) -> tuple[float, float]:
    """The real build's wall and CPU seconds; the first at a scale makes the PDFs its `pdf_cache`
    lacks (all of them, unless --pdf-cache)."""
    took: list[tuple[float, float]] = []
    with clocks(took), finishing_apart(recorder):
        framework, site = pipeline.check(framework_dir, guidance_dir, recorder, pdf_cache=pdf_cache)
        pipeline.build(framework, site, work / "site", work / "docs", recorder, pdf_cache=pdf_cache)
    return took[0]


def bare_build(docs: Path, site_dir: Path, framework_dir: Path, guidance_dir: Path) -> tuple[float, float]:
    """MkDocs alone over the already generated pages, with the build's configuration (the engine's
    own cost: `mkdocs build`, nothing of ours before or after it): wall and CPU seconds."""
    from mkdocs.commands.build import build

    _, site = pipeline.check(framework_dir, guidance_dir)
    took: list[tuple[float, float]] = []
    with clocks(took):
        build(engine_config(site, docs, site_dir, pipeline.CONFIG, site.nav))
    return took[0]


def bench_scale(factor: int, repeats: int, work: Path, pdf_cache: Path) -> dict:
    framework_dir = write_scaled_framework(ROOT / "content" / "framework", factor, work / f"framework-{factor}x")
    guidance_dir = write_scaled_guidance(ROOT / "content" / "guidance", factor, work / f"guidance-{factor}x")
    cold = Recorder()
    cold_full, _ = full_build(framework_dir, guidance_dir, work / f"out-{factor}x", cold, pdf_cache)
    times: dict[str, list[float]] = defaultdict(list)
    cpu_times: dict[str, list[float]] = defaultdict(list)
    fulls, bares = [], []
    for _ in range(repeats):
        recorder = Recorder()
        fulls.append(full_build(framework_dir, guidance_dir, work / f"out-{factor}x", recorder, pdf_cache))
        for stage, seconds in recorder.values.items():
            times[stage].append(seconds)
            cpu_times[stage].append(recorder.cpu[stage])
        bares.append(bare_build(work / f"out-{factor}x" / "docs", work / f"bare-{factor}x", framework_dir, guidance_dir))
    tracemalloc.start()
    traced = Recorder(trace=True)
    full_build(framework_dir, guidance_dir, work / f"out-{factor}x", traced, pdf_cache)
    tracemalloc.stop()
    pages = list((work / f"out-{factor}x" / "site").rglob("index.html"))
    pdfs = list(pdf_cache.glob("*.pdf"))
    element_pages = [p for p in pages if p.parent.parent.name == "framework" and "." in p.parent.name]
    return {
        "factor": factor, "pages": len(pages), "pdfs": len(pdfs),
        "lines": len(pipeline.check(framework_dir, guidance_dir)[0].lines),
        "stages": {stage: (statistics.median(values), traced.values.get(stage, 0.0), statistics.median(cpu_times[stage]))
                   for stage, values in times.items()},
        "full": statistics.median(wall for wall, _ in fulls), "bare": statistics.median(wall for wall, _ in bares),
        "full_cpu": statistics.median(cpu for _, cpu in fulls), "bare_cpu": statistics.median(cpu for _, cpu in bares),
        "cold_full": cold_full, "cold_pdfs": cold.values["PDFs"],
        "element_html": statistics.median(p.stat().st_size for p in element_pages),
    }


def edit_to_preview(framework_dir: Path, guidance_dir: Path) -> tuple[float, float, float]:
    """With the preview (scripts/serve.py) of this framework: seconds to start it, from saving an edit to
    element 3.1's YAML until the edited page is served, and until every page the edit touches is."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--framework", str(framework_dir),
                               "--guidance", str(guidance_dir), "--address", f"127.0.0.1:{port}"],
                              cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/framework/3.1/"
    section = next((framework_dir / "sections").glob("3-*.yaml"), None) or framework_dir / "sections" / "0003.yaml"
    original = section.read_text(encoding="utf-8")

    def terminal() -> str:
        log.seek(0)
        return log.read().decode()

    def served(check: Callable[[str], bool]) -> Callable[[str | None], bool]:
        def ready(html: str | None) -> bool:
            if server.poll() is not None:
                raise RuntimeError(f"the preview stopped:\n{terminal()}")
            return html is not None and check(html)
        return ready

    try:
        _wait_for(url, served(lambda html: True), timeout=3600)  # at 100x, on a busy machine, starting takes minutes
        start_up = time.perf_counter() - started
        marker = f"edited-{time.time_ns()}"
        started = time.perf_counter()
        section.write_text(original.replace("Factors linked to offending are identified.",
                                            f"Factors linked to offending are identified. {marker}", 1), encoding="utf-8")
        _wait_for(url, served(lambda html: marker in html))
        page = time.perf_counter() - started
        deadline = time.monotonic() + 900
        while "more pages updated" not in terminal() and time.monotonic() < deadline:
            time.sleep(0.05)
        return start_up, page, time.perf_counter() - started
    finally:
        section.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
        log.close()


def _wait_for(url: str, ready: Callable[[str | None], bool], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except OSError:
            ready(None)
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not become ready in {timeout} s")


def print_growth(results: list[dict], measure: int = 0, unit: str = "ms/line") -> None:
    """Each stage's time per line of the framework (`measure` 0: wall, 2: CPU), and its growth
    against the smallest scale.

    Growth 1.0 is linear in the framework's size; above 1 the stage costs more per line as the
    framework grows. (Per page would mislead: guide pages and the home page do not multiply.)
    """
    base = results[0]
    print(f"\n{'stage':<24}" + "".join(f"{str(r['factor']) + 'x ' + unit:>18}" for r in results)
          + "".join(f"{'growth ' + str(r['factor']) + 'x':>12}" for r in results[1:]))
    for stage in base["stages"]:
        per_line = [1000 * r["stages"][stage][measure] / r["lines"] for r in results]
        growth = [p / per_line[0] if per_line[0] else float("nan") for p in per_line[1:]]
        print(f"{stage:<24}" + "".join(f"{p:>18.2f}" for p in per_line) + "".join(f"{g:>12.2f}" for g in growth))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-preview measurement")
    parser.add_argument("--preview-only", action="store_true", help="measure edit-to-preview only (no builds)")
    parser.add_argument("--pdf-cache", type=Path, help="keep the PDFs of each scale in this folder across runs "
                        "(a 100x framework makes about 2,400, some of thousands of pages); by default every run makes them")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    print(f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temp:
        work = Path(temp)
        if args.preview_only:
            print_preview(work, args.scales)
            return
        pdf_caches = {factor: (args.pdf_cache or work / "pdf-cache") / f"{factor}x" for factor in args.scales}
        results = [bench_scale(factor, args.repeats, work, pdf_caches[factor]) for factor in args.scales]
        print(f"\n{'scale':>5} {'pages':>6} {'stage':<24} {'time s':>8} {'CPU s':>8} {'peak heap MiB':>14}")
        for r in results:
            for stage, (seconds, heap, cpu) in r["stages"].items():
                print(f"{r['factor']:>4}x {r['pages']:>6} {stage:<24} {seconds:>8.3f} {cpu:>8.3f} {heap:>14.1f}")
        print(f"\n{'scale':>5} {'pages':>6} {'full s':>8} {'bare mkdocs s':>14} {'full/bare':>10} {'full CPU s':>11} "
              f"{'bare CPU s':>11} {'CPU full/bare':>14} {'ours %':>7} {'post %':>7} {'ms/page':>8} {'element HTML KiB':>17}")
        for r in results:
            ours, post = (sum(r["stages"].get(stage, (0, 0))[0] for stage in stages) for stages in (OUR_STAGES, OUR_POST_STAGES))
            print(f"{r['factor']:>4}x {r['pages']:>6} {r['full']:>8.2f} {r['bare']:>14.2f} {r['full'] / r['bare']:>10.2f} "
                  f"{r['full_cpu']:>11.2f} {r['bare_cpu']:>11.2f} {r['full_cpu'] / r['bare_cpu']:>14.2f} "
                  f"{100 * ours / r['full']:>6.1f}% {100 * post / r['full']:>6.1f}% {1000 * r['full'] / r['pages']:>8.1f} "
                  f"{r['element_html'] / 1024:>17.1f}")
        print(f"\n{'scale':>5} {'pages':>6} {'PDFs':>6} {'cold PDFs s':>12} {'cold full s':>12}   "
              "(first build at a scale: every PDF made, unless --pdf-cache already held it)")
        for r in results:
            print(f"{r['factor']:>4}x {r['pages']:>6} {r['pdfs']:>6} {r['cold_pdfs']:>12.2f} {r['cold_full']:>12.2f}")
        print_growth(results)
        print_growth(results, measure=2, unit="CPU ms/line")
        site = work / f"out-{results[0]['factor']}x" / "site"
        print("\nPage weight of a first visit (bytes raw / gzip; the search index loads only when searching):")
        for name, url in (("home", ""), ("element", "framework/3.1"), ("checklist", "checklists/3.1")):
            weights = page_weight(site, url)
            parts = ", ".join(f"{kind} {raw:,} / {gz:,}" for kind, (raw, gz) in weights.items())
            raw, gz = (sum(sizes) for sizes in zip(*weights.values()))
            print(f"  {name:<9} {parts}; total {raw / 1024:.1f} / {gz / 1024:.1f} KiB")
        print("\nHeaviest first visit of each kind of page, KiB gzipped (budget 64, the workspace 128):")
        by_scale = {r["factor"]: heaviest_by_kind(work / f"out-{r['factor']}x" / "site") for r in results}
        print(f"  {'kind':<26}" + "".join(f"{str(f) + 'x':>9}" for f in by_scale))
        for kind in sorted({k for kinds in by_scale.values() for k in kinds}):
            print(f"  {kind:<26}" + "".join(f"{kinds[kind][1] / 1024:>9.1f}" if kind in kinds else f"{'-':>9}"
                                            for kinds in by_scale.values()))
        if not args.no_serve:
            print_preview(work, args.scales)


def print_preview(work: Path, scales: list[int]) -> None:
    print("\nEdit to preview with scripts/serve.py (make serve): save one element's YAML -> its page served,"
          " -> every page it touches served", flush=True)
    for factor in scales:
        framework_dir = write_scaled_framework(ROOT / "content" / "framework", factor, work / f"framework-{factor}x")
        guidance_dir = write_scaled_guidance(ROOT / "content" / "guidance", factor, work / f"guidance-{factor}x")
        start_up, page, every = edit_to_preview(framework_dir, guidance_dir)
        print(f"  {factor:>4}x  edited page {page:.2f} s, every page {every:.2f} s (the preview started in {start_up:.1f} s)",
              flush=True)


if __name__ == "__main__":
    main()
