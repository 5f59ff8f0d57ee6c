"""The framework's own pages: navigation stays shallow and short at any size."""

from __future__ import annotations

from handbook.pages.framework_pages import bounded_nav


def depth_and_widths(entries, depth=1):
    widths = [len(entries)]
    deepest = depth
    for entry in entries:
        if isinstance(entry, dict):
            (children,) = entry.values()
            if isinstance(children, list) and children and isinstance(children[0], dict) and "Sections" in next(iter(entry)):
                d, w = depth_and_widths(children, depth + 1)
                deepest, widths = max(deepest, d), widths + w
    return deepest, widths


def test_few_sections_are_left_as_they_are():
    entries = [{f"{n}. S": []} for n in range(1, 7)]
    assert bounded_nav(entries, [str(n) for n in range(1, 7)]) == entries


def test_many_sections_are_nested_in_labelled_ranges_no_wider_than_the_limit():
    ids = [str(n) for n in range(1, 601)]
    nested = bounded_nav([{f"{n}. S": [f"{n}.md"]} for n in ids], ids, limit=12)
    depth, widths = depth_and_widths(nested)
    assert max(widths) <= 12 and depth == 3
    assert [next(iter(e)) for e in nested] == ["Sections 1–144", "Sections 145–288", "Sections 289–432",
                                               "Sections 433–576", "Sections 577–600"]
