"""Files made from the model for other tools: open data (JSON, CSV, the JSON Schema) and the
self-assessment workbook (XLSX).

`catalogue` says what each file is (for the Downloads page); `make_exports` makes them in
memory; the pipeline writes them and adds them to the site's files, so the Downloads page
lists them with their sizes, the engine checks links to them and the offline copy carries them. `verify.verify_exports` reads written files back and
compares them with the YAML sources.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..changelog import changes_csv, changes_json
from ..guidance_model import Guidance, LineGuidance
from ..history import History
from ..model import Framework
from ..schema import SCHEMA_DIR
from ..stepcache import StepCache, code_of
from ..urls import changes_download_path
from .open_data import framework_csv, framework_json
from ..checklists.definitions import Scale
from .workbook import CASES, self_assessment_workbook

SCHEMA_FILE = "framework.schema.json"


@dataclass(frozen=True)
class Export:
    path: str          # where the file is in the site
    title: str
    description: str
    format: str


def catalogue(framework: Framework) -> dict[str, Export]:
    """Every export by key, in the order the Downloads page lists them."""
    stem = f"downloads/{framework.id}"
    return {
        "xlsx": Export(f"{stem}-self-assessment.xlsx", "Self-assessment workbook",
               f"For a sample of up to {CASES} cases: a sheet per section with a row for each line and a column per case, "
               "where you choose a judgement from a drop-down list; a sheet for the cases (provider, case reference, "
               "assessor, date) and one for notes. A findings sheet counts the judgements for every line, element "
               "and section as the handbook's findings do (Not applicable left out of the percentages). "
               "Opens in Excel or LibreOffice.",
               "Excel workbook (XLSX)"),
        "json": Export(f"{stem}-framework.json", "The framework as data (JSON)",
               "The whole framework in one file: its details, introduction, sections, elements and lines, with "
               "the source's emphasis as Markdown (`*italic*`, `**bold**`). Valid against the JSON Schema below.",
               "JSON, UTF-8"),
        "csv": Export(f"{stem}-framework.csv", "The framework's lines as a table (CSV)",
               "One row per line: section, element, line id, kind and text (plain, without emphasis), and the "
               "handbook's themes, outcomes and evidence sources for the line where it has them. Lists in a cell "
               "are separated by semicolons.",
               "CSV, UTF-8, comma-separated, first row has the column names"),
        "schema": Export(f"downloads/{SCHEMA_FILE}", "JSON Schema for the framework data",
               "Describes every field of the JSON file, for checking it or generating code from it.",
               "JSON Schema (draft 2020-12)"),
    }


def make_exports(framework: Framework, scale: Scale, guidance: Mapping[str, Any] | None = None,
                 prompts: Mapping[str, str] | None = None, cache: StepCache | None = None) -> dict[str, bytes]:
    """Each export's site path -> its bytes. `guidance` (line id -> the handbook's guidance) and
    `prompts` (line id -> a short summary of its evidence prompts) are optional; the workbook, the
    slowest to make, comes from `cache` (if given) when everything it is made from is unchanged."""
    files = catalogue(framework)

    def workbook() -> bytes:
        return self_assessment_workbook(framework, scale, prompts)

    recipe = ["workbook", *code_of(packages=["openpyxl"]), os.environ.get("SOURCE_DATE_EPOCH", ""),  # its zip's dates
              repr(framework), repr(scale), repr(sorted(prompts.items()) if prompts is not None else None)]
    return {
        files["xlsx"].path: cache.get(recipe, workbook) if cache else workbook(),
        files["json"].path: framework_json(framework),
        files["csv"].path: framework_csv(framework, guidance),
        files["schema"].path: (SCHEMA_DIR / SCHEMA_FILE).read_bytes(),
    }


def write_exports(framework: Framework, scale: Scale, folder: Path, guidance: Mapping[str, Any] | None = None,
                  prompts: Mapping[str, str] | None = None, cache: StepCache | None = None) -> dict[str, Path]:
    """Write every export under `folder`; return each one's site path -> its file."""
    return _write(make_exports(framework, scale, guidance, prompts, cache), folder)



def write_site_exports(framework: Framework, scale: Scale, folder: Path, guidance: Guidance | None,
                       history: History | None = None, cache: StepCache | None = None) -> dict[str, Path]:
    """The exports with the handbook's guidance where the site has it: tags in the CSV, prompts in the workbook;
    and, when there are earlier versions, each change log as JSON and CSV."""
    written = _write(change_log_files(history), folder) if history else {}
    if guidance is None:
        return {**written, **write_exports(framework, scale, folder, cache=cache)}
    prompts = {line_id: prompt_summary(line) for line_id, line in guidance.lines.items()}
    return {**written, **write_exports(framework, scale, folder, guidance.lines, prompts, cache)}


def change_log_files(history: History) -> dict[str, bytes]:
    """Each change log between versions as JSON and CSV, by site path."""
    files = {}
    for log in history.changes:
        files[changes_download_path(history.current.id, log.slug, "json")] = changes_json(log)
        files[changes_download_path(history.current.id, log.slug, "csv")] = changes_csv(log)
    return files


def _write(files: Mapping[str, bytes], folder: Path) -> dict[str, Path]:
    written = {}
    for path, data in files.items():
        written[path] = folder / path
        written[path].parent.mkdir(parents=True, exist_ok=True)
        written[path].write_bytes(data)
    return written


def prompt_summary(line: LineGuidance) -> str:
    """A line's questions and where to look, short enough for a spreadsheet cell."""
    questions = " ".join(line.questions)
    places = ", ".join(source.name for source in line.sources)
    return f"{questions} Where to look: {places}." if places else questions
