"""Printing from a real browser (Debian's Chromium): pages lose the site's chrome, checklists keep
their rows whole and print tick boxes and ruled notes."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Page
from pypdf import PdfReader

from conftest import SCALE
from pdf_text import normalise, page_texts, rows_per_page

LABELS = [value["label"] for value in yaml.safe_load(SCALE.read_text(encoding="utf-8"))["values"]]
# On screen and gone from paper: header and search, tabs, both sidebars,
# the announcement bar, the pager between elements, and the links to the checklist.
CHROME = [".md-header", ".md-search", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
          ".md-banner", ".hb-pager", ".hb-checklist-links"]


def test_printing_an_element_page_hides_navigation_and_header(page: Page, base_url: str):
    page.goto(base_url + "framework/3.1/")
    for selector in CHROME:
        assert page.locator(selector).first.is_visible(), f"{selector} should be on screen"
    page.emulate_media(media="print")
    for selector in CHROME:
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator("ol.hb-lines").is_visible()
    assert page.locator(".hb-line-text", has_text="The potential risk of harm posed to others is identified").is_visible()
    assert page.locator("section.hb-guidance").first.is_visible(), "the handbook's guidance is printed too"
    assert not page.locator("a.hb-line-guidance").first.is_visible(), "the on-screen link to it is not"
    assert page.locator(".hb-attribution").is_visible(), "the licence attribution is printed"
    licence_after = page.evaluate("getComputedStyle(document.querySelector('footer a[rel=license]'), '::after').content")
    assert "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" in licence_after
    assert page.evaluate("getComputedStyle(document.querySelector('article h2')).breakAfter") == "avoid"


def test_a_printed_checklist_has_tick_boxes_ruled_notes_and_rows_kept_whole(page: Page, base_url: str, tmp_path):
    """The whole-framework checklist, printed part by part (each part is a page of its own)."""
    page.goto(base_url + "checklists/whole-framework/")
    parts = page.locator("nav.hb-checklist__parts a").evaluate_all("links => links.map(a => a.href)")
    assert len(parts) > 1
    printed = 0
    for number, part in enumerate(parts):
        page.goto(part)
        page.emulate_media(media="print")
        box = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.hb-check__scale input'));
                                       return [s.appearance, s.borderTopStyle, s.borderRadius, s.width, s.height]; }""")
        assert box[:3] == ["none", "solid", "0px"] and box[3] == box[4], box
        assert "linear-gradient" in page.evaluate("getComputedStyle(document.querySelector('.hb-check__notes textarea')).backgroundImage")
        pdf = tmp_path / f"printed-{number}.pdf"
        page.pdf(path=str(pdf), format="A4")
        rows = rows_per_page(page_texts(pdf), LABELS, {"Notes"})
        for at, (ids, scales, notes) in enumerate(rows, 1):
            assert len(ids) == scales == notes, (part, at, ids, scales, notes)
        printed += sum(len(ids) for ids, _, _ in rows)
        assert all(float(p.mediabox.width) == pytest.approx(595.28, abs=1) for p in PdfReader(pdf).pages)
    assert printed == 76


FOOTER = ["Contains public sector information licensed", "This site is not an official"]


@pytest.mark.parametrize("checklist", ["6/6.2", "organisational/6.1"])
def test_a_printed_filled_record_ends_with_a_page_of_its_own_content(page: Page, base_url: str, tmp_path, checklist):
    """These two checklists (now their parts), filled in, once printed with the attribution alone on
    their last page (Chromium split the footer from the content above it)."""
    page.goto(base_url + f"checklists/{checklist}/")
    for check in page.locator(".hb-check").all():
        check.locator("input[type=radio]").first.check()
        check.locator("textarea").fill("Seen in the case record and the supervision notes.")
    page.emulate_media(media="print")
    pdf = tmp_path / "record.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = page_texts(pdf)
    assert len(pages) > 2
    assert all(text in normalise(pages[0]) for text in FOOTER), "the attribution prints on the first page"
    last = normalise(pages[-1])
    for text in FOOTER:
        assert text not in last
    assert len(last) > 100, last
