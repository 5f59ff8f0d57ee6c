"""The offline copy's zip (zippack.Packer): standard DEFLATE that any unzip reads, the same files give
the same bytes, and a file unchanged since the previous zip is taken from it, not compressed again."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from handbook import zippack
from handbook.zippack import Packer

PAGE = ("<p>" + " ".join(f"line {n} of the framework" for n in range(2000)) + "</p>").encode()
FILES = {"framework/index.html": PAGE, "index.html": b"<p>the same words</p>" * 100, "assets/icon.png": bytes(range(256)) * 8}


def pack(zip_path: Path, files: dict[str, bytes], previous: Path | None = None) -> bytes:
    packer = Packer(zip_path, "handbook-offline", previous)
    for name, data in files.items():
        packer.add(name, data)
    packer.close()
    return zip_path.read_bytes()


def contents(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.testzip() is None  # every entry's checksum, by zlib
        return {info.filename.removeprefix("handbook-offline/"): archive.read(info) for info in archive.infolist()}


def test_the_zip_unpacks_to_the_same_bytes_with_a_standard_unzip(tmp_path: Path):
    pack(tmp_path / "copy.zip", FILES)
    assert contents(tmp_path / "copy.zip") == FILES
    with zipfile.ZipFile(tmp_path / "copy.zip") as archive:
        page = archive.getinfo("handbook-offline/framework/index.html")
        assert page.compress_type == zipfile.ZIP_DEFLATED and page.compress_size < len(PAGE) / 5
        assert archive.getinfo("handbook-offline/assets/icon.png").compress_type == zipfile.ZIP_STORED


def test_the_same_files_make_the_same_zip(tmp_path: Path):
    assert pack(tmp_path / "a.zip", FILES) == pack(tmp_path / "b.zip", FILES)


def test_unchanged_files_are_taken_from_the_previous_zip_and_changed_ones_compressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    first = pack(tmp_path / "first.zip", FILES)
    compressed: list[int] = []
    real = zippack.deflate.deflate_compress
    monkeypatch.setattr(zippack.deflate, "deflate_compress", lambda data, level: compressed.append(len(data)) or real(data, level))
    # Nothing changed: nothing is compressed, and the zip is the one a build from nothing makes.
    assert pack(tmp_path / "second.zip", FILES, previous=tmp_path / "first.zip") == first
    assert compressed == []
    # A page changed but kept its size: compressed afresh, and the zip holds the new words.
    changed = {**FILES, "framework/index.html": PAGE.replace(b"line 7 ", b"LINE 7 ")}
    pack(tmp_path / "third.zip", changed, previous=tmp_path / "first.zip")
    assert compressed == [len(PAGE)]
    assert contents(tmp_path / "third.zip") == changed


def test_a_previous_zip_from_another_compressor_or_none_at_all_lends_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with zipfile.ZipFile(tmp_path / "zlib.zip", "w") as archive:  # as an older build (zlib) made it
        for name, data in FILES.items():
            archive.writestr(f"handbook-offline/{name}", data, compress_type=zipfile.ZIP_DEFLATED)
    (tmp_path / "broken.zip").write_bytes(b"PK not a zip")
    expected = pack(tmp_path / "fresh.zip", FILES)
    for previous in ("zlib.zip", "broken.zip", "missing.zip"):
        assert pack(tmp_path / "new.zip", FILES, previous=tmp_path / previous) == expected
