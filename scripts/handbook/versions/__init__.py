"""Pages for a framework with earlier versions: the list of versions, each earlier version
(read-only, marked superseded), a "What changed" page per pair, and the page that carries
records made on an earlier version to the current one. A framework with one version gets none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..changelog import LABELS, MEANINGS, as_data
from ..checklists.definitions import Definitions
from ..history import History
from ..render import Abbreviations, PageGroup, environment
from ..model import Framework, Line
from ..urls import UPGRADE_PAGE, VERSIONS_PAGE, changes_path, element_path, version_path

TEMPLATES = Path(__file__).parent / "templates"
# The pages' stylesheet and scripts, published only by a site that has these pages (overrides/main.html links them).
ASSETS = Path(__file__).parent / "assets"
ASSET_PATHS = {"assets/stylesheets/versions.css": ASSETS / "versions.css",
               "assets/javascripts/upgrade-rules.js": ASSETS / "upgrade-rules.js",
               "assets/javascripts/upgrade-view.js": ASSETS / "upgrade-view.js",
               "assets/javascripts/xlsx-read.js": ASSETS / "xlsx-read.js"}


def generate(history: History, definitions: Definitions, abbreviations: Abbreviations = ()) -> PageGroup:
    """The versions pages (none for a framework with one version); `assets` says what files they need."""
    group = PageGroup()
    if not history.earlier:
        return group
    env = environment(TEMPLATES, abbreviations=abbreviations)
    current = history.current

    def version_page(version: Framework) -> str:
        return "framework/index.md" if version is current else version_path(version.version.released)

    def line_page(version: Framework, line: Line) -> str:
        """Where a line of `version` is shown: its element's page, or its version's page."""
        return element_path(elements[line.element_id]) if version is current else version_path(version.version.released)

    elements = {element.id: element for element in current.elements}

    def render(path: str, template: str, **values: Any) -> None:
        group.pages[path] = env.get_template(template).render(
            history=history, current=current, here=path, labels=LABELS, meanings=MEANINGS,
            version_page=version_page, line_page=line_page, **values)

    render(VERSIONS_PAGE, "versions.md.j2")
    nav: list[Any] = [VERSIONS_PAGE]
    for log in reversed(history.changes):
        render(changes_path(log.slug), "changes.md.j2", log=log, framework=log.new)
        nav.append({f"What changed in the {log.new.version.display_date} version": changes_path(log.slug)})
    for index, version in reversed(list(enumerate(history.earlier))):
        render(version_path(version.version.released), "superseded.md.j2", framework=version,
               successor=history.versions[index + 1], log=history.changes[index])
        nav.append({f"{version.version.display_date} (superseded)": version_path(version.version.released)})
    render(UPGRADE_PAGE, "upgrade.md.j2", framework=current, data=upgrade_data(history, definitions))
    nav.append({"Carry records across": UPGRADE_PAGE})
    group.nav = [{"Versions": nav}]
    return group


def assets(history: History) -> dict[str, Path]:
    """The files the versions pages load (docs path -> source), or none when there are no such pages."""
    return dict(ASSET_PATHS) if history.earlier else {}


def upgrade_data(history: History, definitions: Definitions) -> str:
    """What the upgrade page's script works from, as JSON safe inside a <script type="application/json">:
    the versions (label and title, as a workbook made on one names it), the scale, the current lines,
    the kinds of checklist (a record carried across keeps its kind, or moves to one holding its lines)
    and the change logs."""
    current = history.current
    kinds = [{"id": kind.id, "sections": list(kind.section_ids)} for kind in definitions.kinds] or [
        {"id": "whole-framework", "sections": [section.id for section in current.sections]}]
    data = {
        "framework": current.id,
        "version": current.version.released,
        "versions": [{"version": v.version.released, "label": v.version.label, "date": v.version.display_date,
                      "title": v.short_title} for v in history.versions],
        "scale": [{"id": value.id, "label": value.label} for value in definitions.scale.values],
        "kinds": kinds,
        "lines": {line.id: line.text for line in history.current.lines},
        "changes": [as_data(log) for log in history.changes],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
