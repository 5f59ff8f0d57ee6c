"""A first visit stays light: every page, with everything it links, in at most 64 KiB gzipped
(the fieldwork workspace, an application, 128 KiB). tests/test_scale.py holds the 10x site to
the same budgets."""

from __future__ import annotations

import re

import pytest

from handbook.weight import BUDGET, budget, over_budget, page_weight

# Not yet within budget (issue 14, item 3): checklist pages (the records script and each line's
# prompts: 64-70 KiB at 1x, the whole-framework checklist growing with the framework) and the
# workspace, which carries the whole framework for adding up findings: 123 KiB at 1x, 128.1 at 10x.
# (The evidence source, theme and outcome guides are split by section when long: handbook/guides/parts.py.)
KNOWN_HEAVY = re.compile(r"(checklists|workspace)/")
NOT_YET = "issue 14 item 3: checklist pages and the workspace are over their budget"


def test_every_page_but_the_known_heavy_kinds_is_within_its_budget(site):
    assert len(list(site.rglob("index.html"))) > 90
    assert [page for page in over_budget(site) if not KNOWN_HEAVY.match(page)] == []


@pytest.mark.xfail(strict=True, reason=NOT_YET)
def test_every_page_is_within_its_budget(site):
    assert over_budget(site) == []


def test_the_weight_counts_the_page_and_everything_it_loads(site):
    for url in ("", "framework/3.1", "checklists/3.1"):
        weights = page_weight(site, url)
        assert weights["HTML"][1] > 1000 and weights["CSS"][1] > 10_000 and weights["JS"][1] > 30_000, weights
        assert weights["fonts"] == (0, 0), "system fonts: nothing to download"
    checklist, element = page_weight(site, "checklists/3.1"), page_weight(site, "framework/3.1")
    assert checklist["JS"][0] > element["JS"][0], "a checklist page loads the records script as well"
    assert budget("framework/3.1") == BUDGET and budget("fieldwork/workspace/") == 2 * BUDGET
