"""Run the static-site engine (MkDocs with Material) over generated pages.

The engine is the only module that knows about MkDocs; everything before it is plain
data and Markdown, so another engine that reads mkdocs.yml can take over here.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import csp
from .assets import ThemeOptions
from .pages.framework_pages import range_titles
from .site import GeneratedSite
from .problems import Problem
from .sourcefile import read_source
from .stepcache import StepCache, code_of

# What renders a page: a new version of any may change the scripts the templates write.
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions")
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
               sources: dict[str, Path], cache: StepCache, site_url: str | None = None,
               finish: Callable[[ThemeOptions], Callable[[str, str], str]] | None = None) -> ThemeOptions:
    """Build `docs_dir` into `site_dir` in strict mode; warnings become EngineError.
    Returns what the configuration asks of the theme's assets, for trimming them, the site's address,
    and the inline scripts its templates write (see `template_scripts`), for the security policy.

    `sources` maps a docs path to the hand-written file it came from, so a warning
    about that page can name the file a maintainer edits. `site_url` replaces mkdocs.yml's
    (where the site is published; its path is the base of the 404 page's links). The templates'
    scripts come from `cache` when nothing they are made from changed (see `template_scripts_cached`);
    the theme's compiled templates are kept beside it (see `engine_templates`). With `finish`, the
    engine hands every page it writes to `finish(theme)(path in the site, html)` and writes what that
    returns (see `engine_finish`).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is not for our users
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    previous_level, logger.level = logger.level, logging.WARNING
    previous_propagate, logger.propagate = logger.propagate, False
    try:
        config = engine_config(site, docs_dir, site_dir, config_file, site.nav, site_url)
        from .engine_templates import CompiledTemplates  # MkDocs is loaded only to build
        config.plugins["handbook-compiled-templates"] = CompiledTemplates(cache.folder.parent / "templates")
        scripts = template_scripts_cached(site, config, config_file, site_url, cache)
        theme = ThemeOptions(_search_languages(config), bool(config.theme.get("palette")),
                             tuple(config.extra.get("polyfills") or ()), config.site_url or "", scripts)
        if finish is not None:
            from .engine_finish import FinishPages
            config.plugins["handbook-finish-pages"] = FinishPages(finish(theme))  # last: after every other plugin
        build(config)
        if collector.messages:  # strict mode aborts on warnings; this catches any it lets through
            raise MkDocsException("warnings")
        return theme
    except MkDocsException as error:
        messages = collector.messages or [str(error)]
        raise EngineError([_problem(message, config_file, sources) for message in messages]) from None
    finally:
        logger.removeHandler(collector)
        logger.level, logger.propagate = previous_level, previous_propagate


def engine_config(site: GeneratedSite, docs_dir: Path, site_dir: Path, config_file: Path, nav: Any,
                  site_url: str | None = None, strict: bool = True) -> Any:
    """The engine's configuration (mkdocs.yml) for building `docs_dir` into `site_dir` with `nav`;
    strict in a build, not in the preview, which reports the data's problems itself."""
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                         nav=nav, site_name=site.site_name, hooks=[], strict=strict, **overrides)
    config.extra.update(site.extra)
    from .engine_ranges import InnermostRange  # MkDocs is loaded only to build
    config.plugins["handbook-innermost-range"] = InnermostRange(range_titles(nav or []))
    return config


def template_scripts_cached(site: GeneratedSite, config: Any, config_file: Path, site_url: str | None,
                            cache: StepCache) -> frozenset[str]:
    """`template_scripts` for the site, from `cache` when its recipe is unchanged: the engine's and
    theme's versions, mkdocs.yml, every file of the theme's custom folder (overrides/), what the
    build adds to the configuration, and the depth of the deepest page."""
    from mkdocs.commands.build import build

    depth = max(map(_depth, site.pages), default=0)
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    overridden = sorted(p for p in custom.rglob("*") if p.is_file()) if custom else []
    recipe = ["template scripts", *code_of(packages=ENGINE_PACKAGES),
              config_file.read_bytes(), site.site_name, site_url or "", str(depth),
              json.dumps(site.extra, sort_keys=True, default=str),
              *(part for path in overridden for part in (path.relative_to(custom).as_posix(), path.read_bytes()))]

    def make() -> bytes:
        with tempfile.TemporaryDirectory(prefix="handbook-templates-") as canary:
            scripts = template_scripts(Path(canary), depth, lambda docs, out: build(
                engine_config(site, docs, out, config_file, None, site_url)))
        return json.dumps(sorted(scripts)).encode("utf-8")

    return frozenset(json.loads(cache.get(recipe, make)))


def check_config(config_file: Path) -> None:
    """Read and validate mkdocs.yml as the engine will, before any long stage runs; EngineError names the line."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import yaml
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    text = read_source(config_file)
    try:
        tree = yaml.compose(text, Loader=yaml.SafeLoader)  # composing needs no constructors: !ENV and other tags pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise EngineError([Problem(config_file, mark.line + 1 if mark else None,
                                   f"is not valid YAML: {error.problem or error.context}",
                                   "check indentation, colons and quotes on this line and the one above")]) from None
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    previous_propagate, logger.propagate = logger.propagate, False
    try:
        load_config(str(config_file), hooks=[], strict=True)
        messages = collector.messages
    except (ConfigurationError, Abort) as error:  # Abort: the errors were logged
        messages = collector.messages or [str(error)]
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous_propagate
    if messages:
        raise EngineError([Problem(config_file, _config_line(tree, text, message), _config_message(message),
                                   "correct mkdocs.yml as the message says (see https://www.mkdocs.org/user-guide/configuration/)")
                           for message in messages])


def _config_message(message: str) -> str:
    return " ".join(line.strip() for line in message.splitlines() if line.strip() and not line.startswith("Aborted"))


def _config_line(tree: Any, text: str, message: str) -> int | None:
    """The line a configuration message is about: the line of the setting it names, or of a quoted value in it."""
    import yaml

    if not isinstance(tree, yaml.MappingNode):
        return 1
    keys = {key.value: (key.start_mark.line + 1, value.end_mark.line + 1)
            for key, value in tree.value if isinstance(key, yaml.ScalarNode)}
    named = re.findall(r"""['"]([^'"\n]+)['"]""", message)
    lines = text.splitlines()
    for word in named:  # 'Config value 'theme'', 'Unrecognised configuration name: x'
        if word in keys:
            first, last = keys[word]
            for value in named:  # a value named in the message, within its setting
                for number in range(first, min(last, len(lines)) + 1):
                    if value != word and re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", lines[number - 1]):
                        return number
            return first
    if found := re.search(r"configuration name: (\S+)", message):
        return keys.get(found[1].strip("'\"."), (None,))[0]
    return None


def template_scripts(work: Path, depth: int, build: Any) -> frozenset[str]:
    """The inline scripts the theme's and the project's templates write into a page, whatever the page holds.

    They are read from known-clean pages: `build(docs, out)` builds one page of plain text at each
    depth of folder the site has (a script names its way back to the site's root, '../..'), and
    every inline script in the result came from a template. The policy allows these and no other,
    so a script that reached a page from the sources never gets a hash and never runs.
    """
    docs, out = work / "docs", work / "site"
    for level in range(depth + 1):
        page = docs.joinpath(*["clean"] * level, "index.md")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# Clean page\n\nPlain text.\n", encoding="utf-8")
    build(docs, out)
    return frozenset(script for path in out.rglob("*.html")
                     for script in csp.inline_scripts(path.read_text(encoding="utf-8")))


def _depth(docs_path: str) -> int:
    """How many folders deep a page's address is: 'framework/3.1.md' -> 2 ('framework/3.1/')."""
    parts = docs_path.split("/")
    return len(parts) - (1 if parts[-1] == "index.md" else 0)


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
    for number, line in enumerate(read_source(path).splitlines(), 1):  # read once already: it is plain UTF-8
        if text in line:
            return number
    return None
