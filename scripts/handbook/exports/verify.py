"""Check exported files against the YAML sources, not against the code that wrote them.

`python scripts/build.py --verify` runs this on a built site: the JSON must validate against
the schema and equal the source files' data; the CSV and every section sheet of the workbook
must hold each line's id and text in the framework's order, and so must the workbook's Findings
sheet; the workbook's drop-down lists must offer the judgement scale's values.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from jsonschema.exceptions import best_match
from openpyxl import load_workbook

from .. import schema
from ..problems import Problem
from ..render import plain
from ..yamlload import load_yaml
from ..model import Framework
from ..checklists.definitions import Scale
from . import SCHEMA_FILE, catalogue
from .workbook import FINDINGS, FIRST_LINE_ROW, LISTS, section_sheet_name

FIX = "rebuild the site with python scripts/build.py, then check again"


def source_data(framework_dir: Path) -> dict[str, Any]:
    """The framework as its YAML files hold it, assembled as framework.schema.json describes."""
    sections = [load_yaml(path).data for path in sorted((framework_dir / "sections").glob("*.yaml"))]
    return {**load_yaml(framework_dir / "framework.yaml").data,
            "introduction": load_yaml(framework_dir / "introduction.yaml").data,
            "sections": sorted(sections, key=lambda s: int(s["id"]))}


def verify_exports(framework: Framework, framework_dir: Path, site_dir: Path, scale: Scale) -> list[Problem]:
    """Every way the exports in `site_dir` differ from the sources in `framework_dir` and the judgement scale."""
    source = source_data(framework_dir)
    expected = [(line["id"], plain(line["text"]))
                for section in source["sections"] for element in section["elements"] for line in element["lines"]]
    files = catalogue(framework)
    problems: list[Problem] = []
    for key, check in (("json", _check_json), ("csv", _check_csv), ("xlsx", _check_workbook)):
        path = site_dir / files[key].path
        if not path.is_file():
            problems.append(Problem(path, None, "the file is missing", FIX))
            continue
        messages = check(path, source, expected)
        if key == "xlsx" and not messages:
            messages = _check_scale(path, scale)
        problems += [Problem(path, None, message, FIX) for message in messages]
    return problems


def _check_json(path: Path, source: dict[str, Any], expected: list[tuple[str, str]]) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    error = best_match(schema.validator(SCHEMA_FILE).iter_errors(data))
    if error is not None:
        return [f"does not match {SCHEMA_FILE} at {'/'.join(map(str, error.absolute_path)) or 'the top'}: {error.message}"]
    return [] if data == source else ["its data differs from the framework's YAML files"]


def _check_csv(path: Path, source: dict[str, Any], expected: list[tuple[str, str]]) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return _compare([(row["line"], row["text"]) for row in rows], expected)


def _check_workbook(path: Path, source: dict[str, Any], expected: list[tuple[str, str]]) -> list[str]:
    book = load_workbook(path)
    found = []
    for section in source["sections"]:
        name = section_sheet_name(section["id"])
        if name not in book.sheetnames:
            return [f"has no sheet named {name!r}"]
        found += [(row[0], row[1]) for row in book[name].iter_rows(min_row=FIRST_LINE_ROW, values_only=True)]
    ids = {line_id for line_id, _ in expected}
    findings = [(row[0], row[1]) for row in book[FINDINGS].iter_rows(min_row=2, values_only=True) if row[0] in ids]
    return _compare(found, expected) + [f"its {FINDINGS} sheet: {message}" for message in _compare(findings, expected)]


def _check_scale(path: Path, scale: Scale) -> list[str]:
    offered = [row[0] for row in load_workbook(path)[LISTS].iter_rows(max_col=1, values_only=True) if row[0]]
    labels = [value.label for value in scale.values]
    return [] if offered == labels else [f"its drop-down lists offer {offered}, not the scale's {labels}"]


def _compare(found: list[tuple[str, str]], expected: list[tuple[str, str]]) -> list[str]:
    if len(found) != len(expected):
        return [f"has {len(found)} lines; the framework has {len(expected)}"]
    return [f"line {want[0]} reads {got!r}, not {want!r}" for got, want in zip(found, expected) if got != want]
