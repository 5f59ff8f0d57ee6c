"""Synthetic frameworks for measuring scale: the real framework's sections repeated N times.

Used by scripts/bench.py and the scale test; written to a temporary folder, never committed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml


def write_scaled_framework(source: Path, factor: int, target: Path) -> Path:
    """Copy the framework in `source` to `target` with its sections repeated `factor` times."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "framework.yaml", target / "framework.yaml")
    shutil.copy(source / "introduction.yaml", target / "introduction.yaml")
    (target / "sections").mkdir(exist_ok=True)
    sections = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((source / "sections").glob("*.yaml"))]
    sections.sort(key=lambda s: int(s["id"]))
    count = len(sections)
    for copy in range(factor):
        for section in sections:
            number = copy * count + int(section["id"])
            text = yaml.safe_dump(_renumbered(section, str(number)), allow_unicode=True, sort_keys=False, width=1000)
            (target / "sections" / f"{number:04d}.yaml").write_text(text, encoding="utf-8")
    return target


def _renumbered(section: dict, number: str) -> dict:
    def new_id(old: str) -> str:
        return re.sub(r"^\d+", number, old)

    return {
        "id": number,
        "title": section["title"],
        "elements": [
            {"id": new_id(e["id"]), "title": e["title"], "kind": e["kind"],
             "lines": [{"id": new_id(line["id"]), "text": line["text"]} for line in e["lines"]]}
            for e in section["elements"]],
    }
