"""The checklist pages of the site: one per checklist (or, for a long one, a page listing its parts
and a page per part: parts.py), and a page listing them all (for a framework of more than a dozen
sections, listing ranges of sections, each with a page of its own, so that no page grows with it)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..guidance_model import Guidance
from ..model import Element, Framework
from ..pages.framework_pages import Node, ranges, section_tree
from ..render import PageGroup, environment
from ..urls import DOWNLOADS_PAGE, checklist_path, checklists_range_path
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
    tree = section_tree(framework)
    # Beyond a dozen sections, the range whose page lists a section's checklist and its elements'.
    listed_in = {section.id: node for node in ranges(tree) if node.children[0].section for section in node.sections}
    for checklist in checklists:
        by_scope[checklist.scope].append(checklist)
        group.pages.update(_checklist_pages(env, framework, checklist, parts[checklist.slug], definitions.scale, guidance,
                                            listed_in.get(checklist.section_id) if checklist.scope in ("section", "element") else None))
    labels = sorted({kind.line_label.lower() for kind in framework.kinds.values()})
    # Each section's checklist with its elements' checklists, by section id.
    by_section: dict[str, tuple[Checklist, list[Checklist]]] = {c.slug: (c, []) for c in by_scope["section"]}
    for element in by_scope["element"]:
        by_section[element.section_id][1].append(element)
    values = {"framework": framework, "by_section": by_section, "range_path": checklists_range_path}
    group.pages["checklists/index.md"] = env.get_template("index.md.j2").render(
        definitions=definitions, scale=definitions.scale, here="checklists/index.md", line_labels=" or ".join(labels),
        kinds=by_scope["kind"], whole=by_scope["framework"][0], nodes=tree, **values)
    for node in ranges(tree):
        here = checklists_range_path(node)
        group.pages[here] = env.get_template("range.md.j2").render(here=here, within=node, nodes=node.children, **values)
    group.nav = [{"Checklists": _nav(by_scope, by_section, tree)}, {"Downloads": DOWNLOADS_PAGE}]
    return group


def _checklist_pages(env: Environment, framework: Framework, checklist: Checklist, parts: Parts | None, scale: Scale,
                     guidance: Guidance, listed_in: Node | None) -> dict[str, str]:
    """A checklist's page (naming the range of sections whose page lists it, if any: it is not in the
    navigation then); for a long one, also a page per part and per range of sections it lists."""
    values = {"framework": framework, "checklist": checklist, "scale": scale, "guidance": guidance}
    path = checklist_path(checklist.slug)
    pages = {path: env.get_template("checklist.md.j2").render(
        here=path, split=parts, nodes=parts.tree if parts else (), **values,
        listed_in=listed_in and (listed_in.label, checklists_range_path(listed_in)))}
    if parts is None:
        return pages
    for part in parts.parts:
        pages[part.path] = env.get_template("checklist.md.j2").render(here=part.path, split=parts, part=part, **values)
    for node in ranges(parts.tree):
        here = parts.range_path(checklist, node)
        pages[here] = env.get_template("parts.md.j2").render(here=here, split=parts, nodes=node.children, within=node, **values)
    return pages


def _nav(by_scope: dict[str, list[Checklist]], by_section: dict[str, tuple[Checklist, list[Checklist]]],
         tree: tuple[Node, ...]) -> list[Any]:
    """The index, the kinds' and the whole framework's checklists, then each section's with its
    elements' (a split checklist's parts are not in the navigation: its page lists them). Beyond a
    dozen sections, the ranges' pages in their place: Material draws, on every page, the entries on the
    way to it with their siblings, so nesting ranges in ranges would still grow every checklist page
    with the framework; the index and the ranges' pages reach every section's and element's."""
    nav: list[Any] = ["checklists/index.md"]
    nav += [{checklist.label: checklist_path(checklist.slug)} for checklist in by_scope["kind"] + by_scope["framework"]]
    if tree and tree[0].section is None:
        return nav + [{node.label: checklists_range_path(node)} for node in tree]
    return nav + [{section.label: [checklist_path(section.slug),
                                   *({element.label: checklist_path(element.slug)} for element in elements)]}
                  for section, elements in by_section.values()]
