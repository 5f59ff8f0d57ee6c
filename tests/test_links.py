"""Every internal link and fragment in the built site, and in its offline copy, resolves.

A small check over the built files rather than a link-checking crawler: it needs no server
and no network, reads each page once (about a second for both copies), and checks exactly
what the site ships: every href and src that is not another host's, and every #fragment
against the ids of the page it points into. Links to other hosts are not followed (the
tests have no network); test_privacy.py makes sure none of them is loaded.
"""

from __future__ import annotations

import posixpath
import zipfile
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

LINKING = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@cache
def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids(path: Path) -> set[str]:
    html = parsed(path)
    return {tag["id"] for tag in html.find_all(id=True)} | {tag["name"] for tag in html.find_all("a", attrs={"name": True})}


def target_file(root: Path, page: Path, url: str) -> Path:
    """The file a URL on `page` leads to: relative to the page, or to the site's root if it
    starts with '/' (as on the 404 page, which any address may show); a folder means its index.html."""
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    here = "/" if path.startswith("/") else page.parent.relative_to(root).as_posix()
    target = root / posixpath.normpath(posixpath.join(here, path)).lstrip("/")
    return target / "index.html" if target.is_dir() else target


def broken_links(root: Path, ignore: frozenset[str] = frozenset()) -> list[str]:
    """'page: url (why)' for each link under `root` that leads nowhere, but for the URLs in `ignore`."""
    broken = []
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        for tag in parsed(page).find_all(LINKING):
            url = tag.get(LINKING[tag.name])
            parts = urlsplit(url or "")
            if not url or parts.scheme or parts.netloc or url in ignore:  # another host, mailto: and the like
                continue
            target = target_file(root, page, url)
            where = f"{page.relative_to(root)}: {url}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(root)})")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids(target):
                broken.append(f"{where} (no id {parts.fragment!r} in {target.relative_to(root)})")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_every_link_in_the_offline_copy_resolves(site, tmp_path):
    [archive] = (site / "downloads").glob("*-offline.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path)
    [copy] = tmp_path.iterdir()
    # The offline copy does not contain itself: the fieldwork and Downloads pages' links to it
    # work on the site only, and the fieldwork page says so.
    assert broken_links(copy, ignore=frozenset({f"../../downloads/{archive.name}", archive.name})) == []


@pytest.mark.parametrize("html, problem", [
    ('<a href="../nowhere/">x</a>', "no file"),
    ('<a href="#no-such-id">x</a>', "no id 'no-such-id'"),
    ('<a href="../about/#no-such-id">x</a>', "no id 'no-such-id' in about/index.html"),
])
def test_a_broken_link_or_anchor_is_caught(tmp_path, html, problem):
    for number in range(31):
        (tmp_path / f"p{number}.html").write_text('<p id="here">fine <a href="#here">x</a></p>', encoding="utf-8")
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text('<h1 id="about">About</h1>', encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"<h1 id='top'>Page</h1>{html}", encoding="utf-8")
    [found] = broken_links(tmp_path)
    assert found.startswith("page/index.html: ") and problem in found
