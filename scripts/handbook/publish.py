"""Put a finished build in place in one step, so a failed build never touches the old one."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so the final move is a rename).
    Raises OSError now, before any long stage, if `target` could not be replaced at the end."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(target))
    if target.is_dir() and not os.access(target, os.W_OK | os.X_OK):  # moving a folder rewrites its '..' entry
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))


def replace_folder(new: Path, target: Path) -> None:
    """Swap `new` in as `target`, then remove the old `target`. If the swap fails, `target` is as it was
    and no folder is left beside it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    try:
        target.rename(old / "previous")
        try:
            new.rename(target)
        except BaseException:
            (old / "previous").rename(target)
            raise
    except BaseException:
        if not (old / "previous").exists():  # the old folder is back in place, or never moved
            shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
