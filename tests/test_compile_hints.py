"""The theme's bundle, which pages load, asks to be compiled ahead (compile_hints), and is otherwise
the theme's own file."""

from __future__ import annotations

import re
from pathlib import Path

import material

from conftest import page
from handbook.assets import SOURCE_MAP_COMMENT
from handbook.compile_hints import HINT

THEME = Path(material.__path__[0], "templates", "assets", "javascripts")


def test_the_bundle_pages_load_starts_with_the_compile_hint_then_is_the_themes_own(site):
    [src] = [script["src"] for script in page(site, "framework/3.1/").select("script[src*='bundle.']")]
    loaded = (site / "framework" / "3.1" / src).resolve()
    text = loaded.read_text(encoding="utf-8")
    assert text.startswith("//# allFunctionsCalledOnLoad\n")  # V8's spelling, first line
    theme = (THEME / loaded.name).read_text(encoding="utf-8")
    assert text.removeprefix(HINT) == SOURCE_MAP_COMMENT.sub("", theme)
    assert len(re.findall("allFunctionsCalledOnLoad", text)) == 1
