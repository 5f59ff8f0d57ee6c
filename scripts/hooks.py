"""MkDocs hook for `mkdocs serve`: regenerate the pages from content/ on every rebuild.

`scripts/build.py` does not use this hook (it generates pages itself and turns hooks
off); it exists so that a live preview shows edits to the framework data or guidance.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from handbook.framework import load_framework  # noqa: E402
from handbook.site import GeneratedSite, generate  # noqa: E402
from handbook.problems import DataError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_generated: GeneratedSite | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    framework_dir = Path(os.environ.get("HANDBOOK_FRAMEWORK", ROOT / "content" / "framework"))
    guidance_dir = Path(os.environ.get("HANDBOOK_GUIDANCE", ROOT / "content" / "guidance"))
    try:
        _generated = generate(load_framework(framework_dir), guidance_dir)
    except DataError as error:
        raise PluginError(error.report(ROOT)) from None
    config.nav = _generated.nav
    config.site_name = _generated.site_name
    config.extra.update(_generated.extra)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _generated is not None
    for path, text in _generated.pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=text))
    return files
