"""The open data and the self-assessment workbook, read back from the built site with the
libraries a user would use (json + jsonschema, csv, openpyxl) and compared with the
independent reading of the published source in tests/source_text.py."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from conftest import FICTIONAL, ROOT, page, run_build
from guidance_data import line_guidance
from source_text import read_source

# With `--dist loadgroup` (make test): LibreOffice recalculates the workbook once, on one worker, for all its tests.
pytestmark = pytest.mark.xdist_group("exports")

JSON = "downloads/hmip-qi-adult-framework.json"
CSV = "downloads/hmip-qi-adult-framework.csv"
XLSX = "downloads/hmip-qi-adult-self-assessment.xlsx"
SCHEMA = json.loads((ROOT / "data" / "schemas" / "framework.schema.json").read_text(encoding="utf-8"))
SCALE_LABELS = [v["label"] for v in yaml.safe_load((ROOT / "data" / "judgement-scale.yaml").read_text())["values"]]


def source_lines() -> list[tuple[str, str]]:
    """(line id, text) for every line of the published source, numbered as the source numbers them."""
    return [(f"{element.id}.{number}", text) for section in read_source() for element in section.elements
            for number, text in enumerate(element.lines, start=1)]


def plain(text: str) -> str:
    return re.sub(r"\*+", "", text)


@pytest.fixture(scope="module")
def book(site):
    return load_workbook(site / XLSX)


def line_rows(book) -> dict[str, list[tuple]]:
    """Each section sheet's rows below its two heading rows."""
    return {name: [row for row in book[name].iter_rows(min_row=3, values_only=True)]
            for name in book.sheetnames if name.startswith("Section ")}


# --- open data ---------------------------------------------------------------------------------

def test_framework_json_validates_against_the_published_schema(site):
    data = json.loads((site / JSON).read_text(encoding="utf-8"))
    assert sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=str) == []
    assert json.loads((site / "downloads" / "framework.schema.json").read_text()) == SCHEMA


def test_framework_json_holds_every_line_verbatim_in_source_order(site):
    data = json.loads((site / JSON).read_text(encoding="utf-8"))
    lines = [(line["id"], plain(line["text"])) for section in data["sections"]
             for element in section["elements"] for line in element["lines"]]
    assert lines == source_lines() and len(lines) == 76
    assert data["id"] == "hmip-qi-adult" and data["version"]["released"] == "2016-05-04"
    outcomes = [block["outcomes"] for block in data["introduction"]["blocks"] if "outcomes" in block][0]
    assert [o["id"] for o in outcomes] == ["reoffending", "public-protection", "sentence-compliance"]


def test_framework_csv_parses_back_to_the_same_76_lines(site):
    raw = (site / CSV).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [(row["line"], row["text"]) for row in rows] == source_lines()
    titles = {element.id: (section.id, element.title) for section in read_source() for element in section.elements}
    for row in rows:
        assert (row["section"], row["element_title"]) == titles[row["element"]]
        assert row["kind"] == ("indicators" if row["section"] == "1" else "enquiry")


def test_the_fictional_framework_exports_too(fictional_site):
    data = json.loads(next((fictional_site / "downloads").glob("*-framework.json")).read_text(encoding="utf-8"))
    assert list(Draft202012Validator(SCHEMA).iter_errors(data)) == []
    sections = [yaml.safe_load(p.read_text()) for p in sorted((FICTIONAL / "sections").glob("*.yaml"))]
    expected = [line["id"] for s in sections for e in s["elements"] for line in e["lines"]]
    rows = list(csv.DictReader(io.StringIO(next((fictional_site / "downloads").glob("*-framework.csv")).read_text())))
    assert [row["line"] for row in rows] == expected
    book = load_workbook(next((fictional_site / "downloads").glob("*-self-assessment.xlsx")))
    assert [row[0] for rows in line_rows(book).values() for row in rows] == expected


# --- the workbook --------------------------------------------------------------------------------

CASES = 100
FIRST_CASE_COLUMN = 5  # Line, Framework text, Element, Evidence prompts, then a column per case


def test_workbook_has_76_line_rows_with_verbatim_text(book):
    sheets = line_rows(book)
    assert book.sheetnames == ["About", "Cases", "Findings", *(f"Section {s.id}" for s in read_source()), "Notes", "Lists"]
    headers = [cell.value for cell in book["Section 3"][2]]
    assert headers[:3] == ["Line", "Framework text (verbatim)", "Element"]
    assert headers[4:] == [f'=IF(\'Cases\'!$B${7 + n}="","Case {n}",\'Cases\'!$B${7 + n})' for n in range(1, CASES + 1)]
    found = [(row[0], row[1]) for rows in sheets.values() for row in rows]
    assert found == source_lines()
    assert all(row[2].startswith(row[0].rsplit(".", 1)[0] + " ") for rows in sheets.values() for row in rows)


def test_every_case_cell_offers_the_scale_from_a_list_no_visible_sheet_holds(book):
    name = book.defined_names["JudgementScale"]
    (sheet, cells), = name.destinations
    assert sheet == "Lists" and book[sheet].sheet_state == "veryHidden" and book[sheet].protection.sheet
    assert [c.value for row in book[sheet][cells.replace("$", "")] for c in row] == SCALE_LABELS
    for sheet_name, rows in line_rows(book).items():
        lists = [v for v in book[sheet_name].data_validations.dataValidation if v.type == "list"]
        assert [v.formula1 for v in lists] == ["JudgementScale"]
        assert lists[0].showErrorMessage and lists[0].allow_blank
        covered = {(col, row) for ref in str(lists[0].sqref).split() for col, row in _cells(ref)}
        assert covered == {(c, r) for c in range(FIRST_CASE_COLUMN, FIRST_CASE_COLUMN + CASES)
                           for r in range(3, 3 + len(rows))}, sheet_name
    notes = {str(v.sqref): (v.type, v.formula1) for v in book["Notes"].data_validations.dataValidation}
    assert notes == {"A2:A1001": ("whole", "1"), "C2:C1001": ("list", "LineIds")}
    (sheet, cells), = book.defined_names["LineIds"].destinations
    assert sheet == "Lists" and [c.value for row in book[sheet][cells.replace("$", "")] for c in row] == \
        [line_id for line_id, _ in source_lines()]


def _cells(ref: str):
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return [(c, r) for c in range(min_col, max_col + 1) for r in range(min_row, max_row + 1)]


def test_findings_list_every_section_element_and_line_in_framework_order(book):
    findings = book["Findings"]
    header = [cell.value for cell in findings[1]]
    assert header == ["Part", "Title", "Lines", *SCALE_LABELS, "Judged (the denominator: all but Not applicable)",
                      "Yes %", "Partly %", "No %"]
    expected = [("Whole framework", 76)]
    for section in read_source():
        expected.append((f"Section {section.id}", sum(len(e.lines) for e in section.elements)))
        for element in section.elements:
            expected.append((element.id, len(element.lines)))
            expected += [(f"{element.id}.{n}", None) for n in range(1, len(element.lines) + 1)]
    assert [(row[0], row[2]) for row in findings.iter_rows(min_row=2, values_only=True)] == expected


@pytest.fixture(scope="module")
def recomputed(site, tmp_path_factory):
    """The workbook filled in by a team (a sample of cases typed into it with openpyxl), saved, then
    opened and recalculated by LibreOffice, and read back with the values LibreOffice computed."""
    folder = tmp_path_factory.mktemp("workbook")
    book = load_workbook(site / XLSX)
    book["Cases"]["B2"] = "Northshire CRC"
    for row, reference in ((8, "C-017"), (9, "C-018"), (10, "C-019"), (11, "C-020"), (12, "C-021"), (107, "C-100")):
        book["Cases"].cell(row, 2, reference)
    sample = {  # line -> judgements in cases 1, 2, 3...
        "3.1.1": ["Yes", "Yes", "No", "Not applicable", "Partly"],
        "3.1.2": ["No", "No", "Not applicable"],
        "3.2.1": ["Not applicable", "Not applicable"],
        "3.2.2": ["Partly", None, "Yes"],
    }
    _fill(book, "Section 3", sample)
    _fill(book, "Section 6", {"6.1.1": [None] * (CASES - 1) + ["Yes"]})  # the last case column counts too
    book["Notes"]["A2"], book["Notes"]["C2"], book["Notes"]["D2"] = 2, "3.1.2", "No contingency plan."
    filled = folder / "filled.xlsx"
    book.save(filled)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(folder / "out"), str(filled)],
                   check=True, capture_output=True, timeout=120)
    return load_workbook(folder / "out" / "filled.xlsx", data_only=True)


def _fill(book, sheet_name: str, sample: dict[str, list]) -> None:
    sheet = book[sheet_name]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=3)}
    for line_id, judgements in sample.items():
        for offset, judgement in enumerate(judgements):
            sheet.cell(rows[line_id], FIRST_CASE_COLUMN + offset, judgement)


def test_findings_recalculated_by_libreoffice_give_the_counts_worked_out_by_hand(recomputed):
    findings = {row[0]: row[3:] for row in recomputed["Findings"].iter_rows(min_row=2, values_only=True)}
    #              Yes Partly No  N/A judged  Yes%  Partly%  No%
    assert findings["3.1.1"] == (2, 1, 1, 1, 4, 0.5, 0.25, 0.25)
    assert findings["3.1.2"] == (0, 0, 2, 1, 2, 0, 0, 1)
    assert findings["3.1.3"] == (0, 0, 0, 0, 0, None, None, None)  # nothing judged: no percentage
    assert findings["3.2.1"] == (0, 0, 0, 2, 0, None, None, None)  # Not applicable only: still no percentage
    assert findings["3.2.2"] == (1, 1, 0, 0, 2, 0.5, 0.5, 0)
    assert findings["3.1"] == (2, 1, 3, 2, 6, pytest.approx(1 / 3), pytest.approx(1 / 6), 0.5)
    assert findings["3.2"] == (1, 1, 0, 2, 2, 0.5, 0.5, 0)
    assert findings["Section 3"] == (3, 2, 3, 4, 8, 0.375, 0.25, 0.375)
    assert findings["6.1.1"] == (1, 0, 0, 0, 1, 1, 0, 0)
    assert findings["Section 6"][:5] == (1, 0, 0, 0, 1)
    assert findings["Whole framework"] == (4, 2, 3, 4, 9, pytest.approx(4 / 9), pytest.approx(2 / 9), pytest.approx(3 / 9))
    assert recomputed["Findings"]["I2"].number_format == "0%"


def test_cases_name_their_columns_and_notes(recomputed):
    section = [cell.value for cell in recomputed["Section 3"][2]]
    assert section[4:10] == ["C-017", "C-018", "C-019", "C-020", "C-021", "Case 6"]
    assert section[-1] == "C-100"
    assert recomputed["Cases"]["B4"].value == 6  # cases with a reference
    assert [c.value for c in recomputed["Notes"][2]] == [2, "C-018", "3.1.2", "No contingency plan."]


def test_workbook_is_set_up_to_read_and_print(book):
    for sheet_name in line_rows(book):
        sheet = book[sheet_name]
        assert sheet.freeze_panes == "C3" and sheet.print_title_rows == "$1:$2" and sheet.print_title_cols == "$A:$B"
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet["B3"].alignment.wrap_text and sheet.column_dimensions["B"].width >= 50
    for sheet_name in ("About", "Cases", "Findings", "Notes"):
        assert book[sheet_name].sheet_properties.pageSetUpPr.fitToPage and book[sheet_name].page_setup.fitToWidth == 1
    about = [c.value for c in book["About"]["A"] if c.value]
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in about
    assert any("not part of the published framework" in text for text in about)
    assert any("left out of the number judged" in text for text in about)


# --- checking exports against the sources ----------------------------------------------------------

def test_verify_passes_on_a_fresh_build_and_names_a_tampered_file(site, tmp_path):
    assert run_build("--out", site, "--verify").returncode == 0
    copy = shutil.copytree(site / "downloads", tmp_path / "site" / "downloads")
    csv_file = copy / Path(CSV).name
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace("reduction in the frequency", "drop in the frequency"),
                        encoding="utf-8")
    result = run_build("--out", tmp_path / "site", "--verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "hmip-qi-adult-framework.csv" in result.stderr and "line 1.1.1 reads" in result.stderr


def test_verify_names_a_workbook_whose_drop_down_lists_differ_from_the_scale(site, tmp_path):
    copy = shutil.copytree(site / "downloads", tmp_path / "site" / "downloads")
    book = load_workbook(copy / Path(XLSX).name)
    book["Lists"]["A2"] = "Mostly"
    book.save(copy / Path(XLSX).name)
    result = run_build("--out", tmp_path / "site", "--verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "hmip-qi-adult-self-assessment.xlsx" in result.stderr and "'Mostly'" in result.stderr


def test_the_downloads_page_links_each_export_with_its_format_and_size(site):
    rows = {}
    for row in page(site, "downloads/").select("article table tbody tr"):
        link = row.select_one("td a")
        rows[link["href"].rsplit("/", 1)[-1]] = row.select("td")[-1].get_text()
    for path, format_ in ((XLSX, "Excel workbook (XLSX)"), (JSON, "JSON"), (CSV, "CSV"),
                          ("downloads/framework.schema.json", "JSON Schema")):
        name = path.rsplit("/", 1)[-1]
        assert rows[name].startswith(format_), name
        assert f"{round((site / path).stat().st_size / 1024)}\xa0KB" in rows[name], name


# --- the handbook's guidance in the exports -----------------------------------------------------

def test_csv_carries_each_lines_themes_outcomes_and_sources_from_the_guidance_data(site):
    rows = list(csv.DictReader(io.StringIO((site / CSV).read_text(encoding="utf-8"))))
    expected = line_guidance()
    assert [row["line"] for row in rows] == list(expected)
    for row in rows:
        entry = expected[row["line"]]
        assert row["themes"].split("; ") == entry["themes"]
        assert row["outcomes"].split("; ") == [o["id"] for o in entry["outcomes"]]
        assert row["evidence_sources"].split("; ") == entry["sources"]


def test_workbook_rows_carry_each_lines_questions_as_its_prompts(book):
    expected = line_guidance()
    header = [cell.value for cell in book["Section 3"][2]]
    prompts_column = next(i for i, name in enumerate(header) if name and name.startswith("Evidence prompts"))
    seen = 0
    for rows in line_rows(book).values():
        for row in rows:
            if row[0] in expected:
                seen += 1
                for question in expected[row[0]]["questions"]:
                    assert question in row[prompts_column], row[0]
    assert seen == 76
