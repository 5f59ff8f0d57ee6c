"""What changed between two versions, made from their crosswalk: the model behind the
"What changed" page, its JSON and CSV downloads, the booklet's appendix and the browser's upgrade.

There is one change per line of the older version (lines merged into one are each listed),
plus one per line of the newer version that no older line became ("added").
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .crosswalk import TYPES, Crosswalk
from .model import Framework, Line
from .render import plain
from .worddiff import Segment, word_diff

KINDS = (*TYPES, "added")
LABELS = {"unchanged": "Unchanged", "wording-only": "Wording only", "modified": "Modified", "moved": "Moved",
          "split": "Split", "merged": "Merged", "deleted": "Deleted", "added": "Added"}
MEANINGS = {
    "unchanged": "Same id and text.",
    "wording-only": "Same id or place and meaning; the words changed. Records carry across as they are.",
    "modified": "The line's meaning changed: a judgement made against the old text needs a fresh look.",
    "moved": "Same text under another id. Records carry across.",
    "split": "One line became two or more: each needs its own judgement.",
    "merged": "Two or more lines became one: their judgements need combining.",
    "deleted": "The line is gone, for the reason given. Records keep it, read-only.",
    "added": "A new line, with nothing before it.",
}
FORMAT = "inspection-handbook-changes"


@dataclass(frozen=True)
class Change:
    type: str
    old: tuple[Line, ...]
    new: tuple[Line, ...]
    reason: str | None = None

    @cached_property
    def diff(self) -> tuple[Segment, ...]:
        """The words removed and added, old line(s) against new line(s); none for a deletion or addition."""
        if not self.old or not self.new:
            return ()
        return word_diff(" ".join(line.text for line in self.old), " ".join(line.text for line in self.new))


@dataclass(frozen=True)
class ChangeLog:
    old: Framework
    new: Framework
    changes: tuple[Change, ...]  # every change, unchanged lines included, older lines' order then added lines

    @property
    def slug(self) -> str:
        return f"{self.old.version.released}-to-{self.new.version.released}"

    @cached_property
    def counts(self) -> dict[str, int]:
        counted = Counter(change.type for change in self.changes)
        return {kind: counted[kind] for kind in KINDS}

    @property
    def changed(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.type != "unchanged")

    def by_type(self) -> dict[str, tuple[Change, ...]]:
        """The changed lines grouped by kind of change, in KINDS order, kinds with none left out."""
        return {kind: group for kind in KINDS[1:]
                if (group := tuple(c for c in self.changed if c.type == kind))}


def change_log(crosswalk: Crosswalk) -> ChangeLog:
    changes = [Change(m.type, (m.old,), m.new, m.reason) for m in crosswalk.mappings]
    reached = {line.id for m in crosswalk.mappings for line in m.new}
    changes += [Change("added", (), (line,)) for line in crosswalk.new.lines if line.id not in reached]
    return ChangeLog(crosswalk.old, crosswalk.new, tuple(changes))


def _version(framework: Framework) -> dict[str, str]:
    return {"version": framework.version.released, "label": framework.version.label}


def as_data(log: ChangeLog) -> dict[str, Any]:
    """The change log as plain data: the JSON download, and what the browser upgrades records with."""
    return {
        "format": FORMAT,
        "formatVersion": 1,
        "framework": {"id": log.new.id, "title": log.new.title},
        "from": _version(log.old),
        "to": _version(log.new),
        "counts": log.counts,
        "unchanged": [c.old[0].id for c in log.changes if c.type == "unchanged"],
        "changes": [{
            "type": c.type,
            "from": [{"id": line.id, "text": line.text} for line in c.old],
            "to": [{"id": line.id, "text": line.text} for line in c.new],
            **({"reason": c.reason} if c.reason else {}),
            "diff": [list(segment) for segment in c.diff],
        } for c in log.changed],
    }


def changes_json(log: ChangeLog) -> bytes:
    return (json.dumps(as_data(log), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


CSV_COLUMNS = ["type", "old_version", "old_line", "old_text", "new_version", "new_line", "new_text", "reason"]


def changes_csv(log: ChangeLog) -> bytes:
    """One row per changed line (a split line's new lines and texts joined by semicolons), plain text."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in log.changed:
        writer.writerow([c.type, log.old.version.released, "; ".join(line.id for line in c.old),
                         "; ".join(plain(line.text) for line in c.old), log.new.version.released,
                         "; ".join(line.id for line in c.new), "; ".join(plain(line.text) for line in c.new),
                         c.reason or ""])
    return out.getvalue().encode("utf-8")
