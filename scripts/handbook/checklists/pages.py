"""The checklist pages of the site: one per checklist (or, for a long one, a page listing its parts
and a page per part: parts.py), and a page listing them all."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..guidance_model import Guidance
from ..model import Element, Framework
from ..pages.framework_pages import Node, bounded_nav
from ..render import PageGroup, environment
from ..urls import DOWNLOADS_PAGE, checklist_path
from .catalogue import Checklist, catalogue
from .definitions import Definitions, Notes, Scale
from .parts import Parts, split

TEMPLATES = Path(__file__).parent / "templates"


def splits(framework: Framework, definitions: Definitions, guidance: Guidance) -> dict[str, Parts | None]:
    """Each checklist's parts by its slug: None for one that fits one page (parts.py)."""
    env = environment(TEMPLATES, abbreviations=guidance.vocabulary.abbreviations)
    template = env.get_template("_element.html.j2")
    described = all(value.description for value in definitions.scale.values)
    sizes: dict[tuple[str, Notes], int] = {}  # an element's size depends on the notes' label and lines alone

    def size(checklist: Checklist, element: Element) -> int:
        key = (element.id, checklist.notes)
        if key not in sizes:
            sizes[key] = len(template.render(element=element, element_heading="h3", several=True, described=described,
                                             checklist=checklist, scale=definitions.scale, guidance=guidance))
        return sizes[key]
    return {checklist.slug: split(checklist, partial(size, checklist)) for checklist in catalogue(framework, definitions)}


def generate(framework: Framework, definitions: Definitions, guidance: Guidance,
             parts: dict[str, Parts | None]) -> PageGroup:
    """Checklist pages (`parts` from `splits`), and navigation to them and to the Downloads page
    (which is made with the files)."""
    env = environment(TEMPLATES, abbreviations=guidance.vocabulary.abbreviations)
    checklists = catalogue(framework, definitions)
    group = PageGroup()
    by_scope: dict[str, list[Checklist]] = {"kind": [], "framework": [], "section": [], "element": []}
    for checklist in checklists:
        by_scope[checklist.scope].append(checklist)
        group.pages.update(_checklist_pages(env, framework, checklist, parts[checklist.slug], definitions.scale, guidance))
    labels = sorted({kind.line_label.lower() for kind in framework.kinds.values()})
    group.pages["checklists/index.md"] = env.get_template("index.md.j2").render(
        framework=framework, definitions=definitions, scale=definitions.scale, here="checklists/index.md",
        line_labels=" or ".join(labels), kinds=by_scope["kind"], whole=by_scope["framework"][0],
        sections=by_scope["section"], elements=by_scope["element"])
    group.nav = [{"Checklists": _nav(by_scope)}, {"Downloads": DOWNLOADS_PAGE}]
    return group


def _checklist_pages(env: Environment, framework: Framework, checklist: Checklist, parts: Parts | None, scale: Scale,
                     guidance: Guidance) -> dict[str, str]:
    """A checklist's page; for a long one, also a page per part and per range of sections it lists."""
    values = {"framework": framework, "checklist": checklist, "scale": scale, "guidance": guidance}
    path = checklist_path(checklist.slug)
    pages = {path: env.get_template("checklist.md.j2").render(
        here=path, split=parts, nodes=parts.tree if parts else (), **values)}
    if parts is None:
        return pages
    for part in parts.parts:
        pages[part.path] = env.get_template("checklist.md.j2").render(here=part.path, split=parts, part=part, **values)
    for node in _ranges(parts.tree):
        here = parts.range_path(checklist, node)
        pages[here] = env.get_template("parts.md.j2").render(here=here, split=parts, nodes=node.children, within=node, **values)
    return pages


def _ranges(nodes: tuple[Node, ...]) -> list[Node]:
    return [found for node in nodes if node.section is None for found in (node, *_ranges(node.children))]


def _nav(by_scope: dict[str, list[Checklist]]) -> list[Any]:
    # A split checklist's parts are not in the navigation (which every page carries): its page lists them.
    nav: list[Any] = ["checklists/index.md"]
    nav += [{checklist.label: checklist_path(checklist.slug)} for checklist in by_scope["kind"] + by_scope["framework"]]
    sections: list[Any] = []
    for section in by_scope["section"]:
        entries: list[Any] = [checklist_path(section.slug)]
        entries += [{element.label: checklist_path(element.slug)}
                    for element in by_scope["element"] if element.section_id == section.slug]
        sections.append({section.label: entries})
    return nav + bounded_nav(sections, [section.slug for section in by_scope["section"]])
