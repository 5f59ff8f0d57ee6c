"""The string literals of a script, found by a tokenizer's pass rather than a parser.

What the CSS purge needs from the theme's minified scripts: the class names they add to pages
are always written as strings. Comments and regular expressions are skipped, since a quote
inside either would otherwise start a string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A `/` after one of these starts a regular expression; after anything else it divides.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*/%<>~^") | {"", "return", "typeof", "case", "do", "else", "in", "of", "new",
                                                  "delete", "void", "throw", "instanceof", "yield", "await"}
_WORD = re.compile(r"[\w$]+")


def string_literals(js: str) -> Iterator[str]:
    """The text of each string and template literal in script `js` (the parts of a template
    around its ${...}), skipping comments and regular expressions: a tokenizer's pass."""
    position, length = 0, len(js)
    templates: list[int] = []  # for each ${ still open, how many { are open inside it
    before = ""  # the last token outside strings, to tell a regular expression from a division
    while position < length:
        char = js[position]
        if char in "'\"":
            end = _quoted_end(js, position, char)
            yield js[position + 1:end]
            position, before = end + 1, char
        elif char == "`" or (char == "}" and templates and templates[-1] == 0):
            if char == "}":
                templates.pop()
            end = position + 1
            while end < length and js[end] != "`" and not js.startswith("${", end):
                end += 2 if js[end] == "\\" else 1
            yield js[position + 1:end]
            if js.startswith("${", end):
                templates.append(0)
                position, before = end + 2, "{"
            else:
                position, before = end + 1, "`"
        elif js.startswith("//", position):
            end = js.find("\n", position)
            position = length if end < 0 else end
        elif js.startswith("/*", position):
            end = js.find("*/", position + 2)
            position = length if end < 0 else end + 2
        elif char == "/" and before in _BEFORE_REGEX:
            position, before = _regex_end(js, position) + 1, "a regular expression"
        elif word := _WORD.match(js, position):
            position, before = word.end(), word[0]
        else:
            if templates and char in "{}":
                templates[-1] += 1 if char == "{" else -1
            if not char.isspace():
                before = char
            position += 1


def _quoted_end(js: str, start: int, quote: str) -> int:
    position = start + 1
    while position < len(js) and js[position] != quote and js[position] != "\n":
        position += 2 if js[position] == "\\" else 1
    return min(position, len(js))


def _regex_end(js: str, start: int) -> int:
    position, in_class = start + 1, False
    while position < len(js) and js[position] != "\n":
        char = js[position]
        if char == "\\":
            position += 1
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            return position
        position += 1
    return position
