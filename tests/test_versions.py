"""Versions of a framework, on the fictional one (which has an earlier version and a crosswalk):
the "What changed" page and its downloads, the superseded version's page, the booklet's
appendix, and every kind of bad crosswalk stopping the build. The real 2016 framework has one
version, and its site has none of this."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FICTIONAL_GUIDANCE, broken_copy, page, run_build, tree_digest
from pdf_text import normalise, page_texts

CHANGES = "versions/2029-03-01-to-2031-02-28/"
STEM = "lighthouse-keeping-demo-changes-2029-03-01-to-2031-02-28"
CROSSWALK = "crosswalks/2029-03-01-to-2031-02-28.yaml"

# Read off the two versions' YAML by hand: (kind, old line ids, new line ids).
EXPECTED = [
    ("wording-only", "1.1.2", "1.1.2"),
    ("modified", "1.2.1", "1.2.1"),
    ("moved", "1.2.2", "2.1.2"),
    ("split", "2.2.3", "2.1.4; 2.1.5"),
    ("merged", "2.2.1", "2.1.3"),
    ("merged", "2.2.2", "2.1.3"),
    ("deleted", "1.1.3", ""),
    ("added", "", "2.1.6"),
]
COUNTS = {"unchanged": 2, "wording-only": 1, "modified": 1, "moved": 1, "split": 1, "merged": 2, "deleted": 1, "added": 1}
DELETED_REASON = "Spare wicks are now counted with the oil store's monthly supply (line 1.1.1)."


def test_the_change_log_page_counts_and_lists_exactly_the_expected_changes(fictional_site):
    html = page(fictional_site, CHANGES)
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in html.select("table tbody tr")]
    assert {row[0]: int(row[1]) for row in rows} == {
        "Unchanged": 2, "Wording only": 1, "Modified": 1, "Moved": 1, "Split": 1, "Merged": 2, "Deleted": 1, "Added": 1}
    listed = []
    for change in html.select(".hb-change"):
        kind = next(c for c in change["class"] if c.startswith("hb-change--")).removeprefix("hb-change--")
        links = change.select(".hb-change__lines a")
        old = [a.get_text() for a in links if "2029-03-01" in a["href"]]
        new = [a.get_text() for a in links if "2029-03-01" not in a["href"]]
        listed.append((kind, "; ".join(t.split()[-1] for t in old), "; ".join(t.split()[-1] for t in new)))
    assert listed == EXPECTED
    deleted = html.select_one(".hb-change--deleted")
    assert DELETED_REASON in deleted.get_text() and "After" not in deleted.get_text()


def test_each_change_links_to_both_versions_pages(fictional_site):
    html = page(fictional_site, CHANGES)
    moved = html.select_one(".hb-change--moved .hb-change__lines")
    hrefs = [a["href"] for a in moved.find_all("a")]
    assert hrefs == ["../2029-03-01/#line-1.2.2", "../../framework/2.1/#line-2.1.2"]
    assert page(fictional_site, "versions/2029-03-01/").find(id="line-1.2.2") is not None
    assert page(fictional_site, "framework/2.1/").find(id="line-2.1.2") is not None


def test_the_word_level_difference_is_right_on_a_reworded_line(fictional_site):
    html = page(fictional_site, CHANGES)
    diff = html.select_one(".hb-change--wording-only .hb-diff")
    assert str(diff) == (
        '<dd class="hb-diff">Wicks are trimmed '
        '<del><span class="hb-visually-hidden">[removed: </span>each<span class="hb-visually-hidden">]</span></del> '
        '<ins><span class="hb-visually-hidden">[added: </span>every<span class="hb-visually-hidden">]</span></ins>'
        ' evening.</dd>')
    # Read as text (a screen reader, a copy and paste), the change is still clear without colour or strike-through.
    assert diff.get_text() == "Wicks are trimmed [removed: each] [added: every] evening."
    modified = html.select_one(".hb-change--modified .hb-diff")
    assert modified.get_text() == "A watch log is [removed: kept.] [added: signed each night.]"


def test_the_change_log_downloads_hold_the_same_changes(fictional_site):
    downloads = fictional_site / "downloads"
    rows = list(csv.DictReader(io.StringIO((downloads / f"{STEM}.csv").read_text(encoding="utf-8"))))
    assert sorted((r["type"], r["old_line"], r["new_line"]) for r in rows) == sorted(EXPECTED)
    assert next(r for r in rows if r["type"] == "wording-only")["old_text"] == "Wicks are trimmed each evening."
    assert next(r for r in rows if r["type"] == "deleted")["reason"] == DELETED_REASON
    data = json.loads((downloads / f"{STEM}.json").read_text(encoding="utf-8"))
    assert data["format"] == "inspection-handbook-changes" and data["formatVersion"] == 1
    assert (data["from"]["version"], data["to"]["version"]) == ("2029-03-01", "2031-02-28")
    assert data["counts"] == COUNTS
    assert sorted(data["unchanged"]) == ["1.1.1", "2.1.1"]
    listed = sorted((c["type"], "; ".join(x["id"] for x in c["from"]), "; ".join(x["id"] for x in c["to"]))
                    for c in data["changes"])
    assert listed == sorted(EXPECTED)
    wording = next(c for c in data["changes"] if c["type"] == "wording-only")
    assert wording["diff"] == [["same", "Wicks are trimmed"], ["del", "each"], ["ins", "every"], ["same", "evening."]]
    listed_on_page = [a["href"] for a in page(fictional_site, "downloads/").select("a[href*='-changes-']")]
    assert listed_on_page == [f"{STEM}.json", f"{STEM}.csv"]


def test_the_earlier_version_is_readable_and_marked_superseded(fictional_site):
    old = page(fictional_site, "versions/2029-03-01/")
    banner = old.select_one(".hb-superseded")
    assert "Superseded version" in banner.get_text() and "replaced by the version released 28 February 2031" in banner.get_text()
    assert [li["id"] for li in old.select(".hb-lines li")] == [
        "line-1.1.1", "line-1.1.2", "line-1.1.3", "line-1.2.1", "line-1.2.2", "line-2.1.1", "line-2.2.1", "line-2.2.2",
        "line-2.2.3"]
    assert "Wicks are trimmed each evening." in old.get_text()
    index = json.loads((fictional_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("versions/2029-03-01/") for doc in index["docs"])  # search finds the current text
    versions = page(fictional_site, "versions/")
    assert "Current" in versions.select("table tbody tr")[0].get_text()
    assert "Superseded" in versions.select("table tbody tr")[1].get_text()


def test_the_booklet_ends_with_the_change_log(fictional_site):
    text = normalise(" ".join(page_texts(fictional_site / "downloads" / "lighthouse-keeping-demo-framework.pdf")))
    appendix = text[text.index("Appendix: what changed from 01 March 2029 to 28 February 2031 How each"):]
    assert "Wording only (1) 1.1.2 (01 March 2029) → 1.1.2 (28 February 2031)" in appendix
    assert "Before: Wicks are trimmed each evening. After: Wicks are trimmed every evening." in appendix
    assert f"Deleted (1) 1.1.3 (01 March 2029) Before: Spare wicks are kept in a dry tin. Reason: {DELETED_REASON}" in appendix
    assert "Added (1) 2.1.6 (28 February 2031) After: A spare lens is kept in the store." in appendix


def test_a_framework_with_one_version_has_no_versions_pages(site):
    assert not (site / "versions").exists()
    assert not list((site / "downloads").glob("*-changes-*"))
    assert "What changed" not in (site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "versions/" not in (site / "index.html").read_text(encoding="utf-8")
    assert not page(site, "framework/3.1/").select(".hb-element-changes")


# --- bad crosswalks and versions stop the build --------------------------------------------------

ENTRY_112 = '  - line: "1.1.2"\n    type: wording-only\n    to: ["1.1.2"]\n'
BAD = {  # (file, old, new) -> (line, message)
    "missing old line": ((CROSSWALK, ENTRY_112, ""),
                         (6, "line 1.1.2 of the version released 2029-03-01 has no entry, and its text is different")),
    "unknown target": ((CROSSWALK, '["2.1.2"]', '["2.1.9"]'),
                       (18, "line 1.2.2 is mapped to 2.1.9, which the version released 2031-02-28 does not have")),
    "unknown type": ((CROSSWALK, "type: modified", "type: renamed"),
                     (14, "'type' is 'renamed', not one of 'unchanged', 'wording-only', 'modified'")),
    "deleted without reason": ((CROSSWALK, f'    reason: "{DELETED_REASON}"\n', ""),
                               (11, "line 1.1.3 is deleted without a reason")),
    "line mapped twice": ((CROSSWALK, '  - line: "2.2.3"', '  - line: "2.2.1"'),
                          (25, "line 2.2.1 is mapped twice (first at line 19)")),
    "moved but reworded": ((CROSSWALK, 'to: ["2.1.2"]', 'to: ["2.1.6"]'),
                           (17, "line 1.2.2 is marked moved, but its text changed")),
    "id reused for other text": (("sections/2-lens.yaml", '- id: "2.1.6"', '- id: "2.1.6"\n        text: "x"\n      - id: "2.1.7"'),
                                 (None, "")),
    "earlier version broken": (("versions/2029-03-01/sections/1-lamp.yaml", '      - id: "1.1.3"', '      - id: "1.1.4"'),
                               (13, "line 1.1.4 is out of order")),
    "earlier version in the wrong folder": (("versions/2029-03-01/framework.yaml", 'released: "2029-03-01"', 'released: "2029-03-02"'),
                                            (None, "the version released 2029-03-02 is in the folder versions/2029-03-01/")),
}
BAD["id reused for other text"] = (
    ("sections/1-lamp.yaml", '        text: "A watch log is signed each night."\n',
     '        text: "A watch log is signed each night."\n      - id: "1.2.2"\n        text: "The lamp is lit at sunset."\n'),
    (18, "the version released 2031-02-28 uses the id 1.2.2 for different text, but line 1.2.2 is not mapped to it"))


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_crosswalk_or_version_stops_the_build_with_file_line_and_fix(case, kept, tmp_path):
    out, before = kept
    (file, old, new), (line, message) = BAD[case]
    folder = broken_copy(tmp_path, file, old, new)
    result = run_build("--framework", folder, "--guidance", FICTIONAL_GUIDANCE, "--out", out, "--docs", tmp_path / "docs")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    where = Path(file).name if line is None else f"{Path(file).name}, line {line}:"
    if case == "id reused for other text":
        where = f"{Path(CROSSWALK).name}, line {line}:"
    assert where in result.stderr, result.stderr
    assert message in result.stderr and "fix:" in result.stderr, result.stderr
    assert "Nothing was changed in" in result.stderr
    assert tree_digest(out) == before


def test_element_pages_say_which_of_their_lines_changed_since_the_earlier_version(fictional_site):
    note = page(fictional_site, "framework/2.1/").select_one(".hb-element-changes")
    assert note.get_text(" ", strip=True) == (
        "Since the version released 01 March 2029: line 2.1.2 moved (was 1.2.2); line 2.1.3 merged (was 2.2.1 and 2.2.2); "
        "line 2.1.4 split (was 2.2.3); line 2.1.5 split (was 2.2.3); line 2.1.6 added. What changed in this version")
    assert note.a["href"] == "../../versions/2029-03-01-to-2031-02-28/"
    assert note.has_attr("data-search-exclude")
    assert "line 1.2.1 modified." in page(fictional_site, "framework/1.2/").select_one(".hb-element-changes").get_text()
