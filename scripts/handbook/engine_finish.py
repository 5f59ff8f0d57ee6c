"""Hand each page to the build's last step as the engine writes it (see finish.py): the pages
(`on_post_page`), the theme's 404 page (`on_post_template`) and any HTML file the sources hold, which
the engine copies as it is. So no pass after the engine reads or rewrites the site's pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


class FinishPages(BasePlugin):
    def __init__(self, finish: Callable[[str, str], str]) -> None:
        super().__init__()
        self.finish = finish  # (path in the site, HTML) -> the HTML to write
        self.copied: list[str] = []

    def on_files(self, files: Files, config: Any) -> Files:
        self.copied = [file.dest_uri for file in files
                       if file.dest_uri.endswith(".html") and not file.is_documentation_page()
                       and file.src_uri not in config.extra_templates]
        return files

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return self.finish(template_name, output_content) if template_name.endswith(".html") else output_content

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        return self.finish(page.file.dest_uri, output)

    def on_post_build(self, config: Any) -> None:
        for name in self.copied:
            path = Path(config.site_dir) / name
            path.write_text(self.finish(name, path.read_text(encoding="utf-8")), encoding="utf-8")
