"""Run the static-site engine (MkDocs with Material) over generated pages.

The engine is the only module that knows about MkDocs; everything before it is plain
data and Markdown, so another engine that reads mkdocs.yml can take over here.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from .assets import ThemeOptions
from .site import GeneratedSite
from .problems import Problem

# MkDocs' warnings about a hand-written page name the page and the missing target.
_LINK_WARNING = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an) (?:link|unrecognized relative link|absolute link) '(?P<target>[^']+)'")


class EngineError(Exception):
    """The engine stopped; `problems` says why in the maintainer's terms."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the site engine stopped")
        self.problems = problems


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(site: GeneratedSite, docs_dir: Path, site_dir: Path, config_file: Path,
               sources: dict[str, Path], site_url: str | None = None) -> ThemeOptions:
    """Build `docs_dir` into `site_dir` in strict mode; warnings become EngineError.
    Returns what the configuration asks of the theme's assets, for trimming them, and the site's address.

    `sources` maps a docs path to the hand-written file it came from, so a warning
    about that page can name the file a maintainer edits. `site_url` replaces mkdocs.yml's
    (where the site is published; its path is the base of the 404 page's links).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is not for our users
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    previous_level, logger.level = logger.level, logging.WARNING
    previous_propagate, logger.propagate = logger.propagate, False
    try:
        overrides = {"site_url": site_url} if site_url else {}
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             nav=site.nav, site_name=site.site_name, hooks=[], strict=True, **overrides)
        config.extra.update(site.extra)
        build(config)
        if collector.messages:  # strict mode aborts on warnings; this catches any it lets through
            raise MkDocsException("warnings")
        return ThemeOptions(_search_languages(config), bool(config.theme.get("palette")),
                            tuple(config.extra.get("polyfills") or ()), config.site_url or "")
    except MkDocsException as error:
        messages = collector.messages or [str(error)]
        raise EngineError([_problem(message, config_file, sources) for message in messages]) from None
    finally:
        logger.removeHandler(collector)
        logger.level, logger.propagate = previous_level, previous_propagate


def _search_languages(config: Any) -> tuple[str, ...]:
    search = config.plugins.get("search") or config.plugins.get("material/search")
    languages = search.config.lang if search is not None else ["en"]
    return tuple(languages or ["en"])


def _problem(message: str, config_file: Path, sources: dict[str, Path]) -> Problem:
    match = _LINK_WARNING.search(message)
    if match and match["page"] in sources:
        source = sources[match["page"]]
        line = _line_containing(source, match["target"])
        return Problem(source, line, f"the link '{match['target']}' does not lead to a page of the site",
                       "correct the link: link to another page by its path relative to this file, e.g. ../framework/index.md")
    if match:
        return Problem(Path(match["page"]), None, message,
                       "this page is generated: check the framework data it comes from, or report a bug in the templates")
    return Problem(config_file, None, message, "see the message; check mkdocs.yml and the page it names")


def _line_containing(path: Path, text: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    return None
