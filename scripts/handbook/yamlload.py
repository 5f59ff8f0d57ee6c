"""Read YAML files strictly, remembering the line of every value.

PyYAML keeps the last of two equal keys without a word and turns `3.10` into the
number 3.1; neither is acceptable for a framework's ids, so this loader refuses
duplicate keys and keeps every plain scalar except true/false/null as a string.

The data needs mappings, lists and text, and nothing more: tags (`!!python/...`, `!include`),
anchors, aliases and merge keys are refused with their line (an alias can also multiply a small
file into more data than the build could ever handle), and so are nesting deeper than any
source needs, a text longer than any source needs, and markup in any text (see `markup`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer

from .markup import markup_in_text
from .problems import DataError, Problem
from .sourcefile import read_source

JsonPath = tuple[str | int, ...]

_KEPT_RESOLVERS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


# A framework's deepest value is about six levels down; its longest text a few hundred characters.
MAX_DEPTH = 20
MAX_TEXT = 20_000
MAX_FILES = 2_000  # section or guidance files in one folder: the benchmark's 100x framework has 600

try:  # libyaml's parser is several times faster than PyYAML's pure-Python one and reports the same marks.
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover (PyYAML built without libyaml)
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class _Refused(Exception):
    """YAML the data never needs, found at `mark`."""

    def __init__(self, mark: yaml.Mark, message: str, fix: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.fix = mark, message, fix


class _StringLoader(Composer, _Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
    """A safe loader whose only implicit types are booleans and null, composing nodes in Python
    (libyaml still scans and parses) so that every tag, anchor and alias is seen and refused."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"an alias (*{event.anchor}) repeats data from elsewhere in the file",
                           "write the value out in full here; the data never needs anchors or aliases")
        if event.anchor is not None:
            raise _Refused(event.start_mark, f"an anchor (&{event.anchor}) names data to be repeated",
                           "remove the '&' name; the data never needs anchors or aliases")
        if event.tag not in (None, "!"):
            raise _Refused(event.start_mark, f"the tag '{event.tag}' asks for a special kind of value",
                           "remove the tag (the word starting with '!'): every value here is plain text, a list or a mapping")
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT:
            raise _Refused(event.start_mark, f"a text of {len(event.value):,} characters is longer than the {MAX_TEXT:,} allowed",
                           "shorten it, or check that two values have not run together (a missing closing quote?)")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"values are nested more than {MAX_DEPTH} levels deep",
                           "check the indentation and brackets: no source file nests this deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_StringLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_RESOLVERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """A loaded file: its data and the 1-based line where each value starts (and each mapping key)."""

    path: Path
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)
    keys: dict[JsonPath, int] = field(default_factory=dict)  # path of a mapping entry -> line of its key

    def line(self, path: JsonPath) -> int:
        """The line of the value at `path`, or of its nearest enclosing value."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: JsonPath, message: str, fix: str, id: str | None = None, at_key: bool = False) -> Problem:
        """A problem at the value at `path`, or with `at_key`, at the key naming it (for a mistake in the key itself
        or in the entry as a whole, whose value may start lines below)."""
        line = self.keys.get(tuple(path)) if at_key else None
        return Problem(self.path, line or self.line(path), message, fix, id)


def load_yaml(path: Path) -> YamlDocument:
    """Load one YAML file; raise DataError naming the file and line if it cannot be read."""
    return parse_yaml(read_source(path), path)


def yaml_files(folder: Path, what: str, problems: list[Problem]) -> list[Path]:
    """The *.yaml files in `folder`, in name order; a *.yml file is reported, not read."""
    paths = sorted(folder.glob("*.y*ml"))
    if len(paths) > MAX_FILES:
        problems.append(Problem(folder, None, f"holds {len(paths):,} {what} files; at most {MAX_FILES:,} are read",
                                "check that this is the right folder; split the framework if it is really this large"))
        return []
    for path in paths:
        if path.suffix != ".yaml":
            problems.append(Problem(path, None, f"{what} files must end in .yaml", f"rename it to {path.stem}.yaml"))
    return [path for path in paths if path.suffix == ".yaml"]


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlDocument:
    """Parse YAML `text` that starts at line `first_line` of the file `path`."""
    loader = _StringLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        problem = _syntax_problem(path, error, text)
        if problem.line:
            problem = replace(problem, line=problem.line + first_line - 1)
        raise DataError([problem]) from None
    except _Refused as refused:
        raise DataError([Problem(path, refused.mark.line + first_line, refused.message, refused.fix)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError([Problem(path, 1, "the file is empty", "add the file's content, or delete the file")])
    document = YamlDocument(path, None)
    problems: list[Problem] = []
    document.data = _convert(node, (), document, loader, problems)
    if first_line != 1:
        document.lines = {key: line + first_line - 1 for key, line in document.lines.items()}
        document.keys = {key: line + first_line - 1 for key, line in document.keys.items()}
        problems = [replace(p, line=p.line + first_line - 1) if p.line else p for p in problems]
    if problems:
        raise DataError(problems)
    return document



def _syntax_problem(path: Path, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    what = " ".join(part for part in (error.context, error.problem) if part)
    source_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return Problem(path, line, "a tab character is used for indentation", "indent with spaces, not tabs")
    return Problem(
        path, line, f"is not valid YAML: {what}",
        "check indentation, colons and quotes on this line and the one above; "
        "text containing ': ' or starting with '*' must be in quotes",
    )


def _convert(node: yaml.Node, path: JsonPath, document: YamlDocument,
             loader: _StringLoader, problems: list[Problem]) -> Any:
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            key = str(key) if key is not None else "null"
            line = key_node.start_mark.line + 1
            if key == "<<" and not key_node.style:  # plain, not quoted
                problems.append(Problem(document.path, line, "a merge key (<<) copies another mapping's entries here",
                                        "write the entries out in full; the data never needs merge keys"))
                continue
            if key in first_seen:
                problems.append(Problem(
                    document.path, line,
                    f"the key '{key}' appears twice in the same mapping (first at line {first_seen[key]})",
                    "remove one of the two, or rename it; YAML keeps only one value per key",
                ))
                continue
            first_seen[key] = line
            result[key] = _convert(value_node, (*path, key), document, loader, problems)
            document.keys[(*path, key)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), document, loader, problems) for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    if isinstance(value, str) and (found := markup_in_text(value)):
        problems.append(Problem(document.path, node.start_mark.line + 1, *found))
    return value
