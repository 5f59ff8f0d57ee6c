"""The open data and the self-assessment workbook, read back from the built site with the
libraries a user would use (json + jsonschema, csv, openpyxl) and compared with the
independent reading of the published source in tests/source_text.py."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from conftest import FICTIONAL, ROOT, page, run_build
from guidance_data import line_guidance
from source_text import read_source

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

def test_workbook_has_76_line_rows_with_verbatim_text(book):
    sheets = line_rows(book)
    assert list(sheets) == [f"Section {s.id}" for s in read_source()]
    headers = [cell.value for cell in book["Section 3"][2]]
    assert headers[:3] == ["Line", "Element", "Framework text (verbatim)"]
    assert headers[-2:] == ["Judgement", "Notes"]
    found = [(row[0], row[2]) for rows in sheets.values() for row in rows]
    assert found == source_lines()
    assert all(row[1].startswith(row[0].rsplit(".", 1)[0] + " ") for rows in sheets.values() for row in rows)


def test_every_judgement_cell_offers_the_scale_as_a_drop_down_list(book):
    name = book.defined_names["JudgementScale"]
    (sheet, cells), = name.destinations
    assert [c.value for row in book[sheet][cells.replace("$", "")] for c in row] == SCALE_LABELS
    for sheet_name, rows in line_rows(book).items():
        sheet = book[sheet_name]
        judgement = [cell.value for cell in sheet[2]].index("Judgement") + 1
        lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
        assert [v.formula1 for v in lists] == ["JudgementScale"]
        assert lists[0].showErrorMessage and lists[0].allow_blank
        covered = {(col, row) for ref in str(lists[0].sqref).split()
                   for col, row in _cells(ref)}
        assert covered == {(judgement, r) for r in range(3, 3 + len(rows))}, sheet_name


def _cells(ref: str):
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return [(c, r) for c in range(min_col, max_col + 1) for r in range(min_row, max_row + 1)]


def test_summary_formulas_count_each_judgement_over_the_right_rows(book):
    summary = book["Summary"]
    header = [cell.value for cell in summary[1]]
    assert header[3:] == [*SCALE_LABELS, "Not yet judged"]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=2)}
    section_rows = []
    for section in read_source():
        sheet = book[f"Section {section.id}"]
        judgement = next(cell.column_letter for cell in sheet[2] if cell.value == "Judgement")
        sheet_rows = list(sheet.iter_rows(min_row=3, values_only=True))
        first_last = {}
        for offset, row in enumerate(sheet_rows, start=3):  # the rows whose line id is in each element
            element_id = row[0].rsplit(".", 1)[0]
            first_last[element_id] = (first_last.get(element_id, (offset,))[0], offset)
        first_last[f"Section {section.id}"] = (3, 2 + len(sheet_rows))
        section_rows.append(rows[f"Section {section.id}"][0].row)
        for part, (first, last) in first_last.items():
            cells = rows[part]
            expected_range = f"'Section {section.id}'!${judgement}${first}:${judgement}${last}"
            assert cells[2].value == last - first + 1
            for offset in range(len(SCALE_LABELS)):
                column = cells[3 + offset].column_letter
                assert cells[3 + offset].value == f"=COUNTIF({expected_range},{column}$1)", part
            assert cells[3 + len(SCALE_LABELS)].value == f"=COUNTBLANK({expected_range})"
    whole = rows["Whole framework"]
    assert whole[2].value == "=" + "+".join(f"C{r}" for r in section_rows)


def test_workbook_is_set_up_to_read_and_print(book):
    for sheet_name in line_rows(book):
        sheet = book[sheet_name]
        assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$1:$2"
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet["C3"].alignment.wrap_text and sheet.column_dimensions["C"].width >= 50
    about = [c.value for c in book["About"]["A"] if c.value]
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in about
    assert any("not part of the published framework" in text for text in about)


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
