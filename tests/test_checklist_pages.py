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


def url_of(site: Path, url: str, href: str) -> str:
    """The site address a relative link on the page at `url` leads to ('checklists/case-level/3.1/')."""
    return (site / url / href.split("#")[0].split("?")[0]).resolve().relative_to(site.resolve()).as_posix() + "/"


def parts_of(site: Path, url: str) -> list[str]:
    """The addresses of a split checklist's parts, in order, as its page lists them (through the pages
    of ranges of sections, where it has them); [] for a checklist on one page."""
    found = []
    for link in page(site, url).select("nav.hb-checklist__parts a.hb-part-link"):
        target = url_of(site, url, link["href"])
        found += parts_of(site, target) if "/sections-" in target else [target]
    return found


def checklist_rows(site: Path, url: str) -> list:
    """The rows of a checklist, on its page or, when it is split, on its parts' pages in order."""
    return [row for part in parts_of(site, url) or [url] for row in rows(page(site, part))]


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
        assert [row["data-line"] for row in checklist_rows(site, f"checklists/{kind_id}/")] == expected, kind_id
        assert text(html.h1).removesuffix("¶") == kind["title"] and kind["purpose"] in text(html.select_one("article"))
    assert len(checklist_rows(site, "checklists/whole-framework/")) == 76


# The checklists too long for one page (scripts/handbook/checklists/parts.py): at 1x, those of sections
# 3, 5 and 6, of each kind but the impact evidence sheet (section 1 alone) and of the whole framework.
SPLIT = ["checklists/case-level/", "checklists/organisational/", "checklists/whole-framework/",
         "checklists/3/", "checklists/5/", "checklists/6/"]


def test_a_long_checklist_is_in_parts_of_whole_elements_each_within_one_section(site):
    for url in SPLIT:
        parts = parts_of(site, url)
        assert len(parts) > 1, url
        assert rows(page(site, url)) == [], "the checklist's page lists its parts; the lines are on them"
        seen = []
        for part in parts:
            html = page(site, part)
            elements = [element["id"].removeprefix("element-") for element in html.select(".hb-checklist__element")]
            assert part == f"{url}{elements[0]}/", "a part's address is its first element's id"
            assert len({element.split(".")[0] for element in elements}) == 1, (part, elements)  # never across a section
            assert [row["data-line"] for row in rows(html)] == [f"{e}.{n}" for e in elements for n in range(1, len(ELEMENTS[e].lines) + 1)]
            assert html.select_one(".hb-checklist")["data-checklist"] == url.split("/")[1], "one record across the parts"
            seen += elements
        assert seen == sorted(seen, key=lambda e: [int(n) for n in e.split(".")]) and len(seen) == len(set(seen)), url
    # Consecutive elements share a part while they fit: section 2's three elements are one part.
    assert parts_of(site, "checklists/case-level/")[0] == "checklists/case-level/2.1/"
    assert "checklists/case-level/2.2/" not in parts_of(site, "checklists/case-level/")


def test_checklists_that_fit_one_page_stay_one_page(site):
    for url in ["checklists/impact-evidence/", "checklists/1/", "checklists/2/", "checklists/4/", *(f"checklists/{e}/" for e in ELEMENTS)]:
        html = page(site, url)
        assert html.select_one(".hb-checklist__parts") is None and not (site / url / "sections-1-12").exists(), url
        assert [row["data-line"] for row in rows(html)] == [
            f"{e}.{n}" for e in ELEMENTS if f"checklists/{e.split('.')[0]}/" == url or f"checklists/{e}/" == url
            or (url == "checklists/impact-evidence/" and e.startswith("1.")) for n in range(1, len(ELEMENTS[e].lines) + 1)], url


def test_a_checklists_page_lists_its_parts_with_their_elements_and_lines_and_links_its_pdf(site):
    html = page(site, "checklists/case-level/")
    assert fields(html) == KINDS["case-level"]["fields"] and html.select_one("#hb-records [data-action=export-json]")
    listed = html.select("nav.hb-checklist__parts li li")
    assert len(listed) == len(parts_of(site, "checklists/case-level/"))
    assert text(listed[0]).startswith(f"Part 1: elements 2.1–2.3 ({sum(len(ELEMENTS[e].lines) for e in ('2.1', '2.2', '2.3'))} lines): 2.1. ")
    assert text(listed[1]) == f"Part 2: element 3.1 ({len(ELEMENTS['3.1'].lines)} lines): 3.1. {ELEMENTS['3.1'].title}"
    pdf = html.select_one(".hb-checklist-intro a")
    assert resolve(site, "checklists/case-level/", pdf["href"]) == (site / "downloads" / "hmip-qi-adult-checklist-case-level.pdf").resolve()


def test_a_part_says_where_it_is_and_links_its_neighbours_and_its_checklist(site):
    parts = parts_of(site, "checklists/case-level/")
    for number, url in enumerate(parts, 1):
        html = page(site, url)
        position = html.select_one(".hb-checklist .hb-checklist__part-position")
        assert text(position).startswith(f"Part {number} of {len(parts)}: element"), url
        assert url_of(site, url, position.select_one("a")["href"]) == "checklists/case-level/"
        assert text(position.select_one("a")) == "All parts, fields and records"
        pager = {text(a.select_one(".hb-pager__dir")): url_of(site, url, a["href"]) for a in html.select("nav.hb-pager a")}
        assert pager.get("Previous part") == (parts[number - 2] if number > 1 else None), url
        assert pager.get("Next part") == (parts[number] if number < len(parts) else None), url
        assert fields(html) == [] and html.select_one("#hb-record") is not None  # the record's fields are on the checklist's page
        assert html.select_one("#hb-workspace-link") is not None  # the record bar links the case's inspection through it
    assert text(page(site, parts[1]).h1).removesuffix("¶") == "Case-level checklist: element 3.1"


def test_parts_stay_out_of_the_navigation(site):
    for url in ("checklists/case-level/", "checklists/case-level/3.1/", "framework/3.1/"):
        hrefs = [url_of(site, url, a["href"]) for a in page(site, url).select("nav.md-nav a[href]") if not a["href"].startswith("#")]
        assert hrefs and not [h for h in hrefs if re.fullmatch(r"checklists/[^/]+/[\d.]+\.\d+/", h)], url
    assert "checklists/case-level/" in [url_of(site, "checklists/", a["href"]) for a in page(site, "checklists/").select("nav.md-nav a[href]")]


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
    # A section's checklist on one page, and a part of a long checklist holding several elements.
    for url, element_ids in (("checklists/4/", ["4.1", "4.2", "4.3"]), ("checklists/case-level/2.1/", ["2.1", "2.2", "2.3"]),
                             ("checklists/whole-framework/5.1/", ["5.1", "5.2"])):
        html = page(site, url)
        contents = html.select_one(".hb-checklist nav.hb-checklist__contents")
        expected = []
        for section in (s for s in SOURCE if s.id == element_ids[0].split(".")[0]):
            expected += [(f"#section-{section.id}", f"{section.id}. {section.title}")]
            expected += [(f"#element-{e.id}", f"{e.id}. {e.title}") for e in section.elements if e.id in element_ids]
        assert [(a["href"], text(a)) for a in contents.select("a")] == expected, url
        assert all(html.find(id=href[1:]) is not None for href, _ in expected), url
        assert contents["aria-labelledby"] == contents.select_one("h2")["id"]
    for url in ("checklists/3.1/", "checklists/case-level/3.1/"):  # one element: nothing to jump to
        assert page(site, url).select_one(".hb-checklist__contents") is None, url


DESCRIPTIONS = {value["id"]: value["description"] for value in SCALE_VALUES}


def test_the_scale_is_defined_beside_the_tick_boxes_and_prompts_can_be_hidden(site):
    for url in ("checklists/case-level/2.1/", "checklists/3.1/", "checklists/2/"):
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
        # The rule below reaches every line's prompts through the box right after the switch.
        lines = html.select_one(".hb-checklist__switch + .hb-checklist__lines")
        assert lines.select(".hb-check__prompts") == html.select(".hb-check__prompts"), url
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "checklist.css").read_text(encoding="utf-8")
    assert (f".hb-checklist__switch:has(> #{switch['id']}:checked) + .hb-checklist__lines .hb-check__prompts "
            "{ display: none; }") in css


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


def _named(address: str) -> str:
    """A file's name as in overrides/, without the build's fingerprint (store.3f2a1b9c.js -> store.js)."""
    return re.sub(r"\.[0-9a-f]{8}(?=(?:\.min)?\.(?:css|js)$)", "", Path(address).name)


def test_only_pages_with_a_checklist_load_its_stylesheet_and_records(site):
    assets = {"checklist.css", "load.js", "records.css", "records.js", "pouchdb-9.0.0.min.js"}
    for path in site.rglob("index.html"):
        html = page(site, path.parent.relative_to(site).as_posix())
        loaded = {_named(link["href"]) for link in html.select('link[rel~="stylesheet"]')}
        loaded |= {_named(script["src"]) for script in html.select("script[src]")}
        on_demand = {_named(src) for script in html.select("script[data-load]") for src in script["data-load"].split()}
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
