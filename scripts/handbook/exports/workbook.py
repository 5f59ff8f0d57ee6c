"""The self-assessment workbook (XLSX) for a sample of cases, with the browser's findings as formulas.

Sheets: About (how to use it, the scale), Cases (the provider and inspection, and one row per case:
its reference, assessor and date), Findings (for every line, element and section: the count for
each value of the scale, the denominator and the percentages), a sheet per section (a row per line:
its id, verbatim text, element and the handbook's prompts, then a column per case holding a
judgement chosen from a drop-down list), Notes (a row per note: case, line, what was found) and
a very hidden, protected Lists sheet that the drop-down lists read, so editing a sheet a user can
see never breaks them. Findings count as the browser's findings view does: Not applicable is
counted and shown but left out of the denominator; percentages are of the denominator.
Everything is a formula, so the figures update as a team fills the workbook in, in Excel or
LibreOffice.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..checklists.definitions import NOT_APPLICABLE, Scale
from ..model import Framework, Section
from ..render import plain

CASES = 100                    # case columns on each section sheet (a sample is often 30 to 100 cases)
NOTE_ROWS = 1000               # rows ready for notes on the Notes sheet
SCALE_NAME = "JudgementScale"  # defined names the drop-down lists read their values from
LINES_NAME = "LineIds"
ABOUT, CASES_SHEET, FINDINGS, NOTES, LISTS = "About", "Cases", "Findings", "Notes", "Lists"
HEADER_ROW = 2                 # row 1 names the section; row 2 heads the columns
FIRST_LINE_ROW = HEADER_ROW + 1
CASE_HEADER_ROW = 7            # the Cases sheet: fields above, then a row per case below this one
FIRST_CASE_ROW = CASE_HEADER_ROW + 1
CASE_FIELDS = ("Provider", "Inspection or area")
WRAPPED = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)
HEADING = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
PERCENT = "0%"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's time stamp, so equal sources give equal bytes


@dataclass(frozen=True)
class Column:
    heading: str
    width: int


def section_sheet_name(section_id: str) -> str:
    return f"Section {section_id}"


def columns(prompts: bool) -> dict[str, Column]:
    """The section sheets' columns before the cases, by key, in order; prompts only when there are any.
    Line and text come first so that they stay in view (frozen) while the cases scroll past."""
    found = {
        "line": Column("Line", 8),
        "text": Column("Framework text (verbatim)", 60),
        "element": Column("Element", 24),
        "prompts": Column("Evidence prompts (this handbook's, not the framework's)", 40),
    }
    if not prompts:
        del found["prompts"]
    return found


def case_columns(prompts: bool) -> tuple[str, str]:
    """The first and last case column's letters on a section sheet."""
    first = len(columns(prompts)) + 1
    return get_column_letter(first), get_column_letter(first + CASES - 1)


def findings_headings(scale: Scale) -> list[str]:
    """The Findings sheet's columns: what it is, then counts, the denominator and percentages."""
    return ["Part", "Title", "Lines", *(value.label for value in scale.values),
            f"Judged (the denominator: all but {_not_applicable_label(scale)})",
            *(f"{value.label} %" for value in scale.counted)]


def self_assessment_workbook(framework: Framework, scale: Scale, prompts: Mapping[str, str] | None = None) -> bytes:
    """The workbook as XLSX bytes; `prompts` maps line ids to a short summary of their evidence prompts."""
    book = Workbook()
    _about(book.active, framework, scale, bool(prompts))
    _lists(book.create_sheet(LISTS), book, framework, scale)
    _cases(book.create_sheet(CASES_SHEET, 1), framework)
    line_rows: dict[str, tuple[str, int]] = {}
    for section in framework.sections:
        sheet = book.create_sheet(section_sheet_name(section.id), book.index(book[LISTS]))
        line_rows.update(_section_sheet(sheet, framework, section, scale, prompts or {}))
    _findings(book.create_sheet(FINDINGS, 2), framework, scale, line_rows, bool(prompts))
    _notes(book.create_sheet(NOTES, book.index(book[LISTS])), framework)
    book.properties.title = f"Self-assessment workbook: {framework.short_title}"
    book.properties.subject = framework.version.label
    book.properties.creator = "Inspection framework handbook"
    book.properties.created = book.properties.modified = _build_time(framework)
    return _stable_zip(book)


def _about(sheet: Worksheet, framework: Framework, scale: Scale, prompts: bool) -> None:
    """Fill the About sheet: what the workbook is, how to use it, the scale, the licence."""
    sheet.title = ABOUT
    labels = sorted({kind.line_label.lower() for kind in framework.kinds.values()})
    not_applicable = _not_applicable_label(scale)
    rows = [
        (f"Self-assessment workbook: {framework.title}", HEADING),
        (f"{framework.version.label}. Published by {framework.publisher.name}.", None),
        ("This workbook is not an official publication; it is made by the inspection framework handbook "
         "from the published framework.", None),
        ("How to use it", BOLD),
        (f"1. On the {CASES_SHEET} sheet, write the provider and, for each case in your sample (up to {CASES}), "
         "its reference, the assessor and the date. Use your own references for cases, never a person's name.", None),
        (f"2. Each section has a sheet with a row for every {' and '.join(labels)}: its number, its exact words "
         "and its element" + (", with the handbook's evidence prompts" if prompts else "")
         + f", then a column per case. Choose a {scale.title.lower()} for each line and case from the drop-down list.",
         None),
        (f"3. On the {NOTES} sheet, write what you found and where: one row per note, with its case and line.", None),
        (f"4. The {FINDINGS} sheet counts the {scale.title.lower()}s for every line, element and section as you "
         f"fill them in: the number of cases for each value, the number judged, and percentages of that number. "
         + (f"{not_applicable} is counted and shown but left out of the number judged, so it never changes a "
            "percentage." if not_applicable else ""), None),
        ("The framework text column is reproduced word for word from the published framework. The "
         f"{scale.title.lower()}s, cases, notes, findings" + (", the evidence prompts" if prompts else "")
         + " and this sheet are the handbook's own, not part of the published framework.", None),
        (None, None),
        (f"{scale.title} scale", BOLD),
        ("The values the drop-down lists offer:", None),
        *((f"{value.label}: {value.description}" if value.description else value.label, None)
          for value in scale.values),
        (None, None),
        *((text, None) for text in (framework.licence.copyright, framework.licence.attribution,
                                    framework.licence.url) if text),
    ]
    for row, (text, font) in enumerate(rows, start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = WRAPPED
        if font:
            cell.font = font
    sheet.column_dimensions["A"].width = 110
    _print_setup(sheet, framework, title_rows=None)


def _lists(sheet: Worksheet, book: Workbook, framework: Framework, scale: Scale) -> None:
    """The values the drop-down lists offer, on a sheet no one sees or edits by accident."""
    for row, value in enumerate(scale.values, start=1):
        sheet.cell(row, 1, value.label)
    for row, line in enumerate(framework.lines, start=1):
        sheet.cell(row, 2, line.id)
    book.defined_names[SCALE_NAME] = DefinedName(SCALE_NAME, attr_text=_range(sheet, "A", 1, len(scale.values)))
    book.defined_names[LINES_NAME] = DefinedName(LINES_NAME, attr_text=_range(sheet, "B", 1, len(framework.lines)))
    sheet.sheet_state = "veryHidden"  # not offered by Unhide; protection also stops edits if it is shown
    sheet.protection.sheet = True


def _cases(sheet: Worksheet, framework: Framework) -> None:
    """The sample: the provider and inspection, then a numbered row per case for its reference, assessor, date."""
    sheet.cell(1, 1, f"The sample of cases: {plain(framework.short_title)}").font = HEADING
    for row, field in enumerate(CASE_FIELDS, start=2):
        sheet.cell(row, 1, field).font = BOLD
        sheet.cell(row, 2).fill = INPUT_FILL
    last = FIRST_CASE_ROW + CASES - 1
    sheet.cell(4, 1, "Cases with a reference").font = BOLD
    sheet.cell(4, 2, f"=COUNTA(B{FIRST_CASE_ROW}:B{last})")
    sheet.cell(5, 1, "Write each case's reference as your team records it, never a person's name. A case's "
                     "judgements are in its column on each section sheet, headed with its reference.").alignment = WRAPPED
    sheet.merge_cells("A5:D5")
    sheet.row_dimensions[5].height = 30
    for index, heading in enumerate(("Case", "Case reference", "Assessor", "Date"), start=1):
        cell = sheet.cell(CASE_HEADER_ROW, index, heading)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for number in range(1, CASES + 1):
        row = FIRST_CASE_ROW + number - 1
        sheet.cell(row, 1, number)
        sheet.cell(row, 4).number_format = "yyyy-mm-dd"
    date = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True,
                          errorTitle="Not a date", error="Write a date, for example 2026-11-29.")
    date.add(f"D{FIRST_CASE_ROW}:D{last}")
    sheet.add_data_validation(date)
    for letter, width in zip("ABCD", (14, 32, 28, 14)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{FIRST_CASE_ROW}"
    _print_setup(sheet, framework, title_rows=f"{CASE_HEADER_ROW}:{CASE_HEADER_ROW}")


def _section_sheet(sheet: Worksheet, framework: Framework, section: Section, scale: Scale,
                   prompts: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    """Fill one section's sheet; return each line's sheet and row."""
    cols = columns(bool(prompts))
    sheet.cell(1, 1, f"Section {section.id}. {plain(section.title)}").font = HEADING
    for index, column in enumerate(cols.values(), start=1):
        cell = sheet.cell(HEADER_ROW, index, column.heading)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number in range(1, CASES + 1):  # each case's column is headed with its reference, once it has one
        index = len(cols) + number
        reference = f"{quote_sheetname(CASES_SHEET)}!$B${FIRST_CASE_ROW + number - 1}"
        cell = sheet.cell(HEADER_ROW, index, f'=IF({reference}="","Case {number}",{reference})')
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
        sheet.column_dimensions[get_column_letter(index)].width = 14
    row = FIRST_LINE_ROW
    rows: dict[str, tuple[str, int]] = {}
    for element in section.elements:
        for line in element.lines:
            values = {"line": line.id, "element": f"{element.id} {plain(element.title)}", "text": plain(line.text),
                      "prompts": prompts.get(line.id, "")}
            for index, key in enumerate(cols, start=1):
                sheet.cell(row, index, values[key]).alignment = WRAPPED
            rows[line.id] = (sheet.title, row)
            row += 1
    first, last = case_columns(bool(prompts))
    choice = DataValidation(type="list", formula1=SCALE_NAME, allow_blank=True, showErrorMessage=True,
                            showInputMessage=True, promptTitle=scale.title,
                            prompt=f"Choose one: {', '.join(v.label for v in scale.values)}",
                            errorTitle=f"Not a {scale.title.lower()}",
                            error=f"Choose one of: {', '.join(v.label for v in scale.values)}, or leave it empty.")
    choice.add(f"{first}{FIRST_LINE_ROW}:{last}{row - 1}")
    sheet.add_data_validation(choice)
    sheet.freeze_panes = f"C{FIRST_LINE_ROW}"  # line and text stay in view beside every case
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{row - 1}"
    _print_setup(sheet, framework, title_rows=f"1:{HEADER_ROW}", title_columns="A:B")
    return rows


def _findings(sheet: Worksheet, framework: Framework, scale: Scale, line_rows: dict[str, tuple[str, int]],
              prompts: bool) -> None:
    """For the whole framework, each section, element and line: counts, denominator and percentages, as formulas."""
    headings = findings_headings(scale)
    for index, heading in enumerate(headings, start=1):
        cell = sheet.cell(1, index, heading)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
    first_case, last_case = case_columns(prompts)
    row = 3
    section_rows = []
    for section in framework.sections:
        section_row, row = row, row + 1
        section_rows.append(section_row)
        element_rows = []
        for element in section.elements:
            element_row, row = row, row + 1
            element_rows.append(element_row)
            for line in element.lines:
                name, at = line_rows[line.id]
                cases = f"{quote_sheetname(name)}!${first_case}{at}:${last_case}{at}"
                _finding(sheet, scale, row, line.id, plain(line.text), None,
                         [f"=COUNTIF({cases},{_criterion(value.label)})" for value in scale.values], level=2)
                row += 1
            _finding(sheet, scale, element_row, element.id, plain(element.title), len(element.lines),
                     [f"=SUM({_column(i)}{element_row + 1}:{_column(i)}{row - 1})" for i in range(len(scale.values))],
                     level=1)
        _finding(sheet, scale, section_row, f"Section {section.id}", plain(section.title),
                 sum(len(e.lines) for e in section.elements),
                 ["=" + "+".join(f"{_column(i)}{r}" for r in element_rows) for i in range(len(scale.values))],
                 level=0, bold=True)
    _finding(sheet, scale, 2, "Whole framework", plain(framework.short_title), len(framework.lines),
             ["=" + "+".join(f"{_column(i)}{r}" for r in section_rows) for i in range(len(scale.values))],
             level=0, bold=True)
    sheet.sheet_properties.outlinePr.summaryBelow = False  # each part's total sits above its lines
    for letter, width in zip("AB", (16, 60)):
        sheet.column_dimensions[letter].width = width
    for column in range(3, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.freeze_panes = "C2"
    _print_setup(sheet, framework, title_rows="1:1")


def _finding(sheet: Worksheet, scale: Scale, row: int, part: str, title: str, lines: int | None,
             counts: list[str], level: int, bold: bool = False) -> None:
    """One row of findings: the counts given, then the denominator and each counted value's percentage."""
    sheet.cell(row, 1, part)
    sheet.cell(row, 2, title).alignment = WRAPPED
    sheet.cell(row, 3, lines)
    for offset, formula in enumerate(counts):
        sheet.cell(row, 4 + offset, formula)
    counted = [i for i, value in enumerate(scale.values) if value.id != NOT_APPLICABLE]
    judged = 4 + len(scale.values)
    judged_cell = f"${get_column_letter(judged)}{row}"
    sheet.cell(row, judged, "=" + "+".join(f"{_column(i)}{row}" for i in counted))
    for offset, index in enumerate(counted, start=1):
        cell = sheet.cell(row, judged + offset, f'=IF({judged_cell}=0,"",{_column(index)}{row}/{judged_cell})')
        cell.number_format = PERCENT
    if bold:
        for column in range(1, judged + len(counted) + 1):
            sheet.cell(row, column).font = BOLD
    if level:
        sheet.row_dimensions[row].outlineLevel = level


def _notes(sheet: Worksheet, framework: Framework) -> None:
    """A row per note: the case's number (its reference shown beside it), the line, and what was found."""
    for index, (heading, width) in enumerate((("Case", 8), ("Case reference", 24), ("Line", 10),
                                             ("What you found, and where", 90)), start=1):
        cell = sheet.cell(1, index, heading)
        cell.font, cell.fill = BOLD, HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    references = f"{quote_sheetname(CASES_SHEET)}!$B${FIRST_CASE_ROW}:$B${FIRST_CASE_ROW + CASES - 1}"
    last = NOTE_ROWS + 1
    for row in range(2, last + 1):
        sheet.cell(row, 2, f'=IF(A{row}="","",INDEX({references},A{row})&"")')
        sheet.cell(row, 4).alignment = WRAPPED
    case = DataValidation(type="whole", operator="between", formula1="1", formula2=str(CASES), allow_blank=True,
                          showErrorMessage=True, errorTitle="Not a case number",
                          error=f"Write the case's number on the {CASES_SHEET} sheet, 1 to {CASES}.")
    case.add(f"A2:A{last}")
    line = DataValidation(type="list", formula1=LINES_NAME, allow_blank=True, showErrorMessage=True,
                          errorTitle="Not a line", error="Choose a line of the framework from the list.")
    line.add(f"C2:C{last}")
    for validation in (case, line):
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:D{last}"
    _print_setup(sheet, framework, title_rows="1:1")


def _not_applicable_label(scale: Scale) -> str:
    return next((value.label for value in scale.values if value.id == NOT_APPLICABLE), "")


def _criterion(label: str) -> str:
    """A COUNTIF criterion matching exactly `label`: '=' so no operator is read from it, '~' before
    the wildcards * ? ~, and quotes doubled, as a formula's string literal."""
    escaped = re.sub(r"([~*?])", r"~\1", label).replace('"', '""')
    return f'"={escaped}"'


def _column(index: int) -> str:
    """The Findings sheet's column for the scale's value at `index`."""
    return get_column_letter(4 + index)


def _range(sheet: Worksheet, column: str, first: int, last: int) -> str:
    return f"{quote_sheetname(sheet.title)}!${column}${first}:${column}${last}"


def _print_setup(sheet: Worksheet, framework: Framework, title_rows: str | None, title_columns: str | None = None) -> None:
    """A4 landscape, headings repeated on every page, numbered pages; as wide as the page, unless
    columns repeat on every page (a section sheet's cases run on across pages beside its lines)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    if title_columns:
        sheet.print_title_cols = title_columns
    else:
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.left.text = f"{framework.short_title}: {sheet.title}"
    sheet.oddHeader.right.text = framework.version.label
    sheet.oddFooter.center.text = "Page &P of &N"


def _build_time(framework: Framework) -> datetime:
    """The build's fixed time (SOURCE_DATE_EPOCH, set by the pipeline) or the framework's release date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    return datetime.fromisoformat(framework.version.released)


def _stable_zip(book: Workbook) -> bytes:
    """The workbook's bytes, with every zip entry's time fixed (openpyxl stamps them with 'now')."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # unlike save_workbook, keeps properties.modified as set
    stable = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, ZIP_TIME), source.read(entry.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
    return stable.getvalue()
