"""Ruled tables on a scanned page: their grid found from the printed lines, which are then erased.

A task-division table (分工表) is printed with ruling lines. Tesseract reads those lines as ``|``
and runs the cells of a row together, so before a page is recognised its long horizontal and
vertical strokes are found (a morphological opening keeps only runs far longer than any stroke of
a character), the grid they form is kept, and they are painted over. Each recognised word is then
put in the cell its centre falls in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DARK_BELOW = 128  # a grey level under this is ink
# a ruling line is a straight run of ink at least this many inches long (a character is a sixth)
MIN_RULE_INCHES = 0.6
MIN_TABLE_ROWS = 2
MIN_TABLE_COLUMNS = 2
RULE_MERGE_PIXELS = 8  # parallel rule pixels closer than this are one printed line
ERASE_MARGIN_PIXELS = 4  # and the grey edge of the printed rule


@dataclass(frozen=True)
class Grid:
    """One ruled table: the y of each horizontal rule and the x of each vertical rule, in pixels."""

    rows: tuple[int, ...]
    columns: tuple[int, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        """Return ``(left, top, right, bottom)`` of the table."""
        return self.columns[0], self.rows[0], self.columns[-1], self.rows[-1]

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        """Return the ``(row, column)`` of the cell holding the point, or None outside the table."""
        row = _interval_of(self.rows, y)
        column = _interval_of(self.columns, x)
        return None if row is None or column is None else (row, column)


def _interval_of(edges: tuple[int, ...], value: float) -> int | None:
    index = int(np.searchsorted(edges, value))
    return index - 1 if 0 < index < len(edges) else None


def find_grids(pixels: np.ndarray, dpi: float) -> tuple[list[Grid], np.ndarray]:
    """Return the ruled tables on a grey page and the page with their rules painted white.

    ``pixels`` is a 2-D array of grey levels; the page returned is a copy (the input is unchanged).
    """
    from scipy import ndimage

    ink = pixels < DARK_BELOW
    length = max(int(MIN_RULE_INCHES * dpi), 2)
    horizontal = _opening(ink, length, axis=1)
    vertical = _opening(ink, length, axis=0)
    rules = horizontal | vertical
    if not rules.any():
        return [], pixels
    labels, _ = ndimage.label(_grown(rules, RULE_MERGE_PIXELS))
    grids = []
    for box in ndimage.find_objects(labels):
        grid = _grid_in(horizontal[box], vertical[box], box[0].start, box[1].start)
        if grid is not None:
            grids.append(grid)
    cleaned = pixels.copy()
    cleaned[_grown(rules, ERASE_MARGIN_PIXELS)] = 255
    return sorted(grids, key=lambda g: g.rows[0]), cleaned


def _grown(mask: np.ndarray, pixels: int) -> np.ndarray:
    """Return ``mask`` grown by ``pixels`` in every direction (a square maximum filter, separable)."""
    from scipy import ndimage

    return ndimage.maximum_filter(mask.view(np.uint8), size=2 * pixels + 1).astype(bool)


def _opening(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Return the ink lying in straight runs at least ``length`` long along ``axis``."""
    from scipy import ndimage

    # a one-dimensional min then max filter: linear in the page, however long the run
    eroded = ndimage.minimum_filter1d(ink.view(np.uint8), length, axis=axis)
    return ndimage.maximum_filter1d(eroded, length, axis=axis).astype(bool)


def _grid_in(horizontal: np.ndarray, vertical: np.ndarray, top: int, left: int) -> Grid | None:
    """Return the grid the rules of one connected region form, or None when they form no table."""
    rows = _rule_positions(horizontal.any(axis=1))
    columns = _rule_positions(vertical.any(axis=0))
    if len(rows) < MIN_TABLE_ROWS + 1 or len(columns) < MIN_TABLE_COLUMNS + 1:
        return None  # an underline, a box or a single rule: not a table
    return Grid(tuple(top + r for r in rows), tuple(left + c for c in columns))


def _rule_positions(marked: np.ndarray) -> list[int]:
    """Return the middle of each run of marked positions (one per printed rule)."""
    positions = np.flatnonzero(marked)
    if positions.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(positions) > RULE_MERGE_PIXELS) + 1
    return [int(run.mean()) for run in np.split(positions, breaks)]
