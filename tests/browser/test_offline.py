"""The offline copy: a zip a fieldworker unpacks and opens from disk, with navigation and search."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, expect

from conftest import ROOT, page
from .conftest import DESKTOP, open_context, search

FRAMEWORK_ID = yaml.safe_load((ROOT / "content" / "framework" / "framework.yaml").read_text(encoding="utf-8"))["id"]
FOLDER = f"{FRAMEWORK_ID}-offline"


@pytest.fixture(scope="module")
def offline_copy(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy, unpacked as a user would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site / "downloads" / f"{FOLDER}.zip") as archive:
        archive.extractall(target)
    return target / FOLDER


def test_the_zip_holds_one_folder_with_every_page_of_the_site(site: Path, offline_copy: Path):
    with zipfile.ZipFile(site / "downloads" / f"{FOLDER}.zip") as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {FOLDER}
    assert not [name for name in names if name.endswith(".map")]
    for path in site.rglob("*.html"):  # the same pages at the same places: x/ online is x/index.html
        assert (offline_copy / path.relative_to(site)).is_file(), path
    assert (offline_copy / "search" / "search_index.js").is_file()
    assert (offline_copy / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()


def test_every_link_names_a_file_as_a_browser_opening_files_from_disk_needs(offline_copy: Path):
    """Opened from disk, a link to a folder shows a file listing: every link must name the page's file."""
    folders = []
    for path in offline_copy.rglob("*.html"):
        for url in re.findall(r'\shref="([^"]*)"', path.read_text(encoding="utf-8")):
            address = urlsplit(url).path
            if address and not urlsplit(url).scheme and (address.endswith("/") or address.rsplit("/", 1)[-1] in (".", "..")):
                folders.append(f"{path.relative_to(offline_copy)}: {url}")
    assert folders == []
    index = (offline_copy / "search" / "search_index.js").read_text(encoding="utf-8")
    locations = {urlsplit(url).path for url in re.findall(r'"location":"([^"]*)"', index)}
    assert "index.html" in locations and "framework/3.1/index.html" in locations
    assert [url for url in locations if not url.endswith(".html")] == []


def test_the_fieldwork_page_links_to_the_zip(site: Path):
    link = page(site, "guidance/fieldwork/").select_one("a[download]")
    assert link["href"] == f"../../downloads/{FOLDER}.zip"
    assert (site / "guidance" / "fieldwork" / link["href"]).resolve().is_file()


def test_opened_from_disk_navigation_and_search_work_without_any_connection(browser: Browser, offline_copy: Path):
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    home = (offline_copy / "index.html").as_uri()
    page.goto(home)
    page.locator(".md-tabs__link", has_text="The framework").click()
    page.get_by_role("link", name="3.3. Planning enables the required services").first.click()
    assert page.url == (offline_copy / "framework" / "3.3" / "index.html").as_uri()
    assert page.locator("h1").inner_text().startswith("3.3. Planning")
    found = search(page, "MAPPA")
    assert found[:3] == [(offline_copy / "framework" / id / "index.html").as_uri() for id in ("3.1", "3.3", "6.2")]
    page.locator(".md-search-result__item a").first.click()
    assert page.locator("h1").inner_text().startswith("3.1. Assessment establishes outcome priorities")
    assert traffic.hosts_other_than("file:") == []
    assert traffic.errors == []  # the shim's worker frame runs under the page's policy, too
    context.close()


def test_opened_from_disk_search_finds_lines_in_practitioners_words(browser: Browser, offline_copy: Path):
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto((offline_copy / "index.html").as_uri())
    search(page, "accommodation")
    line = page.locator(".md-search-result__item > a[href$='#line-1.1.2']")
    assert "Matched accommodation: living arrangements" in line.inner_text()
    line.click()
    page.wait_for_url("**#line-1.1.2")
    assert page.evaluate("document.querySelector(':target').id") == "line-1.1.2"
    assert traffic.hosts_other_than("file:") == []
    assert traffic.errors == []  # the handbook's worker runs in the shim's frame under the page's policy
    context.close()


def test_opened_from_disk_records_and_the_workspace_findings_work(browser: Browser, offline_copy: Path):
    """The records' scripts (loaded when needed) and the framework's lines (framework.js, loaded with
    the findings) are classic scripts, which run from disk where fetch() and module scripts do not."""
    context, traffic = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto((offline_copy / "checklists" / "case-level" / "2.1" / "index.html").as_uri())  # its first part
    page.locator("input[name='judgement-2.1.1'][value='no']").check()
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Saved")
    page.goto((offline_copy / "workspace" / "index.html").as_uri())
    page.get_by_label("Name of the inspection").fill("From disk")
    page.get_by_role("button", name="Create the inspection").click()
    page.get_by_label("Case reference (pseudonymous, never a name)").fill("D1")
    page.get_by_role("button", name="Add and open").first.click()
    expect(page.locator(".hb-records__bar strong")).to_have_text("D1")
    page.locator("input[name='judgement-2.1.1'][value='yes']").check()
    expect(page.locator(".hb-records__bar-state")).to_have_text(" \u00b7 Saved")
    page.get_by_role("link", name=re.compile(r"^Next part\s*Element 3\.1$")).click()  # the same case, on the next part
    assert page.url.startswith((offline_copy / "checklists" / "case-level" / "3.1" / "index.html").as_uri() + "?record=")
    expect(page.locator(".hb-records__bar strong")).to_have_text("D1")
    page.locator(".hb-records__bar a").click()
    page.get_by_role("link", name="Findings across 1 record").click()
    expect(page.locator("[id='hb-f-l-2.1.1'] .hb-findings__sentence")).to_have_text("2.1.1: Yes in 1 of 1 case judged.")
    assert traffic.hosts_other_than("file:") == [] and traffic.errors == []
    context.close()
