"""Our stylesheets and scripts named by their content in the built site (scripts/handbook/fingerprint.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from handbook.fingerprint import LEFT, fingerprint_own_assets, pointed_at_renamed

ADDRESS = re.compile(r'\b(?:src|href|data-load)="([^"]*)"')


def test_every_address_a_page_gives_for_the_sites_files_leads_to_a_file(site: Path):
    missing = []
    for page in site.rglob("*.html"):
        for value in ADDRESS.findall(page.read_text(encoding="utf-8")):
            for address in value.split():
                if "assets/" in address and not address.startswith(("http:", "https:", "data:", "/")):
                    if not (page.parent / address.split("?")[0]).resolve().is_file():
                        missing.append(f"{page.relative_to(site)}: {address}")
    assert missing == []


def test_only_the_files_named_elsewhere_keep_their_own_names(site: Path):
    plain = {p.relative_to(site).as_posix() for folder in ("assets/javascripts", "assets/stylesheets")
             for p in site.joinpath(folder).rglob("*") if p.suffix in (".js", ".css")
             and not re.search(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$", p.name)}
    workers = {name for name in plain if name.startswith("assets/javascripts/workers/")}
    assert workers == {"assets/javascripts/workers/practitioners.js"}   # the theme's configuration names it
    assert plain - workers <= LEFT
    assert "assets/javascripts/service-worker.js" in plain                # pages gain its tag after this step


def test_a_file_is_named_by_its_content_and_pages_follow_it(tmp_path: Path):
    scripts, styles = tmp_path / "assets" / "javascripts", tmp_path / "assets" / "stylesheets"
    scripts.mkdir(parents=True)
    styles.mkdir(parents=True)
    (scripts / "store.js").write_text("var store = 1;")
    (scripts / "lib-1.0.min.js").write_text("var lib = 1;")
    (styles / "site.css").write_text("body{}")
    (scripts / "service-worker.js").write_text("register('sw.js')")
    page = ('<link rel="stylesheet" href="../assets/stylesheets/site.css">'
            '<script src="../assets/javascripts/service-worker.js"></script>'
            '<script src="../assets/javascripts/hb/none.js" data-load="../assets/stylesheets/site.css ../assets/javascripts/lib-1.0.min.js"></script>'
            '<a href="../assets/javascripts/store.js#top">store</a>')
    renamed = fingerprint_own_assets(tmp_path)

    store = hashlib.sha256(b"var store = 1;").hexdigest()[:8]
    lib = hashlib.sha256(b"var lib = 1;").hexdigest()[:8]
    css = hashlib.sha256(b"body{}").hexdigest()[:8]
    assert renamed == {"assets/javascripts/store.js": f"assets/javascripts/store.{store}.js",
                       "assets/javascripts/lib-1.0.min.js": f"assets/javascripts/lib-1.0.{lib}.min.js",
                       "assets/stylesheets/site.css": f"assets/stylesheets/site.{css}.css"}
    assert (scripts / f"store.{store}.js").read_text() == "var store = 1;" and not (scripts / "store.js").exists()
    assert (scripts / "service-worker.js").exists()
    assert pointed_at_renamed(page, renamed) == (
        f'<link rel="stylesheet" href="../assets/stylesheets/site.{css}.css">'
        '<script src="../assets/javascripts/service-worker.js"></script>'
        f'<script src="../assets/javascripts/hb/none.js" data-load="../assets/stylesheets/site.{css}.css ../assets/javascripts/lib-1.0.{lib}.min.js"></script>'
        f'<a href="../assets/javascripts/store.{store}.js#top">store</a>')


def test_a_changed_file_gets_a_new_name(tmp_path: Path):
    names = []
    for content in ("var a = 1;", "var a = 2;"):
        folder = tmp_path / content[-2] / "assets" / "javascripts"
        folder.mkdir(parents=True)
        (folder / "a.js").write_text(content)
        names.append(fingerprint_own_assets(folder.parents[1])["assets/javascripts/a.js"])
    assert names[0] != names[1]
