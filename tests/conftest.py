"""Shared fixtures: built sites (real framework and fictional one) and a build runner."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
FICTIONAL = FIXTURES / "fictional"
FICTIONAL_GUIDANCE = FIXTURES / "fictional-guidance"
SCALE = ROOT / "data" / "judgement-scale.yaml"


def run_build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `python scripts/build.py ARGS` as a user would, capturing its output."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a hash of its bytes: equal digests mean identical trees."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(out: Path, *args: str | Path) -> Path:
    result = run_build("--out", out, "--docs", out.parent / f"{out.name}-docs", *args)
    assert result.returncode == 0, result.stderr
    return out


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """The fictional framework with one edit; `old` must occur in `file`."""
    folder = tmp_path / "framework"
    shutil.copytree(FICTIONAL, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the embedded 2016 framework."""
    return build_into(tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def fictional_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the small invented framework under tests/fixtures."""
    return build_into(tmp_path_factory.mktemp("fictional") / "site",
                      "--framework", FICTIONAL, "--guidance", FICTIONAL_GUIDANCE)


def page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a site URL such as 'framework/3.1/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
