"""Synthetic frameworks for measuring scale: the real framework's sections repeated N times,
with the handbook's guidance for their lines repeated to match.

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


def write_scaled_guidance(source: Path, factor: int, target: Path) -> Path:
    """Copy the guidance folder `source` to `target`, its line guidance repeated `factor` times
    with ids renumbered as write_scaled_framework renumbers the sections."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("lines"), dirs_exist_ok=True)
    files = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))["lines"] for p in sorted((source / "lines").glob("*.yaml"))}
    count = max(int(line_id.split(".")[0]) for lines in files.values() for line_id in lines)
    (target / "lines").mkdir(exist_ok=True)
    for copy in range(factor):
        for name, lines in files.items():
            renumbered = {re.sub(r"^\d+", lambda m: str(copy * count + int(m[0])), line_id): entry
                          for line_id, entry in lines.items()}
            text = yaml.safe_dump({"lines": renumbered}, allow_unicode=True, sort_keys=False, width=1000)
            (target / "lines" / f"{copy:04d}-{name}").write_text(text, encoding="utf-8")
    return target
