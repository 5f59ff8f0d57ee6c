"""A first visit stays light: an element page, with everything it links, in at most 64 KiB gzipped."""

from __future__ import annotations

from handbook.weight import page_weight

BUDGET = 64 * 1024  # gzip -9 bytes; the search index, fetched only when searching, is not linked


def test_every_element_pages_first_visit_is_within_budget(site):
    element_pages = sorted(p.parent for p in site.glob("framework/*.*/index.html"))
    assert len(element_pages) == 18
    for folder in element_pages:
        weights = page_weight(site, folder.relative_to(site).as_posix())
        assert weights["CSS"][0] and weights["JS"][0], weights  # the theme's files are counted
        assert weights["fonts"] == (0, 0), "system fonts: nothing to download"
        assert sum(gz for _, gz in weights.values()) <= BUDGET, (folder.name, weights)
