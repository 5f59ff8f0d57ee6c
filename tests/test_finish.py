"""The last step of each page as the engine writes it (finish.PageFinisher): the assets are made
final before the first page, each page names them by their new names, carries the site's policy,
goes into the offline copy as it works from disk, and is returned with the service worker's tags;
a page holding a script no template wrote is named; the other files follow into the offline copy."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from handbook import csp
from handbook.assets import ThemeOptions
from handbook.finish import PageFinisher
from handbook.offline import OfflineCopy

THEME = ThemeOptions(search_languages=("en",), palette=False, polyfills=(), site_url="", scripts=frozenset({"theme()"}))
PAGE = ('<html><head><meta charset="utf-8"><script>theme()</script>'
        '<script src="../assets/javascripts/tool.js"></script></head>'
        '<body><a href="../">Home</a>{}</body></html>')


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "tool.js").write_text("// a comment for maintainers\nvar  tool = 1;\n", encoding="utf-8")
    (site / "data.json").write_text('{"a": 1}', encoding="utf-8")
    return site


def test_a_page_is_finished_packed_and_hashed(site: Path, tmp_path: Path):
    with OfflineCopy(tmp_path / "offline.zip", "copy") as offline:
        finisher = PageFinisher(site, offline).begin(THEME)
        html = finisher("guide/index.html", PAGE.format(""))
        hashes = finisher.pack_other_files()

    renamed = sorted(p.name for p in (site / "assets" / "javascripts").iterdir())
    assert len(renamed) == 1 and renamed[0].startswith("tool.") and renamed[0] != "tool.js"
    assert (site / "assets" / "javascripts" / renamed[0]).read_text(encoding="utf-8") == "var tool=1;"
    assert f'src="../assets/javascripts/{renamed[0]}"' in html and "tool.js" not in html
    assert f'http-equiv="Content-Security-Policy" content="{csp.site_policy({"theme()"})}"' in html
    assert '<link rel="manifest" href="../manifest.webmanifest">' in html
    assert finisher.strays == []
    assert hashes["guide/index.html"] == (len(html.encode()), hashlib.sha256(html.encode()).hexdigest())
    assert set(hashes) == {"guide/index.html", "data.json", f"assets/javascripts/{renamed[0]}"}

    packed = zipfile.ZipFile(tmp_path / "offline.zip")
    on_disk = packed.read("copy/guide/index.html").decode()
    assert '<a href="../index.html">Home</a>' in on_disk and "manifest" not in on_disk
    assert packed.read("copy/data.json") == b'{"a": 1}'


def test_a_page_holding_a_script_no_template_wrote_is_named(site: Path, tmp_path: Path):
    with OfflineCopy(tmp_path / "offline.zip", "copy") as offline:
        finisher = PageFinisher(site, offline).begin(THEME)
        finisher("index.html", PAGE.format(""))
        html = finisher("notes/index.html", PAGE.format("<script>alert(1)</script>"))
    assert finisher.strays == ["notes/index.html"]
    assert csp._hash("alert(1)") not in html


def test_a_page_the_engine_did_not_hand_over_stops_the_packing(site: Path, tmp_path: Path):
    (site / "stray.html").write_text(PAGE.format(""), encoding="utf-8")
    with OfflineCopy(tmp_path / "offline.zip", "copy") as offline:
        finisher = PageFinisher(site, offline).begin(THEME)
        with pytest.raises(RuntimeError, match="stray.html"):
            finisher.pack_other_files()
