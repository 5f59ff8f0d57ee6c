"""The controlled vocabularies in data/ load into the model, and their mistakes are reported with lines."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from guidance_data import vocabulary
from handbook.guidance_model import GlossaryEntry
from handbook.problems import DataError
from handbook.vocabulary import load_vocabulary


def test_the_vocabularies_load_in_their_written_order():
    loaded = load_vocabulary()
    assert [s.id for s in loaded.sources] == [s["id"] for s in vocabulary("evidence-sources", "sources")]
    assert [t.id for t in loaded.themes] == [t["id"] for t in vocabulary("themes", "themes")]
    assert len(loaded.sources) >= 10 and len(loaded.themes) >= 10


def test_a_term_is_matched_as_written_and_capitalised_an_abbreviation_only_as_written():
    assert GlossaryEntry("service user", "d", forms=("service users",)).written_forms == (
        "service user", "service users", "Service user", "Service users")
    assert GlossaryEntry("OASys", "d", "Offender Assessment System").written_forms == ("OASys",)
    assert GlossaryEntry("OASys", "d", "Offender Assessment System").tooltip == "Offender Assessment System"
    assert GlossaryEntry("desistance", "Stopping offending.").tooltip == "Stopping offending."


def edited_data(tmp_path, file: str, old: str, new: str):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("schemas"))
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, text.replace(old, new, 1)


def problem(folder):
    with pytest.raises(DataError) as caught:
        load_vocabulary(folder)
    return caught.value.problems[0]


def test_a_duplicate_theme_id_is_reported_at_its_line(tmp_path):
    folder, text = edited_data(tmp_path, "themes.yaml", "id: victims", "id: risk-of-harm")
    found = problem(folder)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "id: risk-of-harm" in line]
    assert found.line == lines[1]
    assert found.message == f"duplicate id: the theme 'risk-of-harm' is also defined at line {lines[0]}"


def test_two_glossary_entries_cannot_explain_the_same_words(tmp_path):
    folder, _ = edited_data(tmp_path, "glossary.yaml", 'forms: ["protective factor"]', 'forms: ["protective factor", "desistance"]')
    found = problem(folder)
    assert found.id == "protective factors"
    assert found.message == "'desistance' is already explained by the glossary entry 'desistance'"


def test_a_source_without_a_description_names_the_field(tmp_path):
    folder, text = edited_data(tmp_path, "evidence-sources.yaml", '    description: "Meetings with senior', '    summary: "Meetings with senior')
    with pytest.raises(DataError) as caught:
        load_vocabulary(folder)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "summary:" in line]
    assert [(p.file.name, p.line, p.message) for p in caught.value.problems] == [
        ("evidence-sources.yaml", lines[0] - 2, "'sources' > item 6 is missing the required field 'description'"),
        ("evidence-sources.yaml", lines[0], "'sources' > item 6 has an unknown key 'summary'")]


def test_every_guidance_and_vocabulary_file_names_its_schema_for_editors():
    files = [*sorted((ROOT / "data").glob("*.yaml")), *sorted((ROOT / "content" / "guidance" / "lines").glob("*.yaml"))]
    assert len(files) >= 9
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path
