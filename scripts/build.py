#!/usr/bin/env python3
"""Build the handbook: `python scripts/build.py` (see --help)."""

import os
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
VENV_PYTHON = SCRIPTS.parent / ".venv" / "bin" / "python"

try:
    import jinja2, mkdocs, rcssmin, rjsmin, yaml  # noqa: E401, F401  (the build's own dependencies)
except ImportError:
    # Run by a Python without the packages: use the project's environment if `make` made one.
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])
    sys.exit("The build's Python packages are not installed: run `make site` once (it sets up .venv/), "
             "or `pip install -r requirements.lock`.")

sys.path.insert(0, str(SCRIPTS))

if __name__ == "__main__":
    try:
        from handbook.cli import main
        sys.exit(main())
    except KeyboardInterrupt:  # before the build started: there is nothing to undo
        sys.exit("\nBuild interrupted before it started; nothing was changed.")
