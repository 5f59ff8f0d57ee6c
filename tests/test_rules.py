"""Rules beyond the schema: unique, consistent, consecutive ids and resolving references."""

from __future__ import annotations

from pathlib import Path

from handbook import rules
from handbook.yamlload import parse_yaml


def section(text: str, name: str = "s.yaml"):
    return parse_yaml(text, Path(name))


ONE = section('id: "1"\ntitle: T\nelements:\n  - id: "1.1"\n    title: E\n    kind: k\n    lines:\n'
              '      - id: "1.1.1"\n        text: A\n      - id: "1.1.2"\n        text: B\n', "one.yaml")


def test_consistent_sections_pass():
    assert rules.check_sections([ONE]) == []


def test_missing_section_number_is_reported():
    three = section('id: "3"\ntitle: T\nelements:\n  - id: "3.1"\n    title: E\n    kind: k\n    lines:\n'
                    '      - id: "3.1.1"\n        text: A\n', "three.yaml")
    (problem,) = rules.check_sections([ONE, three])
    assert problem.file == Path("three.yaml") and "section 2 is missing" in problem.message


def test_line_numbers_must_run_consecutively():
    skipped = section('id: "1"\ntitle: T\nelements:\n  - id: "1.1"\n    title: E\n    kind: k\n    lines:\n'
                      '      - id: "1.1.1"\n        text: A\n      - id: "1.1.3"\n        text: B\n')
    (problem,) = rules.check_sections([skipped])
    assert problem.line == 10 and problem.id == "1.1.3" and "should be 1.1.2" in problem.message


def test_unknown_kind_and_outcome_element_are_broken_references():
    metadata = parse_yaml('element_kinds:\n  enquiry: {label: L, line_label: l}\n', Path("framework.yaml"))
    intro = parse_yaml('blocks:\n  - outcomes:\n      - id: o\n        text: t\n        element: "9.9"\n', Path("introduction.yaml"))
    found = rules.check_references(metadata, intro, [ONE])
    assert {(p.file.name, p.line) for p in found} == {("one.yaml", 6), ("introduction.yaml", 5)}
