"""Markup that must not come from the sources: nothing a maintainer writes may run in the browser.

Text in the YAML data is plain text with Markdown emphasis (`*italic*`, `**bold**`); it reaches
pages through Markdown and templates that do not escape it, so HTML tags, Markdown links and
attribute lists (`{: onclick=...}`) are refused outright, and so is a text starting with a sign
that makes a spreadsheet cell a formula (`=HYPERLINK(...)` in the CSV or the workbook). Hand-written Markdown pages may use
links and simple HTML such as <kbd>, but never a script, an element that loads or embeds other
content, an event-handler attribute or a `javascript:` address. The Content Security Policy
(`csp`) would block a script that got past these checks; these checks say where it came from.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<[A-Za-z!?/]")
_LINK = re.compile(r"\]\s*[(\[:]")
_ATTRIBUTES = re.compile(r"[{}]")
# A cell starting with one of these is a formula to a spreadsheet opening the CSV or the workbook.
_FORMULA = ("=", "+", "-", "@")

TEXT_FIX = ("write plain text: the data allows only *italic* and **bold**; "
            "spell out a '<' that starts a word as 'less than', and put links on a guidance page")

# Every pattern scans forward only to the next '<', '{' or line end, so no text makes it slow.
# Elements that run code, load or embed other documents, or change how the page or a form behaves.
_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
             "style", "form", "svg", "math", "template", "portal")
_DANGEROUS = [
    (re.compile(rf"<\s*/?\s*({'|'.join(_ELEMENTS)})\b", re.I),
     "a <{0}> element, which could run code or load other content"),
    (re.compile(r"<[^<>]*?[\s/\"']on[a-z]+\s*=", re.I | re.S), "an event-handler attribute (on...=), which would run code"),
    (re.compile(r"\{[^{}\n]*\bon[a-z]+\s*=", re.I), "an event-handler attribute (on...=), which would run code"),
    (re.compile(r"(?:java|vb)script\s*:|data\s*:\s*text/html", re.I), "a '{0}' address, which would run code"),
]
PAGE_FIX = ("remove it: pages may use Markdown and simple HTML (such as <kbd>), but no scripts, event handlers, "
            "embedded content or script addresses; the site's own scripts live in overrides/assets/javascripts/")


def markup_in_text(text: str) -> tuple[str, str] | None:
    """(message, fix) if a text from the data holds markup, else None."""
    if found := _TAG.search(text):
        return f"the text holds HTML markup ('{_excerpt(text, found.start())}')", TEXT_FIX
    if found := _LINK.search(text):
        return f"the text holds a Markdown link ('{_excerpt(text, found.start())}')", TEXT_FIX
    if found := _ATTRIBUTES.search(text):
        return f"the text holds curly brackets ('{_excerpt(text, found.start())}'), which set HTML attributes", TEXT_FIX
    if text.lstrip().startswith(_FORMULA):
        return (f"the text starts with '{text.lstrip()[0]}', which spreadsheets read as a formula (in the CSV and workbook)",
                "start the text with a word; reword it or move the sign later in the sentence")
    return None


def dangerous_markup(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for each thing in a Markdown page that could run code, in line order."""
    found = []
    for pattern, message in _DANGEROUS:
        for match in pattern.finditer(markdown):
            line = markdown.count("\n", 0, match.start()) + 1
            what = (match[1] if match.lastindex else match[0].strip()).lower()
            found.append((line, message.format(what)))
    return sorted(set(found))


def _excerpt(text: str, start: int) -> str:
    return text[max(0, start - 10): start + 20].replace("\n", " ")
