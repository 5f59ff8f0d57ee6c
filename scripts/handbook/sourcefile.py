"""One strict way to read every text file a maintainer edits: YAML data, Markdown pages, mkdocs.yml.

UTF-8 with or without a byte-order mark, Windows or Unix line ends, and nothing else: any
other encoding, a control character, a file too large, something that is not a plain file
(a folder, a named pipe that would hang the build) or a link leading out of the project is
refused with a Problem naming the file and, where there is one, the line.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import DataError, Problem

ROOT = Path(__file__).resolve().parents[2]
# The largest source today is under 40 KB; a file a thousand times larger is a mistake, not a framework.
MAX_BYTES = 1024 * 1024
# Tab, line feed and carriage return are text; every other C0 control character and DEL are not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_source(path: Path) -> str:
    """The text of the source file at `path`, with '\\n' line ends; raises DataError if it is not plain UTF-8 text."""
    path = Path(path)
    _refuse_link_out_of_project(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError([Problem(path, None, "is not a plain file (a folder, device or pipe)",
                                     "replace it with an ordinary text file, or remove it")])
        if info.st_size > MAX_BYTES:
            raise DataError([_too_large(path, info.st_size)])
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise DataError([Problem(path, None, f"cannot be read ({error.strerror})",
                                 "check that the file exists and is readable")]) from None
    if len(raw) > MAX_BYTES:  # grew while being read
        raise DataError([_too_large(path, len(raw))])
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, which some Windows editors add
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError([Problem(
            path, line, f"is not valid UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
            "save the file with UTF-8 encoding; retype any curly quotes or symbols on this line",
        )]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        raise DataError([Problem(
            path, line, f"contains the control character U+{ord(control[0]):04X}, which is not text",
            "delete it (it is often pasted in invisibly from another program), or save the file as plain UTF-8 text",
        )])
    return text



def _too_large(path: Path, size: int) -> Problem:
    return Problem(path, None, f"is {size / 1024 / 1024:.1f} MiB; a source file may be at most {MAX_BYTES // 1024 // 1024} MiB",
                   "split it into smaller files, or check that the right file is in this folder")


def _refuse_link_out_of_project(path: Path) -> None:
    """A file inside the project that is (or lies under) a link to somewhere outside it is refused:
    the build publishes what it reads. A folder named on the command line outside the project
    may hold links only to files within that folder."""
    absolute = Path(os.path.abspath(path))
    real = absolute.resolve()
    if real == absolute:
        return
    base = ROOT if absolute.is_relative_to(ROOT) else absolute.parent
    if not real.is_relative_to(base.resolve()):
        raise DataError([Problem(path, None, f"is a link to {real}, outside the project",
                                 "copy the file into the project instead of linking to it")])
