"""Remove what the theme ships but the built site never loads: source maps, unused search
languages, the colour palettes' stylesheet and the offline copy's shim. (Unused CSS rules go
later, in css_purge.py, once every page is known.)

Material copies lunr's language packs (about 1 MB), source maps (about 1.3 MB) and its palette
stylesheet (pages link it only when mkdocs.yml sets theme.palette) into every build. An
English-only site with its own colours loads none of them, and an offline copy or a slow
download should not carry them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LUNR = Path("assets") / "javascripts" / "lunr"
# Extra scripts Material's search worker loads for a language (see its importScripts call).
SEGMENTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
PALETTE = "assets/stylesheets/palette.*.min.css"
# The iframe-worker shim runs the search worker from file://: the offline copy adds this copy,
# vendored in overrides/, as Material's offline plugin would add it from a CDN.
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"
SOURCE_MAP_COMMENT = re.compile(r"\n?/[/*][#@] sourceMappingURL=\S+?\.map(?: \*/)?\s*$")


@dataclass(frozen=True)
class ThemeOptions:
    """What the engine's configuration asks of the theme's assets."""

    search_languages: tuple[str, ...]
    palette: bool
    polyfills: tuple[str, ...]
    site_url: str = ""   # where the site is published (mkdocs.yml or --site-url); "" if not said
    scripts: frozenset[str] = frozenset()  # the inline scripts the templates write (engine.template_scripts)


def prune_unused_assets(site_dir: Path, options: ThemeOptions) -> None:
    """Delete source maps, the lunr files the search languages do not need, the palette
    stylesheet unless the site has a palette, and the offline shim unless it is a polyfill."""
    if not options.palette:
        for path in site_dir.glob(PALETTE):
            path.unlink()
    if OFFLINE_SHIM not in options.polyfills:
        site_dir.joinpath(OFFLINE_SHIM).unlink(missing_ok=True)
    for map_file in site_dir.joinpath("assets").rglob("*.map"):
        map_file.unlink()
    for path in site_dir.joinpath("assets").rglob("*"):  # no file names a map: vendored ones come without theirs
        if path.suffix in (".js", ".css"):
            text = path.read_text(encoding="utf-8")
            if "sourceMappingURL" in text:
                path.write_text(SOURCE_MAP_COMMENT.sub("", text), encoding="utf-8")
    needed = _lunr_files(options.search_languages)
    lunr = site_dir / LUNR
    if lunr.is_dir():
        for path in sorted(lunr.rglob("*"), reverse=True):
            relative = path.relative_to(lunr).as_posix()
            if path.is_file() and relative not in needed:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if not any(lunr.iterdir()):
            lunr.rmdir()


def _lunr_files(languages: tuple[str, ...]) -> set[str]:
    extra = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    extra |= {SEGMENTERS[lang] for lang in languages if lang in SEGMENTERS}
    if len(languages) > 1:
        extra.add("min/lunr.multi.min.js")
    if extra:
        extra.add("min/lunr.stemmer.support.min.js")
    return extra
