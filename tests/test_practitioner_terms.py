"""The practitioners' search vocabulary resolves to real lines, and its mistakes stop the build at their line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from handbook.framework import load_framework
from handbook.practitioner_terms import load_practitioner_terms
from handbook.problems import DataError
from handbook.prompts import load_prompts
from handbook.vocabulary import load_vocabulary

TERMS = ROOT / "data" / "practitioner-terms.yaml"


@pytest.fixture(scope="module")
def sources():
    framework = load_framework(ROOT / "content" / "framework")
    return framework, load_prompts(ROOT / "content" / "guidance" / "lines", framework, load_vocabulary())


def load(sources, folder: Path = ROOT / "data"):
    return {term.term: term for term in load_practitioner_terms(*sources, folder)}


def test_terms_find_the_lines_whose_words_they_stand_for(sources):
    terms = load(sources)
    assert terms["accommodation"].lines[0] == ("1.1.2", "living arrangements")
    assert [line for line, _ in terms["ETE"].lines] == ["1.1.2"]
    assert ("3.3.10", "resettlement") in terms["ROTL"].lines               # by the framework's word
    assert ("4.1.2", "Unpaid work") in terms["UPW"].lines                  # by id: the reason is the expansion
    assert ("3.1.3", "the theme Victims") in terms["DV"].lines or ("3.1.3", "victim safety") in terms["DV"].lines


def test_a_glossary_abbreviation_takes_the_glossary_s_expansion_and_forms(sources):
    terms = load(sources)
    assert terms["OASys"].expansion == "Offender Assessment System"
    assert "sentence plans" in terms["sentence plan"].forms
    listed = yaml.safe_load(TERMS.read_text(encoding="utf-8"))["terms"]
    assert not [t["term"] for t in listed if t["term"] in ("OASys", "MAPPA", "MARAC") and "expansion" in t]


def edited(tmp_path: Path, old: str, new: str) -> tuple[Path, list[str]]:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    text = TERMS.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    (folder / TERMS.name).write_text(text, encoding="utf-8")
    return folder, text.splitlines()


def problems(sources, folder: Path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(DataError) as caught:
        load(sources, folder)
    return [(p.file.name, p.line, p.message, p.fix) for p in caught.value.problems]


def line_of(lines: list[str], text: str, nth: int = 0) -> int:
    return [n for n, line in enumerate(lines, 1) if text in line][nth]


def test_an_unknown_line_is_refused_at_its_line(sources, tmp_path):
    folder, lines = edited(tmp_path, 'lines: ["4.1.2"]', 'lines: ["4.1.9"]')
    assert problems(sources, folder) == [("practitioner-terms.yaml", line_of(lines, '"4.1.9"'), "the framework has no line 4.1.9",
                                          "correct the id to a line of the framework, e.g. 3.1.4, or remove it")]


def test_an_unknown_theme_is_refused_at_its_line(sources, tmp_path):
    folder, lines = edited(tmp_path, "themes: [victims]", "themes: [victim]")
    [(file, line, message, fix)] = problems(sources, folder)
    assert (file, line, message) == ("practitioner-terms.yaml", line_of(lines, "themes: [victim]"), "there is no theme 'victim'")
    assert "victims" in fix and "data/themes.yaml" in fix


def test_a_duplicate_term_is_refused_at_the_second_with_the_first_s_line(sources, tmp_path):
    folder, lines = edited(tmp_path, "  - term: jobs", "  - term: Housing")
    assert problems(sources, folder) == [(
        "practitioner-terms.yaml", line_of(lines, "- term: Housing"),
        f"duplicate term: 'housing' is already a term or form of 'accommodation' at line {line_of(lines, '- term: accommodation')}",
        "keep one entry per term: merge the two, or remove the repeated word")]


def test_words_no_line_contains_are_refused(sources, tmp_path):
    folder, lines = edited(tmp_path, 'stands_for: ["living arrangements",', 'stands_for: ["living arrangement issues",')
    [(file, line, message, _)] = problems(sources, folder)
    assert (line, message) == (line_of(lines, "living arrangement issues"),
                               "no line of the framework contains the words 'living arrangement issues'")


def test_a_term_standing_for_nothing_and_a_repeated_glossary_expansion_are_refused(sources, tmp_path):
    folder, lines = edited(tmp_path, '    stands_for: ["quality assurance"]\n', "")
    assert [m for _, _, m, _ in problems(sources, folder)] == [
        "the term 'QA' stands for nothing: it has no stands_for, lines or themes"]
    folder, lines = edited(tmp_path / "2", "  - term: OASys\n", '  - term: OASys\n    expansion: "Offender Assessment System"\n')
    assert problems(sources, folder)[0][1:3] == (line_of(lines, "expansion: \"Offender Assessment System\""),
                                                 "'OASys' is in data/glossary.yaml, which already says what it stands for")


def test_the_build_stops_on_a_bad_entry_naming_file_and_line(tmp_path):
    """The real entry point, on a copy of the project whose vocabulary names a line that does not exist."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "__pycache__"))
    path = project / "data" / TERMS.name
    path.write_text(path.read_text(encoding="utf-8").replace('lines: ["4.1.2"]', 'lines: ["9.9.9"]', 1), encoding="utf-8")
    result = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--check"], capture_output=True, text=True, cwd=project)
    assert result.returncode == 1
    line = line_of(path.read_text(encoding="utf-8").splitlines(), '"9.9.9"')
    assert f"data/practitioner-terms.yaml, line {line}: [UPW] the framework has no line 9.9.9" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_terms_are_left_out_when_building_another_framework(tmp_path):
    from conftest import FICTIONAL, FICTIONAL_GUIDANCE
    framework = load_framework(FICTIONAL)
    guidance = load_prompts(FICTIONAL_GUIDANCE / "lines", framework, load_vocabulary())
    assert load_practitioner_terms(framework, guidance) == ()
