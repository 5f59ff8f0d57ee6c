"""The build's command line: check the sources, generate pages, build the site, swap it in."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import time
from pathlib import Path

from . import pipeline
from .checklists.definitions import Scale
from .engine import EngineError, check_config
from .exports.verify import verify_exports
from .model import Framework
from .pdf import PdfError
from .problems import DataError, Problem

ROOT = pipeline.ROOT


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
    parser.add_argument("--scale", type=Path, default=pipeline.SCALE,
                        help="the checklists' judgement scale (default: data/judgement-scale.yaml)")
    parser.add_argument("--cache", type=Path, default=pipeline.PDF_CACHE,
                        help="where to keep PDFs between builds, to skip unchanged ones (default: build/cache/pdf)")
    parser.add_argument("--no-pdfs", action="store_true",
                        help="make everything but the PDFs: a quicker look at a large framework (its pages link PDFs "
                             "it lacks, so do not publish it)")
    parser.add_argument("--sync-server", type=sync_server, default=None, metavar="URL",
                        help="the team's CouchDB server the inspection workspace may sync with, e.g. "
                             "https://couch.example.org (default: none, sync is off); the Content Security Policy allows exactly it")
    parser.add_argument("--site-url", metavar="URL",
                        help="the address the site will be published at, such as https://example.org/handbook/ "
                             "(default: site_url in mkdocs.yml, else the root of any host)")
    parser.add_argument("--check", action="store_true", help="only check the sources; build nothing")
    parser.add_argument("--verify", action="store_true",
                        help="check the open data and workbook already built in --out against the sources; build nothing")
    return parser.parse_args(argv)


def sync_server(value: str) -> str:
    """A CouchDB server's address: http(s), a host, an optional port and path, nothing else."""
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?", value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a server address: give one like https://couch.example.org or "
                                         "http://127.0.0.1:5984, with no user name, password, query or spaces")
    return value.rstrip("/")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        if not args.verify:
            check_config(pipeline.CONFIG)
        framework, site = pipeline.check(args.framework, args.guidance, scale_file=args.scale,
                                         sync_server=args.sync_server or "", pdf_cache=args.cache)
        print(f"Checked {_counts(framework)} in {args.framework}.")
        if args.check:
            return 0
        if args.verify:
            return _verify(framework, site.checklists.scale, args)
        pipeline.build(framework, site, args.out, args.docs, pdf_cache=args.cache, site_url=args.site_url,
                       sync_server=args.sync_server or "", make_pdfs=not args.no_pdfs)
    except (DataError, EngineError, PdfError) as error:
        return _fail(error.problems, args)
    except KeyboardInterrupt:
        print(f"\nBuild interrupted. Nothing was changed in {_shown(args.out)}.", file=sys.stderr)
        return 130  # the shell's code for a command stopped by Ctrl-C
    except OSError as error:  # the output folder, the disk or the cache, not the sources
        print(f"Build stopped: {_fault(error)} Nothing was changed in {_shown(args.out)}.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"Built {len(site.pages)} pages into {_shown(args.out)} in {elapsed:.1f} s.")
    return 0


def _verify(framework: Framework, scale: Scale, args: argparse.Namespace) -> int:
    problems = verify_exports(framework, args.framework, args.out, scale)
    if problems:
        print(DataError(problems).report(ROOT), file=sys.stderr)
        return 1
    print(f"The open data and workbook in {_shown(args.out)} match the sources.")
    return 0


def _fail(problems: list[Problem], args: argparse.Namespace) -> int:
    print(DataError(problems).report(ROOT), file=sys.stderr)
    if not args.check:
        print(f"Build stopped. Nothing was changed in {_shown(args.out)}.", file=sys.stderr)
    return 1


def _fault(error: OSError) -> str:
    """A fault writing the build's files, in one sentence with what to do."""
    where = _shown(Path(error.filename)).rstrip("/") if error.filename else "the output"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full (writing {where}). Free some space, then build again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"cannot write {where} ({error.strerror}). Make it writable, "
                "or build somewhere else with --out DIR.")
    return f"cannot write {where} ({error.strerror}). Check the folder, or build somewhere else with --out DIR."


def _counts(framework: Framework) -> str:
    return (f"{framework.short_title}: {len(framework.sections)} sections, "
            f"{len(framework.elements)} elements, {len(framework.lines)} lines")


def _shown(path: Path) -> str:
    """A folder as messages name it: relative to the project when it lies inside it."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(ROOT)) + "/"
    except ValueError:
        return os.path.abspath(path) + "/"
