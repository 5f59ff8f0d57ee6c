"""Every file under a folder, as paths relative to it.

The build lists the whole built site more than once (the offline copy's other files, the service
worker's list, the hosts' headers). Path.rglob with is_file makes a Path and a stat for each entry:
at 100x (22,000 files in 19,500 folders) 2.4 s of CPU a listing on this machine, where os.walk,
which reads each folder's entries with their types, takes 0.4 s.
"""

from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path) -> list[str]:
    """Every file under `folder`, as sorted POSIX paths relative to it."""
    found = []
    for root, _, names in os.walk(folder):
        relative = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        found += [prefix + name for name in names]
    return sorted(found)
