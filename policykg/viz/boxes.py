"""The room a drawn node takes (its shape with its label), and moving nodes apart until none overlap.

Sizes follow vis-network's own drawing rules (label inside a box or ellipse, under every other shape;
``value`` scales a node between :data:`VALUE_MIN` and :data:`VALUE_MAX`), with text measured as a
CJK font draws it: a wide character is one font size across, any other about 0.6 of it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

FONT_SIZE = 14  # every label's font size, in vis-network units (the page sets it)
NARROW_WIDTH = 0.62  # a Latin letter or digit, in font sizes (a CJK character is 1)
NODE_SIZE = 12  # the radius of a shape drawn with its label under it (the page sets it)
VALUE_MIN, VALUE_MAX = 10, 30  # vis-network's radii for the smallest and largest ``value``
LABEL_MARGIN = 5  # vis-network's margin around a label inside a box
BORDER = 2
GAP = 8.0  # the least room between two nodes' boxes
DENSITY = 0.25  # a spread layout fills about this share of its area with boxes before separating
SEARCH_STEP = 6.0  # the grid of candidate positions around a node's own, in vis-network units
SEARCH_RADIUS = 40  # candidates up to this many steps away each way; past them, ever coarser
LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})


@dataclass(frozen=True)
class Box:
    """The rectangle a node covers: its size, and how far its centre lies below the node's centre."""

    width: float
    height: float
    dy: float = 0.0


def text_width(text: str, font: float = FONT_SIZE) -> float:
    """Return the width a label is drawn at, in vis-network units (its longest line)."""
    lines = text.split("\n") or [""]
    return max(
        sum(font if unicodedata.east_asian_width(c) in "WF" else NARROW_WIDTH * font for c in line)
        for line in lines
    )


def _radius(node: Mapping[str, Any], values: tuple[float, float] | None) -> float:
    """Return the radius vis-network draws a shape at: its size, or its value scaled among all values."""
    if "size" in node:
        return float(node["size"])
    if "value" in node and values is not None:
        low, high = values
        share = 0.5 if high == low else (float(node["value"]) - low) / (high - low)
        return VALUE_MIN + share * (VALUE_MAX - VALUE_MIN)
    return NODE_SIZE


def node_box(node: Mapping[str, Any], values: tuple[float, float] | None = None) -> Box:
    """Return the box a vis-network node record covers, with its label (``values``: least and most value)."""
    label = str(node.get("label") or "")
    lines = max(1, label.count("\n") + 1) if label else 0
    text_w, text_h = (text_width(label), lines * FONT_SIZE) if label else (0.0, 0.0)
    shape = node.get("shape", "ellipse")
    if shape in LABEL_INSIDE:
        if shape == "ellipse":
            h = 2 * max(text_h, FONT_SIZE)
            return Box(text_w + h / 2 + BORDER, h + BORDER)
        return Box(text_w + 2 * LABEL_MARGIN + BORDER, max(text_h, FONT_SIZE) + 2 * LABEL_MARGIN + BORDER)
    r = _radius(node, values)
    return Box(max(2 * r, text_w), 2 * r + text_h, text_h / 2)


def node_boxes(nodes: Iterable[Mapping[str, Any]]) -> dict[str, Box]:
    """Return every node's box by id."""
    nodes = list(nodes)
    values = [float(n["value"]) for n in nodes if "value" in n]
    scale = (min(values), max(values)) if values else None
    return {n["id"]: node_box(n, scale) for n in nodes}


Positions = dict[str, tuple[float, float]]


def overlapping_pairs(pos: Positions, boxes: Mapping[str, Box], gap: float = GAP) -> list[tuple[str, str]]:
    """Return the pairs of nodes whose boxes, ``gap`` apart at least, would overlap (a sweep along x)."""
    spans = sorted(
        (x - boxes[n].width / 2 - gap / 2, x + boxes[n].width / 2 + gap / 2, n) for n, (x, _) in pos.items()
    )
    pairs = []
    for i, (_, right, a) in enumerate(spans):
        ya = pos[a][1] + boxes[a].dy
        for left_b, _, b in spans[i + 1 :]:
            if left_b >= right:
                break
            yb = pos[b][1] + boxes[b].dy
            if abs(ya - yb) < (boxes[a].height + boxes[b].height) / 2 + gap:
                pairs.append((a, b))
    return pairs


def spread(pos: Positions, boxes: Mapping[str, Box], density: float = DENSITY) -> Positions:
    """Return ``pos`` scaled about its centre until its boxes fill about ``density`` of its area (never shrunk)."""
    if len(pos) < 2:
        return dict(pos)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span_w, span_h = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    area = sum((boxes[n].width + GAP) * (boxes[n].height + GAP) for n in pos)
    factor = max(1.0, math.sqrt(area / density / (span_w * span_h)))
    return {n: (cx + (x - cx) * factor, cy + (y - cy) * factor) for n, (x, y) in pos.items()}


def separate(pos: Positions, boxes: Mapping[str, Box], gap: float = GAP) -> Positions:
    """Return ``pos`` with no two boxes overlapping: nodes are placed from the centre out, each at its
    own position when that is free, else at the free position nearest to it.

    Deterministic, and it always ends: a greedy placement, not pushing pairs back and forth (which
    oscillates in a dense cluster of wide labels).
    """
    if not pos:
        return {}
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    widths = sorted(b.width for b in boxes.values())
    heights = sorted(b.height for b in boxes.values())
    grid = _Grid(widths[len(widths) // 2] + gap, heights[len(heights) // 2] + gap)
    out: Positions = {}
    for n in sorted(pos, key=lambda n: ((pos[n][0] - cx) ** 2 + (pos[n][1] - cy) ** 2, n)):
        x, y = pos[n]
        box = boxes[n]
        for dx, dy in _offsets(box):
            rect = _rect(x + dx, y + dy, box, gap)
            if grid.free(rect):
                grid.add(rect)
                out[n] = (x + dx, y + dy)
                break
    return out


@cache
def _unit_offsets() -> tuple[tuple[int, int], ...]:
    """Return the steps (i, j) of the candidate grid, nearest first, out to :data:`SEARCH_RADIUS`."""
    steps = [
        (i, j)
        for i in range(-SEARCH_RADIUS, SEARCH_RADIUS + 1)
        for j in range(-SEARCH_RADIUS, SEARCH_RADIUS + 1)
    ]
    return tuple(sorted(steps, key=lambda ij: (ij[0] ** 2 + ij[1] ** 2, ij)))


def _offsets(box: Box):  # noqa: ANN202
    """Yield candidate moves for ``box``, nearest first: steps of a quarter of its size, then, past
    :data:`SEARCH_RADIUS` steps, ever coarser rings."""
    sx, sy = max(SEARCH_STEP, box.width / 4), max(SEARCH_STEP, box.height / 4)
    for i, j in _unit_offsets():
        yield i * sx, j * sy
    k = SEARCH_RADIUS
    while True:  # a free place always exists further out
        k *= 2
        for i, j in ((k, 0), (-k, 0), (0, k), (0, -k), (k, k), (-k, k), (k, -k), (-k, -k)):
            yield i * sx, j * sy


Rect = tuple[float, float, float, float]


def _rect(x: float, y: float, box: Box, gap: float) -> Rect:
    """Return the left, top, right and bottom of ``box`` drawn at (x, y), with half the gap around it."""
    cy = y + box.dy
    return (
        x - box.width / 2 - gap / 2,
        cy - box.height / 2 - gap / 2,
        x + box.width / 2 + gap / 2,
        cy + box.height / 2 + gap / 2,
    )


class _Grid:
    """Placed rectangles, indexed by the cells of a grid they touch."""

    def __init__(self, cell_w: float, cell_h: float) -> None:
        self.cw, self.ch = cell_w, cell_h
        self.cells: dict[tuple[int, int], list[Rect]] = {}

    def _cells(self, r: Rect) -> list[tuple[int, int]]:
        columns = range(math.floor(r[0] / self.cw), math.floor(r[2] / self.cw) + 1)
        rows = range(math.floor(r[1] / self.ch), math.floor(r[3] / self.ch) + 1)
        return [(i, j) for i in columns for j in rows]

    def free(self, r: Rect) -> bool:
        """True when ``r`` overlaps no rectangle placed so far."""
        left, top, right, bottom = r
        get = self.cells.get
        for cell in self._cells(r):
            for o in get(cell, ()):
                if left < o[2] and o[0] < right and top < o[3] and o[1] < bottom:
                    return False
        return True

    def add(self, r: Rect) -> None:
        """Place ``r``."""
        for cell in self._cells(r):
            self.cells.setdefault(cell, []).append(r)


def tidy(pos: Positions, boxes: Mapping[str, Box]) -> Positions:
    """Return a free layout (force, rings, discs) spread out and then separated: no two boxes overlap."""
    return separate(spread(pos, boxes), boxes)


def widest(nodes: Sequence[str], boxes: Mapping[str, Box] | None, least: float) -> float:
    """Return the widest box among ``nodes`` (``least`` when there are no boxes)."""
    if not boxes:
        return least
    return max([least, *(boxes[n].width for n in nodes if n in boxes)])
