"""The checklist pages of the site: one per checklist, and a page listing them all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..guidance_model import Guidance
from ..model import Framework
from ..pages.framework_pages import bounded_nav
from ..render import PageGroup, environment
from ..urls import DOWNLOADS_PAGE, checklist_path
from .catalogue import Checklist, catalogue
from .definitions import Definitions

TEMPLATES = Path(__file__).parent / "templates"


def generate(framework: Framework, definitions: Definitions, guidance: Guidance) -> PageGroup:
    """Checklist pages, and navigation to them and to the Downloads page (which is made with the files)."""
    env = environment(TEMPLATES, abbreviations=guidance.vocabulary.abbreviations)
    checklists = catalogue(framework, definitions)
    group = PageGroup()
    by_scope: dict[str, list[Checklist]] = {"kind": [], "framework": [], "section": [], "element": []}
    for checklist in checklists:
        by_scope[checklist.scope].append(checklist)
        path = checklist_path(checklist.slug)
        group.pages[path] = env.get_template("checklist.md.j2").render(
            framework=framework, checklist=checklist, scale=definitions.scale, guidance=guidance, here=path)
    labels = sorted({kind.line_label.lower() for kind in framework.kinds.values()})
    group.pages["checklists/index.md"] = env.get_template("index.md.j2").render(
        framework=framework, definitions=definitions, scale=definitions.scale, here="checklists/index.md",
        line_labels=" or ".join(labels), kinds=by_scope["kind"], whole=by_scope["framework"][0],
        sections=by_scope["section"], elements=by_scope["element"])
    group.nav = [{"Checklists": _nav(by_scope)}, {"Downloads": DOWNLOADS_PAGE}]
    return group


def _nav(by_scope: dict[str, list[Checklist]]) -> list[Any]:
    nav: list[Any] = ["checklists/index.md"]
    nav += [{checklist.label: checklist_path(checklist.slug)} for checklist in by_scope["kind"] + by_scope["framework"]]
    sections: list[Any] = []
    for section in by_scope["section"]:
        entries: list[Any] = [checklist_path(section.slug)]
        entries += [{element.label: checklist_path(element.slug)}
                    for element in by_scope["element"] if element.section_id == section.slug]
        sections.append({section.label: entries})
    return nav + bounded_nav(sections, [section.slug for section in by_scope["section"]])
