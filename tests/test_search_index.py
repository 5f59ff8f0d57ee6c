"""The built search index: one entry per line of the framework, in the framework's words, carrying the
practitioners' terms for it; every page runs the handbook's search worker; the index stays small."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from conftest import page
from guidance_data import line_ids
from source_text import read_source

# The index loads when someone first searches: it was 86,048 bytes before practitioners' search.
BUDGET = 96 * 1024


def index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def test_every_line_is_an_entry_of_its_own_in_the_framework_s_words(site: Path):
    docs = {doc["location"]: doc for doc in index(site)["docs"]}
    texts = {f"{e.id}.{n}": text for s in read_source() for e in s.elements for n, text in enumerate(e.lines, 1)}
    for line_id in line_ids():
        element = line_id.rsplit(".", 1)[0]
        doc = docs[f"framework/{element}/#line-{line_id}"]
        assert plain(doc["title"]) == f"{line_id} {texts[line_id]}"
    assert not [location for location in docs if location.endswith("#lines")]  # the lists are split


def test_lines_carry_the_practitioners_terms_with_the_framework_s_words_they_matched_by(site: Path):
    built = index(site)
    terms = built["config"]["practitioners"]
    assert built["config"]["fields"]["practice"] == {"boost": 2}
    line = next(doc for doc in built["docs"] if doc["location"] == "framework/1.1/#line-1.1.2")
    why = {terms[n][0]: meaning for meaning, n in line["why"]}
    assert why["accommodation"] == "living arrangements"
    assert why["ETE"] == "education, training and employment"
    assert ["accommodation", "housing", "homeless", "homelessness"] == next(t for t in terms if t[0] == "accommodation")


def test_every_page_runs_the_handbook_s_search_worker_which_loads_the_theme_s(site: Path):
    for url in ("", "framework/3.1/", "glossary/"):
        config = json.loads(page(site, url).select_one("script#__config").string)
        worker, theme = config["search"].split("?theme=")
        assert worker.endswith("assets/javascripts/workers/practitioners.js")
        assert (site / url / worker).resolve().is_file()
        assert (site / url / worker).resolve().with_name(theme).is_file()


def test_the_search_index_stays_small(site: Path):
    assert (site / "search" / "search_index.json").stat().st_size <= BUDGET
