"""The site engine kept running for the preview: MkDocs' build, split so that its pages, navigation and
theme stay loaded and one page can be rendered again on its own.

The same steps and plugins as `mkdocs build` (mkdocs.commands.build.build), without strict mode, the
offline copy, the security policy or the PDFs, which the full build adds.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from ..engine import engine_config
from ..site import GeneratedSite


class Engine:
    """One full MkDocs build of `docs` into `out`, then `render(paths)` rebuilds just those pages."""

    def __init__(self, site: GeneratedSite, docs: Path, out: Path, config_file: Path) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page
        from mkdocs.utils import clean_directory

        logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the preview reports the data's problems itself
        config = engine_config(site, docs, out, config_file, site.nav, strict=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)
            _populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files()
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.docs = docs
        self.render(None)
        config.plugins.on_post_build(config=config)  # the search index, as the full build writes it

    def knows(self, path: str) -> bool:
        return self.files.get_file_from_path(path) is not None

    def render(self, paths: list[str] | None) -> None:
        """Read the given docs pages again (every page if None) and write their HTML."""
        from mkdocs.commands.build import _build_page, _populate_page

        doc_files = self.files.documentation_pages()
        for file in doc_files if paths is None else [self.files.get_file_from_path(p) for p in paths]:
            page: Any = file.page
            if paths is not None:
                _populate_page(page, self.config, self.files)
            _build_page(page, self.config, doc_files, self.nav, self.env)
