"""Every line has the handbook's evidence prompts, shown on its element page apart from the framework's words."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

import pdf_text
from conftest import ROOT, page
from guidance_data import line_guidance, line_ids, normalise, vocabulary
from handbook import schema
from handbook.framework import load_framework
from handbook.problems import DataError
from handbook.prompts import load_prompts
from handbook.vocabulary import load_vocabulary
from source_text import read_source

SOURCE = read_source()
GUIDANCE = line_guidance()


def test_all_76_lines_have_prompts_a_source_a_theme_and_an_outcome():
    assert len(line_ids()) == 76
    assert sorted(GUIDANCE) == sorted(line_ids())
    for line_id, entry in GUIDANCE.items():
        assert 1 <= len(entry["questions"]) <= 3, line_id
        assert entry["sources"] and entry["themes"] and entry["outcomes"], line_id
        assert entry["strong"] and entry["warning"], line_id
        assert all(outcome["reason"].strip() for outcome in entry["outcomes"]), line_id


def texts(tags) -> list[str]:
    return [normalise(tag.get_text()) for tag in tags]


def test_each_element_page_shows_each_lines_guidance_outside_the_framework_text(site):
    for section in SOURCE:
        for element in section.elements:
            html = page(site, f"framework/{element.id}/")
            ids = [f"{element.id}.{n}" for n in range(1, len(element.lines) + 1)]
            cards = html.select("article section.hb-guidance")
            assert [card.h3["id"] for card in cards] == [f"guidance-{i}" for i in ids], element.id
            for card, line_id, text in zip(cards, ids, element.lines):
                entry = GUIDANCE[line_id]
                assert card.find_parent(class_="hb-official") is None
                assert normalise(card.select_one(".hb-guidance__label").get_text()) == \
                    "Handbook guidance · not part of the published framework"
                assert normalise(card.select_one("blockquote.hb-quote .hb-quote__text").get_text()) == text
                assert card.select_one("blockquote.hb-quote a")["href"] == f"#line-{line_id}"
                assert texts(card.select(".hb-guidance__heading + ol > li")) == entry["questions"]
                assert texts(card.select(".hb-guidance__strong li")) == entry["strong"]
                assert texts(card.select(".hb-guidance__warning li")) == entry["warning"]
                assert [a["href"] for a in card.select(".hb-guidance__where a")] == \
                    [f"../../evidence/{s}/" for s in entry["sources"]]
                assert [a["href"] for a in card.select(".hb-guidance__themes a")] == \
                    [f"../../themes/{t}/" for t in entry["themes"]]
                outcomes = card.select(".hb-guidance__outcomes li")
                assert [li.a["href"] for li in outcomes] == [f"../../outcomes/{o['id']}/" for o in entry["outcomes"]]
                assert [normalise(li.get_text()).split(": ", 1)[1] for li in outcomes] == \
                    [o["reason"] for o in entry["outcomes"]]


def test_each_line_links_to_its_guidance(site):
    for element_id in {line_id.rsplit(".", 1)[0] for line_id in line_ids()}:
        html = page(site, f"framework/{element_id}/")
        for item in html.select("ol.hb-lines > li"):
            link = item.select_one("a.hb-line-guidance")
            assert link["href"] == f"#guidance-{item['id'].removeprefix('line-')}"
            assert html.find(id=link["href"].removeprefix("#")) is not None


def test_search_finds_the_framework_text_not_the_guidance_on_element_pages(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    element_text = " ".join(doc["text"] for doc in docs if doc["location"].startswith("framework/"))
    for entry in GUIDANCE.values():
        for words in (*entry["strong"], *entry["warning"]):
            assert words not in element_text
    guides = [doc for doc in docs if doc["location"].split("/")[0] in ("evidence", "themes", "outcomes", "glossary")]
    assert guides and {doc.get("boost") for doc in guides} == {0.0001}  # below every page of the framework
    assert not [doc for doc in guides if "#element-" in doc["location"]]  # quoted lines are found on their own pages


def test_checklists_show_each_lines_prompts_marked_as_guidance(site):
    sources = {s["id"]: s["name"] for s in vocabulary("evidence-sources", "sources")}
    rows = page(site, "checklists/3.1/").select(".hb-check")
    assert [row["data-line"] for row in rows] == [i for i in line_ids() if i.startswith("3.1.")]
    for row in rows:
        entry = GUIDANCE[row["data-line"]]
        prompts = row.select_one(".hb-check__prompts")
        assert prompts.find_parent(class_="hb-check__text") is None
        assert normalise(prompts.select_one(".hb-check__prompts-label").get_text()) == \
            "Handbook prompts · not part of the published framework"
        assert [normalise(li.get_text()) for li in prompts.select("li")] == entry["questions"]
        assert normalise(prompts.select_one(".hb-check__where").get_text()) == \
            "Where to look: " + "; ".join(sources[s] for s in entry["sources"])
    # The PDF made from the same template carries them too, under the same label.
    text = pdf_text.normalise("".join(pdf_text.page_texts(site / "downloads" / "hmip-qi-adult-checklist-3.1.pdf")))
    assert text.count("HANDBOOK PROMPTS · NOT PART OF THE PUBLISHED FRAMEWORK") == 9
    for line_id in (i for i in line_ids() if i.startswith("3.1.")):
        assert all(question in text for question in GUIDANCE[line_id]["questions"]), line_id


def test_the_preview_resolves_a_file_it_kept_again_when_the_vocabulary_changes(monkeypatch):
    """The preview keeps what each unchanged guidance file resolved to (schema.derived), so that a save
    re-reads one file; a vocabulary that has lost a source those entries name still stops it, as a
    build would, at the file and line that name it."""
    monkeypatch.setattr(schema, "kept", schema.CheckedFiles())
    lines = ROOT / "content" / "guidance" / "lines"
    framework = load_framework(ROOT / "content" / "framework")
    vocabulary = load_vocabulary()
    first = load_prompts(lines, framework, vocabulary)
    assert load_prompts(lines, framework, vocabulary).lines == first.lines  # kept, and the same
    used = first.lines["3.1.1"].sources[0]
    fewer = dataclasses.replace(vocabulary, sources=tuple(s for s in vocabulary.sources if s != used))
    with pytest.raises(DataError) as raised:
        load_prompts(lines, framework, fewer)
    report = raised.value.report(ROOT)
    assert f"names the evidence source '{used.id}', which is not in" in report
    assert re.search(r"lines/\S+\.yaml, line \d+", report), report
