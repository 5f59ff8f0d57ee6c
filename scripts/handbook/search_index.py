"""Make the theme's search find the framework's lines in practitioners' words, offline.

After the engine has written its search index, this stage:
- splits each element page's list of lines into one entry per line, so a result opens the page at
  that line (`#line-3.1.2`, which the page highlights) instead of at the top of the list;
- gives each line the practitioners' terms that stand for it (data/practitioner-terms.yaml), with
  the framework's words each term matched by; the worker puts the terms in a field of their own,
  searched like the text;
- points every page at the handbook's search worker (assets/javascripts/workers/practitioners.js;
  `use_handbook_worker`, applied to each page as the engine writes it: finish.py), which runs the theme's
  worker and adds other word forms to a query, drops question words, and says why a line matched
  when the words differ.
The page text is untouched; the offline copy is made from the index and pages as rewritten here.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from .practitioner_terms import PractitionerTerm
from .urls import line_anchor

INDEX_JSON = Path("search") / "search_index.json"
WORKER = "practitioners.js"  # beside the theme's worker, in assets/javascripts/workers/
FIELD = "practice"  # filled in by the worker from `why`: written out here, each form would be in the file twice
TERMS = "practitioners"  # in the index's config: each term with its other forms, once
# A practitioner's term counts a little more than a word of the text: it was chosen for that line.
FIELD_BOOST = 2
# A line outranks the page it is on (which the theme favours as a whole page), so the result shows
# the line itself rather than folding it under the page's title.
LINE_BOOST = 5
_ITEM = re.compile(r"<li>(\d+(?:\.\d+)+) (.*?)\s*</li>", re.S)
_SETTINGS_START = '<script id="__config" type="application/json">'
_THEME_WORKER = re.compile(r"(?P<dir>(?:.*/)?workers/)(?P<name>search\.[0-9a-f]+\.min\.js)$")


def add_practitioner_search(site_dir: Path, terms: tuple[PractitionerTerm, ...]) -> None:
    """Rewrite the built site's search index. (Each page is pointed at the handbook's search worker
    with `use_handbook_worker` as the engine writes it: finish.py.)"""
    json_path = site_dir / INDEX_JSON
    if not json_path.is_file():
        return  # search is turned off in mkdocs.yml
    index = enrich(json.loads(json_path.read_text(encoding="utf-8")), terms)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    json_path.write_text(text, encoding="utf-8")


def enrich(index: dict[str, Any], terms: tuple[PractitionerTerm, ...]) -> dict[str, Any]:
    """The index with one entry per line of each element page, each carrying the practitioners' terms for it."""
    by_line: dict[str, list[list[Any]]] = defaultdict(list)
    for number, term in enumerate(terms):
        for line_id, why in term.lines:
            by_line[line_id].append([why, number])
    docs: list[dict[str, Any]] = []
    for doc in index["docs"]:
        items = _ITEM.findall(doc["text"]) if "#" in doc["location"] else []
        if items and _on_element_page(doc["location"], items):
            docs.extend(_line_doc(doc, number, html, by_line.get(number, [])) for number, html in items)
        else:
            docs.append(doc)
    config = dict(index["config"])
    config["fields"] = {**config["fields"], FIELD: {"boost": FIELD_BOOST}}
    config[TERMS] = [[term.term, *term.forms] for term in terms]
    return {**index, "config": config, "docs": docs}


def _on_element_page(location: str, items: list[tuple[str, str]]) -> bool:
    """True if every item is a line of the one element whose page holds the list."""
    elements = {number.rsplit(".", 1)[0] for number, _ in items}
    page = location.split("#", 1)[0].removesuffix("index.html").removesuffix(".html").rstrip("/")
    return len(elements) == 1 and page.rsplit("/", 1)[-1] == next(iter(elements))


def _line_doc(list_doc: dict[str, Any], number: str, html: str, why: list[list[Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {"location": f"{list_doc['location'].split('#', 1)[0]}#{line_anchor(number)}",
                           "title": f"{number} {html}", "text": ""}
    doc["boost"] = list_doc.get("boost", 1) * LINE_BOOST
    if why:
        doc["why"] = why  # [the framework's words it matched by, the term's place in config.practitioners]
    return doc


def settings_span(html: str) -> tuple[int, int] | None:
    """Where the theme's settings (JSON in a script element) start and end in a page, if it has them.
    (A search for the literal tag: a pattern took longer, and every page is read.)"""
    start = html.find(_SETTINGS_START)
    if start < 0:
        return None
    start += len(_SETTINGS_START)
    end = html.find("</script>", start)
    return (start, end) if end >= 0 else None


def use_handbook_worker(html: str) -> str:
    """The page with the theme's search worker replaced by the handbook's, which loads the theme's."""
    span = settings_span(html)
    if span is None:
        return html
    start, end = span
    return html[:start] + _with_handbook_worker(html[start:end]) + html[end:]


@lru_cache(maxsize=64)  # pages at the same depth have the same settings: each is read once, not per page
def _with_handbook_worker(settings: str) -> str:
    config = json.loads(settings)
    theme = _THEME_WORKER.match(config.get("search") or "")
    if theme is None:
        return settings
    config["search"] = f"{theme['dir']}{WORKER}?theme={theme['name']}"
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):  # as the theme's tojson: no </script> inside
        text = text.replace(character, escaped)
    return text
