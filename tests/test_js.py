"""The browser's pure modules (in overrides/assets/javascripts/ and beside the pages that load them), tested without a browser by Node's own
test runner: every tests/js/*.test.js file."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT


def test_the_browser_modules_pass_their_node_tests():
    node = shutil.which("node")
    assert node, "Node.js is not installed: run scripts/setup-test-tools.sh"
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert files, "no tests/js/*.test.js"
    result = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
