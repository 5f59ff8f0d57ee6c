"""Mistakes in the handbook's line guidance stop the build with the file, the line and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, run_build, tree_digest

LINES = "lines/lighthouse.yaml"


def broken_guidance(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The fictional guidance with `old` replaced by `new` in its lines file, and the line where `new` now starts."""
    folder = tmp_path / "guidance"
    shutil.copytree(FICTIONAL_GUIDANCE, folder)
    path = folder / LINES
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {LINES}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return folder, text[: text.index(new)].count("\n") + 1


def failed_build(kept, tmp_path: Path, guidance: Path) -> str:
    out, before = kept
    result = run_build("--framework", FICTIONAL, "--guidance", guidance, "--out", out, "--docs", tmp_path / "docs")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "fix:" in result.stderr and "Nothing was changed in" in result.stderr
    assert tree_digest(out) == before
    return result.stderr


# Each mistake: what to change in lines/lighthouse.yaml, what the message says, what the fix suggests.
MISTAKES = {
    "unknown theme": ("themes: [partnership]", "themes: [partnerships]",
                      "[1.1.1] line 1.1.1 names the theme 'partnerships', which is not in data/themes.yaml",
                      "did you mean 'partnership'?"),
    "unknown evidence source": ("sources: [observation, case-record]", "sources: [observation, case-file]",
                                "[1.1.1] line 1.1.1 names the evidence source 'case-file', which is not in data/evidence-sources.yaml",
                                "did you mean 'case-record'?"),
    "unknown outcome": ("      - id: ships-safe\n        reason: \"A kept watch", "      - id: ships-saved\n        reason: \"A kept watch",
                        "[1.2.1] line 1.2.1 names the outcome 'ships-saved', which is not in the framework's introduction.yaml",
                        "did you mean 'ships-safe'?"),
    "guidance for a line that does not exist": ('  "1.2.1":', '  "1.2.9":',
                                                "[1.2.9] there is guidance for line 1.2.9, but the framework has no line 1.2.9",
                                                "did you mean '1.2.1'?"),
    "too many questions": ('      - "Is the lens polished after each storm?"',
                           '      - "One?"\n      - "Two?"\n      - "Three?"\n      - "Four?"',
                           "[2.1.1] 'questions' of line 2.1.1 has more than 3 items", "keep at most 3"),
    "an element id instead of a line id": ('  "1.2.1":', '  "1.2":',
                                           "'lines' has the key '1.2', which is not in the expected form",
                                           "a line id is section.element.line"),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_a_mistake_in_line_guidance_names_the_file_and_line(case, kept, tmp_path):
    old, new, message, fix = MISTAKES[case]
    guidance, line = broken_guidance(tmp_path, old, new)
    stderr = failed_build(kept, tmp_path, guidance)
    assert f"lighthouse.yaml, line {line}: {message}" in stderr, stderr
    assert fix in stderr, stderr


def test_lines_without_guidance_are_listed(kept, tmp_path):
    guidance, _ = broken_guidance(tmp_path, '  "2.1.1":', '  "2.1.9":')
    stderr = failed_build(kept, tmp_path, guidance)
    assert "1 of 9 lines have no guidance: 2.1.1" in stderr
    (guidance / LINES).unlink()
    (guidance / "lines" / "part.yaml").write_text('lines:\n  "1.1.2":\n    questions: ["Q?"]\n    sources: [observation]\n'
                                                    '    strong: ["S."]\n    warning: ["W."]\n    themes: [workforce]\n'
                                                    '    outcomes: [{id: ships-safe, reason: "R."}]\n', encoding="utf-8")
    assert "8 of 9 lines have no guidance: 1.1.1, 1.2.1, 2.1.1, 2.1.2, 2.1.3, 2.1.4, 2.1.5, 2.1.6" in failed_build(kept, tmp_path, guidance)


def test_the_same_line_in_two_files_is_refused(kept, tmp_path):
    guidance, _ = broken_guidance(tmp_path, "lines:\n", "lines:\n")
    text = (guidance / LINES).read_text(encoding="utf-8")
    (guidance / "lines" / "more.yaml").write_text("lines:\n" + text.split("lines:\n", 1)[1].split('  "1.1.2":')[0], encoding="utf-8")
    stderr = failed_build(kept, tmp_path, guidance)
    assert "more.yaml, line 2: [1.1.1] line 1.1.1 already has guidance in lighthouse.yaml at line 4" in stderr


def test_every_mistake_is_reported_in_one_run(kept, tmp_path):
    guidance, _ = broken_guidance(tmp_path, "themes: [partnership]", "themes: [partnerships]")
    path = guidance / LINES
    path.write_text(path.read_text(encoding="utf-8").replace("sources: [observation]", "sources: [look]"), encoding="utf-8")
    stderr = failed_build(kept, tmp_path, guidance)
    assert "2 problems found" in stderr
    assert "'partnerships'" in stderr and "'look'" in stderr
