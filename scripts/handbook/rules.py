"""Checks the schema cannot express: ids unique, consistent with their parents,
numbered consecutively in source order, and every cross-reference resolving."""

from __future__ import annotations

from datetime import date

from .problems import Problem
from .yamlload import YamlDocument


def check_sections(sections: list[YamlDocument]) -> list[Problem]:
    """Section, element and line ids across all section files."""
    problems: list[Problem] = []
    seen: dict[str, tuple[YamlDocument, tuple]] = {}

    def claim(document: YamlDocument, path: tuple, id_: str, what: str) -> bool:
        if id_ in seen:
            other_doc, other_path = seen[id_]
            problems.append(document.problem(
                path, f"duplicate id: {what} {id_} is also defined in {other_doc.path.name} at line {other_doc.line(other_path)}",
                f"give this {what} its own id, or remove one of the two", id_))
            return False
        seen[id_] = (document, path)
        return True

    for document in sections:
        section_id = document.data["id"]
        claim(document, ("id",), section_id, "section")
        for e_index, element in enumerate(document.data["elements"]):
            e_path = ("elements", e_index, "id")
            element_id = element["id"]
            if not claim(document, e_path, element_id, "element"):
                continue
            problems += _numbering(document, e_path, element_id, section_id, e_index + 1, "element", "section")
            for l_index, line in enumerate(element["lines"]):
                l_path = ("elements", e_index, "lines", l_index, "id")
                if claim(document, l_path, line["id"], "line"):
                    problems += _numbering(document, l_path, line["id"], element_id, l_index + 1, "line", "element")

    numbers = sorted(int(d.data["id"]) for d in sections)
    expected = list(range(1, len(sections) + 1))
    if numbers != expected and len(set(numbers)) == len(numbers):
        missing = sorted(set(expected) - set(numbers))
        for document in sections:
            if int(document.data["id"]) not in expected:
                problems.append(document.problem(
                    ("id",), f"section {document.data['id']} is out of sequence: sections must be numbered 1 to {len(sections)}"
                    + (f", and section {missing[0]} is missing" if missing else ""),
                    "number the sections consecutively from 1, or add the missing section", document.data["id"]))
    return problems


def _numbering(document: YamlDocument, path: tuple, id_: str, parent_id: str, position: int,
               what: str, parent: str) -> list[Problem]:
    prefix, _, number = id_.rpartition(".")
    expected = f"{parent_id}.{position}"
    if prefix != parent_id:
        return [document.problem(
            path, f"{what} {id_} is under {parent} {parent_id}, but its id says it belongs to {parent} {prefix}",
            f"move it under {parent} {prefix}, or renumber it {expected}", id_)]
    if int(number) != position:
        return [document.problem(
            path, f"{what} {id_} is out of order: it is {what} number {position} of {parent} {parent_id}, so its id should be {expected}",
            f"number the {what}s of {parent} {parent_id} consecutively from {parent_id}.1 in the order they appear", id_)]
    return []


def check_references(metadata: YamlDocument, introduction: YamlDocument, sections: list[YamlDocument]) -> list[Problem]:
    """Element kinds and outcome elements refer to things that exist."""
    problems: list[Problem] = []
    kinds = metadata.data["element_kinds"]
    element_ids = set()
    for document in sections:
        for e_index, element in enumerate(document.data["elements"]):
            element_ids.add(element["id"])
            if element["kind"] not in kinds:
                problems.append(document.problem(
                    ("elements", e_index, "kind"),
                    f"element {element['id']} has kind '{element['kind']}', which is not one of the element_kinds in {metadata.path.name}",
                    f"use one of: {', '.join(sorted(kinds))}; or add '{element['kind']}' to element_kinds", element["id"]))
    outcome_ids: dict[str, int] = {}
    for b_index, block in enumerate(introduction.data["blocks"]):
        for o_index, outcome in enumerate(block.get("outcomes", [])):
            path = ("blocks", b_index, "outcomes", o_index)
            if outcome["id"] in outcome_ids:
                problems.append(introduction.problem(
                    (*path, "id"), f"duplicate id: outcome '{outcome['id']}' is also defined at line {outcome_ids[outcome['id']]}",
                    "give each outcome its own id", outcome["id"]))
            outcome_ids.setdefault(outcome["id"], introduction.line((*path, "id")))
            target = outcome.get("element")
            if target is not None and target not in element_ids:
                problems.append(introduction.problem(
                    (*path, "element"), f"outcome '{outcome['id']}' refers to element {target}, which does not exist",
                    "name an existing element id, e.g. \"1.1\", or remove 'element:'", outcome["id"]))
    return problems


def check_metadata(metadata: YamlDocument) -> list[Problem]:
    """Values in framework.yaml that must make sense beyond their form."""
    released = metadata.data["version"]["released"]
    try:
        date.fromisoformat(released)
    except ValueError:
        return [metadata.problem(("version", "released"), f"version.released is {released!r}, which is not a real date",
                                 "write the release date as YYYY-MM-DD, e.g. \"2016-05-04\"")]
    return []
