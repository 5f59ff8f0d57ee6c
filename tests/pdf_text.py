"""Reading PDFs as a reader would: the text of each page (pdftotext), and its rows."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def normalise(text: str) -> str:
    """One space between words; ligatures and other compatibility forms spelt out. The PDFs are
    not hyphenated, so a hyphen ending a line is part of the word (multi-agency)."""
    text = re.sub(r"-\n\s*", "-", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in order, laid out as on the page."""
    args = ["pdftotext", "-layout", str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def page_of(pages: list[str], text: str, after: int = -1) -> int:
    """The index of the first page after page `after` whose text holds `text` (words, not layout)."""
    wanted = normalise(text)
    for index, page in enumerate(pages):
        if index > after and wanted in normalise(page):
            return index
    raise AssertionError(f"{text!r} is on no page")


def rows_per_page(pages: list[str], labels: list[str], notes_labels: set[str]) -> list[tuple[list[str], int, int]]:
    """For each page (layout text): the line ids starting a row, and how many rows of tick boxes and
    notes labels it shows. A row split across pages shows up as a page where the three disagree."""
    scale = re.compile(r"^\s+" + r"\s+".join(map(re.escape, labels)) + r"\s*$", re.M)
    notes = re.compile(r"^\s+(?:" + "|".join(map(re.escape, notes_labels)) + r")\s*$", re.M)
    ids = re.compile(r"^(\d+\.\d+\.\d+)\s{2,}\S", re.M)
    return [(ids.findall(page), len(scale.findall(page)), len(notes.findall(page))) for page in pages]
