"""Evidence source, theme and outcome pages list exactly the lines the data tags; the outcomes
matrix and heat map count them; the glossary explains every term, and the site marks each term."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from conftest import page
from guidance_data import glossary_forms, line_guidance, line_ids, normalise, serving, tagged, vocabulary

OUTCOMES = ["reoffending", "public-protection", "sentence-compliance"]


def listed(html) -> list[str]:
    """The line ids a guide page quotes, in page order."""
    return [a.get_text() for a in html.select("article blockquote.hb-quote .hb-quote__id")]


def resolve(url: str, href: str) -> str:
    """A link's target as a site URL such as 'framework/3.1/#line-3.1.1'."""
    return urljoin(f"http://site/{url}", href).removeprefix("http://site/")


def guide(site, url: str) -> list[tuple[str, BeautifulSoup]]:
    """A guide's pages in reading order: its own, then (when it is split by section) each part's, in turn."""
    html = page(site, url)
    parts = [resolve(url, a["href"]) for a in html.select("article li > a[href]")
             if resolve(url, a["href"]).startswith(url) and resolve(url, a["href"]) != url]
    return [(url, html)] + [found for part in parts for found in guide(site, part)]


def check_grouped_by_element(pages: list[tuple[str, BeautifulSoup]], expected: list[str]) -> None:
    assert [line for _, html in pages for line in listed(html)] == expected
    for url, html in pages:
        for quote in html.select("article blockquote.hb-quote"):
            line_id = quote.select_one(".hb-quote__id").get_text()
            element_id = line_id.rsplit(".", 1)[0]
            assert quote.find_previous("h2")["id"] == f"element-{element_id}"
            assert resolve(url, quote.select_one("a")["href"]) == f"framework/{element_id}/#line-{line_id}"
    elements = [h2["id"] for _, html in pages for h2 in html.select("article h2[id^=element-]")]
    assert elements == list(dict.fromkeys(f"element-{i.rsplit('.', 1)[0]}" for i in expected))


def test_each_evidence_source_page_lists_exactly_its_lines_with_their_questions(site):
    guidance = line_guidance()
    for source in vocabulary("evidence-sources", "sources"):
        pages = guide(site, f"evidence/{source['id']}/")
        expected = tagged("sources", source["id"])
        assert expected, f"{source['id']} is used by no line"
        check_grouped_by_element(pages, expected)
        for quote in (q for _, html in pages for q in html.select("article blockquote.hb-quote")):
            questions = [normalise(li.get_text()) for li in quote.find_next_sibling("ol").select("li")]
            assert questions == guidance[quote.select_one(".hb-quote__id").get_text()]["questions"]


def test_each_theme_page_lists_exactly_its_lines(site):
    for theme in vocabulary("themes", "themes"):
        expected = tagged("themes", theme["id"])
        assert expected, f"{theme['id']} is used by no line"
        check_grouped_by_element(guide(site, f"themes/{theme['id']}/"), expected)


def test_each_outcome_page_lists_exactly_its_lines_with_their_reasons(site):
    for outcome in OUTCOMES:
        pages = guide(site, f"outcomes/{outcome}/")
        expected = serving(outcome)
        check_grouped_by_element(pages, list(expected))
        reasons = [normalise(p.get_text()).removeprefix("Why: ") for _, html in pages for p in html.select("article p.hb-reason")]
        assert reasons == list(expected.values())


def test_index_pages_count_the_lines_of_each_source_and_theme(site):
    for url, name, key, field in [("evidence/", "evidence-sources", "sources", "sources"), ("themes/", "themes", "themes", "themes")]:
        items = page(site, url).select("article ul > li")
        entries = vocabulary(name, key)
        assert [li.a["href"] for li in items] == [f"{e['id']}/" for e in entries]
        for li, entry in zip(items, entries):
            count = len(tagged(field, entry["id"]))
            assert f"({count} line{'s' if count != 1 else ''})" in li.get_text()


def test_outcomes_matrix_counts_each_elements_lines_per_outcome(site):
    html = page(site, "outcomes/")
    table = html.select_one("article table.hb-matrix__table")
    assert normalise(html.find(id=table["aria-labelledby"]).get_text()) == "Lines of each element that serve each outcome"
    assert [normalise(th.get_text()) for th in table.select("thead th")] == [
        "Element", "Lines", "Reoffending is reduced", "The public is protected from harm", "Individuals abide by their sentence"]
    rows = table.select("tbody tr:has(th[scope=row])")
    elements = list(dict.fromkeys(i.rsplit(".", 1)[0] for i in line_ids()))
    assert [row.th.a.get_text() for row in rows] == elements
    served = {outcome: serving(outcome) for outcome in OUTCOMES}
    cells = {}
    for row, element in zip(rows, elements):
        lines = [i for i in line_ids() if i.rsplit(".", 1)[0] == element]
        expected = [sum(i in served[o] for i in lines) for o in OUTCOMES]
        numbers = [int(re.match(r"\d+", td.get_text()).group()) for td in row.select("td")]
        assert numbers == [len(lines), *expected], element
        cells[element] = expected
        for td, outcome, count in zip(row.select("td.hb-matrix__count"), OUTCOMES, expected):
            if not count:
                assert td.a is None
                continue
            # The count links to the element's lines in the outcome's guide, on its part for the section if split.
            target, anchor = resolve("outcomes/", td.a["href"]).split("#")
            assert target.startswith(f"outcomes/{outcome}/") and anchor == f"element-{element}"
            listed_there = [i for i in listed(page(site, target)) if i.rsplit(".", 1)[0] == element]
            assert len(listed_there) == count, (element, outcome)
    totals = [normalise(td.get_text()) for td in table.select("tfoot td")]
    assert totals == ["76", *(str(len(served[o])) for o in OUTCOMES)]
    # The heat map comes after the table and shows the same numbers, row by row.
    figure = table.find_next("figure")
    svg = figure.svg
    assert svg["role"] == "img" and svg.title.get_text() and svg.desc.get_text()
    assert [t.get_text() for t in svg.select("text.hb-heat__label")] == elements
    assert [int(t.get_text()) for t in svg.select("text.hb-heat__count")] == [n for e in elements for n in cells[e]]
    shades = [rect["class"][1] for rect in svg.select("rect.hb-heat")]
    assert [s for s, n in zip(shades, [n for e in elements for n in cells[e]]) if n == 0] == \
        ["hb-heat--0"] * sum(n == 0 for e in elements for n in cells[e])
    assert "style" not in str(svg)  # colours come from the stylesheet, so a strict CSP allows them


def test_glossary_page_explains_every_term(site):
    html = page(site, "glossary/")
    for term in vocabulary("glossary", "terms"):
        anchor = re.sub(r"[^a-z0-9]+", "-", term["term"].lower()).strip("-")
        heading = html.find(id=anchor)
        assert heading is not None and normalise(heading.get_text()).removesuffix("¶") == term["term"]
        text = normalise(heading.find_next_sibling("p").get_text())
        assert term["definition"] in text
        assert term.get("expansion", "") in text


def test_issue_terms_are_in_the_glossary():
    terms = {t["term"] for t in vocabulary("glossary", "terms")}
    assert {"MAPPA", "CQC", "Ofsted", "HMIC", "CSSIW", "Estyn", "HIW", "desistance", "breach action",
            "resettlement", "social capital", "protective factors", "service user"} <= terms


def test_every_occurrence_of_a_glossary_term_is_an_abbreviation_with_its_meaning(site):
    forms = glossary_forms()
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?!\w)")
    marked = 0
    for path in sorted(site.rglob("index.html")):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        for abbr in article.select("abbr"):
            assert abbr.get("title") == forms[abbr.get_text()], (path, abbr)
            marked += 1
        for text in article.find_all(string=pattern):
            if not text.find_parent(["abbr", "svg", "script"]):  # a data script (the workspace's) is not text
                raise AssertionError(f"{path}: {pattern.search(text).group()!r} is not marked in {text!r}")
    assert marked > 500


def test_terms_are_marked_inside_the_framework_text_too(site):
    line = page(site, "framework/3.1/").select_one("#line-3\\.1\\.2 .hb-line-text")
    assert line.select_one("abbr").get_text() == "MAPPA"
    assert line.select_one("abbr")["title"] == "Multi-Agency Public Protection Arrangements"
    introduction = page(site, "introduction/").select_one(".hb-official")
    assert {abbr.get_text() for abbr in introduction.select("abbr")} >= {"CQC", "Ofsted", "HMIC", "CSSIW", "Estyn", "HIW"}
    for element, line, term in [("4.3", "4\\.3\\.3", "social capital"), ("1.3", "1\\.3\\.2", "breach action"),
                                ("5.3", "5\\.3\\.4", "desistance"), ("3.3", "3\\.3\\.10", "Resettlement")]:
        assert term in [abbr.get_text() for abbr in page(site, f"framework/{element}/").select(f"#line-{line} abbr")]


def nav_levels(entries: list, trail: str = "") -> dict[str, int]:
    """Every level of a navigation (by its trail of titles) and how many entries it holds."""
    levels = {trail or "top": len(entries)}
    for entry in entries:
        if isinstance(entry, dict):
            ((title, children),) = entry.items()
            if isinstance(children, list):
                levels |= nav_levels(children, f"{trail} > {title}")
    return levels


def test_every_level_of_the_navigation_keeps_to_12_entries_the_themes_included():
    from conftest import ROOT
    from handbook import pipeline

    _, site = pipeline.check(ROOT / "content" / "framework", ROOT / "content" / "guidance")
    levels = nav_levels(site.nav)
    assert max(levels.values()) <= 12, {trail: n for trail, n in levels.items() if n > 12}
    themes = next(trail for trail in levels if trail.endswith("> Guides > Themes"))
    assert [trail.rsplit(" > ", 1)[1] for trail in levels if trail.startswith(themes + " > ")] == ["Themes C–S", "Themes V–W"]


def test_a_long_guide_is_split_by_section_and_each_part_leads_back(site):
    """The case record informs most lines: its guide lists the sections with their counts, and each
    section's lines are on a page of their own, which names and links the guide it belongs to."""
    html = page(site, "evidence/case-record/")
    assert listed(html) == []
    parts = html.select("article li > a[href]")
    expected = tagged("sources", "case-record")
    sections = list(dict.fromkeys(i.split(".")[0] for i in expected))
    assert [a["href"] for a in parts] == [f"{s}/" for s in sections]
    for a, section in zip(parts, sections):
        count = sum(i.split(".")[0] == section for i in expected)
        assert a.get_text().startswith(f"Section {section}. ") and f": {count} line" in a.parent.get_text()
        part = page(site, f"evidence/case-record/{section}/")
        assert normalise(part.h1.get_text()).startswith(f"Case record: Section {section}. ")
        assert [i.split(".")[0] for i in listed(part)] == [section] * count
        assert part.select_one("article a[href='../']").get_text() == "Case record"
