"""The build's command line: check the sources, generate pages, build the site, swap it in."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from .engine import EngineError, build_site
from .framework import load_framework
from .model import Framework
from .site import generate, write_docs
from .problems import DataError, Problem
from .publish import replace_folder, staging_folder

ROOT = Path(__file__).resolve().parents[2]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python scripts/build.py",
        description="Check the framework data, generate the handbook's pages and build the site.")
    parser.add_argument("--framework", type=Path, default=ROOT / "content" / "framework",
                        help="framework data folder (default: content/framework)")
    parser.add_argument("--guidance", type=Path, default=ROOT / "content" / "guidance",
                        help="hand-written pages folder (default: content/guidance)")
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where to put the built site (default: site)")
    parser.add_argument("--docs", type=Path, default=ROOT / "build" / "docs",
                        help="where to keep the generated Markdown (default: build/docs)")
    parser.add_argument("--check", action="store_true", help="only check the sources; build nothing")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        framework = load_framework(args.framework)
        site = generate(framework, args.guidance)
    except DataError as error:
        return _fail(error.problems, args)
    print(f"Checked {_counts(framework)} in {args.framework}.")
    if args.check:
        return 0

    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(framework))  # same sources, same bytes
    staging = staging_folder(args.out)
    try:
        write_docs(site, staging / "docs")
        build_site(site, staging / "docs", staging / "site", ROOT / "mkdocs.yml", site.sources)
        replace_folder(staging / "site", args.out)
        replace_folder(staging / "docs", args.docs)
    except EngineError as error:
        return _fail(error.problems, args)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(f"Built {len(site.pages)} pages into {_shown(args.out)} in {elapsed:.1f} s.")
    return 0


def _fail(problems: list[Problem], args: argparse.Namespace) -> int:
    print(DataError(problems).report(Path.cwd()), file=sys.stderr)
    if not args.check:
        print(f"Build stopped. Nothing was changed in {_shown(args.out)}.", file=sys.stderr)
    return 1


def _counts(framework: Framework) -> str:
    return (f"{framework.short_title}: {len(framework.sections)} sections, "
            f"{len(framework.elements)} elements, {len(framework.lines)} lines")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(path) + "/"


def _source_date_epoch(framework: Framework) -> str:
    """The last commit's time, or else the framework's release date: never 'now'."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    released = datetime.fromisoformat(framework.version.released).replace(tzinfo=timezone.utc)
    return str(int(released.timestamp()))
