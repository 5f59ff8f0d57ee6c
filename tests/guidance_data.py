"""An independent reading of the handbook's guidance data, for tests to compare the built site with.

Plain PyYAML, none of the build's code: if the build misreads the data, the tests notice.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from source_text import read_source

ROOT = Path(__file__).resolve().parents[1]


@cache
def line_ids() -> list[str]:
    """Every line of the reference framework, in order, numbered as the handbook numbers them."""
    return [f"{e.id}.{n}" for s in read_source() for e in s.elements for n in range(1, len(e.lines) + 1)]


@cache  # read once per test process; callers do not change what they get
def line_guidance() -> dict[str, dict]:
    """content/guidance/lines/*.yaml merged: line id -> its entry."""
    entries: dict[str, dict] = {}
    for path in sorted((ROOT / "content" / "guidance" / "lines").glob("*.yaml")):
        for line_id, entry in yaml.safe_load(path.read_text(encoding="utf-8"))["lines"].items():
            assert line_id not in entries, f"{line_id} twice"
            entries[line_id] = entry
    return entries


@cache
def vocabulary(name: str, key: str) -> list[dict]:
    """The entries of data/<name>.yaml, e.g. vocabulary('themes', 'themes')."""
    return yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))[key]


def tagged(field: str, value: str) -> list[str]:
    """Line ids, in framework order, whose guidance lists `value` under `field` (sources, themes)."""
    data = line_guidance()
    return [i for i in line_ids() if value in data[i][field]]


def serving(outcome: str) -> dict[str, str]:
    """Line id -> reason, in framework order, for the lines serving `outcome`."""
    data = line_guidance()
    return {i: o["reason"] for i in line_ids() for o in data[i]["outcomes"] if o["id"] == outcome}


def glossary_forms() -> dict[str, str]:
    """Every written form of every glossary term -> the tooltip it should have."""
    forms: dict[str, str] = {}
    for term in vocabulary("glossary", "terms"):
        written = [term["term"], *term.get("forms", [])]
        if "expansion" not in term:
            written += [w[0].upper() + w[1:] for w in written]
        forms.update((w, term.get("expansion", term["definition"])) for w in written)
    return forms


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
