"""The built site has the pages, links, anchors, notices and search index the framework needs."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from conftest import page
from source_text import read_source

SOURCE = read_source()
ELEMENT_IDS = [e.id for s in SOURCE for e in s.elements]


def test_one_page_per_section_and_element_plus_home_introduction_overview(site):
    for url in ["", "introduction/", "framework/"]:
        assert (site / url / "index.html").is_file(), url
    for section in SOURCE:
        assert (site / "framework" / section.id / "index.html").is_file()
    for element_id in ELEMENT_IDS:
        assert (site / "framework" / element_id / "index.html").is_file()
    for name in ["about", "fieldwork", "preparing", "accessibility", "licence"]:
        assert (site / "guidance" / name / "index.html").is_file(), name


def test_each_element_links_to_the_previous_and_next_element(site):
    for index, element_id in enumerate(ELEMENT_IDS):
        html = page(site, f"framework/{element_id}/")
        prev_link = html.select_one("a[rel=prev].hb-pager__prev")
        next_link = html.select_one("a[rel=next].hb-pager__next")
        if index == 0:
            assert prev_link is None
        else:
            assert prev_link["href"] == f"../{ELEMENT_IDS[index - 1]}/"
        if index == len(ELEMENT_IDS) - 1:
            assert next_link is None
        else:
            assert next_link["href"] == f"../{ELEMENT_IDS[index + 1]}/"


def test_each_line_has_an_anchor_and_a_permalink_to_it(site):
    for element_id in ELEMENT_IDS:
        for item in page(site, f"framework/{element_id}/").select("ol.hb-lines > li"):
            link = item.select_one("a.hb-line-id")
            assert link["href"] == f"#{item['id']}"
            assert link.get_text() == item["id"].removeprefix("line-")


def test_every_page_shows_title_version_licence_and_unofficial_notice(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) >= 30
    for path in pages:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        footer = re.sub(r"\s+", " ", html.select_one("footer .hb-attribution").get_text())
        assert "Inspection framework for Quality & Impact Inspection (Adult). Version release date: 04 May 2016." in footer, path
        assert "Contains public sector information licensed under the Open Government Licence v3.0." in footer, path
        assert html.select_one("footer a[rel=license]")["href"].startswith("https://www.nationalarchives.gov.uk/")
        assert "not an official HM Inspectorate of Probation publication" in footer, path
        assert "2016 version of the framework" in footer, path
        banner = re.sub(r"\s+", " ", html.select_one(".hb-announce").get_text())
        assert "Quality & Impact Inspection (Adult) framework, version released 04 May 2016" in banner, path


def test_navigation_mirrors_the_framework(site):
    html = page(site, "framework/3.1/")
    labels = [re.sub(r"\s+", " ", a.get_text()).strip() for a in html.select("nav.md-nav--primary a.md-nav__link")]
    for section in SOURCE:
        assert any(label.startswith(f"{section.id}. ") for label in labels), section.id
    for element in SOURCE[2].elements:
        assert f"{element.id}. {element.title}" in labels


def search_documents(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_holds_every_line(site):
    text_by_page: dict[str, str] = {}
    for doc in search_documents(site):
        # each line is an entry of its own, its number and words as the entry's title
        text_by_page[doc["location"].split("#")[0]] = text_by_page.get(doc["location"].split("#")[0], "") + " " + doc["title"] + " " + doc["text"]
    for section in SOURCE:
        for element in section.elements:
            indexed = re.sub(r"<[^>]+>", "", text_by_page[f"framework/{element.id}/"])
            indexed = re.sub(r"\s+", " ", indexed)
            for line in element.lines:
                assert line in indexed, (element.id, line)


def test_search_index_finds_mappa_on_the_elements_that_mention_it(site):
    pages = {doc["location"].split("#")[0] for doc in search_documents(site)
             if "MAPPA" in doc["title"] + doc["text"] and doc["location"].startswith("framework/") and doc["location"] != "framework/"}
    element_pages = {p for p in pages if re.fullmatch(r"framework/\d+\.\d+/", p)}
    assert element_pages == {"framework/3.1/", "framework/3.3/", "framework/6.2/"}


def test_search_suggestions_and_highlighting_are_on(site):
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["en"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '"search.suggest"' in html and '"search.highlight"' in html
