"""Put a finished build in place in one step, so a failed build never touches the old one."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so the final move is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))


def replace_folder(new: Path, target: Path) -> None:
    """Swap `new` in as `target`, then remove the old `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.rename(old / "previous")
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)
