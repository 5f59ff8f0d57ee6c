"""The live preview (scripts/serve.py): a save to an element's YAML shows in the served page; a broken
save is reported with its file and line, in the terminal and on the page, while the last good page stays."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, ROOT

SECTION = "sections/1-lamp.yaml"
OLD, NEW = "Wicks are trimmed every evening.", "Wicks are trimmed every evening and every morning."


@dataclass
class Running:
    """The preview of a copy of the fictional framework."""

    framework: Path
    server: subprocess.Popen
    log: IO[bytes]
    address: str = ""

    def terminal(self) -> str:
        self.log.seek(0)
        return self.log.read().decode()

    def wait(self, found: Callable[[], Any], timeout: float = 120) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.server.poll() is None, f"the preview stopped:\n{self.terminal()}"
            if result := found():
                return result
            time.sleep(0.05)
        raise AssertionError(f"not seen within {timeout} s; the preview said:\n{self.terminal()}")

    def page(self, url: str) -> str:
        with urllib.request.urlopen(self.address + url, timeout=30) as response:
            return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    work = tmp_path_factory.mktemp("preview")
    framework = Path(shutil.copytree(FICTIONAL, work / "framework"))
    log = tempfile.TemporaryFile(dir=work)
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--framework", str(framework),
                               "--guidance", str(FICTIONAL_GUIDANCE), "--address", "127.0.0.1:0"],
                              env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=log, stderr=subprocess.STDOUT)
    running = Running(framework, server, log)
    try:
        running.address = running.wait(lambda: re.search(r"http://127\.0\.0\.1:\d+/", running.terminal())).group()
        yield running
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_a_saved_edit_to_an_element_shows_in_its_served_page(preview):
    assert OLD in preview.page("framework/1.1/")
    section = preview.framework / SECTION
    section.write_text(section.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    preview.wait(lambda: NEW in preview.page("framework/1.1/"))
    assert OLD not in preview.page("framework/1.1/")
    # The rest follows: the element's checklist quotes the line too, and so do the workspace's lines
    # (a generated file, not a page: the engine copies it).
    preview.wait(lambda: NEW in preview.page("checklists/1.1/"))
    preview.wait(lambda: NEW in preview.page("workspace/framework.js"))
    assert "Traceback" not in preview.terminal()


def test_a_broken_edit_is_reported_with_file_and_line_and_the_last_good_page_stays(preview):
    section = preview.framework / SECTION
    good = section.read_text(encoding="utf-8")
    last_good = preview.page("framework/1.1/")
    number = next(i for i, line in enumerate(good.splitlines(), 1) if 'id: "1.1.2"' in line)
    section.write_text(good.replace('id: "1.1.2"', 'id: "1.1.7"'), encoding="utf-8")
    try:
        where = f"{SECTION.split('/')[-1]}, line {number}"
        preview.wait(lambda: where in preview.terminal() and "1.1.7" in preview.terminal())
        assert "fix:" in preview.terminal().split(where, 1)[1]
        page = preview.wait(lambda: next((html for html in [preview.page("framework/1.1/")] if 'role="alert"' in html), None))
        assert where in page and "Preview not updated" in page
        # Under the banner, the last good page.
        assert page.split('<div role="alert"')[0].split("<script>")[0] == last_good.split("<script>")[0]
    finally:
        section.write_text(good, encoding="utf-8")
    preview.wait(lambda: 'role="alert"' not in preview.page("framework/1.1/"))
