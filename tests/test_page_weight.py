"""A first visit stays light: every page, with everything it links, in at most 64 KiB gzipped
(the fieldwork workspace, an application, 128 KiB). tests/test_scale.py holds the 10x site to
the same budgets."""

from __future__ import annotations

from handbook.weight import BUDGET, budget, over_budget, page_weight


def test_every_page_is_within_its_budget(site):
    """Checklists too long for one page are in parts (scripts/handbook/checklists/parts.py), each part
    a page within budget; element checklists fit as they are (the records' scripts load when needed,
    hb/load.js), and so does the workspace (the framework's lines load with the findings)."""
    assert len(list(site.rglob("index.html"))) > 90
    assert (site / "checklists" / "case-level" / "3.1" / "index.html").is_file(), "the long checklists are weighed by part"
    assert over_budget(site) == []


def test_the_weight_counts_the_page_and_everything_it_loads(site):
    for url in ("", "framework/3.1", "checklists/3.1"):
        weights = page_weight(site, url)
        assert weights["HTML"][1] > 1000 and weights["CSS"][1] > 10_000 and weights["JS"][1] > 30_000, weights
        assert weights["fonts"] == (0, 0), "system fonts: nothing to download"
    checklist, element = page_weight(site, "checklists/3.1"), page_weight(site, "framework/3.1")
    assert checklist["JS"][0] > element["JS"][0], "a checklist page loads the records script as well"
    assert budget("framework/3.1") == BUDGET and budget("fieldwork/workspace/") == 2 * BUDGET
