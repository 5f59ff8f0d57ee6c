"""Shared fixtures: built sites (real framework and fictional one) and a build runner."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
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


def built_once(factory: pytest.TempPathFactory, worker_id: str, name: str, make: Callable[[Path], Path]) -> Path:
    """`make(folder)` (a build into an empty `folder`) run once per test run, however many
    pytest-xdist workers ask: the first builds under a lock, the others wait for it and use the
    same site, which no test may change. Alone (no workers), it is simply built."""
    if worker_id == "master":
        return make(factory.mktemp(name))
    shared = factory.getbasetemp().parent  # the run's folder, above each worker's own
    done = shared / f"{name}.built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the build fails
        if not done.exists():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # a failed attempt's leftovers
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site built from the embedded 2016 framework (once per test run)."""
    return built_once(tmp_path_factory, worker_id, "real", lambda folder: build_into(folder / "site"))


@pytest.fixture(scope="session")
def fictional_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site built from the small invented framework under tests/fixtures (once per test run)."""
    return built_once(tmp_path_factory, worker_id, "fictional", lambda folder: build_into(
        folder / "site", "--framework", FICTIONAL, "--guidance", FICTIONAL_GUIDANCE))


@pytest.fixture(scope="module")
def kept(fictional_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the fictional site, for failing builds to leave alone, and its files' digest."""
    out = tmp_path_factory.mktemp("kept") / "site"
    shutil.copytree(fictional_site, out)
    return out, tree_digest(out)


def page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a site URL such as 'framework/3.1/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
