"""The service worker's file list, the manifest and the icons, read from the built site
(scripts/handbook/installable/); the worker at work in a browser is tests/browser/test_published.py."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

from PIL import Image

from conftest import page
from handbook.installable.precache import BUDGET, address, choose

LARGE_DOWNLOADS = re.compile(r"^downloads/.+\.(pdf|xlsx|zip|csv|json)$")


def worker_build(site: Path) -> dict:
    worker = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const BUILD = (\{.*?\});\n", worker)[1])


def file_of(site: Path, key: str) -> Path:
    return site / (key + "index.html" if key == "" or key.endswith("/") else key)


def test_the_worker_keeps_every_page_and_what_pages_load_by_the_hash_of_their_bytes(site: Path):
    build = worker_build(site)
    pages = {address(p.relative_to(site).as_posix()) for p in site.rglob("*.html")}
    assert pages <= set(build["now"]), pages - set(build["now"])
    for needed in ("search/search_index.json", "manifest.webmanifest", "assets/javascripts/service-worker.js",
                   "assets/javascripts/updates.js", "assets/stylesheets/update-prompt.css"):
        assert needed in build["now"], needed
    assert any(re.fullmatch(r"assets/javascripts/records\.[0-9a-f]{8}\.js", key) for key in build["now"])
    assert any(key.startswith("assets/stylesheets/main.") for key in build["now"])
    for key, digest in {**build["now"], **build["later"]}.items():
        assert hashlib.sha256(file_of(site, key).read_bytes()).hexdigest()[:build["hashLength"]] == digest, key
    assert sum(file_of(site, key).stat().st_size for key in build["now"]) <= BUDGET


def test_large_downloads_are_kept_only_when_fetched_and_host_files_not_at_all(site: Path):
    build = worker_build(site)
    downloads = {p.relative_to(site).as_posix() for p in site.joinpath("downloads").iterdir() if p.is_file()}
    large = {d for d in downloads if LARGE_DOWNLOADS.match(d)}
    assert "downloads/hmip-qi-adult-offline.zip" in large and len(large) > 30
    assert large == set(build["later"]) and not large & set(build["now"])
    listed = set(build["now"]) | set(build["later"])
    assert not {"sw.js", "sw-kill-switch.js", "_headers", "nginx-handbook.conf", "sitemap.xml"} & listed


def test_pages_beyond_the_budget_are_kept_when_first_opened_and_any_change_makes_a_new_build(tmp_path: Path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body{}")
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(f"<p>{name * 50}</p>")
    chosen = choose(tmp_path, set(), budget=130)
    assert list(chosen.now) == ["assets/site.css", "a/", "b/"] and list(chosen.later) == ["c/"]
    before = choose(tmp_path, set()).build_id
    (tmp_path / "c" / "index.html").write_text("<p>changed</p>")
    assert choose(tmp_path, set()).build_id != before


def test_the_manifest_names_the_handbook_and_its_icons_are_our_own_artwork(site: Path):
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Quality & Impact Inspection (Adult) handbook" and manifest["short_name"] == "Handbook"
    assert manifest["start_url"] == manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"]) and manifest["background_color"] == "#ffffff"
    purposes = set()
    for icon in manifest["icons"]:
        path = site / icon["src"]
        purposes.add(icon["purpose"])
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG", icon
        else:
            assert path.read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
            assert "href" not in path.read_text(encoding="utf-8")   # draws everything itself
    assert {"any", "maskable"} <= purposes and {"192x192", "512x512"} <= {i["sizes"] for i in manifest["icons"]}


def test_pages_link_the_manifest_and_register_the_worker_but_the_offline_copy_does_not(site: Path):
    home = page(site, "")
    assert home.find("link", rel="manifest")["href"] == "manifest.webmanifest"
    assert home.find("script", src="assets/javascripts/service-worker.js")
    downloads = page(site, "downloads/")
    assert downloads.find("script", src="../assets/javascripts/keep-downloads.js")
    assert downloads.find("button", attrs={"data-hb-keep-downloads": True})
    with zipfile.ZipFile(site / "downloads" / "hmip-qi-adult-offline.zip") as archive:
        names = archive.namelist()
        offline_home = archive.read("hmip-qi-adult-offline/index.html").decode("utf-8")
    assert not any(name.endswith(("/sw.js", ".webmanifest", "/_headers")) for name in names)
    assert "service-worker.js" not in offline_home and 'rel="manifest"' not in offline_home


def test_the_downloads_page_lists_the_zip_and_says_records_are_kept_apart(site: Path):
    text = page(site, "downloads/").get_text(" ", strip=True)
    assert page(site, "downloads/").find("a", href="hmip-qi-adult-offline.zip")
    assert "records made in the unzipped copy are kept apart from those made on this website" in text
    assert "export it where you made it (one file holds the whole inspection), then import that file in the other" in text
