#!/usr/bin/env python3
"""Benchmark (not a test): how long the PDFs take within `python scripts/build.py`.

Runs the real build command into a temporary folder, cold (empty PDF cache), warm (nothing
changed) and after editing one line of the framework, and prints the PDF step's time, the whole
build's time and the PDF step's share of it (median of --runs runs each), and the CPU time the
whole build used in all its processes, which a busy machine disturbs less than the clock.

    .venv/bin/python scripts/bench_pdfs.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "scripts" / "build.py"
EDIT = ("sections/3-assessment-and-planning.yaml", "Factors linked to offending are identified.",
        "Factors linked to offending are identified (edited).")


def build(work: Path, framework: Path, cache: Path) -> tuple[int, int, float, float, float]:
    """PDFs made and unchanged, seconds on PDFs, seconds for the whole build, CPU seconds of the build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, str(BUILD), "--framework", str(framework), "--out", str(work / "site"),
                             "--docs", str(work / "docs"), "--cache", str(cache)],
                            capture_output=True, text=True, check=True)
    pdfs = re.search(r"PDFs: (\d+) made, (\d+) unchanged .* in ([\d.]+) s\.", result.stdout)
    total = re.search(r"Built \d+ pages into .* in ([\d.]+) s\.", result.stdout)
    assert pdfs and total, result.stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its PDF workers, once all have ended
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return int(pdfs[1]), int(pdfs[2]), float(pdfs[3]), float(total[1]), cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (default 3); the median is shown")
    runs = parser.parse_args().runs
    cases: dict[str, list[tuple[int, int, float, float, float]]] = {"cold (empty cache)": [], "warm (nothing changed)": [],
                                                            "one line edited": []}
    with tempfile.TemporaryDirectory(prefix="bench-pdfs-") as folder:
        work = Path(folder)
        for run in range(runs):
            framework = work / f"framework-{run}"
            shutil.copytree(ROOT / "content" / "framework", framework)
            cache = work / f"cache-{run}"
            cases["cold (empty cache)"].append(build(work, framework, cache))
            cases["warm (nothing changed)"].append(build(work, framework, cache))
            edited = framework / EDIT[0]
            edited.write_text(edited.read_text(encoding="utf-8").replace(EDIT[1], EDIT[2]), encoding="utf-8")
            cases["one line edited"].append(build(work, framework, cache))
    cpus = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    print(f"PDFs in the build: median of {runs} runs, {cpus} CPUs (load average {load:.1f}), WeasyPrint workers: {cpus}")
    print(f"{'case':<24}{'made':>6}{'cached':>8}{'PDFs (s)':>10}{'build (s)':>11}{'PDF share':>11}{'CPU (s)':>9}")
    for name, results in cases.items():
        made, cached = results[0][0], results[0][1]
        pdf_time, total, cpu = (statistics.median(r[i] for r in results) for i in (2, 3, 4))
        print(f"{name:<24}{made:>6}{cached:>8}{pdf_time:>10.2f}{total:>11.2f}{pdf_time / total:>10.0%}{cpu:>9.1f}")


if __name__ == "__main__":
    main()
