"""Problems a maintainer can cause in the sources, reported as values, not tracebacks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in a source file: where it is, what is wrong, and how to fix it."""

    file: Path
    line: int | None
    message: str
    fix: str
    id: str | None = None

    def format(self, root: Path | None = None) -> str:
        place = _display(self.file, root)
        if self.line is not None:
            place += f", line {self.line}"
        subject = f" [{self.id}]" if self.id else ""
        return f"{place}:{subject} {self.message}\n    fix: {self.fix}"


class DataError(Exception):
    """Raised at a stage boundary when the sources have one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the sources")
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0))

    def report(self, root: Path | None = None) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found in the sources:"
        return "\n".join([head, *(p.format(root) for p in self.problems)])


def _display(path: Path, root: Path | None) -> str:
    """The file relative to `root` when it lies inside it; a link is named by its own name, not its target's."""
    if root is not None:
        try:
            return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(root)))
        except ValueError:
            pass
    return os.path.abspath(path)
