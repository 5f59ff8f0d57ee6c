"""A page made to work opened from disk (offline.for_disk): every link to a folder names the folder's
index.html, which a browser opening files shows instead of a listing; other links are left alone."""

from __future__ import annotations

import pytest

from handbook.offline import SHIM, for_disk

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

