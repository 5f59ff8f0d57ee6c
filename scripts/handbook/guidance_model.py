"""The handbook's own guidance as typed, immutable objects: vocabularies and per-line prompts.

Kept apart from model.py, which holds only the published framework's words: nothing
here is official text. Guidance refers into the framework by id (lines, outcomes).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Mapping

from .model import Outcome


@dataclass(frozen=True)
class EvidenceSource:
    """Where an inspector looks for evidence, e.g. the case record or a manager interview."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Theme:
    """A cross-cutting theme such as victims or resettlement."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    expansion: str | None = None
    forms: tuple[str, ...] = ()

    @property
    def tooltip(self) -> str:
        """What the term stands for if it is an abbreviation or name, else its definition."""
        return self.expansion or self.definition

    @property
    def written_forms(self) -> tuple[str, ...]:
        """Every way the term is written in running text.

        An ordinary term also starts sentences ("Desistance is..."), so its capitalised
        forms count; an abbreviation (it has an expansion) is matched only as written.
        """
        forms = (self.term, *self.forms)
        if self.expansion is None:
            forms += tuple(f[0].upper() + f[1:] for f in forms if not f[0].isupper())
        return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Vocabulary:
    """The controlled vocabularies in data/: evidence sources, themes and the glossary."""

    sources: tuple[EvidenceSource, ...]
    themes: tuple[Theme, ...]
    glossary: tuple[GlossaryEntry, ...]

    @cached_property
    def abbreviations(self) -> tuple[tuple[str, str], ...]:
        """(written form, tooltip) for each way each glossary term is written."""
        return tuple((form, entry.tooltip) for entry in self.glossary for form in entry.written_forms)


@dataclass(frozen=True)
class OutcomeLink:
    """An outcome a line serves, and the handbook's one-line reason why."""

    outcome: Outcome
    reason: str


@dataclass(frozen=True)
class LineGuidance:
    """The handbook's evidence prompts for one indicator or line of enquiry."""

    line_id: str
    questions: tuple[str, ...]
    sources: tuple[EvidenceSource, ...]
    strong: tuple[str, ...]
    warning: tuple[str, ...]
    themes: tuple[Theme, ...]
    outcomes: tuple[OutcomeLink, ...]


@dataclass(frozen=True)
class Guidance:
    """All of the handbook's guidance for one framework: every line's prompts and the vocabularies."""

    vocabulary: Vocabulary
    lines: Mapping[str, LineGuidance]  # line id -> guidance, for every line of the framework

    def for_line(self, line_id: str) -> LineGuidance:
        return self.lines[line_id]

    def lines_with_source(self, source: EvidenceSource) -> tuple[str, ...]:
        return tuple(i for i, g in self.lines.items() if source in g.sources)

    def lines_with_theme(self, theme: Theme) -> tuple[str, ...]:
        return tuple(i for i, g in self.lines.items() if theme in g.themes)

    def lines_serving(self, outcome: Outcome) -> tuple[str, ...]:
        return tuple(i for i, g in self.lines.items() if any(link.outcome == outcome for link in g.outcomes))

    def reason(self, line_id: str, outcome: Outcome) -> str:
        return next(link.reason for link in self.lines[line_id].outcomes if link.outcome == outcome)
