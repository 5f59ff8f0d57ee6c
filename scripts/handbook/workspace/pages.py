"""The workspace page: its text, and the framework as data for the workspace's scripts.

The scripts (overrides/assets/javascripts/hb/) read the judgement scale, the kinds of checklist
and the framework's rating rule (if its data has one) from a JSON block in the page, and the
sections, elements and lines (which grow with the framework) from a script beside the page,
`workspace/framework.js`, loaded only when the findings are shown: so the page's first visit
weighs the same however large the framework. A script, not a JSON file the page fetches: the
offline copy is opened from disk, where Chromium refuses fetch() but runs a script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..checklists.catalogue import Checklist, catalogue
from ..checklists.definitions import Definitions
from ..checklists.parts import Parts
from ..model import Framework
from ..render import PageGroup, environment, plain

TEMPLATES = Path(__file__).parent / "templates"
PAGE = "workspace/index.md"
DATA = "workspace/framework.js"


def generate(framework: Framework, definitions: Definitions, sync_server: str = "",
             parts: dict[str, Parts | None] | None = None) -> PageGroup:
    """The workspace page and its place in the navigation; `sync_server` is the team's CouchDB
    (named at build time), or empty: then the page offers no sync and sends nothing anywhere.
    `parts` (checklists.pages.splits) says which kinds are split into parts: a case opens at the first."""
    checklists = catalogue(framework, definitions)
    kinds = [c for c in checklists if c.scope == "kind"] or [c for c in checklists if c.scope == "framework"]
    parts = parts or {}
    page = environment(TEMPLATES).get_template("workspace.md.j2").render(
        framework=framework, kinds=kinds, here=PAGE, parts={k.slug: parts.get(k.slug) for k in kinds}, data=_json(workspace_data(framework, definitions, kinds)), sync_server=sync_server)
    script = f"(window.HB = window.HB || {{}}).frameworkData = {_json(framework_data(framework, kinds))};\n"
    return PageGroup({PAGE: page, DATA: script}, [{"Inspection workspace": PAGE}])


def workspace_data(framework: Framework, definitions: Definitions, kinds: list[Checklist]) -> dict[str, Any]:
    """What the workspace page needs to know about the framework, as plain values, in a size that
    does not grow with the framework's."""
    rating = definitions.rating
    return {
        "framework": {"id": framework.id, "version": framework.version.released, "title": framework.short_title},
        "scale": [{"id": v.id, "label": v.label} for v in definitions.scale.values],
        "kinds": [{"id": k.slug, "title": k.title, "fields": list(k.fields)} for k in kinds],
        "rating": None if rating is None else {
            "name": rating.name, "values": list(rating.values),
            "bands": [{"label": b.label, "min_percent": b.min_percent} for b in rating.bands]},
    }


def framework_data(framework: Framework, kinds: list[Checklist]) -> dict[str, Any]:
    """The sections, elements and lines, and which sections each kind of checklist covers: what the
    findings add up, loaded when they are shown."""
    return {
        "kinds": {k.slug: [s.id for s in k.sections] for k in kinds},
        "sections": [{"id": s.id, "title": plain(s.title), "elements": [
            {"id": e.id, "title": plain(e.title), "lines": [{"id": line.id, "text": plain(line.text)} for line in e.lines]}
            for e in s.elements]} for s in framework.sections],
    }


def _json(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")  # nothing in the data can end a script block
