#!/usr/bin/env python3
"""Build the handbook: `python scripts/build.py` (see --help)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
