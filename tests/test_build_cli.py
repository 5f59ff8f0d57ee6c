"""`python scripts/build.py` as a maintainer uses it: success, --check, and every kind of bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, SCALE, broken_copy, build_into, run_build, tree_digest


S1 = "sections/1-lamp.yaml"
BAD_INPUTS = {
    "malformed YAML": (S1, 'title: "The lamp is kept burning"', 'title: "The lamp is kept burning'),
    "tab indentation": (S1, '    kind: criteria\n    lines:', '    kind: criteria\n\tlines:'),
    "missing required field": (S1, '    title: "Oil is stocked"\n', ''),
    "wrong type": (S1, '    lines:\n      - id: "1.2.1"', '    lines: "none"\n    extra:\n      - id: "1.2.1"'),
    "duplicate id": ("sections/2-lens.yaml", 'id: "2"', 'id: "1"'),
    "duplicate mapping key": (S1, '    title: "Oil is stocked"\n', '    title: "Oil is stocked"\n    title: "Oil"\n'),
    "element numbered out of order": (S1, '  - id: "1.2"', '  - id: "1.3"'),
    "line under the wrong element": (S1, '      - id: "1.2.1"', '      - id: "1.1.3"'),
    "empty text": (S1, '"Wicks are trimmed every evening."', '"   "'),
    "unknown key": (S1, '    kind: criteria\n', '    kind: criteria\n    colour: red\n'),
    "broken cross-reference (kind)": (S1, '    kind: criteria\n', '    kind: criterion\n'),
    "broken cross-reference (outcome)": ("introduction.yaml", 'element: "1.1"', 'element: "1.9"'),
    "line out of order": (S1, '      - id: "1.1.2"', '      - id: "1.1.3"'),
    "not a real date": ("framework.yaml", '"2031-02-28"', '"2031-02-30"'),
    "checklist kind with an unknown section": ("checklists.yaml", 'sections: ["1", "2"]', 'sections: ["1", "7"]'),
    "checklist kind listing a section twice": ("checklists.yaml", 'sections: ["1"]', 'sections: ["1", "1"]'),
    "checklist kind with a reserved id": ("checklists.yaml", "id: full-survey", "id: whole-framework"),
    "checklist kind named like a range of sections": ("checklists.yaml", "id: full-survey", "id: sections-1-2"),
    "checklist kind without a purpose": ("checklists.yaml", '    purpose: "Used on a night visit to the lamp room."\n', ""),
    "checklist notes lines not a number": ("checklists.yaml", "lines: 2", "lines: two"),
}
# Where each mistake is, read off the fixture files. An unclosed quote on line 3 is
# reported where the YAML parser notices it, at the next key.
EXPECTED = {
    "malformed YAML": (S1, 5, "is not valid YAML"),
    "tab indentation": (S1, 8, "a tab character is used for indentation"),
    "missing required field": (S1, 5, "element 1.1 is missing the required field 'title'"),
    "wrong type": (S1, 16, "'lines' of element 1.2 should be an array, not text"),
    "duplicate id": ("sections/2-lens.yaml", 2, "duplicate id: section 1 is also defined in 1-lamp.yaml at line 2"),
    "duplicate mapping key": (S1, 7, "the key 'title' appears twice in the same mapping (first at line 6)"),
    "element numbered out of order": (S1, 13, "element 1.3 is out of order"),
    "line under the wrong element": (S1, 17, "line 1.1.3 is under element 1.2, but its id says it belongs to element 1.1"),
    "empty text": (S1, 12, "'text' of line 1.1.2 is empty"),
    "unknown key": (S1, 8, "element 1.1 has an unknown key 'colour'"),
    "broken cross-reference (kind)": (S1, 7, "element 1.1 has kind 'criterion', which is not one of the element_kinds"),
    "broken cross-reference (outcome)": ("introduction.yaml", 9, "outcome 'ships-safe' refers to element 1.9, which does not exist"),
    "line out of order": (S1, 11, "line 1.1.3 is out of order"),
    "not a real date": ("framework.yaml", 9, "version.released is '2031-02-30', which is not a real date"),
    "checklist kind with an unknown section": ("checklists.yaml", 17, "checklist kind 'full-survey' lists section 7, which is not in the framework"),
    "checklist kind listing a section twice": ("checklists.yaml", 10, "the section '1' appears twice (first at line 10)"),
    "checklist kind with a reserved id": ("checklists.yaml", 14, "the id 'whole-framework' is the address of the whole-framework checklist"),
    "checklist kind named like a range of sections": ("checklists.yaml", 14, "the id 'sections-1-2' is the address of the lists of a range of sections' checklists"),
    "checklist kind without a purpose": ("checklists.yaml", 7, "is missing the required field 'purpose'"),
    "checklist notes lines not a number": ("checklists.yaml", 13, "has the value 'two', which is not in the expected form"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_stops_the_build_with_file_line_and_fix(case, kept, tmp_path):
    out, before = kept
    file, old, new = BAD_INPUTS[case]
    framework = broken_copy(tmp_path, file, old, new)
    result = run_build("--framework", framework, "--guidance", FICTIONAL_GUIDANCE, "--out", out, "--docs", tmp_path / "docs")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    where, line, message = EXPECTED[case]
    assert f"{Path(where).name}, line {line}:" in result.stderr, result.stderr
    assert message in result.stderr, result.stderr
    assert "fix:" in result.stderr
    assert "Nothing was changed in" in result.stderr
    assert tree_digest(out) == before


SCALE_EDITS = {
    "a bare yes read as true": ('id: "yes"', "id: yes", 8, "should be a string, not true/false"),
    "two values with one id": ('id: "partly"', 'id: "yes"', 11, "the scale value id 'yes' appears twice (first at line 8)"),
    "two values with one label": ('label: "Partly"', 'label: "Yes"', 12, "the scale label 'Yes' appears twice (first at line 9)"),
    "an unknown key": ('    label: "No"\n', '    label: "No"\n    colour: red\n', 16, "has an unknown key 'colour'"),
}


@pytest.mark.parametrize("case", sorted(SCALE_EDITS))
def test_bad_judgement_scale_stops_the_build_with_file_line_and_fix(case, kept, tmp_path):
    out, before = kept
    old, new, line, message = SCALE_EDITS[case]
    scale = tmp_path / "judgement-scale.yaml"
    text = SCALE.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in the scale"
    scale.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_build("--framework", FICTIONAL, "--guidance", FICTIONAL_GUIDANCE, "--scale", scale,
                       "--out", out, "--docs", tmp_path / "docs")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"judgement-scale.yaml, line {line}:" in result.stderr, result.stderr
    assert message in result.stderr and "fix:" in result.stderr, result.stderr
    assert tree_digest(out) == before


def test_non_utf8_file_is_reported_with_its_line(kept, tmp_path):
    out, before = kept
    framework = broken_copy(tmp_path, S1, "Wicks", "Wicks")
    path = framework / S1
    path.write_bytes(path.read_bytes().replace(b"Wicks", b"W\xe9cks"))
    result = run_build("--framework", framework, "--guidance", FICTIONAL_GUIDANCE, "--out", out)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "1-lamp.yaml, line 12: is not valid UTF-8" in result.stderr
    assert "save the file with UTF-8 encoding" in result.stderr
    assert tree_digest(out) == before


def test_all_problems_are_reported_in_one_run(tmp_path):
    framework = broken_copy(tmp_path, S1, '    kind: criteria\n', '    kind: criteria\n    colour: red\n')
    other = framework / "sections" / "2-lens.yaml"
    other.write_text(other.read_text().replace('text: "The lens', 'text: ""\n        note: "The lens'))
    result = run_build("--check", "--framework", framework)
    assert result.returncode == 1
    assert "3 problems found" in result.stderr
    for place in ("1-lamp.yaml, line 8:", "2-lens.yaml, line 10:", "2-lens.yaml, line 11:"):
        assert place in result.stderr


def test_check_validates_without_building(tmp_path):
    result = run_build("--check", "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "6 sections, 18 elements, 76 lines" in result.stdout
    assert not (tmp_path / "site").exists()


def test_missing_framework_folder_is_a_clear_error(tmp_path):
    result = run_build("--check", "--framework", tmp_path / "nowhere")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the framework folder does not exist" in result.stderr


def test_broken_link_in_a_guidance_page_names_the_file_and_line(kept, tmp_path):
    out, before = kept
    guidance = tmp_path / "guidance"
    shutil.copytree(FICTIONAL_GUIDANCE, guidance)
    about = guidance / "about.md"
    about.write_text(about.read_text() + "\nSee [the rules](../framework/9.9.md).\n")
    result = run_build("--framework", FICTIONAL, "--guidance", guidance, "--out", out, "--docs", tmp_path / "docs")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "about.md, line 9: the link '../framework/9.9.md' does not lead to a page of the site" in result.stderr
    assert tree_digest(out) == before


def test_the_fictional_framework_builds_a_complete_site(fictional_site):
    for url in ["", "introduction/", "framework/", "framework/1/", "framework/2/",
                "framework/1.1/", "framework/1.2/", "framework/2.1/", "guidance/about/"]:
        assert (fictional_site / url / "index.html").is_file(), url
    element = (fictional_site / "framework" / "1.1" / "index.html").read_text(encoding="utf-8")
    assert "Wicks are trimmed every evening." in element and 'id="line-1.1.2"' in element
    assert "Imaginary Lighthouses" in element and "Probation" not in element
    assert (fictional_site / "search" / "search_index.json").is_file()


def test_two_builds_of_the_same_sources_are_identical(site, tmp_path):
    again = build_into(tmp_path / "again")
    assert tree_digest(again) == tree_digest(site)
