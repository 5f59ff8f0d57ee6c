"""The theme's stylesheet loses the rules no page can match, and the custom properties nothing reads."""

from __future__ import annotations

from handbook.css_purge import known_classes, purge
from handbook.js_strings import string_literals

PAGES = ['<div class="md-used"><p class=\'md-typeset\'>text</p><span class=md-bare></span></div>']
SCRIPTS = ['el.classList.add("md-added");/* "md-in-comment" */x=/"md-in-regex"/;t=`md-tag--${kind}`']
CSS = """\
:root{--md-read:1px;--md-unread:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-chain:var(--md-unread)}
.md-used{margin:var(--md-read)}
.md-unused{color:red}
.md-added>.md-bare{color:blue}
.md-used .md-unused,.md-typeset{color:green}
:is(.md-unused,.md-used) p{padding:0}
:is(.md-unused,.md-nothing) p{padding:1px}
.md-used:not(.md-unused){border:0}
.md-tag--warning{color:orange}
@media screen{.md-unused{color:red}.md-used{color:black}}
@media print{.md-unused{color:red}}
@keyframes md-spin{0%{opacity:0}}
"""


def purged(referenced_elsewhere: set[str] | None = None) -> str:
    return purge(CSS, known_classes(PAGES, SCRIPTS), referenced_elsewhere or set())


def test_a_rule_stays_if_a_page_or_a_script_uses_its_classes_and_goes_if_not():
    css = purged()
    assert ".md-used{margin:var(--md-read)}" in css
    assert ".md-added>.md-bare{color:blue}" in css, "a class a script adds is kept, as is an unquoted attribute's"
    assert ".md-tag--warning{color:orange}" in css, "a class a template literal builds from a prefix is kept"
    assert ".md-unused{" not in css
    assert ".md-typeset{color:green}" in css, "of a selector list, only the selectors that can match are kept"


def test_selectors_inside_is_need_one_match_and_inside_not_none():
    css = purged()
    assert ":is(.md-unused,.md-used) p{padding:0}" in css
    assert "md-nothing" not in css
    assert ".md-used:not(.md-unused){border:0}" in css, "a class missing inside :not() makes it match more"


def test_rules_inside_media_are_purged_and_an_empty_media_block_goes():
    css = purged()
    assert "@media screen{.md-used{color:black}}" in css
    assert "@media print" not in css
    assert "@keyframes md-spin{0%{opacity:0}}" in css, "other at-rules stay whole"


def test_custom_properties_nothing_reads_go_and_read_ones_stay():
    css = purged()
    assert css.startswith(":root{--md-read:1px}"), css
    kept = purged({"--md-chain"})
    assert "--md-chain:var(--md-unread)" in kept and "--md-unread:" in kept, "read by our own stylesheets or pages"


def test_the_same_input_gives_the_same_bytes():
    assert purged() == purged()


def test_string_literals_skip_comments_and_regular_expressions():
    script = 'a="x";b=/"/g;c=`t ${d({e:"f"})} u`//"no"\n/*"no"*/return/\'/.test(q)/2'
    assert list(string_literals(script)) == ["x", "t ", "f", " u"]
