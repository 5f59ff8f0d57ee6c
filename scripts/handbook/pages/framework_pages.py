"""The framework's own pages: home, introduction, overview, one per section and per element."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Framework
from ..render import PageGroup, environment, plain
from ..urls import element_path, section_path

TEMPLATES = Path(__file__).parent / "templates"


def generate(framework: Framework) -> PageGroup:
    env = environment(TEMPLATES)
    group = PageGroup()

    def render(path: str, template: str, **values: Any) -> None:
        group.pages[path] = env.get_template(template).render(framework=framework, here=path, **values)

    render("index.md", "home.md.j2")
    render("introduction.md", "introduction.md.j2")
    render("framework/index.md", "overview.md.j2")
    framework_nav: list[Any] = ["framework/index.md"]
    for section in framework.sections:
        render(section_path(section), "section.md.j2", section=section)
        section_nav: list[Any] = [section_path(section)]
        for element in section.elements:
            previous, following = framework.neighbours(element)
            render(element_path(element), "element.md.j2", element=element, section=section,
                   previous=previous, following=following)
            section_nav.append({f"{element.id}. {plain(element.title)}": element_path(element)})
        framework_nav.append({f"{section.id}. {plain(section.title)}": section_nav})
    group.nav = [
        {"Home": "index.md"},
        {framework.introduction.title: "introduction.md"},
        {"The framework": framework_nav},
    ]
    return group
