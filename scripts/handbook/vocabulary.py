"""Load the handbook's controlled vocabularies from data/: evidence sources, themes, glossary."""

from __future__ import annotations

from pathlib import Path

from . import schema
from .guidance_model import EvidenceSource, GlossaryEntry, Theme, Vocabulary
from .problems import DataError, Problem
from .yamlload import YamlDocument

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SOURCES_FILE = "evidence-sources.yaml"
THEMES_FILE = "themes.yaml"
GLOSSARY_FILE = "glossary.yaml"


def load_vocabulary(folder: Path = DATA_DIR) -> Vocabulary:
    """The validated vocabularies in `folder`; raises DataError listing every problem."""
    problems: list[Problem] = []
    sources = _load(folder / SOURCES_FILE, "evidence-sources.schema.json", problems)
    themes = _load(folder / THEMES_FILE, "themes.schema.json", problems)
    glossary = _load(folder / GLOSSARY_FILE, "glossary.schema.json", problems)
    if problems:
        raise DataError(problems)
    terms = tuple(GlossaryEntry(g["term"], g["definition"], g.get("expansion"), tuple(g.get("forms", ())))
                  for g in glossary.data["terms"])
    problems += _unique(sources, "sources", "evidence source")
    problems += _unique(themes, "themes", "theme")
    problems += _unique_forms(glossary, terms)
    if problems:
        raise DataError(problems)
    return Vocabulary(
        sources=tuple(EvidenceSource(s["id"], s["name"], s["description"]) for s in sources.data["sources"]),
        themes=tuple(Theme(t["id"], t["name"], t["description"]) for t in themes.data["themes"]),
        glossary=terms,
    )


def _load(path: Path, schema_name: str, problems: list[Problem]) -> YamlDocument:
    if not path.exists() and not path.is_symlink():  # anything else is read, and refused if it is not a plain file
        problems.append(Problem(path, None, "the file is missing", f"create {path.name}; see data/schemas/{schema_name} for its form"))
        return YamlDocument(path, None)
    return schema.load_checked(path, schema_name, problems)


def _unique(document: YamlDocument, key: str, what: str) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, entry in enumerate(document.data[key]):
        path = (key, index, "id")
        if entry["id"] in first:
            problems.append(document.problem(
                path, f"duplicate id: the {what} '{entry['id']}' is also defined at line {first[entry['id']]}",
                f"give each {what} its own id, or remove one of the two", entry["id"]))
        first.setdefault(entry["id"], document.line(path))
    return problems


def _unique_forms(document: YamlDocument, terms: tuple[GlossaryEntry, ...]) -> list[Problem]:
    """No two glossary entries may claim the same written form: a tooltip must have one meaning."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for index, entry in enumerate(terms):
        clashes = {owner[form]: form for form in reversed(entry.written_forms) if form in owner}
        for other, form in clashes.items():  # one report per pair of entries, not per capitalisation
            problems.append(document.problem(
                ("terms", index, "term"), f"'{form}' is already explained by the glossary entry '{other}'",
                "merge the two entries, or remove the repeated term or form", entry.term))
        for form in entry.written_forms:
            owner.setdefault(form, entry.term)
    return problems
