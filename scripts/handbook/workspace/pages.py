"""The workspace page: its text, and the framework as data for the workspace's scripts.

The scripts (overrides/assets/javascripts/hb/) read the lines, the judgement scale, the kinds of
checklist and the framework's rating rule (if its data has one) from a JSON block in the page, so
the page works opened from disk, where a script cannot fetch a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..checklists.catalogue import Checklist, catalogue
from ..checklists.definitions import Definitions
from ..model import Framework
from ..render import PageGroup, environment, plain

TEMPLATES = Path(__file__).parent / "templates"
PAGE = "workspace/index.md"


def generate(framework: Framework, definitions: Definitions, sync_server: str = "") -> PageGroup:
    """The workspace page and its place in the navigation; `sync_server` is the team's CouchDB
    (named at build time), or empty: then the page offers no sync and sends nothing anywhere."""
    checklists = catalogue(framework, definitions)
    kinds = [c for c in checklists if c.scope == "kind"] or [c for c in checklists if c.scope == "framework"]
    page = environment(TEMPLATES).get_template("workspace.md.j2").render(
        framework=framework, kinds=kinds, here=PAGE, data=_data_json(framework, definitions, kinds), sync_server=sync_server)
    return PageGroup({PAGE: page}, [{"Inspection workspace": PAGE}])


def workspace_data(framework: Framework, definitions: Definitions, kinds: list[Checklist]) -> dict[str, Any]:
    """What the workspace's scripts need to know about the framework, as plain values."""
    rating = definitions.rating
    return {
        "framework": {"id": framework.id, "version": framework.version.released, "title": framework.short_title},
        "scale": [{"id": v.id, "label": v.label} for v in definitions.scale.values],
        "kinds": [{"id": k.slug, "title": k.title, "fields": list(k.fields),
                   "sections": [s.id for s in k.sections]} for k in kinds],
        "sections": [{"id": s.id, "title": plain(s.title), "elements": [
            {"id": e.id, "title": plain(e.title), "lines": [{"id": line.id, "text": plain(line.text)} for line in e.lines]}
            for e in s.elements]} for s in framework.sections],
        "rating": None if rating is None else {
            "name": rating.name, "values": list(rating.values),
            "bands": [{"label": b.label, "min_percent": b.min_percent} for b in rating.bands]},
    }


def _data_json(framework: Framework, definitions: Definitions, kinds: list[Checklist]) -> str:
    text = json.dumps(workspace_data(framework, definitions, kinds), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")  # nothing in the data can end the script block
