"""Page generation is a plain function of the model: Markdown pages and a navigation."""

from __future__ import annotations

import time

import yaml

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, ROOT, SCALE
from handbook.checklists import load_definitions
from handbook.framework import load_framework
from handbook.site import WRITTEN, GeneratedSite, generate as generate_site, write_docs


def generate(folder, guidance):
    framework = load_framework(folder)
    return generate_site(framework, guidance, load_definitions(folder, SCALE, framework))


SOURCES = [s["id"] for s in yaml.safe_load((ROOT / "data" / "evidence-sources.yaml").read_text())["sources"]]
THEMES = [t["id"] for t in yaml.safe_load((ROOT / "data" / "themes.yaml").read_text())["themes"]]


def test_pages_for_every_part_of_the_fictional_framework():
    site = generate(FICTIONAL, FICTIONAL_GUIDANCE)
    guides = ([f"evidence/{s}.md" for s in SOURCES] + ["evidence/index.md"] + [f"themes/{t}.md" for t in THEMES]
              + ["themes/index.md", "outcomes/index.md", "outcomes/ships-safe.md", "glossary.md"])
    assert sorted(site.pages) == sorted([
        "checklists/1.1.md", "checklists/1.2.md", "checklists/1/index.md", "checklists/2.1.md", "checklists/2/index.md",
        "checklists/full-survey.md", "checklists/index.md", "checklists/night-watch.md", "checklists/whole-framework.md",
        "framework/1.1.md", "framework/1.2.md", "framework/1/index.md", "framework/2.1.md", "framework/2/index.md",
        "framework/index.md", "guidance/about.md", "guidance/accessibility.md", "guidance/licence.md",
        "index.md", "introduction.md", "workspace/index.md", "workspace/framework.js", *guides])
    assert site.site_name == "Imaginary Lighthouses handbook"
    assert site.extra["framework"]["version_date"] == "28 February 2031"


def test_navigation_follows_the_framework_then_the_guidance():
    site = generate(FICTIONAL, FICTIONAL_GUIDANCE)
    assert site.nav[:2] == [{"Home": "index.md"}, {"Foreword": "introduction.md"}]
    assert site.nav[2] == {"The framework": [
        "framework/index.md",
        {"1. The lamp is kept burning": ["framework/1/index.md", {"1.1. Oil is stocked": "framework/1.1.md"},
                                         {"1.2. The keeper keeps watch": "framework/1.2.md"}]},
        {"2. The lens is clean": ["framework/2/index.md", {"2.1. Salt is wiped from the glass": "framework/2.1.md"}]}]}
    guides = next(entry["Guides"] for entry in site.nav if "Guides" in entry)
    assert [next(iter(entry)) for entry in guides] == ["Evidence sources", "Themes", "Outcomes", "Glossary"]
    assert guides[2] == {"Outcomes": ["outcomes/index.md", {"Ships pass safely": "outcomes/ships-safe.md"}]}
    assert site.nav[-1] == {"Using this handbook": [{"About": "guidance/about.md"},
                                                   {"Accessibility statement": "guidance/accessibility.md"},
                                                   {"Licence": "guidance/licence.md"}]}


def test_element_markdown_carries_lines_lead_in_and_links():
    page = generate(FICTIONAL, FICTIONAL_GUIDANCE).pages["framework/1.2.md"]
    assert page.startswith("---\n") and "\nsearch:\n  boost: 2\n---\n# 1.2. The keeper keeps watch\n" in page
    assert '<li id="line-1.2.1">' in page and "A watch log is signed each night." in page
    assert "(<em>to judge whether the <em>light</em> keeps ships safe</em>)" in page
    assert "](1.1.md){ .hb-pager__prev" in page and "](2.1.md){ .hb-pager__next" in page
    assert "](1/index.md)" in page


def test_written_docs_are_the_generated_pages(tmp_path):
    site = generate(ROOT / "content" / "framework", ROOT / "content" / "guidance")
    write_docs(site, tmp_path)
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file() and p.name != WRITTEN}
    # 32 framework and hand-written pages; 29 checklist pages and their index; 11 evidence sources,
    # 14 themes and 3 outcomes with an index each; the glossary; the inspection workspace. Guides too
    # long for one light page get a page per section (6 here): three evidence sources (case record,
    # practitioner and service-user interviews) and one outcome (reoffending). Beside the pages, one
    # script: the framework's lines for the workspace, loaded when its findings are shown. Checklists
    # too long for one light page get a page per part: the case-level checklist 7, the organisational 2,
    # the whole framework's 10, and those of sections 3, 5 and 6: 3, 2 and 2.
    assert written == set(site.pages) and len(written) == 32 + 29 + 12 + 3 * 6 + 15 + 4 + 6 + 1 + 1 + 1 + 26
    assert sorted(name for name in written if not name.endswith(".md")) == ["workspace/framework.js"]


def test_docs_are_written_again_only_where_they_changed(tmp_path):
    """A rebuild leaves unchanged pages alone (at 100x writing them all cost seconds), writes changed
    ones and any changed by hand, and removes pages (and their emptied folders) no longer generated."""
    pdf = tmp_path / "cache" / "checklist.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.7")
    site = GeneratedSite(pages={"index.md": "# Home\n", "a/b/old.md": "# Old\n", "a/older.md": "# Older\n",
                                "guide.md": "# Guide\n", "notes.md": "# Notes\n"}, files={"downloads/checklist.pdf": pdf})
    docs = tmp_path / "docs"
    write_docs(site, docs)
    status = {path: (docs / path).stat().st_mtime_ns for path in ("index.md", "guide.md", "notes.md")}
    linked = (docs / "downloads" / "checklist.pdf").stat().st_ino
    time.sleep(0.05)  # past the file system's clock tick: a file written again would show a later time

    (docs / "notes.md").write_text("# Edited by hand\n", encoding="utf-8")
    del site.pages["a/b/old.md"], site.pages["a/older.md"]
    site.pages["guide.md"] = "# A new guide\n"
    write_docs(site, docs)

    assert (docs / "index.md").stat().st_mtime_ns == status["index.md"]
    assert (docs / "guide.md").read_text(encoding="utf-8") == "# A new guide\n"
    assert (docs / "notes.md").read_text(encoding="utf-8") == "# Notes\n"
    assert not (docs / "a").exists()
    assert (docs / "downloads" / "checklist.pdf").stat().st_ino == linked == pdf.stat().st_ino
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert files == [WRITTEN, "downloads/checklist.pdf", "guide.md", "index.md", "notes.md"]
