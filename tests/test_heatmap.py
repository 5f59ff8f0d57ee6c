"""The heat map's layout: shades in proportion to the largest count, a gap between sections."""

from __future__ import annotations

from handbook.guides.heatmap import LEVELS, heat_map, level


def test_no_lines_is_the_lightest_shade_and_the_most_lines_the_darkest():
    assert level(0, 9) == 0
    assert level(1, 9) == 1
    assert level(9, 9) == LEVELS - 1
    assert [level(n, 8) for n in range(9)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert level(0, 0) == 0


def test_cells_follow_rows_and_columns_and_sections_are_spaced_apart():
    grid = heat_map(["1.1", "1.2", "2.1"], ["Ships pass safely", "Keepers are rested"], [(2, 0), (1, 1), (0, 2)])
    assert [(c.row, c.column, c.count) for c in grid.cells] == [
        ("1.1", "Ships pass safely", 2), ("1.1", "Keepers are rested", 0), ("1.2", "Ships pass safely", 1),
        ("1.2", "Keepers are rested", 1), ("2.1", "Ships pass safely", 0), ("2.1", "Keepers are rested", 2)]
    first, second, third = (row.y for row in grid.rows)
    assert third - second > second - first  # a new section starts
    assert [(c.row, c.column) for c in grid.highest] == [("1.1", "Ships pass safely"), ("2.1", "Keepers are rested")]
    assert all(column.lines and max(map(len, column.lines)) <= 13 for column in grid.columns)
    assert grid.width >= max(c.x for c in grid.cells) + grid.cell_width
    assert grid.height >= max(c.y for c in grid.cells) + grid.cell_height
