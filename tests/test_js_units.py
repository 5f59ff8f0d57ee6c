"""The browser's pure logic (overrides/assets/javascripts/hb/: findings arithmetic, record and
export files, conflict merging) under Node's own test runner: `node --test tests/js/`."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT


def test_node_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is not installed: run scripts/setup-test-tools.sh"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass " in result.stdout
