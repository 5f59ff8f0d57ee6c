"""The scale path: a framework ten times the real one builds completely, with pages no bigger."""

from __future__ import annotations

import statistics

import pytest

from conftest import ROOT, build_into, built_once, page
from handbook.synthetic import write_scaled_framework, write_scaled_guidance
from handbook.weight import over_budget, page_weight

# With `--dist loadgroup` (make test): the 10x site is weighed once, on one worker, for all its tests.
pytestmark = pytest.mark.xdist_group("scale")


# At 10x (60 sections), the pages that list the framework's sections list these ranges of them.
RANGES = [f"sections-{first}-{first + 11}/" for first in range(1, 60, 12)]


def element_pages(site):
    return [p for p in (site / "framework").glob("*.*/index.html")]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, worker_id: str):
    """The site of a framework ten times the real one (built once per test run)."""
    def make(work):
        framework = write_scaled_framework(ROOT / "content" / "framework", 10, work / "framework")
        guidance = write_scaled_guidance(ROOT / "content" / "guidance", 10, work / "guidance")
        # Its pages are what these tests weigh; its PDFs (some 240, minutes of CI) are made by scripts/bench.py.
        return build_into(work / "site", "--framework", framework, "--guidance", guidance, "--no-pdfs")

    return built_once(tmp_path_factory, worker_id, "scale-10x", make)


def test_ten_times_the_framework_builds_every_page_with_steady_page_size(site, big):
    assert len(element_pages(big)) == 180
    # Built with --no-pdfs: the Downloads pages say so, and a note stands at each PDF's address.
    for url in ["downloads/", *(f"downloads/{r}" for r in RANGES)]:
        downloads = page(big, url)
        pdfs = {a["href"] for a in downloads.select("article a[href$='.pdf']")}
        assert pdfs and downloads.get_text().count("PDF, not made in this build") == len(pdfs), url
    assert "was built with --no-pdfs" in (big / "downloads" / "hmip-qi-adult-checklist-60.3.pdf").read_text(encoding="utf-8")
    # 180 element pages, 60 section pages and 5 pages of ranges (Sections 1–12...), which the overview lists
    assert len(list((big / "framework").glob("*/index.html"))) == 180 + 60 + 5
    # The overview lists the ranges of sections, each range's page its twelve sections with their elements.
    assert [a["href"] for a in page(big, "framework/").select("article li > a")] == [
        f"sections-{first}-{first + 11}/" for first in range(1, 60, 12)]
    # So does the home page, which lists the sections themselves at 1x.
    assert [a["href"] for a in page(big, "").select("article li > a[href^='framework/sections-']")] == [
        f"framework/sections-{first}-{first + 11}/" for first in range(1, 60, 12)]
    assert [h2["id"] for h2 in page(big, "framework/sections-13-24/").select("article h2")] == [
        f"section-{n}" for n in range(13, 25)]
    last = (big / "framework" / "60.3" / "index.html").read_text(encoding="utf-8")
    assert 'id="line-60.3.4"' in last and "Managers work with partners to make sure that services are effective." in last
    # Within a range, a page's navigation holds that range alone, with its twelve sections (at 100x,
    # in ranges of ranges, the same: see test_engine_ranges.py).
    drawn = [item.get_text(" ", strip=True) for item in page(big, "framework/15.2/").select("nav.md-nav--primary .md-ellipsis")]
    assert [label for label in drawn if label.startswith("Sections ")] == ["Sections 13–24"]
    assert [label.split(".")[0] for label in drawn if label[:1].isdigit() and ". " in label[:4]] == [str(n) for n in range(13, 25)]
    # Material draws the navigation into every page; bounded navigation keeps that from growing with the framework.
    small_size = statistics.median(p.stat().st_size for p in element_pages(site))
    big_size = statistics.median(p.stat().st_size for p in element_pages(big))
    assert big_size < 1.5 * small_size, (small_size, big_size)


@pytest.fixture(scope="module")
def big_over_budget(big) -> list[str]:
    """The pages of the 10x site over their budget: weighing some 600 pages once serves both tests below."""
    return over_budget(big)


def test_at_ten_times_the_framework_every_page_is_within_its_budget(big_over_budget):
    assert big_over_budget == []


def test_a_checklist_of_many_parts_lists_them_in_ranges_of_a_dozen_sections(big):
    """The whole-framework checklist at 10x (60 sections, a hundred parts): its page lists five
    ranges of twelve sections, each range's page its sections with their parts; every page is bounded."""
    listed = [a["href"] for a in page(big, "checklists/whole-framework/").select("nav.hb-checklist__parts a")]
    assert listed == [f"sections-{first}-{first + 11}/" for first in range(1, 60, 12)]
    parts = []
    for href in listed:
        html = page(big, f"checklists/whole-framework/{href}")
        sections = html.select("nav.hb-checklist__parts > ul > li")
        assert len(sections) == 12
        parts += [a["href"].removeprefix("../").removesuffix("/") for a in html.select("nav.hb-checklist__parts li li a")]
    elements = [path.parent.name for path in element_pages(big)]
    assert len(parts) == 10 * 10 and set(parts) <= set(elements) and parts[:2] == ["1.1", "2.1"]  # ten times 1x's ten
    assert all((big / "checklists" / "whole-framework" / part / "index.html").is_file() for part in parts)
    last = page(big, f"checklists/whole-framework/{parts[-1]}/")
    assert text_of(last.select_one(".hb-checklist__part-position")).startswith(f"Part {len(parts)} of {len(parts)}: ")
    # The page listing the parts weighs the same at 10x as at 1x: it never lists more than a dozen entries.
    assert len(page(big, "checklists/whole-framework/").select("nav.hb-checklist__parts li")) == 5


def text_of(tag) -> str:
    return " ".join(tag.get_text().split())


def test_the_checklists_and_downloads_pages_list_ranges_of_a_dozen_sections(big):
    """Beyond a dozen sections, the Checklists and Downloads pages list ranges of sections, each with
    a page listing its sections' and elements' checklists (or their PDFs): every checklist and PDF is
    reached, and no page lists more than a dozen sections, however large the framework."""
    checklists, downloads = page(big, "checklists/"), page(big, "downloads/")
    assert [a["href"] for a in checklists.select("article a[href^='sections-']")] == RANGES
    assert [a["href"] for a in downloads.select("article a[href^='sections-']")] == RANGES
    assert [a["href"] for a in downloads.select("article a[href$='.pdf']")] == [
        "hmip-qi-adult-framework.pdf", "hmip-qi-adult-checklist-whole-framework.pdf"]
    listed, pdfs = [], []
    for href in RANGES:
        html = page(big, f"checklists/{href}")
        links = [a["href"].removeprefix("../").removesuffix("/") for a in html.select("article table a")
                 if not a["href"].endswith(".pdf")]
        assert len([link for link in links if link.isdigit()]) == 12, href
        listed += links
        pdfs += [a["href"].removeprefix("../") for a in page(big, f"downloads/{href}").select("article table a[href$='.pdf']")]
    checklist_pages = {p.parent.name for p in (big / "checklists").glob("*/index.html") if p.parent.name[0].isdigit()}
    assert len(listed) == 60 + 180 and set(listed) == checklist_pages
    assert sorted(pdfs) == sorted(f"hmip-qi-adult-checklist-{slug}.pdf" for slug in checklist_pages)


def weight(site, url: str) -> int:
    return sum(gz for _, gz in page_weight(site, url).values())


def test_the_pages_listing_checklists_and_an_elements_checklist_weigh_no_more_than_at_1x(site, big):
    """The Checklists and Downloads pages, their ranges' pages and an element's checklist are no
    heavier at 10x than at 1x (at 100x, whose pages list ranges of ranges, they weigh the same as at
    10x: scripts/bench.py). Beyond a dozen sections the navigation lists the ranges' pages, not every
    section's and element's checklist: Material draws, on every page, each entry on the way to it
    with its siblings, so deeper nesting would grow every checklist page with the framework."""
    for listing in ("checklists", "downloads"):
        at_1x = weight(site, listing)
        assert weight(big, listing) <= at_1x, listing
        assert max(weight(big, f"{listing}/{r}") for r in RANGES) <= at_1x + 2048, listing
    # Element 3.3 (the longest) and its tenth copy, 57.3: two more digits in places, and no more navigation.
    assert weight(big, "checklists/57.3") <= weight(site, "checklists/3.3") + 64
    navigation = [len(page(s, url).select("nav.md-nav--primary a")) for s, url in ((site, "checklists/3.3/"), (big, "checklists/57.3/"))]
    assert navigation[1] <= navigation[0], navigation
    listed_in = page(big, "checklists/57.3/").select_one(".hb-checklist-intro a[href='../sections-49-60/']")
    assert text_of(listed_in) == "checklists of sections 49–60"
    ranges = [text_of(a) for a in page(big, "checklists/sections-49-60/").select("nav.md-nav--primary a")]
    assert ranges[ranges.index("Checklists"):][:7] == ["Checklists", "Whole-framework checklist", *(
        f"Sections {r.removeprefix('sections-').removesuffix('/').replace('-', '–')}" for r in RANGES)]
