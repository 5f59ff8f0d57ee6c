"""A word-level difference between two texts, as segments a page, a PDF or a browser can render.

Words are compared as the reader sees them (without Markdown emphasis), so a change shows as
the words removed and the words added, in reading order.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .render import plain

Segment = tuple[str, str]  # ("same" | "del" | "ins", words separated by single spaces)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The words of `old` and `new` as runs kept, removed ("del") and added ("ins"): removals before additions."""
    a, b = _words(old), _words(new)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("ins", " ".join(b[j1:j2])))
    return tuple(segments)


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", plain(text))
