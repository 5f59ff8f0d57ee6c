"""The built site ships no theme files it never loads."""

from __future__ import annotations


def test_no_source_maps_unused_search_language_packs_palette_stylesheet_or_offline_shim(site):
    assets = site / "assets"
    assert not list(assets.glob("stylesheets/palette.*")), "mkdocs.yml sets no theme.palette: no page links it"
    assert not (assets / "javascripts" / "iframe-worker-shim.js").exists(), "only the offline copy searches from file://"
    assert not list(assets.rglob("*.map"))
    assert not (assets / "javascripts" / "lunr").exists()  # an English-only search loads no language pack
    for path in list(assets.rglob("*.js")) + list(assets.rglob("*.css")):
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path
    assert list((assets / "javascripts" / "workers").glob("search.*.min.js"))
