"""Read and check one crosswalk: how each line of an older version became lines of the next.

The schema (data/schemas/crosswalk.schema.json) checks the form; this module checks the
meaning against both versions: every older line accounted for exactly once (a line whose id
and text are unchanged needs no entry), every target a line of the newer version, each type
consistent with the texts, and no id reused for different text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import schema
from .model import Framework, Line
from .problems import Problem
from .yamlload import YamlDocument

TYPES = ("unchanged", "wording-only", "modified", "moved", "split", "merged", "deleted")


@dataclass(frozen=True)
class Mapping:
    """What became of one line of the older version."""

    type: str
    old: Line
    new: tuple[Line, ...]   # empty when deleted
    reason: str | None = None


@dataclass(frozen=True)
class Crosswalk:
    old: Framework
    new: Framework
    mappings: tuple[Mapping, ...]  # one per line of the older version, in its order
    source: Path


def crosswalk_name(old: str, new: str) -> str:
    return f"{old}-to-{new}.yaml"


def load_crosswalk(path: Path, old: Framework, new: Framework, problems: list[Problem]) -> Crosswalk | None:
    """The crosswalk in `path` from `old` to `new`, or None with its mistakes added to `problems`."""
    before = len(problems)
    document = schema.load_checked(path, "crosswalk.schema.json", problems)
    if len(problems) > before:  # unreadable or not in the schema's form: its meaning cannot be checked
        return None
    found = _check(document, old, new)
    problems.extend(found)
    if found:
        return None
    return Crosswalk(old, new, _mappings(document, old, new), path)


def _check(doc: YamlDocument, old: Framework, new: Framework) -> list[Problem]:
    problems: list[Problem] = []
    for key, version in (("from", old), ("to", new)):
        if doc.data[key] != version.version.released:
            problems.append(doc.problem((key,), f"'{key}' is {doc.data[key]!r}, but this file is the crosswalk from the version "
                                        f"released {old.version.released} to the one released {new.version.released}",
                                        f"write {key}: \"{version.version.released}\", or rename the file"))
    old_lines = {line.id: line for line in old.lines}
    new_lines = {line.id: line for line in new.lines}
    o, n = old.version.released, new.version.released
    first: dict[str, int] = {}
    merged_into: dict[str, list[str]] = {}
    claimed: dict[str, tuple[str, str]] = {}  # new line id -> (old line id, type) of the entry that first took it
    for index, entry in enumerate(doc.data["lines"]):
        path = ("lines", index)
        line_id, kind, targets = entry["line"], entry["type"], entry.get("to", [])

        def problem(field: str, message: str, fix: str) -> None:
            problems.append(doc.problem((*path, field), message, fix, line_id))

        if line_id in first:
            problem("line", f"line {line_id} is mapped twice (first at line {first[line_id]})",
                    "keep one entry per line of the older version; to send it to several lines, use type: split")
            continue
        first[line_id] = doc.line((*path, "line"))
        if line_id not in old_lines:
            problem("line", f"line {line_id} is not a line of the version released {o}",
                    f"use the line's id in the version released {o} (versions/{o}/ unless it is the current one)")
            continue
        unknown = [t for t in targets if t not in new_lines]
        if unknown:
            problem("to", f"line {line_id} is mapped to {', '.join(unknown)}, which the version released {n} does not have",
                    f"name lines of the version released {n}, or use type: deleted with a reason")
            continue
        text, new_texts = old_lines[line_id].text, [new_lines[t].text for t in targets]
        rule = _type_rule(kind, line_id, targets, text, new_texts, entry.get("reason"))
        if rule:
            problem(*rule)
            continue
        if line_id in new_lines and line_id not in targets and new_lines[line_id].text != text:
            problem("to", f"the version released {n} uses the id {line_id} for different text, but line {line_id} is not "
                    f"mapped to it: an id is never reused for different text",
                    f"give the new line an id of its own, or map {line_id} to {line_id} (wording-only, modified, split or merged)")
        for target in targets:
            if kind == "merged":
                merged_into.setdefault(target, []).append(line_id)
            earlier = claimed.setdefault(target, (line_id, kind))
            if earlier != (line_id, kind) and not (kind == "merged" and earlier[1] == "merged"):
                problem("to", f"line {target} of the version released {n} is also the target of line {earlier[0]} "
                        f"({earlier[1]})", "if several lines became one, mark each of them type: merged; "
                        "otherwise map each line to its own target")
    for target, sources in merged_into.items():
        if len(sources) < 2 and not problems:  # after another mistake (a line mapped twice), this would be noise
            index = next(i for i, e in enumerate(doc.data["lines"]) if e["line"] == sources[0] and e["type"] == "merged")
            problems.append(doc.problem(("lines", index, "type"), f"line {sources[0]} is the only line merged into {target}",
                                        "merged needs two or more older lines with the same target; "
                                        "for one line use wording-only, modified or moved", sources[0]))
    for line in old.lines:
        if line.id in first:
            continue
        same = new_lines.get(line.id)
        if same is None or same.text != line.text:
            what = (f"the version released {n} has no line {line.id}" if same is None
                    else f"its text is different in the version released {n}")
            problems.append(doc.problem(("lines",), f"line {line.id} of the version released {o} has no entry, and {what}",
                                        f"add an entry: - line: \"{line.id}\" with its type (and 'to', or a reason if deleted)",
                                        line.id, at_key=True))
    return problems


def _type_rule(kind: str, line_id: str, targets: list[str], text: str, new_texts: list[str],
               reason: str | None) -> tuple[str, str, str] | None:
    """(field, message, fix) when the entry's type does not fit its targets and texts, else None."""
    if kind == "deleted":
        if targets:
            return ("to", f"line {line_id} is deleted, so it has no target", "remove 'to:', or choose another type")
        if not reason:
            return ("type", f"line {line_id} is deleted without a reason",
                    "add reason: \"...\" saying why the line went, for the people whose records held it")
        return None
    if not targets:
        return ("type", f"line {line_id} is {kind} but names no line it became", "add to: [\"<new line id>\"]")
    if kind == "split" and len(targets) < 2:
        return ("to", f"line {line_id} is split but names one target", "name two or more lines, or use another type")
    if kind != "split" and len(targets) > 1:
        return ("to", f"line {line_id} is {kind} but names {len(targets)} targets", "name one line, or use type: split")
    if kind == "unchanged" and (targets[0] != line_id or new_texts[0] != text):
        return ("type", f"line {line_id} is marked unchanged, but its id or text changed",
                "use moved (same text, new id), wording-only or modified; or remove the entry if nothing changed")
    if kind == "moved" and (targets[0] == line_id or new_texts[0] != text):
        return ("type", f"line {line_id} is marked moved, but "
                + ("it keeps its id" if targets[0] == line_id else "its text changed"),
                "moved means the same text under another id; use wording-only or modified when the words changed")
    if kind in ("wording-only", "modified") and new_texts[0] == text:
        return ("type", f"line {line_id} is marked {kind}, but its text is the same",
                "use moved if only the id changed, or remove the entry if nothing changed")
    return None


def _mappings(doc: YamlDocument, old: Framework, new: Framework) -> tuple[Mapping, ...]:
    new_lines = {line.id: line for line in new.lines}
    entries = {entry["line"]: entry for entry in doc.data["lines"]}
    result = []
    for line in old.lines:
        entry = entries.get(line.id)
        if entry is None:
            result.append(Mapping("unchanged", line, (new_lines[line.id],)))
        else:
            result.append(Mapping(entry["type"], line, tuple(new_lines[t] for t in entry.get("to", [])),
                                  entry.get("reason")))
    return tuple(result)
