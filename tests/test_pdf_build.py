"""Making the PDFs: skipped when their content is unchanged, remade when it changed, the same
bytes every time, progress on a terminal only, and WeasyPrint's warnings stop the build."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, run_build
from handbook.pdf import PdfDocument, PdfError, build_pdfs

# With `--dist loadgroup` (make test): the build with an empty PDF cache runs once, on one worker, for all its tests.
pytestmark = pytest.mark.xdist_group("pdf-build")

PDF_COUNT = 3 + 2 + 2 + 1 + 1  # the fictional framework: elements, sections, kinds, whole framework, booklet


def pdf_digests(site: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((site / "downloads").glob("*.pdf"))}


def build(tmp_path: Path, name: str, framework: Path, cache: Path) -> tuple[str, dict[str, str]]:
    result = run_build("--framework", framework, "--guidance", FICTIONAL_GUIDANCE, "--out", tmp_path / name,
                       "--docs", tmp_path / f"{name}-docs", "--cache", cache)
    assert result.returncode == 0, result.stderr
    return result.stdout, pdf_digests(tmp_path / name)


def made(stdout: str) -> tuple[int, int]:
    match = re.search(r"PDFs: (\d+) made, (\d+) unchanged", stdout)
    assert match, stdout
    return int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The fictional framework built once with an empty PDF cache: its output, PDFs and cache."""
    tmp_path = tmp_path_factory.mktemp("pdf-cache")
    cache = tmp_path / "cache"
    stdout, digests = build(tmp_path, "first", FICTIONAL, cache)
    return stdout, digests, cache


def test_unchanged_pdfs_come_from_the_cache_and_changed_ones_are_remade(first_build, tmp_path):
    first_out, first, cache = first_build
    assert made(first_out) == (PDF_COUNT, 0) and len(first) == PDF_COUNT

    again_out, again = build(tmp_path, "again", FICTIONAL, cache)
    assert made(again_out) == (0, PDF_COUNT) and again == first

    # Element 1.2's text is in its own checklist, section 1's, both kinds (each covers section 1),
    # the whole framework's and the booklet: exactly those six are made again.
    framework = tmp_path / "framework"
    shutil.copytree(FICTIONAL, framework)
    section = framework / "sections" / "1-lamp.yaml"
    section.write_text(section.read_text().replace("A watch log is signed each night.", "A watch log is signed at dawn."))
    edited_out, edited = build(tmp_path, "edited", framework, cache)
    changed = {name.removeprefix("lighthouse-keeping-demo-") for name in first if edited[name] != first[name]}
    assert changed == {"checklist-1.2.pdf", "checklist-1.pdf", "checklist-night-watch.pdf", "checklist-full-survey.pdf",
                       "checklist-whole-framework.pdf", "framework.pdf"}
    assert made(edited_out) == (6, PDF_COUNT - 6)


def test_the_same_sources_make_the_same_pdf_bytes_without_a_cache(first_build, tmp_path):
    _, first, _ = first_build
    out, again = build(tmp_path, "again", FICTIONAL, tmp_path / "empty-cache")
    assert made(out) == (PDF_COUNT, 0) and again == first


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


DOCUMENTS = [PdfDocument(f"downloads/{name}.pdf", f"<!DOCTYPE html><html lang='en'><title>{name}</title><p>{name}</p></html>")
             for name in ("one", "two")]


def test_progress_is_counted_on_a_terminal(tmp_path):
    out = Terminal()
    built = build_pdfs(DOCUMENTS, tmp_path, out)
    shown = out.getvalue()
    assert "\rMaking PDFs [" in shown and "] 1/2 " in shown and "] 2/2 " in shown
    assert "PDFs: 2 made, 0 unchanged" in shown
    assert sorted(built) == ["downloads/one.pdf", "downloads/two.pdf"]
    assert all(pdf.pages == 1 and pdf.file.read_bytes().startswith(b"%PDF-") for pdf in built.values())


def test_no_progress_when_not_on_a_terminal(tmp_path):
    out = io.StringIO()
    build_pdfs(DOCUMENTS, tmp_path, out)
    assert out.getvalue().startswith("PDFs: 2 made, 0 unchanged") and "Making PDFs" not in out.getvalue()


def test_a_weasyprint_warning_stops_the_build_and_is_not_cached(tmp_path):
    document = PdfDocument("downloads/bad.pdf", "<!DOCTYPE html><html lang='en'><title>Bad</title>"
                                                "<style>p { colour: red }</style><p>x</p></html>")
    for _ in range(2):  # reported again next time, not remembered as good
        with pytest.raises(PdfError) as raised:
            build_pdfs([document], tmp_path, io.StringIO())
        (problem,) = raised.value.problems
        assert problem.file.name == "bad.pdf" and "WeasyPrint: Ignored `colour: red" in problem.message
