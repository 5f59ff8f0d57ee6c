"""Lay out the outcomes heat map: rows, columns and shaded cells, for heatmap.svg.j2 to draw.

The SVG is built when the site is built, inline in the page, and draws its colours from
classes (.hb-heat--0 ... --4) in the stylesheet, so it follows the light and dark schemes
and needs no inline style.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

LEVELS = 5            # shades, from 0 (no lines) to 4 (the most lines)
CELL_W, CELL_H, GAP = 78, 24, 3
LABEL_W = 40          # the row labels' column
LINE_H = 15           # one line of a column heading
SECTION_GAP = 8       # extra space where a new section starts
HEADING_CHARS = 13    # column headings wrap at this width


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    count: int
    level: int
    row: str
    column: str


@dataclass(frozen=True)
class Column:
    x: int                  # centre
    lines: tuple[str, ...]  # the heading, wrapped


@dataclass(frozen=True)
class Row:
    y: int                  # top
    label: str


@dataclass(frozen=True)
class HeatMap:
    width: int
    height: int
    cell_width: int
    cell_height: int
    line_height: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    cells: tuple[Cell, ...]
    highest: tuple[Cell, ...]  # the cells with the most lines, for the text alternative


def level(count: int, most: int) -> int:
    """The shade for `count`: 0 for none, otherwise 1 to LEVELS-1 in proportion to `most`."""
    return 0 if count == 0 or most == 0 else max(1, math.ceil(count / most * (LEVELS - 1)))


def heat_map(row_labels: list[str], column_labels: list[str], counts: list[tuple[int, ...]]) -> HeatMap:
    """A grid of `counts` (one tuple per row, one number per column).

    Row labels are element ids such as "3.1"; a change of section number leaves a gap.
    """
    wrapped = [tuple(textwrap.wrap(label, HEADING_CHARS)) for label in column_labels]
    top = max(len(lines) for lines in wrapped) * LINE_H + 2 * GAP
    columns = tuple(Column(LABEL_W + i * (CELL_W + GAP) + CELL_W // 2, lines) for i, lines in enumerate(wrapped))
    most = max((n for row in counts for n in row), default=0)
    rows: list[Row] = []
    cells: list[Cell] = []
    y = top
    for index, (label, row) in enumerate(zip(row_labels, counts)):
        if index and label.split(".")[0] != row_labels[index - 1].split(".")[0]:
            y += SECTION_GAP
        rows.append(Row(y, label))
        for column, (count, heading) in enumerate(zip(row, column_labels)):
            cells.append(Cell(LABEL_W + column * (CELL_W + GAP), y, count, level(count, most), label, heading))
        y += CELL_H + GAP
    highest = tuple(cell for cell in cells if most and cell.count == most)
    return HeatMap(width=LABEL_W + len(column_labels) * (CELL_W + GAP), height=y, cell_width=CELL_W, cell_height=CELL_H, line_height=LINE_H,
                   columns=columns, rows=tuple(rows), cells=tuple(cells), highest=highest)
