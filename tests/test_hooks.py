"""The MkDocs hook used by `mkdocs serve` produces the same pages as scripts/build.py."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, page


def test_mkdocs_with_the_hook_builds_the_same_element_page(site, tmp_path):
    (tmp_path / "docs").mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    via_hook = page(tmp_path / "site", "framework/3.1/").select_one("article")
    via_build = page(site, "framework/3.1/").select_one("article")
    assert via_hook is not None and str(via_hook) == str(via_build)
    assert (tmp_path / "site" / "downloads" / "hmip-qi-adult-checklist-3.1.pdf").is_file()
    assert (tmp_path / "site" / "downloads" / "index.html").is_file()
