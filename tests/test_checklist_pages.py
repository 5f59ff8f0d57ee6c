"""Checklist pages on the site, the links to them, and the Downloads page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from pypdf import PdfReader

from conftest import ROOT, SCALE, page
from source_text import read_source

SOURCE = read_source()
ELEMENTS = {element.id: element for section in SOURCE for element in section.elements}
SCALE_VALUES = yaml.safe_load(SCALE.read_text(encoding="utf-8"))["values"]
CHECKLISTS = yaml.safe_load((ROOT / "content" / "framework" / "checklists.yaml").read_text(encoding="utf-8"))
KINDS = {kind["id"]: kind for kind in CHECKLISTS["kinds"]}


def text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text()).strip()


def rows(html) -> list:
    return html.select(".hb-checklist .hb-check")


def resolve(site: Path, url: str, href: str) -> Path:
    """The file a relative link on the page at `url` leads to."""
    target = (site / url / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def test_there_is_a_page_for_every_checklist(site):
    urls = ["checklists/", "checklists/whole-framework/", *(f"checklists/{kind}/" for kind in KINDS),
            *(f"checklists/{s.id}/" for s in SOURCE), *(f"checklists/{e}/" for e in ELEMENTS)]
    for url in urls:
        assert (site / url / "index.html").is_file(), url


def test_each_row_has_id_verbatim_text_scale_and_labelled_notes(site):
    for element_id, element in ELEMENTS.items():
        html = page(site, f"checklists/{element_id}/")
        found = rows(html)
        assert [row["data-line"] for row in found] == [f"{element_id}.{n}" for n in range(1, len(element.lines) + 1)]
        for row, line in zip(found, element.lines):
            line_id = row["data-line"]
            assert row["id"] == f"check-{line_id}" and text(row.select_one(".hb-check__id")) == line_id
            assert text(row.select_one(".hb-check__text")) == line
            radios = row.select(f"fieldset.hb-check__scale input[type=radio][name='judgement-{line_id}']")
            assert [radio["value"] for radio in radios] == [value["id"] for value in SCALE_VALUES]
            assert [text(radio.parent) for radio in radios] == [value["label"] for value in SCALE_VALUES]
            assert text(row.select_one("fieldset legend")) == f"Judgement on {line_id}"
            notes = row.select_one(f"textarea[id='notes-{line_id}']")
            assert notes is not None and notes["name"] == f"notes-{line_id}"
            assert row.select_one(f"label[for='notes-{line_id}']") is not None


def test_kind_checklists_hold_exactly_their_sections(site):
    for kind_id, kind in KINDS.items():
        html = page(site, f"checklists/{kind_id}/")
        expected = [f"{e.id}.{n}" for s in SOURCE if s.id in kind["sections"] for e in s.elements
                    for n in range(1, len(e.lines) + 1)]
        assert [row["data-line"] for row in rows(html)] == expected, kind_id
        assert text(html.h1).removesuffix("¶") == kind["title"] and kind["purpose"] in text(html.select_one("article"))
    whole = page(site, "checklists/whole-framework/")
    assert len(rows(whole)) == 76


def fields(html) -> list[str]:
    return [text(label) for label in html.select(".hb-checklist__field label")]


def test_header_fields_and_notes_follow_the_kind_that_covers_the_section(site):
    case, organisational = KINDS["case-level"], KINDS["organisational"]
    assert fields(page(site, "checklists/case-level/")) == case["fields"]
    assert fields(page(site, "checklists/3/")) == case["fields"]
    assert fields(page(site, "checklists/2.1/")) == case["fields"]
    assert fields(page(site, "checklists/6.1/")) == organisational["fields"]
    assert fields(page(site, "checklists/whole-framework/")) == CHECKLISTS["fields"]
    evidence = page(site, "checklists/1.1/")
    assert fields(evidence) == CHECKLISTS["fields"]  # the impact evidence sheet asks the default fields
    assert {text(label) for label in evidence.select(".hb-check__notes label")} == {"Evidence on 1.1.1", "Evidence on 1.1.2"}
    assert evidence.select_one(".hb-check__notes textarea")["rows"] == "5"
    for field in page(site, "checklists/case-level/").select(".hb-checklist__field"):
        assert field.select_one("input[type=text]")["id"] == field.select_one("label")["for"]


def test_a_key_tells_the_framework_text_from_the_checklists_own(site):
    key = text(page(site, "checklists/3.1/").select_one(".hb-checklist__key"))
    assert "is the published framework's own wording (HMI Probation, version released 04 May 2016)" in key
    assert "the judgement boxes (Yes, Partly, No, Not applicable) and the areas headed “Notes” belong to this checklist, not to the framework" in key


def test_long_checklists_open_with_contents_linking_to_every_section_and_element(site):
    for url, section_ids in (("checklists/case-level/", KINDS["case-level"]["sections"]),
                             ("checklists/whole-framework/", [s.id for s in SOURCE]), ("checklists/3/", ["3"])):
        html = page(site, url)
        contents = html.select_one(".hb-checklist nav.hb-checklist__contents")
        expected = []
        for section in (s for s in SOURCE if s.id in section_ids):
            expected += [(f"#section-{section.id}", f"{section.id}. {section.title}")]
            expected += [(f"#element-{e.id}", f"{e.id}. {e.title}") for e in section.elements]
        assert [(a["href"], text(a)) for a in contents.select("a")] == expected, url
        assert all(html.find(id=href[1:]) is not None for href, _ in expected), url
        assert contents["aria-labelledby"] == contents.select_one("h2")["id"]
    assert page(site, "checklists/3.1/").select_one(".hb-checklist__contents") is None  # one element: nothing to jump to


DESCRIPTIONS = {value["id"]: value["description"] for value in SCALE_VALUES}


def test_the_scale_is_defined_beside_the_tick_boxes_and_prompts_can_be_hidden(site):
    for url in ("checklists/case-level/", "checklists/3.1/"):
        html = page(site, url)
        key = html.select_one(".hb-checklist .hb-checklist__scale-key")
        assert "(this handbook's guidance)" in text(key)
        assert [(text(dt), text(dd)) for dt, dd in zip(key.select("dt"), key.select("dd"))] == \
            [(value["label"], value["description"]) for value in SCALE_VALUES]
        # Where the boxes are used: each box is described by its value's meaning (read by screen readers)...
        for radio in html.select(".hb-check input[type=radio]"):
            assert text(html.find(id=radio["aria-describedby"])) == DESCRIPTIONS[radio["value"]], (url, radio)
        # ... and a longer checklist repeats the key, folded, at the start of each element.
        elements = html.select(".hb-checklist__element")
        keys = [element.select_one(".hb-checklist__element-title + .hb-checklist__kind + details.hb-checklist__scale-key")
                for element in elements]
        if len(elements) > 1:
            assert all(key and text(key.select_one("summary")) == "What the judgement boxes mean" for key in keys), url
            assert [text(dd) for dd in keys[-1].select("dd")] == list(DESCRIPTIONS.values())
        else:
            assert keys == [None], url
        switch = html.select_one(".hb-checklist__switch input[type=checkbox]")
        assert text(html.select_one(f"label[for='{switch['id']}']")).startswith("Hide the handbook's prompts")
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "checklist.css").read_text(encoding="utf-8")
    assert f".hb-checklist:has(#{switch['id']}:checked) .hb-check__prompts {{ display: none; }}" in css


def test_the_checklists_page_gives_each_scale_value_and_each_step_its_own_item(site):
    """Once the last value ran into the next step: 'Not applicable.- Write what you found'."""
    html = page(site, "checklists/")
    heading = html.select_one("article h2#how-to-fill-one-in")
    steps = heading.find_next_sibling("ul").find_all("li", recursive=False)
    assert any(text(step).startswith("Write what you found, and where") for step in steps[1:])
    values = steps[0].select("ul > li")
    assert [text(li) for li in values] == [f"{v['label']}: {v['description']}" for v in SCALE_VALUES]
    assert "- Write" not in text(html.select_one("article"))


def test_element_pages_link_to_their_checklist_page_and_pdf(site):
    for element_id in ELEMENTS:
        url = f"framework/{element_id}/"
        links = page(site, url).select(".hb-checklist-links a")
        targets = [resolve(site, url, a["href"]) for a in links]
        assert targets == [(site / "checklists" / element_id / "index.html").resolve(),
                           (site / "downloads" / f"hmip-qi-adult-checklist-{element_id}.pdf").resolve()]
        assert all(target.is_file() for target in targets)


def test_section_pages_link_to_their_section_checklist(site):
    for section in SOURCE:
        url = f"framework/{section.id}/"
        targets = [resolve(site, url, a["href"]) for a in page(site, url).select(".hb-checklist-links a")]
        assert targets == [(site / "checklists" / section.id / "index.html").resolve(),
                           (site / "downloads" / f"hmip-qi-adult-checklist-{section.id}.pdf").resolve()]
        assert all(target.is_file() for target in targets)


def test_downloads_page_lists_every_pdf_with_its_pages_and_size(site):
    listed = {}
    for row in page(site, "downloads/").select("article table tbody tr"):
        link = row.select_one("td a")
        if not link["href"].endswith(".pdf"):
            continue  # the workbook and open data: tests/test_exports.py
        listed[resolve(site, "downloads/", link["href"])] = row.select("td")[-1].get_text().strip()
    pdfs = sorted((site / "downloads").glob("*.pdf"))
    assert sorted(listed) == [p.resolve() for p in pdfs] and len(pdfs) == 29
    for path, shown in listed.items():
        pages = len(PdfReader(path).pages)
        kilobytes = round(path.stat().st_size / 1024)
        assert shown == f"PDF, {pages}\xa0page{'s' if pages != 1 else ''}, {kilobytes}\xa0KB", path.name


def test_navigation_has_checklists_and_downloads(site):
    tabs = [text(a) for a in page(site, "").select(".md-tabs__link")]
    assert tabs.index("Checklists") == tabs.index("The framework") + 1
    assert "Downloads" in tabs


def test_checklist_pages_are_left_out_of_search(site):
    """Their text is the element pages' text: searching should find the element, not five copies."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert "checklists/" in locations and "downloads/" in locations
    assert not any(re.fullmatch(r"checklists/.+/", location) for location in locations)


def test_only_pages_with_a_checklist_load_its_stylesheet_and_records(site):
    assets = {"checklist.css", "load.js", "records.css", "records.js", "pouchdb-9.0.0.min.js"}
    for path in site.rglob("index.html"):
        html = page(site, path.parent.relative_to(site).as_posix())
        loaded = {Path(link["href"]).name for link in html.select('link[rel~="stylesheet"]')}
        loaded |= {Path(script["src"]).name for script in html.select("script[src]")}
        on_demand = {Path(src).name for script in html.select("script[data-load]") for src in script["data-load"].split()}
        if html.select(".hb-checklist"):  # the records' stylesheet and scripts load when needed (hb/load.js)
            assert loaded & assets == {"checklist.css", "load.js"}, path
            assert on_demand == {"records.css", "pouchdb-9.0.0.min.js", "model.js", "store.js", "records.js"}, path
        elif html.select("#hb-workspace"):  # the workspace shares records.css (the judgements' colours)
            assert loaded & assets == {"records.css", "pouchdb-9.0.0.min.js"}, path
        else:
            assert loaded & assets == set() and not on_demand, path


def test_the_fictional_framework_gets_its_own_kinds_fields_and_notes(fictional_site):
    night = page(fictional_site, "checklists/night-watch/")
    assert fields(night) == ["Lighthouse", "Keeper", "Date"]
    assert [row["data-line"] for row in rows(night)] == ["1.1.1", "1.1.2", "1.2.1"]
    assert text(night.select_one(".hb-check__notes label")) == "What was seen on 1.1.1"
    survey = page(fictional_site, "checklists/full-survey/")
    assert fields(survey) == ["Lighthouse", "Surveyor", "Date"]
    assert [row["data-line"] for row in rows(survey)] == ["1.1.1", "1.1.2", "1.2.1", *(f"2.1.{n}" for n in range(1, 7))]
    assert (fictional_site / "downloads" / "lighthouse-keeping-demo-checklist-full-survey.pdf").is_file()
    for path in [*(fictional_site / "checklists").rglob("index.html"), fictional_site / "downloads" / "index.html"]:
        html = path.read_text(encoding="utf-8")
        for word in ("Probation", "indicator", "enquiry"):  # the 2016 framework's words
            assert word not in html, (path, word)
