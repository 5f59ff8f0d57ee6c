"""The Nu HTML Checker finds no error in the built pages, apart from three in the theme's own markup."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# With `--dist loadgroup` (make test): the checker runs once, on one worker, for all its tests.
pytestmark = pytest.mark.xdist_group("html-valid")

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in markup that Material for MkDocs' own templates write into every page; each is
# harmless to users, and fixing it would mean replacing a whole theme template.
THEME_ERRORS = {
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off", which
    # stops browsers restoring them ticked on Back. Browsers honour it; the standard disallows it.
    "Attribute “autocomplete” is only allowed when the input type is",
    # partials/nav-item.html: a section label gets tabindex="" when it is not focusable.
    "Bad value “” for attribute “tabindex” on element “label”",
    # partials/toc.html: on a section's index page the contents heading is a label for the
    # phone menu's "__toc" checkbox, which nav-item.html writes only for ordinary pages.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def vnu_errors(*folders: Path) -> list[dict]:
    """Every error the checker reports in the HTML files under `folders` (one run: Java starts slowly)."""
    assert VNU.is_file(), f"{VNU} is missing: run scripts/setup-test-tools.sh (it runs npm ci)"
    assert shutil.which("java"), "Java is missing: run scripts/setup-test-tools.sh"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             *map(str, folders)], capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr)["messages"]


def ours(errors: list[dict], folder: Path) -> list[str]:
    return [f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in errors
            if e["url"].startswith(folder.as_uri().replace("file://", "file:"))
            and not any(e["message"].startswith(known) for known in THEME_ERRORS)]


@pytest.fixture(scope="module")
def folders(site: Path, fictional_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site, its offline copy unpacked, a page with a known error, and the versions pages
    (change log, superseded version, upgrade view) that only a framework with earlier versions has."""
    offline = tmp_path_factory.mktemp("offline")
    [archive] = (site / "downloads").glob("*-offline.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(offline)
    bad = tmp_path_factory.mktemp("bad")
    (bad / "bad.html").write_text("<!doctype html><html lang=en><title>x</title><p><div></p>", encoding="utf-8")
    return {"site": site, "offline": offline, "bad": bad, "versions": fictional_site / "versions"}


@pytest.fixture(scope="module")
def errors(folders: dict[str, Path]) -> list[dict]:
    return vnu_errors(*folders.values())


def test_the_checker_finds_errors(errors, folders):
    assert ours(errors, folders["bad"])


def test_every_page_is_valid_html_but_for_known_theme_errors(errors, folders):
    assert ours(errors, folders["site"]) == []
    checked = {e["url"] for e in errors if "/site/" in e["url"]}
    assert len(checked) >= 30  # the theme's errors show that every page was read


def test_every_page_of_the_offline_copy_is_valid_html(errors, folders):
    assert ours(errors, folders["offline"]) == []


def test_the_versions_pages_are_valid_html(errors, folders):
    assert ours(errors, folders["versions"]) == []
    assert len({e["url"] for e in errors if "/versions/" in e["url"]}) == 4  # every versions page was read
