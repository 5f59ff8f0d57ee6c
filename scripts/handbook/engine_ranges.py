"""The engine's part in keeping every page's navigation the same size at any scale (see
`pages.framework_pages.NavRange`): into a page within nested ranges of the navigation, Material
draws the siblings of every entry on the way to it, a dozen more for each level of ranges. While
such a page is rendered, the level holding the outermost of its ranges holds, in their place, the
innermost one alone, with its dozen entries; the overview page lists all the ranges."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


class InnermostRange(BasePlugin):
    def __init__(self, titles: frozenset[str]) -> None:
        super().__init__()
        self.titles = titles
        self.restore: tuple[list[Any], list[Any]] | None = None

    def is_range(self, item: Any) -> bool:
        return isinstance(item, Section) and item.title in self.titles

    def on_page_context(self, context: dict[str, Any], page: Page, config: Any, nav: Navigation) -> dict[str, Any]:
        around = [section for section in page.ancestors if self.is_range(section)]  # innermost first
        if around:
            innermost, outermost = around[0], around[-1]
            level = outermost.parent.children if outermost.parent else nav.items
            self.restore = (level, list(level))
            level[:] = [innermost if item is outermost else item
                        for item in level if item is outermost or not self.is_range(item)]
        return context

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        if self.restore:
            level, items = self.restore
            level[:] = items
            self.restore = None
        return output
