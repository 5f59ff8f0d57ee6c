"""Load the practitioners' search vocabulary (data/practitioner-terms.yaml) and resolve each term to
the framework's lines it stands for, refusing terms that lead nowhere.

A term finds a line by the framework's own words in it (`stands_for`), by the line's id (`lines`)
or by a theme the handbook's guidance gives the line (`themes`). Each found line keeps the reason,
which search shows when the words typed are not the line's ("matched accommodation: living arrangements").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .guidance_model import Guidance, GlossaryEntry
from .model import Framework
from .problems import DataError, Problem
from .vocabulary import DATA_DIR
from .yamlload import YamlDocument

TERMS_FILE = "practitioner-terms.yaml"
_EMPHASIS = re.compile(r"\*+")


@dataclass(frozen=True)
class PractitionerTerm:
    """A word practitioners use, how else it is written, and the lines it finds with the reason for each."""

    term: str
    forms: tuple[str, ...]
    expansion: str | None
    lines: tuple[tuple[str, str], ...]  # (line id, the framework's words or theme it matched by), in framework order


def load_practitioner_terms(framework: Framework, guidance: Guidance, folder: Path = DATA_DIR) -> tuple[PractitionerTerm, ...]:
    """The terms of `folder`/practitioner-terms.yaml resolved against `framework` (none if the file is for
    another framework); raises DataError listing every problem."""
    path = folder / TERMS_FILE
    problems: list[Problem] = []
    if not path.is_file():
        raise DataError([Problem(path, None, "the file is missing",
                                 f"create {TERMS_FILE}; see data/schemas/practitioner-terms.schema.json for its form")])
    document = schema.load_checked(path, "practitioner-terms.schema.json", problems)
    if problems:
        raise DataError(problems)
    if document.data["framework"] != framework.id:
        return ()  # written for another framework's words
    resolver = _Resolver(framework, guidance)
    terms = [resolver.resolve(document, index, entry, problems) for index, entry in enumerate(document.data["terms"])]
    problems += _unique(document, terms)
    if problems:
        raise DataError(problems)
    return tuple(terms)


class _Resolver:
    def __init__(self, framework: Framework, guidance: Guidance) -> None:
        self.framework = framework
        self.guidance = guidance
        self.texts = {line.id: _EMPHASIS.sub("", line.text).lower() for line in framework.lines}
        self.themes = {theme.id: theme for theme in guidance.vocabulary.themes}
        self.glossary: dict[str, GlossaryEntry] = {form.lower(): entry for entry in guidance.vocabulary.glossary
                                                  for form in entry.written_forms}

    def resolve(self, document: YamlDocument, index: int, entry: dict, problems: list[Problem]) -> PractitionerTerm:
        at = ("terms", index)
        term = entry["term"]
        glossary = self.glossary.get(term.lower())
        if glossary is not None and "expansion" in entry:
            problems.append(document.problem(
                (*at, "expansion"), f"'{term}' is in data/glossary.yaml, which already says what it stands for",
                "remove 'expansion' here: search uses the glossary's", term))
        if not any(key in entry for key in ("stands_for", "lines", "themes")):
            problems.append(document.problem(
                (*at, "term"), f"the term '{term}' stands for nothing: it has no stands_for, lines or themes",
                "add the framework's words it means under stands_for, or the line ids or theme ids it is about", term))
        found: dict[str, str] = {}
        for n, words in enumerate(entry.get("stands_for", ())):
            matches = [line_id for line_id, text in self.texts.items() if words.lower() in text]
            if not matches:
                problems.append(document.problem(
                    (*at, "stands_for", n), f"no line of the framework contains the words '{words}'",
                    "copy the words exactly from a line of the framework (case aside), or list the line under lines", term))
            for line_id in matches:
                found.setdefault(line_id, words)
        for n, line_id in enumerate(entry.get("lines", ())):
            if line_id not in self.texts:
                problems.append(document.problem(
                    (*at, "lines", n), f"the framework has no line {line_id}",
                    "correct the id to a line of the framework, e.g. 3.1.4, or remove it", term))
            found.setdefault(line_id, glossary.expansion if glossary and glossary.expansion else entry.get("expansion", term))
        for n, theme_id in enumerate(entry.get("themes", ())):
            theme = self.themes.get(theme_id)
            if theme is None:
                problems.append(document.problem(
                    (*at, "themes", n), f"there is no theme '{theme_id}'",
                    f"use one of the ids in data/themes.yaml: {', '.join(self.themes)}", term))
                continue
            for line_id in self.guidance.lines_with_theme(theme):
                found.setdefault(line_id, f"the theme {theme.name}")
        order = {line_id: n for n, line_id in enumerate(self.texts)}
        written = [*entry.get("forms", ()), *(glossary.written_forms if glossary else ())]
        forms = tuple(form for form in dict.fromkeys(written) if form != term)
        return PractitionerTerm(term, forms, glossary.expansion if glossary else entry.get("expansion"),
                                tuple(sorted(((i, why) for i, why in found.items() if i in order), key=lambda p: order[p[0]])))


def _unique(document: YamlDocument, terms: list[PractitionerTerm]) -> list[Problem]:
    """Each way of writing a term belongs to one entry: a search word must have one meaning."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for index, term in enumerate(terms):
        for written in dict.fromkeys(w.lower() for w in (term.term, *term.forms)):
            if written in first:
                other, line = first[written]
                problems.append(document.problem(
                    ("terms", index, "term"), f"duplicate term: '{written}' is already a term or form of '{other}' at line {line}",
                    "keep one entry per term: merge the two, or remove the repeated word", term.term))
            else:
                first[written] = (term.term, document.line(("terms", index, "term")))
    return problems
