"""A zip of files under one top folder, as the offline copy is packed: the same files always give
the same bytes, and a file unchanged since the previous build is not compressed again.

Pages are deflated with libdeflate rather than zlib (on the 10x site's pages, level 5 made a zip 3 %
smaller than zlib's level 4 in under half its time). A page is the same in most builds, so its
compressed bytes are taken from the previous build's zip when its content there is byte for byte the
same (checked by decompressing it, which takes a quarter of the time of compressing) and the entry was
compressed by this same compressor, which each entry names in its comment: a rebuild gives the zip
a build from nothing would.
"""

from __future__ import annotations

import hashlib
import os
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import BinaryIO

import deflate

LEVEL = 5
# Each entry's comment: which compressor made it (so that only its own output is taken again).
MAKER = hashlib.sha256(f"deflate {version('deflate')} level {LEVEL}".encode()).hexdigest()[:8].encode()
# Already compressed: deflating them again costs time and saves nothing.
STORED = {".pdf", ".zip", ".xlsx", ".png", ".gz", ".woff2"}
# A local file header (the zip specification, APPNOTE 4.3.7) is 30 bytes, then the name and an extra
# field, whose lengths are its last two fields; the compressed bytes follow.
_LOCAL_HEADER_SIZE = 30
_NAME_AND_EXTRA_LENGTHS = struct.Struct("<HH")


class Packer:
    """A zip at `zip_path` whose entries are `folder`/name; `previous`, the zip an earlier build made
    (if it is there), lends the compressed bytes of files that have not changed."""

    def __init__(self, zip_path: Path, folder: str, previous: Path | None = None) -> None:
        self.folder = folder
        self.stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800))[:6]  # zip dates start in 1980
        self.earlier = _Earlier(previous)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        self.archive = zipfile.ZipFile(zip_path, "w")

    def close(self) -> None:
        self.archive.close()
        self.earlier.close()

    def add(self, name: str, data: bytes) -> None:
        entry = zipfile.ZipInfo(f"{self.folder}/{name}", date_time=self.stamp)
        entry.external_attr = 0o644 << 16
        if Path(name).suffix in STORED:
            self.archive.writestr(entry, data, compress_type=zipfile.ZIP_STORED)
            return
        entry.comment = MAKER
        with _deflating(self.earlier.compressed(entry.filename, data)):
            self.archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)


class _Earlier:
    """The previous build's zip, read for entries to take again as they are."""

    def __init__(self, path: Path | None) -> None:
        self.entries: dict[str, zipfile.ZipInfo] = {}
        self.file: BinaryIO | None = None
        if path is None or not path.is_file():
            return
        try:
            with zipfile.ZipFile(path) as archive:
                entries = {info.filename: info for info in archive.infolist()
                           if info.comment == MAKER and info.compress_type == zipfile.ZIP_DEFLATED}
            self.file, self.entries = open(path, "rb"), entries
        except (OSError, zipfile.BadZipFile):  # not a zip we can read: everything is compressed afresh
            pass

    def compressed(self, name: str, data: bytes) -> bytes | None:
        """The earlier entry `name`'s compressed bytes, if it held exactly `data`."""
        info = self.entries.get(name)
        if self.file is None or info is None or info.file_size != len(data) or info.CRC != zlib.crc32(data):
            return None
        try:
            self.file.seek(info.header_offset)
            header = self.file.read(_LOCAL_HEADER_SIZE)
            self.file.seek(sum(_NAME_AND_EXTRA_LENGTHS.unpack(header[-4:])), os.SEEK_CUR)
            raw = self.file.read(info.compress_size)
            return raw if deflate.deflate_decompress(raw, len(data)) == data else None
        except (OSError, struct.error, deflate.DeflateError):  # changed under us: compress afresh
            return None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


class _WholeFileDeflate:
    """zipfile's compressor interface (compress, then flush) over libdeflate, which deflates a whole
    buffer at once (`writestr` hands over each file in one piece), or gives back `known` bytes."""

    def __init__(self, known: bytes | None) -> None:
        self.known = known
        self.parts: list[bytes] = []

    def compress(self, data: bytes) -> bytes:
        self.parts.append(data)
        return b""

    def flush(self) -> bytes:
        return self.known if self.known is not None else deflate.deflate_compress(b"".join(self.parts), LEVEL)


@contextmanager
def _deflating(known: bytes | None) -> Iterator[None]:
    """zipfile deflates with zlib and takes no other compressor, so its factory is swapped while an
    entry is written. The stream is standard DEFLATE: any unzip tool reads it."""
    standard = zipfile._get_compressor  # type: ignore[attr-defined]

    def compressor(compress_type: int, compresslevel: int | None = None) -> object:
        return _WholeFileDeflate(known) if compress_type == zipfile.ZIP_DEFLATED else standard(compress_type, compresslevel)

    zipfile._get_compressor = compressor  # type: ignore[attr-defined]
    try:
        yield
    finally:
        zipfile._get_compressor = standard  # type: ignore[attr-defined]
