"""Drop the rules of the theme's stylesheet that can match nothing on the built site.

Material's main stylesheet styles every feature the theme offers (admonitions, content tabs,
code annotations, task lists...) with icons as data: URIs, and every page loads it before it
can show anything. A rule stays if one of its selectors could match: each class the selector
needs is either used by a built page or named in a string of the site's scripts, which add
classes as they run (search results, tooltips, the records panel). Then custom properties that
nothing reads any more go too. Only class names decide, and anything not understood stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, Declaration, LiteralToken, Node, QualifiedRule

from .js_strings import string_literals
from .listing import files_under
from .stepcache import StepCache, code_of

THEME_STYLESHEETS = "assets/stylesheets/*.min.css"  # Material's own; ours are not minified
SCRIPTS = "assets/javascripts"
_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
# Lower case, as Markdown and the templates write it; with a plain literal to look for, the pass
# over every page is several times faster. ('subclass=' matches too: it only keeps more rules.)
_CLASS_ATTRIBUTE = re.compile(r"""class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
# At-rules holding rules, which are purged inside; any other (@keyframes, @font-face...) stays whole.
_GROUPS = {"media", "supports", "layer", "container"}
# A selector list inside these matches if any one of its selectors can; :not() and the rest
# are not looked into, as a class missing there can make them match more, not less.
_ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}


@dataclass(frozen=True)
class KnownClasses:
    """Class names that can occur on the site; a name ending in - or _ in a script
    (`md-tag--${type}`) is a prefix, and every class starting with it is known."""

    names: frozenset[str]
    prefixes: tuple[str, ...]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self.names or name.startswith(self.prefixes))


@dataclass
class PageUsage:
    """What the built pages use of a stylesheet, gathered page by page as the engine writes them: the
    values of their class attributes (pages repeat them: a set is small) and the custom properties they name."""

    values: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)

    def add(self, html: str) -> None:
        self.values |= class_values(html)
        self.properties.update(_CUSTOM_PROPERTY.findall(html))


def purge_theme_css(site_dir: Path, cache: StepCache, pages: PageUsage) -> None:
    """Purge each of the theme's stylesheets in built `site_dir` in place, by what its `pages` and scripts use.
    The purge (parsing the stylesheet, reading the scripts' strings) comes from `cache` when the
    stylesheet, the scripts, the classes and properties the pages use and this code are unchanged."""
    scripts = [path.read_text(encoding="utf-8") for path in sorted(site_dir.joinpath(SCRIPTS).rglob("*.js"))]
    theme = sorted(site_dir.glob(THEME_STYLESHEETS))
    ours = [(site_dir / name).read_text(encoding="utf-8") for name in files_under(site_dir)
            if name.endswith(".css") and site_dir / name not in theme]
    elsewhere = pages.properties | {name for text in [*scripts, *ours] for name in _CUSTOM_PROPERTY.findall(text)}
    code = code_of(packages=["tinycss2"])
    inputs = [str(len(scripts)), *scripts, "\n".join(sorted(pages.values)), "\n".join(sorted(elsewhere))]
    for path in theme:
        css = path.read_text(encoding="utf-8")
        purged = cache.get(["purge", *code, css, *inputs],
                           lambda: purge(css, _known(pages.values, scripts), elsewhere).encode("utf-8"))
        path.write_bytes(purged)


def class_values(html: str) -> set[str]:
    """The value of every class attribute in `html` (pages repeat them: a set is small)."""
    return {"".join(value) for value in set(_CLASS_ATTRIBUTE.findall(html))}  # joined once per distinct value


def known_classes(pages: Iterable[str], scripts: Iterable[str]) -> KnownClasses:
    """Every class in a class attribute of `pages`, and every name in a string of `scripts`."""
    return _known({value for html in pages for value in class_values(html)}, scripts)


def _known(values: set[str], scripts: Iterable[str]) -> KnownClasses:
    names = {name for value in values for name in _IDENT.findall(value)}
    in_scripts = set().union(*map(_names_in_strings, scripts))
    prefixes = tuple(sorted(name for name in in_scripts if name.endswith(("-", "_"))))
    return KnownClasses(frozenset(names | in_scripts), prefixes)


@lru_cache(maxsize=64)  # the theme's scripts (about 20) are the same in every build of a process
def _names_in_strings(script: str) -> frozenset[str]:
    return frozenset(name for text in string_literals(script) for name in _IDENT.findall(text))


def purge(css: str, known: KnownClasses, referenced_elsewhere: set[str]) -> str:
    """`css` without the selectors that need a class not `known`, and without the custom
    properties that neither what is left nor `referenced_elsewhere` (names such as --md-x) reads."""
    rules = _purge_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), known)
    dropped = True
    while dropped:  # a property dropped may have been the only one to read another
        rules, dropped = _drop_unread(rules, referenced_elsewhere | set(_read_properties(rules)))
    return "".join(_serialize(rule) for rule in rules)


@dataclass
class _Rule:
    """A qualified rule kept, with its declarations (None: contents that are not a plain
    list of declarations, kept as they are)."""

    rule: QualifiedRule
    declarations: list[Declaration] | None


@dataclass
class _Group:
    """An at-rule holding rules, such as @media, with the rules kept inside it."""

    rule: AtRule
    children: list[_Rule | _Group | Node]


_Kept = list[_Rule | _Group | Node]


def _purge_rules(rules: list[Node], known: KnownClasses) -> _Kept:
    kept: _Kept = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = _split_at_commas(rule.prelude)
            matching = [selector for selector in selectors if _can_match(selector, known)]
            if not matching:
                continue
            if len(matching) < len(selectors):
                rule = QualifiedRule(rule.source_line, rule.source_column, _join_at_commas(matching), rule.content)
            kept.append(_Rule(rule, _declarations(rule.content)))
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in _GROUPS and rule.content is not None:
            inner = _purge_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), known)
            if inner:
                kept.append(_Group(rule, inner))
        else:
            kept.append(rule)
    return kept


def _declarations(content: list[Node]) -> list[Declaration] | None:
    parsed = tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
    return parsed if all(isinstance(node, Declaration) for node in parsed) else None


def _split_at_commas(tokens: list[Node]) -> list[list[Node]]:
    """A selector list's selectors; commas inside :is(...) are inside a function token, not here."""
    selectors: list[list[Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [_strip(selector) for selector in selectors]


def _strip(tokens: list[Node]) -> list[Node]:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type == "whitespace":
        start += 1
    while end > start and tokens[end - 1].type == "whitespace":
        end -= 1
    return tokens[start:end]


def _join_at_commas(selectors: list[list[Node]]) -> list[Node]:
    joined: list[Node] = []
    for number, selector in enumerate(selectors):
        if number:
            joined.append(LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def _can_match(selector: list[Node], known: KnownClasses) -> bool:
    for previous, token in zip([None, *selector], selector):
        is_class = previous is not None and previous.type == "literal" and previous.value == "." and token.type == "ident"
        if is_class and token.value not in known:
            return False
        if token.type == "function" and token.lower_name in _ANY_OF and not any(
                _can_match(inner, known) for inner in _split_at_commas(token.arguments)):
            return False
    return True


def _read_properties(rules: _Kept) -> Iterator[str]:
    """The custom properties that `rules` read: any --name in a value, never a declaration's own name."""
    for rule in rules:
        if isinstance(rule, _Group):
            yield from _read_properties(rule.children)
        elif isinstance(rule, _Rule) and rule.declarations is not None:
            for declaration in rule.declarations:
                yield from _custom_idents(declaration.value)
        else:
            yield from _custom_idents([rule.rule if isinstance(rule, _Rule) else rule])


def _custom_idents(tokens: Iterable[Node]) -> Iterator[str]:
    for token in tokens:
        if token.type == "ident" and token.value.startswith("--"):
            yield token.value
        for part in ("arguments", "content", "prelude"):
            yield from _custom_idents(getattr(token, part, None) or [])


def _drop_unread(rules: _Kept, read: set[str]) -> tuple[_Kept, bool]:
    """`rules` without the custom properties not in `read` (and rules left empty); whether any went."""
    kept: _Kept = []
    dropped = False
    for rule in rules:
        if isinstance(rule, _Group):
            inner, dropped_inside = _drop_unread(rule.children, read)
            dropped |= dropped_inside
            if inner:
                kept.append(_Group(rule.rule, inner))
        elif isinstance(rule, _Rule) and rule.declarations is not None:
            declarations = [d for d in rule.declarations if not d.name.startswith("--") or d.name in read]
            if len(declarations) < len(rule.declarations):
                dropped = True
                content = tinycss2.parse_component_value_list(";".join(d.serialize() for d in declarations))
                rule = _Rule(QualifiedRule(rule.rule.source_line, rule.rule.source_column, rule.rule.prelude, content),
                             declarations)
            if declarations:
                kept.append(rule)
        else:
            kept.append(rule)
    return kept, dropped


def _serialize(rule: _Rule | _Group | Node) -> str:
    if isinstance(rule, _Group):
        inner = "".join(_serialize(child) for child in rule.children)
        return f"@{rule.rule.at_keyword}{tinycss2.serialize(rule.rule.prelude)}{{{inner}}}"
    return (rule.rule if isinstance(rule, _Rule) else rule).serialize()
