"""Results of build steps kept between builds, each named by a hash of everything it is made from.

Some steps cost the same however small an edit is and give the same bytes from the same inputs:
the app icons drawn from their description, the theme's stylesheet purged for the classes the
pages use, the inline scripts the templates write. A rebuild whose inputs did not change reads
their result instead of doing the work again. The recipe of a step names all its inputs (and the
versions of the code and libraries that make it), so a change to any of them makes a new entry;
entries unused for a while are removed, as in the PDF cache beside this one.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

UNUSED_DAYS = 14  # entries not used for this long are removed
HANDBOOK = Path(__file__).resolve().parent  # the build's code (scripts/handbook/)


class StepCache:
    """A folder of step results, each in a file named by its recipe's hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, recipe: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
        """The bytes `make()` returns for `recipe` (every input, as text or bytes), made only on a miss."""
        key = _key(recipe)
        found = self._read(key)
        if found is not None:
            return found
        data = make()
        self._write(key, data)
        return data

    def has(self, recipe: Iterable[str | bytes]) -> bool:
        """Whether `put` was given `recipe` (a step that records a fact, such as a file found valid)."""
        return self._read(_key(recipe)) is not None

    def put(self, recipe: Iterable[str | bytes]) -> None:
        """Record `recipe` as done, with no result to keep."""
        self._write(_key(recipe), b"")

    def _read(self, key: str) -> bytes | None:
        self.used.add(key)
        path = self.folder / key
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used, so `prune` keeps it
            return data
        except FileNotFoundError:
            return None

    def _write(self, key: str, data: bytes) -> None:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}"  # whole or absent: builds may run side by side
        partial.write_bytes(data)
        os.replace(partial, self.folder / key)

    def prune(self) -> None:
        """Remove the entries no build has used for UNUSED_DAYS."""
        cutoff = time.time() - UNUSED_DAYS * 86400
        for path in self.folder.glob("*"):
            try:
                if path.name not in self.used and path.stat().st_mtime < cutoff:
                    path.unlink()
            except FileNotFoundError:  # removed meanwhile by another build
                pass


def _key(recipe: Iterable[str | bytes]) -> str:
    digest = hashlib.sha256()
    for part in recipe:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)  # lengths too: ("ab", "c") is not ("a", "bc")
    return digest.hexdigest()


def code_of(packages: Iterable[str] = ()) -> list[str]:
    """A recipe's part naming the code that makes a step: all of the build's own code (any change
    to it makes new entries: simpler than tracking which module uses which) and the versions of
    the installed `packages` the step uses."""
    return [_our_code(), *(_installed(package) for package in packages)]


@lru_cache(maxsize=None)  # reading a package's metadata takes a while, and some steps run per file
def _installed(package: str) -> str:
    return f"{package} {version(package)}"


@lru_cache(maxsize=1)
def _our_code() -> str:
    digest = hashlib.sha256()
    for path in sorted(HANDBOOK.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(HANDBOOK).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
