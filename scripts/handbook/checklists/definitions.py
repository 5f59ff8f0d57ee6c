"""What the checklists are made of, as data: the judgement scale and the framework's checklist kinds.

The scale lives in data/judgement-scale.yaml; the kinds in the framework folder's optional
checklists.yaml. Both are read with the strict loader, checked against their schema and the
rules below, and every problem names its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import schema
from ..model import Framework
from ..problems import DataError, Problem
from ..yamlload import YamlDocument

KINDS_FILE = "checklists.yaml"
# A kind's id becomes checklists/<id>/ on the site; these addresses are taken.
RESERVED_IDS = {"index": "the list of checklists", "whole-framework": "the whole-framework checklist"}
RANGE_PREFIX = "sections-"  # checklists/sections-13-24/ lists a range of sections' checklists (pages.py)
DEFAULT_FIELDS = ("Inspection or area", "Case reference or provider", "Inspector or assessor", "Date")
DEFAULT_NOTES_LABEL = "Notes"
DEFAULT_NOTES_LINES = 3
# The scale value counted but left out of the denominator of every finding (as the browser's findings do).
NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class ScaleValue:
    id: str
    label: str
    description: str = ""  # when to tick it, in the handbook's words


@dataclass(frozen=True)
class Scale:
    title: str
    values: tuple[ScaleValue, ...]

    @property
    def counted(self) -> tuple[ScaleValue, ...]:
        """The values a finding's denominator counts: every value but Not applicable."""
        return tuple(value for value in self.values if value.id != NOT_APPLICABLE)

    @property
    def choices(self) -> list[dict[str, str]]:
        """Each value's id and label, as the checklist pages' script reads them (data-scale)."""
        return [{"id": value.id, "label": value.label} for value in self.values]


@dataclass(frozen=True)
class Notes:
    """The ruled area under each line: its label and how many lines it has on paper."""

    label: str
    lines: int


@dataclass(frozen=True)
class ChecklistKind:
    id: str
    title: str
    purpose: str
    section_ids: tuple[str, ...]
    fields: tuple[str, ...]
    notes: Notes


@dataclass(frozen=True)
class RatingBand:
    label: str
    min_percent: int


@dataclass(frozen=True)
class Rating:
    """A framework's own rule for rating from the share of cases judged (optional in its data)."""

    name: str
    values: tuple[str, ...]  # scale value ids that count as meeting the line
    bands: tuple[RatingBand, ...]  # highest first


@dataclass(frozen=True)
class Definitions:
    """Everything a checklist takes from data besides the framework itself."""

    scale: Scale
    fields: tuple[str, ...]
    notes: Notes
    kinds: tuple[ChecklistKind, ...]
    rating: Rating | None = None

    def kind_covering(self, section_id: str) -> ChecklistKind | None:
        """The first kind that covers a section, whose header and notes its checklists share."""
        return next((kind for kind in self.kinds if section_id in kind.section_ids), None)


def load_definitions(framework_dir: Path, scale_file: Path, framework: Framework) -> Definitions:
    """The scale and the checklist kinds for `framework`; raises DataError listing every problem."""
    problems: list[Problem] = []
    scale_doc = schema.load_checked(Path(scale_file), "judgement-scale.schema.json", problems)
    kinds_path = Path(framework_dir) / KINDS_FILE
    kinds_doc = (schema.load_checked(kinds_path, "checklists.schema.json", problems) if kinds_path.exists() or kinds_path.is_symlink()
                 else YamlDocument(kinds_path, {}))
    if problems:
        raise DataError(problems)
    problems += _check_scale(scale_doc) + _check_kinds(kinds_doc, framework) + _check_rating(kinds_doc, scale_doc)
    if problems:
        raise DataError(problems)
    return _definitions(scale_doc.data, kinds_doc.data, framework)


def _duplicates(document: YamlDocument, found: list[tuple[tuple, str]], what: str, fix: str) -> list[Problem]:
    """A problem for each (path, value) whose value repeats an earlier one."""
    problems, first = [], {}
    for path, value in found:
        if value in first:
            problems.append(document.problem(path, f"{what} '{value}' appears twice (first at line {first[value]})", fix, value))
        first.setdefault(value, document.line(path))
    return problems


def _listed(path: tuple, values: list[str]) -> list[tuple[tuple, str]]:
    return [((*path, index), value) for index, value in enumerate(values)]


def _check_scale(document: YamlDocument) -> list[Problem]:
    values = document.data["values"]
    return (_duplicates(document, [(("values", i, "id"), v["id"]) for i, v in enumerate(values)],
                        "the scale value id", "give each value its own id")
            + _duplicates(document, [(("values", i, "label"), v["label"]) for i, v in enumerate(values)],
                          "the scale label", "give each value its own label, so a tick cannot be read two ways"))


def _check_kinds(document: YamlDocument, framework: Framework) -> list[Problem]:
    data = document.data
    section_ids = [section.id for section in framework.sections]
    problems = _duplicates(document, _listed(("fields",), data.get("fields", [])), "the field", "list each field once")
    kinds = data.get("kinds", [])
    problems += _duplicates(document, [(("kinds", i, "id"), kind["id"]) for i, kind in enumerate(kinds)],
                            "the checklist kind id", "give each kind its own id")
    for index, kind in enumerate(kinds):
        path = ("kinds", index)
        if kind["id"] in RESERVED_IDS or kind["id"].startswith(RANGE_PREFIX):
            taken = RESERVED_IDS.get(kind["id"], "the lists of a range of sections' checklists (sections-<first>-<last>)")
            problems.append(document.problem(
                (*path, "id"), f"the id '{kind['id']}' is the address of {taken}",
                "choose another id, e.g. one naming the kind's use", kind["id"]))
        for s_index, section_id in enumerate(kind["sections"]):
            if section_id not in section_ids:
                problems.append(document.problem(
                    (*path, "sections", s_index),
                    f"checklist kind '{kind['id']}' lists section {section_id}, which is not in the framework",
                    f"use the id of one of its sections: {', '.join(section_ids)}", kind["id"]))
        problems += _duplicates(document, _listed((*path, "sections"), kind["sections"]), "the section",
                                "list each section once")
        problems += _duplicates(document, _listed((*path, "fields"), kind.get("fields", [])), "the field",
                                "list each field once")
    return problems


def _check_rating(document: YamlDocument, scale: YamlDocument) -> list[Problem]:
    rating = document.data.get("rating")
    if not rating:
        return []
    ids = [value["id"] for value in scale.data["values"]]
    problems = [document.problem(("rating", "values", index), f"the rating rule counts '{value}', which is not on the judgement scale",
                                 f"use ids from {scale.path.name}: {', '.join(ids)}", value)
                for index, value in enumerate(rating["values"]) if value not in ids]
    percents = [int(band["min_percent"]) for band in rating["bands"]]
    if percents != sorted(percents, reverse=True):
        problems.append(document.problem(("rating", "bands"), "the rating bands are not listed from highest to lowest",
                                         "list the band with the highest min_percent first"))
    return problems


def _notes(data: dict | None, default: Notes) -> Notes:
    data = data or {}
    return Notes(data.get("label", default.label), int(data.get("lines", default.lines)))


def _definitions(scale: dict, data: dict, framework: Framework) -> Definitions:
    fields = tuple(data.get("fields", DEFAULT_FIELDS))
    notes = _notes(data.get("notes"), Notes(DEFAULT_NOTES_LABEL, DEFAULT_NOTES_LINES))
    order = [section.id for section in framework.sections]
    kinds = tuple(
        ChecklistKind(kind["id"], kind["title"], kind["purpose"],
                      tuple(sorted(kind["sections"], key=order.index)),  # framework order, whatever the listing
                      tuple(kind.get("fields", fields)), _notes(kind.get("notes"), notes))
        for kind in data.get("kinds", []))
    rule = data.get("rating")
    rating = (Rating(rule["name"], tuple(rule["values"]),
                     tuple(RatingBand(band["label"], int(band["min_percent"])) for band in rule["bands"])) if rule else None)
    values = tuple(ScaleValue(v["id"], v["label"], v.get("description", "")) for v in scale["values"])
    return Definitions(Scale(scale["title"], values), fields, notes, kinds, rating)
