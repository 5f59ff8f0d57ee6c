"""Load a framework folder: read every file, check it, and build the model.

A framework folder holds framework.yaml (metadata), introduction.yaml and
sections/*.yaml (one section each). All problems in all files are collected
before stopping, so a maintainer sees every mistake in one run.
"""

from __future__ import annotations

from pathlib import Path

from . import rules, schema
from .model import (Block, Element, ElementKind, Framework, Introduction, Licence, Line, Outcome,
                    Publisher, Section, Version)
from .problems import DataError, Problem
from .yamlload import YamlDocument, yaml_files


def load_framework(folder: Path) -> Framework:
    """The validated framework in `folder`; raises DataError listing every problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError([Problem(folder, None, "the framework folder does not exist",
                                 "give the folder that holds framework.yaml, introduction.yaml and sections/")])
    problems: list[Problem] = []
    metadata = _load(folder / "framework.yaml", "metadata.schema.json", problems)
    introduction = _load(folder / "introduction.yaml", "introduction.schema.json", problems)
    section_paths = yaml_files(folder / "sections", "section", problems)
    if not section_paths:
        problems.append(Problem(folder / "sections", None, "no section files found",
                                "add one YAML file per section, e.g. sections/1-first-section.yaml"))
    sections = [_load(path, "section.schema.json", problems) for path in section_paths]
    if problems:
        raise DataError(problems)
    sections.sort(key=lambda d: int(d.data["id"]))
    problems += rules.check_metadata(metadata) + rules.check_sections(sections)
    problems += rules.check_references(metadata, introduction, sections)
    if problems:
        raise DataError(problems)
    return _model(metadata.data, introduction.data, [d.data for d in sections])


def _load(path: Path, schema_name: str, problems: list[Problem]) -> YamlDocument:
    if not path.exists() and not path.is_symlink():  # anything else is read, and refused if it is not a plain file
        problems.append(Problem(path, None, "the file is missing", f"create {path.name}; see content/framework/ for an example"))
        return YamlDocument(path, None)
    return schema.load_checked(path, schema_name, problems)


def _model(meta: dict, intro: dict, sections: list[dict]) -> Framework:
    kinds = {key: ElementKind(key, k["label"], k["line_label"], k.get("lead_in"))
             for key, k in meta["element_kinds"].items()}
    publisher = meta["publisher"]
    licence = meta["licence"]
    return Framework(
        id=meta["id"],
        title=meta["title"],
        short_title=meta["short_title"],
        strapline=meta.get("strapline"),
        publisher=Publisher(publisher["name"], publisher.get("short_name"), publisher.get("address"), publisher.get("telephone")),
        version=Version(meta["version"]["released"], meta["version"]["label"]),
        source_title=(meta.get("source") or {}).get("title"),
        licence=Licence(licence["name"], licence["url"], licence.get("copyright"), licence["attribution"]),
        kinds=kinds,
        introduction=Introduction(intro["title"], tuple(_block(b) for b in intro["blocks"])),
        sections=tuple(
            Section(s["id"], s["title"], tuple(
                Element(e["id"], e["title"], kinds[e["kind"]],
                        tuple(Line(line["id"], line["text"], e["id"]) for line in e["lines"]), s["id"])
                for e in s["elements"]))
            for s in sections),
        source_note=(meta.get("source") or {}).get("note"),
    )


def _block(block: dict) -> Block:
    (kind, value), = block.items()
    if kind == "list":
        return Block(kind, items=tuple(value))
    if kind == "outcomes":
        return Block(kind, outcomes=tuple(Outcome(o["id"], o["text"], o.get("element")) for o in value))
    return Block(kind, text=value)
