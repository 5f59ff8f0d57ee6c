"""The PDFs as a reader gets them: verbatim lines in order, A4 pages, metadata, bookmarks,
a footer on every page, and no heading or row left stranded at a page break."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, SCALE
from pdf_text import normalise, page_of, page_texts, rows_per_page
from source_text import read_source

SOURCE = read_source()
SECTIONS = {section.id: section for section in SOURCE}
ELEMENTS = {element.id: element for section in SOURCE for element in section.elements}
META = yaml.safe_load((ROOT / "content" / "framework" / "framework.yaml").read_text(encoding="utf-8"))
KINDS = yaml.safe_load((ROOT / "content" / "framework" / "checklists.yaml").read_text(encoding="utf-8"))["kinds"]
LABELS = [value["label"] for value in yaml.safe_load(SCALE.read_text(encoding="utf-8"))["values"]]
NOTES_LABELS = {"Notes", *(kind["notes"]["label"] for kind in KINDS if "notes" in kind)}
A4 = (595.28, 841.89)  # points


def downloads(site: Path) -> Path:
    return site / "downloads"


def checklist_pdf(site: Path, slug: str) -> Path:
    return downloads(site) / f"{META['id']}-checklist-{slug}.pdf"


def booklet_pdf(site: Path) -> Path:
    return downloads(site) / f"{META['id']}-framework.pdf"


# slug -> (title, the sections it holds, each with the ids of the elements it holds)
CHECKLISTS: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {
    "whole-framework": ("Whole-framework checklist", [(s.id, [e.id for e in s.elements]) for s in SOURCE]),
    **{kind["id"]: (kind["title"], [(s, [e.id for e in SECTIONS[s].elements]) for s in kind["sections"]]) for kind in KINDS},
    **{s.id: (f"Section {s.id} checklist", [(s.id, [e.id for e in s.elements])]) for s in SOURCE},
    **{e: (f"Element {e} checklist", [(e.split(".")[0], [e])]) for e in ELEMENTS},
}


def test_there_is_a_pdf_for_every_checklist_and_the_booklet(site):
    expected = {checklist_pdf(site, slug).name for slug in CHECKLISTS} | {booklet_pdf(site).name}
    assert {path.name for path in downloads(site).glob("*.pdf")} == expected
    assert len(expected) == 18 + 6 + 3 + 1 + 1


def test_each_element_pdf_holds_its_lines_verbatim_and_in_order(site):
    for element_id, element in ELEMENTS.items():
        text = normalise(" ".join(page_texts(checklist_pdf(site, element_id))))
        position = text.index(normalise(f"{element_id}. {element.title}"))
        for number, line in enumerate(element.lines, 1):
            row = normalise(f"{element_id}.{number} {line}")
            found = text.find(row, position)
            assert found > position, (element_id, number, line)
            position = found
        assert len(re.findall(rf"\b{re.escape(element_id)}\.\d+ ", text)) == len(element.lines), element_id


def test_kind_checklists_hold_exactly_their_sections_in_order(site):
    for kind in KINDS:
        text = normalise(" ".join(page_texts(checklist_pdf(site, kind["id"]))))
        expected = [f"{e.id}.{n}" for s in kind["sections"] for e in SECTIONS[s].elements
                    for n in range(1, len(e.lines) + 1)]
        assert re.findall(r"(?<![\d.])(\d+\.\d+\.\d+) ", text) == expected, kind["id"]


def test_every_page_of_every_pdf_is_a4(site):
    for path in downloads(site).glob("*.pdf"):
        for number, pdf_page in enumerate(PdfReader(path).pages, 1):
            size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
            assert size == pytest.approx(A4, abs=0.5), (path.name, number, size)


def test_metadata_names_the_document_its_author_subject_and_language(site):
    publisher = META["publisher"]["name"]
    documents = {checklist_pdf(site, slug): f"{title}: {META['short_title']}" for slug, (title, _) in CHECKLISTS.items()}
    documents[booklet_pdf(site)] = META["title"]
    for path, title in documents.items():
        reader = PdfReader(path)
        assert reader.metadata.title == title, path.name
        assert reader.metadata.author == publisher
        assert "04 May 2016" in reader.metadata.subject and f"Not an official {publisher} publication" in reader.metadata.subject
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == "en"
        assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog, f"{path.name} is not tagged"


def outline_titles(items) -> list:
    """pypdf's outline as nested lists of titles: a title, then the list of its children."""
    result: list = []
    for item in items:
        if isinstance(item, list):
            result.append(outline_titles(item))
        else:
            result.append(normalise(item.title))
    return result


def test_booklet_outline_has_one_entry_per_section_and_element(site):
    expected: list = ["Introduction"]
    for section in SOURCE:
        expected += [f"{section.id}. {section.title}", [f"{e.id}. {e.title}" for e in section.elements]]
    assert outline_titles(PdfReader(booklet_pdf(site)).outline) == expected


def test_booklet_contents_give_the_page_each_part_starts_on(site):
    pages = page_texts(booklet_pdf(site))
    contents = page_of(pages, "Contents")
    listing = normalise(pages[contents])
    parts = ["Introduction"] + [f"{s.id}. {s.title}" for s in SOURCE] + [f"{e.id}. {e.title}" for e in ELEMENTS.values()]
    for part in parts:
        match = re.search(re.escape(part) + r" ?[. ]*?(\d+)(?!\.)", listing)
        assert match, part
        assert int(match[1]) == page_of(pages, part, after=contents) + 1, part


def test_a_kind_checklist_opens_with_contents_giving_each_part_s_page_and_the_scale_defined(site):
    pages = page_texts(checklist_pdf(site, "case-level"))
    first = normalise(pages[0])
    case_level = next(kind for kind in KINDS if kind["id"] == "case-level")
    for section in (SECTIONS[s] for s in case_level["sections"]):
        for part in [f"{section.id}. {section.title}", *(f"{e.id}. {e.title}" for e in section.elements)]:
            match = re.search(re.escape(part) + r" ?[. ]*?(\d+)(?!\.)", first)
            assert match, part
            assert int(match[1]) == page_of(pages, part, after=0) + 1, part
    scale = yaml.safe_load(SCALE.read_text(encoding="utf-8"))["values"]
    assert all(normalise(f"{value['label']} {value['description']}") in first for value in scale)
    assert "Hide the handbook's prompts" not in " ".join(pages)  # a switch for the screen only


def test_booklet_holds_the_introduction_and_every_line_verbatim_in_order(site):
    text = normalise(" ".join(page_texts(booklet_pdf(site))))
    position = text.index("This inspection framework is used in our core inspection")
    for element_id, element in ELEMENTS.items():
        for number, line in enumerate(element.lines, 1):
            found = text.find(normalise(f"{element_id}.{number} {line}"), position)
            assert found > position, (element_id, number)
            position = found


def test_every_page_has_the_footer(site):
    documents = {checklist_pdf(site, slug): title for slug, (title, _) in CHECKLISTS.items()}
    documents[booklet_pdf(site)] = "Framework booklet"
    for path, name in documents.items():
        pages = page_texts(path)
        first = 1 if name == "Framework booklet" else 0  # the booklet's cover has none
        for number, text in enumerate(pages[first:], first + 1):
            footer = normalise(text)
            for part in (f"{name} · {META['title']} · version released 04 May 2016", f"Page {number} of {len(pages)}",
                         "© Crown copyright 2016. Contains public sector information licensed under the Open Government Licence v3.0."):
                assert part in footer, (path.name, number, part)


def after_contents(pages: list[str], key: str = "What the judgement boxes mean") -> list[str]:
    """The pages with everything before the scale's key left out: the contents list before it names
    every heading."""
    at = page_of(pages, key)
    return [""] * at + [pages[at].split(key, 1)[1]] + pages[at + 1:]


def test_no_heading_ends_a_page_without_what_follows_it(site):
    for slug, (_, sections) in CHECKLISTS.items():
        pages = after_contents(page_texts(checklist_pdf(site, slug)))
        for section_id, element_ids in sections:
            # An element's checklist names its section in a line above the element's heading.
            section_heading = ("Section " if slug in ELEMENTS else "") + f"{section_id}. {SECTIONS[section_id].title}"
            first_element = f"{element_ids[0]}. {ELEMENTS[element_ids[0]].title}"
            assert page_of(pages, section_heading) == page_of(pages, first_element), (slug, section_id)
            for element_id in element_ids:
                element = ELEMENTS[element_id]
                first_row = f"{element_id}.1 {element.lines[0][:40]}"
                assert page_of(pages, f"{element_id}. {element.title}") == page_of(pages, first_row), (slug, element_id)
    pages = page_texts(booklet_pdf(site))
    contents = page_of(pages, "Contents")
    for element_id, element in ELEMENTS.items():
        heading = page_of(pages, f"{element_id}. {element.title}", after=contents)
        assert heading == page_of(pages, f"{element_id}.1 {element.lines[0][:40]}", after=contents), element_id


def test_no_row_is_split_across_pages(site):
    for slug, (_, sections) in CHECKLISTS.items():
        rows = rows_per_page(page_texts(checklist_pdf(site, slug)), LABELS, NOTES_LABELS)
        for number, (ids, scales, notes_areas) in enumerate(rows, 1):
            assert len(ids) == scales == notes_areas, (slug, number, ids, scales, notes_areas)
        expected = sum(len(ELEMENTS[e].lines) for _, elements in sections for e in elements)
        assert sum(len(ids) for ids, _, _ in rows) == expected, slug
