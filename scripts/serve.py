#!/usr/bin/env python3
"""Preview the handbook while editing: `python scripts/serve.py` (or `make serve`), then open the address
it prints. Every save under the framework, guidance or data folders shows in the open page, usually
within a second; a mistake shows with its file, line and fix, in the terminal and on the page.
See scripts/handbook/preview/ for how."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from handbook.pipeline import ROOT  # noqa: E402
from handbook.problems import DataError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--framework", type=Path, default=ROOT / "content" / "framework", help="framework data folder")
    parser.add_argument("--guidance", type=Path, default=ROOT / "content" / "guidance", help="hand-written guidance folder")
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on (port 0: any free port)")
    args = parser.parse_args(argv)
    host, _, port = args.address.rpartition(":")
    from handbook.preview import Preview
    from handbook.preview.server import PreviewServer

    # Stopped by a signal (a test's or a process manager's), end as on Ctrl-C, removing the preview's folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with tempfile.TemporaryDirectory(prefix="handbook-preview-") as work:
        try:
            preview = Preview(args.framework.absolute(), args.guidance.absolute(), Path(work))
        except DataError as error:
            print(f"{error.report(ROOT)}\nFix the sources, then start the preview again.", file=sys.stderr)
            return 1
        server = PreviewServer(preview, host or "127.0.0.1", int(port))
        try:
            server.server_bind()
            print(f"Serving the preview at http://{server.server_address[0]}:{server.server_address[1]}/ "
                  "(Ctrl-C stops it)", file=sys.stderr, flush=True)
            server.server_bind = lambda: None  # type: ignore[method-assign]  # serve() binds; already done
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
