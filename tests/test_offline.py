"""A page made to work opened from disk (offline.for_disk): every link to a folder names the folder's
index.html, which a browser opening files shows instead of a listing; other links are left alone."""

from __future__ import annotations

import zipfile

import pytest

from handbook.offline import SHIM, OfflineCopy, for_disk

PAGE = ('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        'content="default-src \'self\'; script-src \'self\'"></head><body>{}</body></html>')


@pytest.mark.parametrize("link, on_disk", [
    ("framework/3.1/", "framework/3.1/index.html"),
    ("../", "../index.html"),
    ("../../guidance/#fieldwork", "../../guidance/index.html#fieldwork"),
    ("checklists/?record=n1", "checklists/index.html?record=n1"),
    ("..", "../index.html"),
    ("../..", "../../index.html"),
    (".", "./index.html"),
    ("..#top", "../index.html#top"),
    ("./", "./index.html"),
    ("framework/3.1/index.html", "framework/3.1/index.html"),
    ("downloads/checklist.pdf", "downloads/checklist.pdf"),
    ("a/..b", "a/..b"),
    ("#line-3.1.2", "#line-3.1.2"),
    ("https://www.justiceinspectorates.gov.uk/hmiprobation/", "https://www.justiceinspectorates.gov.uk/hmiprobation/"),
])
def test_links_to_folders_name_their_index_page(link: str, on_disk: str):
    html = for_disk(PAGE.format(f'<a href="{link}">x</a> <a href="{link}">again</a>'), 1, SHIM.read_text(encoding="utf-8"))
    assert html.count(f'<a href="{on_disk}">') == 2


def test_text_that_looks_like_a_link_is_left_alone():
    text = "<p>Read framework/3.1/ and ../ in the notes.</p>"
    assert text in for_disk(PAGE.format(text), 0, SHIM.read_text(encoding="utf-8"))


def pack(zip_path, files: dict[str, bytes]) -> bytes:
    with OfflineCopy(zip_path, "handbook-offline") as copy:
        for name, data in files.items():
            copy.add_file(name, data)
    return zip_path.read_bytes()


def test_the_copy_unpacks_to_the_same_bytes_with_a_standard_unzip(tmp_path):
    """The copy's own compressor (libdeflate) writes standard DEFLATE: zlib, which zipfile reads with,
    gives back every byte and every checksum; files already compressed are stored as they are."""
    page = ("<p>" + " ".join(f"line {n} of the framework" for n in range(2000)) + "</p>").encode()
    png = bytes(range(256)) * 8
    pack(tmp_path / "copy.zip", {"framework/index.html": page, "assets/icon.png": png})
    with zipfile.ZipFile(tmp_path / "copy.zip") as archive:
        assert archive.testzip() is None
        assert archive.read("handbook-offline/framework/index.html") == page
        assert archive.read("handbook-offline/assets/icon.png") == png
        packed = archive.getinfo("handbook-offline/framework/index.html")
        assert packed.compress_type == zipfile.ZIP_DEFLATED and packed.compress_size < len(page) / 5
        assert archive.getinfo("handbook-offline/assets/icon.png").compress_type == zipfile.ZIP_STORED


def test_the_same_files_make_the_same_zip(tmp_path):
    files = {"index.html": b"<p>the same words</p>" * 100, "search/search_index.json": b'{"docs":[]}'}
    assert pack(tmp_path / "a.zip", files) == pack(tmp_path / "b.zip", files)
