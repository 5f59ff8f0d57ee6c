"""Load the handbook's evidence prompts (content/guidance/lines/*.yaml) and check them
against the framework and the vocabularies: every line covered, every id known."""

from __future__ import annotations

import difflib
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, TypeVar

from . import schema
from .guidance_model import Guidance, LineGuidance, OutcomeLink, Vocabulary
from .model import Framework
from .problems import DataError, Problem
from .vocabulary import SOURCES_FILE, THEMES_FILE
from .yamlload import YamlDocument, yaml_files

FIELDS_FIX = "questions, sources, strong, warning, themes and outcomes (see data/schemas/line-guidance.schema.json)"
T = TypeVar("T")


def load_prompts(folder: Path, framework: Framework, vocabulary: Vocabulary) -> Guidance:
    """The guidance for every line of `framework`; raises DataError listing every problem."""
    problems: list[Problem] = []
    paths = yaml_files(folder, "line guidance", problems) if folder.is_dir() else []
    if not paths and not problems:
        problems.append(Problem(folder, None, "there is no guidance for the framework's lines",
                                f"add YAML files here with 'lines:' keyed by line id, each giving {FIELDS_FIX}"))
    documents = [schema.load_checked(path, "line-guidance.schema.json", problems) for path in paths]
    if problems:
        raise DataError(problems)
    lookup = _Lookup(framework, vocabulary)
    found: dict[str, LineGuidance] = {}
    where: dict[str, YamlDocument] = {}
    for document in documents:
        resolved = schema.derived(document, "line guidance", lookup.vocabulary, lambda: lookup.resolve_all(document))
        for line_id, entry in document.data["lines"].items():
            if line_id not in lookup.lines:
                problems.append(document.problem(
                    ("lines", line_id), f"there is guidance for line {line_id}, but the framework has no line {line_id}",
                    _suggest(line_id, lookup.lines) + "correct the id to the line it is about, or remove the entry", line_id,
                    at_key=True))
            elif line_id in where:
                other = where[line_id]
                problems.append(document.problem(
                    ("lines", line_id), f"line {line_id} already has guidance in {other.path.name} at line {other.keys[('lines', line_id)]}",
                    "keep one entry per line: merge the two", line_id, at_key=True))
            else:
                where[line_id] = document
                found[line_id], entry_problems = resolved[line_id]
                problems.extend(entry_problems)
    missing = [line.id for line in framework.lines if line.id not in found]
    if missing:
        problems.append(Problem(folder, None,
                                f"{len(missing)} of {len(framework.lines)} lines have no guidance: {', '.join(missing)}",
                                f"add an entry for each under 'lines:' in the file for its section, giving {FIELDS_FIX}"))
    if problems:
        raise DataError(problems)
    return Guidance(vocabulary, MappingProxyType({line.id: found[line.id] for line in framework.lines}))


class _Lookup:
    """Resolves the ids a guidance entry uses, reporting any that do not exist."""

    def __init__(self, framework: Framework, vocabulary: Vocabulary) -> None:
        self.lines = {line.id for line in framework.lines}
        self.sources = {source.id: source for source in vocabulary.sources}
        self.themes = {theme.id: theme for theme in vocabulary.themes}
        self.outcomes = {outcome.id: outcome for outcome in framework.outcomes}
        self.vocabulary = (self.sources, self.themes, self.outcomes)  # what resolving an entry reads

    def resolve_all(self, document: YamlDocument) -> dict[str, tuple[LineGuidance, tuple[Problem, ...]]]:
        """Each entry of `document` resolved, with the problems found in it."""
        resolved = {}
        for line_id, entry in document.data["lines"].items():
            problems: list[Problem] = []
            resolved[line_id] = (self.line_guidance(document, line_id, entry, problems), tuple(problems))
        return resolved

    def line_guidance(self, document: YamlDocument, line_id: str, entry: dict[str, Any],
                      problems: list[Problem]) -> LineGuidance:
        path = ("lines", line_id)
        sources = _resolve(document, (*path, "sources"), entry["sources"], self.sources,
                           "evidence source", f"data/{SOURCES_FILE}", problems, addable=True)
        themes = _resolve(document, (*path, "themes"), entry["themes"], self.themes,
                          "theme", f"data/{THEMES_FILE}", problems, addable=True)
        # Outcomes are the framework's own: they cannot be added here, only referred to.
        outcomes = _resolve(document, (*path, "outcomes"), [o["id"] for o in entry["outcomes"]], self.outcomes,
                            "outcome", "the framework's introduction.yaml", problems, field="id")
        seen: set[str] = set()
        for index, outcome in enumerate(entry["outcomes"]):
            if outcome["id"] in seen:
                problems.append(document.problem((*path, "outcomes", index, "id"), f"line {line_id} gives the outcome '{outcome['id']}' twice",
                                                 "give each outcome once, with one reason", line_id))
            seen.add(outcome["id"])
        return LineGuidance(
            line_id=line_id, questions=tuple(entry["questions"]), sources=sources,
            strong=tuple(entry["strong"]), warning=tuple(entry["warning"]), themes=themes,
            outcomes=tuple(OutcomeLink(outcome, link["reason"]) for outcome, link in zip(outcomes, entry["outcomes"])))


def _resolve(document: YamlDocument, path: tuple, ids: list[str], known: Mapping[str, T], what: str, home: str,
             problems: list[Problem], field: str | None = None, addable: bool = False) -> tuple[T, ...]:
    """The entries `ids` name, in order; an unknown id is a problem at `path` (lines > line id > list)."""
    line_id = path[1]
    for index, id_ in enumerate(ids):
        if id_ not in known:
            fix = f"use one of: {', '.join(known)}" + (f"; or add '{id_}' to {home}" if addable else "")
            problems.append(document.problem(
                (*path, index, field) if field else (*path, index),
                f"line {line_id} names the {what} '{id_}', which is not in {home}", _suggest(id_, known) + fix, line_id))
    return tuple(known[id_] for id_ in ids if id_ in known)


def _suggest(wrong: str, known: Mapping[str, object] | set[str]) -> str:
    """'did you mean ...? ' when a known id is close to `wrong`, else nothing."""
    close = difflib.get_close_matches(wrong, list(known), n=1)
    return f"did you mean '{close[0]}'? Otherwise " if close else ""
