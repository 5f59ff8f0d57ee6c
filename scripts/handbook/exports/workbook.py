"""The self-assessment workbook (XLSX): a sheet per section, a row per line, and a summary.

Each line's row has its id, its element, its verbatim text, the handbook's evidence prompts
(when there are any), a judgement chosen from a drop-down list of the scale, and notes.
The Summary sheet counts each judgement per element and section with COUNTIF formulas over
the section sheets, so it updates as the workbook is filled in, in Excel or LibreOffice.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..checklists.definitions import Scale
from ..model import Framework, Section
from ..render import plain

SCALE_NAME = "JudgementScale"  # the defined name the drop-down lists read their values from
SUMMARY = "Summary"
ABOUT = "About"
HEADER_ROW = 2                 # row 1 names the section; row 2 heads the columns
FIRST_LINE_ROW = HEADER_ROW + 1
WRAPPED = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)
HEADING = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's time stamp, so equal sources give equal bytes


@dataclass(frozen=True)
class Column:
    heading: str
    width: int


def section_sheet_name(section_id: str) -> str:
    return f"Section {section_id}"


def columns(scale: Scale, prompts: bool) -> dict[str, Column]:
    """The section sheets' columns by key, in order; the prompts column only when there are prompts."""
    found = {
        "line": Column("Line", 8),
        "element": Column("Element", 28),
        "text": Column("Framework text (verbatim)", 60),
        "prompts": Column("Evidence prompts (this handbook's, not the framework's)", 48),
        "judgement": Column(scale.title, 16),
        "notes": Column("Notes", 48),
    }
    if not prompts:
        del found["prompts"]
    return found


def column_letter(scale: Scale, prompts: bool, key: str) -> str:
    return get_column_letter(list(columns(scale, prompts)).index(key) + 1)


def self_assessment_workbook(framework: Framework, scale: Scale, prompts: Mapping[str, str] | None = None) -> bytes:
    """The workbook as XLSX bytes; `prompts` maps line ids to a short summary of their evidence prompts."""
    book = Workbook()
    first = _about(book.active, framework, scale, bool(prompts))
    book.defined_names[SCALE_NAME] = DefinedName(
        SCALE_NAME, attr_text=f"{quote_sheetname(ABOUT)}!$A${first}:$A${first + len(scale.values) - 1}")
    ranges: dict[str, str] = {}
    for section in framework.sections:
        sheet = book.create_sheet(section_sheet_name(section.id))
        ranges.update(_section_sheet(sheet, framework, section, scale, prompts or {}))
    _summary(book.create_sheet(SUMMARY, 1), framework, scale, ranges)
    book.properties.title = f"Self-assessment workbook: {framework.short_title}"
    book.properties.subject = framework.version.label
    book.properties.creator = "Inspection framework handbook"
    book.properties.created = book.properties.modified = _build_time(framework)
    return _stable_zip(book)


def _about(sheet: Worksheet, framework: Framework, scale: Scale, prompts: bool) -> int:
    """Fill the About sheet: what the workbook is, how to use it, the scale, the licence; return the scale's first row."""
    sheet.title = ABOUT
    labels = sorted({kind.line_label.lower() for kind in framework.kinds.values()})
    rows = [
        (f"Self-assessment workbook: {framework.title}", HEADING),
        (f"{framework.version.label}. Published by {framework.publisher.name}.", None),
        ("This workbook is not an official publication; it is made by the inspection framework handbook "
         "from the published framework.", None),
        ("How to use it", BOLD),
        (f"Each section has a sheet with a row for every {' and '.join(labels)}: its number, its element and "
         "its exact words" + (", with the handbook's evidence prompts." if prompts else "."), None),
        (f"Choose a {scale.title.lower()} for each line from the drop-down list in the {scale.title} column, "
         "and write what you found, and where, under Notes.", None),
        (f"The {SUMMARY} sheet counts the judgements for each element and section as you fill them in.", None),
        ("The framework text column is reproduced word for word from the published framework. The "
         f"{scale.title.lower()} and notes columns" + (", the evidence prompts" if prompts else "")
         + " and this sheet are the handbook's own, not part of the published framework.", None),
        (None, None),
        (f"{scale.title} scale", BOLD),
        ("The values the drop-down lists offer:", None),
    ]
    for row, (text, font) in enumerate(rows, start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = WRAPPED
        if font:
            cell.font = font
    first = len(rows) + 1
    for offset, value in enumerate(scale.values):
        sheet.cell(first + offset, 1, value.label)
    licence_row = first + len(scale.values) + 1
    licence = [framework.licence.copyright, framework.licence.attribution, framework.licence.url]
    for offset, text in enumerate(t for t in licence if t):
        sheet.cell(licence_row + offset, 1, text).alignment = WRAPPED
    sheet.column_dimensions["A"].width = 110
    _print_setup(sheet, framework, title_rows=None)
    return first


def _section_sheet(sheet: Worksheet, framework: Framework, section: Section, scale: Scale,
                   prompts: Mapping[str, str]) -> dict[str, str]:
    """Fill one section's sheet; return each element's (and the section's) judgement range."""
    cols = columns(scale, bool(prompts))
    sheet.cell(1, 1, f"Section {section.id}. {plain(section.title)}").font = HEADING
    for index, column in enumerate(cols.values(), start=1):
        cell = sheet.cell(HEADER_ROW, index, column.heading)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    judgement = column_letter(scale, bool(prompts), "judgement")
    row = FIRST_LINE_ROW
    ranges: dict[str, str] = {}
    for element in section.elements:
        first = row
        for line in element.lines:
            values = {"line": line.id, "element": f"{element.id} {plain(element.title)}", "text": plain(line.text),
                      "prompts": prompts.get(line.id, ""), "judgement": None, "notes": None}
            for index, key in enumerate(cols, start=1):
                sheet.cell(row, index, values[key]).alignment = WRAPPED
            row += 1
        ranges[element.id] = _range(sheet, judgement, first, row - 1)
    ranges[section.id] = _range(sheet, judgement, FIRST_LINE_ROW, row - 1)
    choice = DataValidation(type="list", formula1=SCALE_NAME, allow_blank=True, showErrorMessage=True,
                            showInputMessage=True, promptTitle=scale.title,
                            prompt=f"Choose one: {', '.join(v.label for v in scale.values)}",
                            errorTitle=f"Not a {scale.title.lower()}",
                            error=f"Choose one of: {', '.join(v.label for v in scale.values)}, or leave it empty.")
    choice.add(f"{judgement}{FIRST_LINE_ROW}:{judgement}{row - 1}")
    sheet.add_data_validation(choice)
    sheet.freeze_panes = f"A{FIRST_LINE_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{row - 1}"
    _print_setup(sheet, framework, title_rows=f"1:{HEADER_ROW}")
    return ranges


def _summary(sheet: Worksheet, framework: Framework, scale: Scale, ranges: dict[str, str]) -> None:
    """Per element and section, how many lines have each judgement, as formulas over the section sheets."""
    headings = ["Part", "Title", "Lines", *(value.label for value in scale.values), "Not yet judged"]
    for index, heading in enumerate(headings, start=1):
        cell = sheet.cell(1, index, heading)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
    counts = range(4, 4 + len(scale.values))
    blank = 4 + len(scale.values)
    sheet.cell(2, 1, "Whole framework").font = BOLD
    sheet.cell(2, 2, plain(framework.short_title)).font = BOLD
    row, section_rows = 3, []
    for section in framework.sections:
        section_rows.append(row)
        parts = [(f"Section {section.id}", section.title, section.id, sum(len(e.lines) for e in section.elements))]
        parts += [(element.id, element.title, element.id, len(element.lines)) for element in section.elements]
        for part, title, key, lines in parts:
            sheet.cell(row, 1, part)
            sheet.cell(row, 2, plain(title)).alignment = WRAPPED
            sheet.cell(row, 3, lines)
            for column in counts:
                sheet.cell(row, column, f"=COUNTIF({ranges[key]},{get_column_letter(column)}$1)")
            sheet.cell(row, blank, f"=COUNTBLANK({ranges[key]})")
            if key == section.id:
                for column in range(1, blank + 1):
                    sheet.cell(row, column).font = BOLD
            row += 1
    for column in range(3, blank + 1):
        letter = get_column_letter(column)
        cell = sheet.cell(2, column, "=" + "+".join(f"{letter}{r}" for r in section_rows))
        cell.font = BOLD
    for letter, width in zip("AB", (16, 60)):
        sheet.column_dimensions[letter].width = width
    for column in range(3, blank + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.freeze_panes = "A2"
    _print_setup(sheet, framework, title_rows="1:1")


def _range(sheet: Worksheet, column: str, first: int, last: int) -> str:
    return f"{quote_sheetname(sheet.title)}!${column}${first}:${column}${last}"


def _print_setup(sheet: Worksheet, framework: Framework, title_rows: str | None) -> None:
    """A4 landscape, as wide as the page, headings repeated on every page, numbered pages."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
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
