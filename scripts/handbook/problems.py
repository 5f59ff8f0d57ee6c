"""Problems a maintainer can cause in the sources, reported as values, not tracebacks."""

from __future__ import annotations

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
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
