"""The framework as open data: one JSON document (the whole model) and one CSV row per line.

The JSON has the shape of data/schemas/framework.schema.json, so it validates against the
schema published beside it, and keeps the framework's Markdown emphasis. The CSV is for
spreadsheets: plain text, one row per line, with the handbook's themes, outcomes and
evidence sources for the line when the handbook has guidance for it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from ..model import Block, Framework
from ..render import plain

CSV_COLUMNS = ("section", "section_title", "element", "element_title", "line", "kind", "text")
GUIDANCE_COLUMNS = ("themes", "outcomes", "evidence_sources")
LIST_SEPARATOR = "; "


def framework_document(framework: Framework) -> dict[str, Any]:
    """The whole framework as plain data: metadata, introduction and sections."""
    return _present(
        id=framework.id,
        title=framework.title,
        short_title=framework.short_title,
        strapline=framework.strapline,
        publisher=_present(name=framework.publisher.name, short_name=framework.publisher.short_name,
                           address=framework.publisher.address, telephone=framework.publisher.telephone),
        version={"released": framework.version.released, "label": framework.version.label},
        source=_present(title=framework.source_title, note=framework.source_note) if framework.source_title else None,
        licence=_present(name=framework.licence.name, url=framework.licence.url,
                         copyright=framework.licence.copyright, attribution=framework.licence.attribution),
        element_kinds={key: _present(label=kind.label, line_label=kind.line_label, lead_in=kind.lead_in)
                       for key, kind in framework.kinds.items()},
        introduction={"title": framework.introduction.title,
                      "blocks": [_block(block) for block in framework.introduction.blocks]},
        sections=[{"id": section.id, "title": section.title, "elements": [
            {"id": element.id, "title": element.title, "kind": element.kind.key,
             "lines": [{"id": line.id, "text": line.text} for line in element.lines]}
            for element in section.elements]} for section in framework.sections],
    )


def framework_json(framework: Framework) -> bytes:
    return (json.dumps(framework_document(framework), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def framework_csv(framework: Framework, guidance: Mapping[str, Any] | None = None) -> bytes:
    """One row per line, in the framework's order; `guidance` maps line ids to the handbook's tags."""
    columns = CSV_COLUMNS + (GUIDANCE_COLUMNS if guidance else ())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for section in framework.sections:
        for element in section.elements:
            for line in element.lines:
                row = [section.id, plain(section.title), element.id, plain(element.title), line.id,
                       element.kind.key, plain(line.text)]
                if guidance:
                    tags = guidance[line.id]
                    row += [LIST_SEPARATOR.join(t.id for t in tags.themes),
                            LIST_SEPARATOR.join(link.outcome.id for link in tags.outcomes),
                            LIST_SEPARATOR.join(s.id for s in tags.sources)]
                writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _block(block: Block) -> dict[str, Any]:
    if block.type == "list":
        return {"list": list(block.items)}
    if block.type == "outcomes":
        return {"outcomes": [_present(id=o.id, text=o.text, element=o.element_id) for o in block.outcomes]}
    return {block.type: block.text}


def _present(**values: Any) -> dict[str, Any]:
    """The given fields without the empty optional ones (the schema has no nulls)."""
    return {key: value for key, value in values.items() if value is not None}
