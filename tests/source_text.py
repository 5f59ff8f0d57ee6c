"""An independent reading of the reference copy of the published framework.

Tests compare the built site against this, not against the YAML, so a transcription
mistake in the data is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference" / "source-2016-05-04.txt"


@dataclass
class SourceElement:
    id: str
    title: str
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass
class SourceSection:
    id: str
    title: str
    elements: list[SourceElement] = field(default_factory=list)


def plain(text: str) -> str:
    return re.sub(r"\*+", "", text)


def read_source() -> list[SourceSection]:
    """Sections, elements and lines in source order, from the body after the overview list."""
    text = REFERENCE.read_text(encoding="utf-8")
    body = text.split("\nThe inspection framework\n", 1)[1]
    sections: list[SourceSection] = []
    overview_done = False
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if match := re.fullmatch(r"(\d)\. (.+)", line):
            if sections and match[1] == "1":
                overview_done = True
                sections = []
            sections.append(SourceSection(match[1], match[2]))
        elif match := re.fullmatch(r"(?:- )?(\d\.\d)\. (.+)", line):
            if overview_done or not line.startswith("- "):
                sections[-1].elements.append(SourceElement(match[1], match[2], ""))
        elif line.startswith(("Key indicators", "Possible lines")):
            sections[-1].elements[-1].heading = line.split(" (")[0].rstrip(":")
        elif line.startswith("- ") and overview_done:
            sections[-1].elements[-1].lines.append(plain(line[2:]))
    return sections
