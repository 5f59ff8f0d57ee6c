"""Check each source file against the JSON Schema in data/schemas/, in the maintainer's words."""

from __future__ import annotations

import json
import marshal
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from .problems import DataError, Problem
from .sourcefile import read_source
from .stepcache import StepCache, code_of
from .yamlload import YamlDocument, parse_yaml

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"
T = TypeVar("T")


@lru_cache(maxsize=None)
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=1)
def _schemas() -> str:
    """What a file's validity depends on besides its text: every schema and the validator's version."""
    parts = [f"jsonschema {version('jsonschema')}"]
    parts += [f"{path.name}\0{path.read_text(encoding='utf-8')}" for path in sorted(SCHEMA_DIR.glob("*.schema.json"))]
    return "\0".join(parts)


@lru_cache(maxsize=None)
def validator(schema_name: str) -> Draft202012Validator:
    """The validator for one schema file, e.g. 'section.schema.json'."""
    schema = _registry().contents(schema_name)
    return Draft202012Validator(schema, registry=_registry())


class CheckedFiles:
    """What load_checked found in each file, kept by a long-running preview (scripts/serve.py) so that
    checking the sources again re-reads only the files it has been told changed (`forget`). The build
    keeps none: every build reads every file."""

    def __init__(self) -> None:
        self._found: dict[tuple[Path, str], tuple[YamlDocument, tuple[Problem, ...]]] = {}
        self._derived: dict[tuple[Path, str], tuple[YamlDocument, object, object]] = {}

    def forget(self, paths: set[Path]) -> None:
        self._found = {key: value for key, value in self._found.items() if key[0] not in paths}
        self._derived = {key: value for key, value in self._derived.items() if key[0] not in paths}


kept: CheckedFiles | None = None  # set by the preview only
# Files found to meet their schema by earlier builds, and files' parses, by their text (see `remembering_valid`).
valid: StepCache | None = None


@contextmanager
def remembering_valid(steps: StepCache | None) -> Iterator[None]:
    """Within this, a file whose text, schema and validator are as when a build found it valid is not
    checked against its schema again: checking every file was a third of the checks' time at 100x.
    A changed file, or any change to the schemas, is checked in full. Likewise a file whose text and
    reader (our code, PyYAML) are unchanged is not parsed again: parsing was 3 s of a 100x build."""
    global valid
    valid = steps
    try:
        yield
    finally:
        valid = None


def derived(document: YamlDocument, what: str, inputs: object, compute: Callable[[], T]) -> T:
    """`compute()`, which reads only `document` and `inputs`: in the preview, kept for a file that has not
    changed and given equal inputs, so that a save does not work out again what every other file held."""
    if kept is None:
        return compute()
    key = (Path(document.path).absolute(), what)
    found = kept._derived.get(key)
    if found is not None and found[0] is document and found[1] == inputs:
        return found[2]  # type: ignore[return-value]
    value = compute()
    kept._derived[key] = (document, inputs, value)
    return value


def load_checked(path: Path, schema_name: str, problems: list[Problem]) -> YamlDocument:
    """The file at `path`, read strictly and checked against its schema; its problems go to `problems`."""
    key = (Path(path).absolute(), schema_name)
    if kept is not None and key in kept._found:
        document, found = kept._found[key]
        problems.extend(found)
        return document
    found_here: list[Problem] = []
    try:
        text = read_source(path)
        document = _parsed(text, path)
    except DataError as error:
        found_here.extend(error.problems)
        document = YamlDocument(path, None)
    else:
        recipe = ["valid", schema_name, _schemas(), text]
        if valid is None or not valid.has(recipe):
            found_here.extend(check(document, schema_name))
            if valid is not None and not found_here:
                valid.put(recipe)
    if kept is not None:
        kept._found[key] = (document, tuple(found_here))
    problems.extend(found_here)
    return document


def _parsed(text: str, path: Path) -> YamlDocument:
    """`parse_yaml(text, path)`, or the same parse kept by an earlier build. Only a parse without problems
    is kept (a file with a mistake raises DataError, and is read again next time, to report it)."""
    if valid is None:
        return parse_yaml(text, path)

    def parse() -> bytes:
        document = parse_yaml(text, path)
        return marshal.dumps((document.data, document.lines, document.keys))  # dicts, lists, text: all marshal needs

    data, lines, keys = marshal.loads(valid.get(["parsed", *code_of(packages=["PyYAML"]), text], parse))
    return YamlDocument(path, data, lines, keys)


def check(document: YamlDocument, schema_name: str) -> list[Problem]:
    """Every way `document` breaks the schema, each with its line and a fix."""
    errors = sorted(validator(schema_name).iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    problems = [_problem(document, error) for error in _leaves(errors)]
    return list(dict.fromkeys(problems))  # one report when two rules catch the same mistake


def _leaves(errors: list[ValidationError]) -> list[ValidationError]:
    """Replace a wrapping error ($ref, allOf) by the specific errors it contains."""
    result: list[ValidationError] = []
    for error in errors:
        if error.validator in ("allOf", "$ref") and error.context:
            result.extend(_leaves(list(error.context)))
        else:
            result.append(error)
    return result


def _problem(document: YamlDocument, error: ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    subject, where = _describe(document.data, path)
    message, fix = _explain(error, where)
    if "propertyNames" in error.schema_path:  # point at the badly formed key itself
        return document.problem((*path, error.instance), message, fix, subject, at_key=True)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        unknown = sorted(set(error.instance) - set(error.schema.get("properties") or {}))
        if unknown:  # point at the unknown key itself, not the mapping that holds it
            path = (*path, unknown[0])
    return document.problem(path, message, fix, subject)


_KINDS = {0: "section", 1: "element", 2: "line"}
_NUMBER = re.compile(r"\d+(\.\d+){0,2}")


def _numbered(node: object) -> bool:
    """A section, element or line: a mapping whose id is a number such as 3, 3.1 or 3.1.4."""
    return isinstance(node, dict) and isinstance(node.get("id"), str) and bool(_NUMBER.fullmatch(node["id"]))


def _describe(data: object, path: tuple) -> tuple[str | None, str]:
    """The id of the innermost section, element or line holding the error, and words for the place.

    A part is identified either by its own 'id' field or, in files keyed by id such as
    the handbook's line guidance (lines: {"3.1.4": ...}), by its key.
    """
    subject, rest = None, list(path)
    node = data
    for index, part in enumerate(path):
        if _numbered(node):
            subject, rest = node["id"], list(path[index:])
        elif index > 0 and isinstance(part, str) and _NUMBER.fullmatch(part):
            subject, rest = part, list(path[index + 1:])
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
    else:
        if _numbered(node):
            subject, rest = node["id"], []
    owner = f"{_KINDS.get(subject.count('.'), 'item')} {subject}" if subject else "the file"
    if not rest:
        return subject, owner
    words = " > ".join(f"item {p + 1}" if isinstance(p, int) else f"'{p}'" for p in rest)
    return subject, f"{words} of {owner}" if subject else words


def _explain(error: ValidationError, where: str) -> tuple[str, str]:
    kind = error.validator
    value = error.validator_value
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        return f"{where} is missing the required field '{missing}'", f"add '{missing}:' with its value"
    if kind in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted((error.schema.get("properties") or {}).keys())
        unknown = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        names = ", ".join(f"'{n}'" for n in unknown) or "a key"
        hint = f"the allowed keys here are {', '.join(allowed)}" if allowed else "check the spelling"
        return f"{where} has an unknown key {names}", f"remove or correct it; {hint}"
    if kind == "type":
        expected = value if isinstance(value, str) else " or ".join(value)
        article = "an" if expected[0] in "aeiou" else "a"
        return (f"{where} should be {article} {expected}, not {_yaml_type(error.instance)}",
                f"write {where} as {article} {expected}" + ("; put text in quotes" if expected == "string" else ""))
    if "propertyNames" in error.schema_path:
        return f"{where} has the key {error.instance!r}, which is not in the expected form", _pattern_hint(value)
    if kind == "minLength" or (kind == "pattern" and isinstance(error.instance, str) and not error.instance.strip()):
        return f"{where} is empty", "write the text, or remove the entry"
    if kind == "pattern":
        if value.startswith("^\\S"):
            return f"{where} starts or ends with spaces", "remove the spaces at the start and end of the text"
        return f"{where} has the value {error.instance!r}, which is not in the expected form", _pattern_hint(value)
    if kind == "maxLength":
        return f"{where} is longer than {value} characters", f"shorten it to one line of at most {value} characters"
    if kind == "maxItems":
        return f"{where} has more than {value} items", f"keep at most {value}"
    if kind == "minItems":
        return f"{where} is an empty list", "add at least one item"
    if kind == "uniqueItems":
        return f"{where} lists the same value twice", "remove the repeated value"
    if kind in ("minProperties", "maxProperties"):
        return (f"{where} must have exactly one of the keys {', '.join(sorted(error.schema.get('properties', {})))}",
                "split it into one block per key")
    if kind == "enum":
        return f"{where} is {error.instance!r}, not one of {', '.join(map(repr, value))}", "use one of the listed values"
    return f"{where}: {error.message}", "correct the value to match data/schemas/"


def _pattern_hint(pattern: str) -> str:
    examples = {
        "^[1-9]\\d*$": "a section id is its number in quotes, e.g. \"3\"",
        "^[1-9]\\d*\\.[1-9]\\d*$": "an element id is section.element, e.g. \"3.1\"",
        "^[1-9]\\d*\\.[1-9]\\d*\\.[1-9]\\d*$": "a line id is section.element.line, e.g. \"3.1.4\"",
        "^[a-z][a-z0-9-]*$": "use lower-case letters, digits and hyphens, e.g. 'risk-of-harm'",
        "^\\d{4}-\\d{2}-\\d{2}$": "write the date as YYYY-MM-DD, e.g. \"2016-05-04\"",
        "^https://": "give a full https:// address",
        "^([1-9]|1[0-2])$": "write a whole number from 1 to 12",
    }
    return examples.get(pattern, f"match the pattern {pattern}")


def _yaml_type(value: object) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"
