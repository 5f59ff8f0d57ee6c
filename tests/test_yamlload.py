"""The strict YAML loader: positions, duplicate keys, ids kept as text, readable errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.problems import DataError
from handbook.yamlload import load_yaml, parse_yaml

HERE = Path("example.yaml")


def test_values_keep_their_lines():
    document = parse_yaml("a: 1\nb:\n  - x\n  - y\n", HERE)
    assert document.line(("b", 1)) == 4
    assert document.line(("b", 7, "missing")) == 3  # nearest enclosing value: the list under b


def test_numbers_and_dates_stay_text_but_booleans_and_null_do_not():
    data = parse_yaml("id: 3.10\nn: 7\nwhen: 2016-05-04\nok: true\nnothing: null\n", HERE).data
    assert data == {"id": "3.10", "n": "7", "when": "2016-05-04", "ok": True, "nothing": None}


def test_duplicate_keys_are_refused_with_both_lines():
    with pytest.raises(DataError) as caught:
        parse_yaml("title: one\nother: x\ntitle: two\n", HERE)
    (problem,) = caught.value.problems
    assert problem.line == 3 and "'title' appears twice" in problem.message and "first at line 1" in problem.message


def test_tabs_are_named_as_the_problem():
    with pytest.raises(DataError) as caught:
        parse_yaml("a:\n\tb: 1\n", HERE)
    assert caught.value.problems[0].message == "a tab character is used for indentation"
    assert caught.value.problems[0].line == 2


def test_line_offset_for_text_taken_from_inside_a_file():
    with pytest.raises(DataError) as caught:
        parse_yaml("title: a\ntitle: b\n", HERE, first_line=5)
    assert caught.value.problems[0].line == 6


def test_non_utf8_and_empty_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(DataError) as caught:
        load_yaml(bad)
    assert caught.value.problems[0].line == 2 and "UTF-8" in caught.value.problems[0].message
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n")
    with pytest.raises(DataError) as caught:
        load_yaml(empty)
    assert "empty" in caught.value.problems[0].message
