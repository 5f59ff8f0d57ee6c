"""Hand-written pages from content/guidance/: read, check their front matter, order them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .markup import PAGE_FIX, dangerous_markup
from .problems import DataError, Problem
from .sourcefile import read_source
from .yamlload import parse_yaml

# Hand-written pages that the templates and the footer link to.
REQUIRED = ("about.md", "accessibility.md", "licence.md")
MAX_PAGES = 12  # one level of the navigation (see guides.nav for why 12)
FRONT_MATTER_FIX = ("start the page with front matter: a '---' line, 'title: Page title', "
                    "'nav_order: 1', and a closing '---' line")


@dataclass
class HandWritten:
    pages: dict[str, str] = field(default_factory=dict)      # docs path -> Markdown
    nav: list[Any] = field(default_factory=list)             # [{title: docs path}] in nav_order
    sources: dict[str, Path] = field(default_factory=dict)   # docs path -> file


def load_pages(folder: Path) -> HandWritten:
    """Every *.md page in `folder`, published under guidance/; raises DataError on mistakes."""
    folder = Path(folder)
    result = HandWritten()
    order: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    paths = sorted(folder.glob("*.md"))
    if len(paths) > MAX_PAGES:
        raise DataError([Problem(folder, None, f"holds {len(paths)} pages; the navigation has room for {MAX_PAGES}",
                                 "merge some pages, or move pages that are not guidance elsewhere")])
    for path in paths:
        try:
            text = read_source(path)
        except DataError as error:
            problems.extend(error.problems)
            continue
        problems.extend(Problem(path, line, f"the page holds {what}", PAGE_FIX) for line, what in dangerous_markup(text))
        meta = _front_matter(path, text, problems)
        if meta is None:
            continue
        docs_path = f"guidance/{path.name}"
        result.pages[docs_path] = text
        result.sources[docs_path] = path
        order[docs_path] = (int(meta.get("nav_order", 99)), str(meta["title"]))
    for name in REQUIRED:
        if not (folder / name).exists():
            problems.append(Problem(folder / name, None, "this page is missing; every page of the site links to it",
                                    f"create {name} with front matter (title, nav_order) and its text"))
    if problems:
        raise DataError(problems)
    result.nav = [{title: path} for path, (_, title) in sorted(order.items(), key=lambda item: (item[1][0], item[0]))]
    return result


def _front_matter(path: Path, text: str, problems: list[Problem]) -> dict | None:
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        problems.append(Problem(path, 1, "the page has no front matter giving its title", FRONT_MATTER_FIX))
        return None
    header = text[4:text.index("\n---\n", 3)]
    try:
        meta = parse_yaml(header, path, first_line=2).data
    except DataError as error:
        problems.extend(error.problems)
        return None
    if not isinstance(meta, dict) or not meta.get("title"):
        problems.append(Problem(path, 2, "the front matter has no 'title'", FRONT_MATTER_FIX))
        return None
    if not str(meta.get("nav_order", "99")).isdigit():
        problems.append(Problem(path, 2, f"nav_order is {meta['nav_order']!r}, not a whole number",
                                "write nav_order as a whole number, e.g. 3"))
        return None
    return meta
