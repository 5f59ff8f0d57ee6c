"""Schema checks speak the maintainer's language and point at the right line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from handbook import schema
from handbook.stepcache import StepCache
from handbook.yamlload import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
SECTION = """\
id: "2"
title: "A section"
elements:
  - id: "2.1"
    title: "An element"
    kind: enquiry
    lines:
      - id: "2.1.1"
        text: "A line."
"""


def problems(text: str, name: str = "section.schema.json"):
    return schema.check(parse_yaml(text, Path("s.yaml")), name)


def test_a_valid_section_has_no_problems():
    assert problems(SECTION) == []


def test_missing_field_names_the_field_and_the_element():
    (problem,) = problems(SECTION.replace('    title: "An element"\n', ""))
    assert problem.line == 4 and problem.id == "2.1"
    assert problem.message == "element 2.1 is missing the required field 'title'"


def test_a_file_found_valid_is_remembered_by_its_text_and_checked_again_once_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    section, steps = tmp_path / "2.yaml", StepCache(tmp_path / "steps")
    section.write_text(SECTION, encoding="utf-8")

    def load() -> list:
        found: list = []
        with schema.remembering_valid(steps):
            schema.load_checked(section, "section.schema.json", found)
        return found

    assert load() == []
    with monkeypatch.context() as patched:  # the same text again is not checked against the schema
        patched.setattr(schema, "check", lambda document, name: pytest.fail("checked again"))
        assert load() == []
    # Changed and broken: checked in full and reported, every time (a file with problems is not remembered).
    section.write_text(SECTION.replace('"2.1.1"', '"2.1.a"'), encoding="utf-8")
    for _ in range(2):
        (problem,) = load()
        assert problem.line == 8 and "a line id is section.element.line" in problem.fix


def test_a_file_parsed_before_is_not_parsed_again_and_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    section, steps = tmp_path / "2.yaml", StepCache(tmp_path / "steps")
    section.write_text(SECTION, encoding="utf-8")

    def load() -> schema.YamlDocument:
        with schema.remembering_valid(steps):
            return schema.load_checked(section, "section.schema.json", [])

    first = load()
    with monkeypatch.context() as patched:
        patched.setattr(schema, "parse_yaml", lambda text, path: pytest.fail("parsed again"))
        again = load()
    assert (again.path, again.data, again.lines, again.keys) == (first.path, first.data, first.lines, first.keys)
    assert again.data["elements"][0]["lines"][0]["id"] == "2.1.1" and again.line(("elements", 0, "lines", 0)) == 8
    # A file with a mistake in its YAML is read again every time, so that the mistake is always reported.
    section.write_text(SECTION.replace('text: "A line."', 'text: "A line.'), encoding="utf-8")
    for _ in range(2):
        found: list = []
        with schema.remembering_valid(steps):
            schema.load_checked(section, "section.schema.json", found)
        assert "is not valid YAML" in found[0].message


def test_badly_formed_id_explains_the_expected_form():
    (problem,) = problems(SECTION.replace('"2.1.1"', '"2.1.a"'))
    assert problem.line == 8 and "a line id is section.element.line" in problem.fix


def test_every_source_file_names_its_schema_for_editors():
    for path in sorted((ROOT / "content" / "framework").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: schema {target} not found"


def test_the_framework_schema_accepts_the_whole_framework_assembled():
    folder = ROOT / "content" / "framework"
    whole = yaml.safe_load((folder / "framework.yaml").read_text(encoding="utf-8"))
    whole["introduction"] = yaml.safe_load((folder / "introduction.yaml").read_text(encoding="utf-8"))
    whole["sections"] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((folder / "sections").glob("*.yaml"))]
    json.dumps(whole)  # the schema describes JSON-shaped data
    assert list(schema.validator("framework.schema.json").iter_errors(whole)) == []
