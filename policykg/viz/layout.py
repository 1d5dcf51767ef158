"""Node positions computed before drawing, so a view is still the moment it appears.

Columns for layered views (documents → sections → measures → departments), rings around a centre
for one department, a force layout for small networks and packed community circles for large ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from policykg.viz.boxes import GAP, Box, separate, tidy

# distances are in vis-network's units (pixels at zoom 1)
COLUMN_GAP = 420.0
ROW_GAP = 34.0
SUB_COLUMN_GAP = 200.0
MIN_ROWS = 24  # a column wraps no shorter than this
ROWS_PER_ROOT = 1.6  # a column wraps at this × √(all nodes) rows: about as wide as tall
RING_GAP = 320.0
RING_CROWD = 24  # a ring holding more nodes than this grows ...
RING_GROWTH = 12.0  # ... by this much radius per extra node
COMMUNITY_SPACING = 40.0  # between neighbours in a packed community
DISC_SPREAD = 0.6  # a sunflower disc's radius per √(node index), in spacings
DISC_FILL = 0.45  # the share of a disc that labelled nodes' boxes fill
FORCE_SCALE = 900.0  # the least half-width of a force layout
FORCE_SCALE_PER_ROOT = 90.0  # ... and its growth with √(linked nodes)
FORCE_ITERATIONS = 80
ALONE_GAP = 160.0  # between the force layout and the rows of unlinked nodes under it
ALONE_ROW_GAP = 60.0
ALONE_MIN_PER_ROW = 8
SUB_COLUMN_MARGIN = 24.0  # between the widest boxes of two sub-columns
COLUMN_MARGIN = 160.0  # between two groups' columns, room for the edges between them to show
PACK_GAP = 60.0  # between two packed parts of a network
WINDOW_ASPECT = 1.45  # width / height of the drawing area of a view in a common window


def columns(
    groups: Sequence[Sequence[str]],
    gap: float = COLUMN_GAP,
    row: float = ROW_GAP,
    max_rows: int | None = None,
    boxes: Mapping[str, Box] | None = None,
) -> dict[str, tuple[float, float]]:
    """Place each group of nodes in its own column, left to right, centred on y = 0.

    A group taller than ``max_rows`` wraps into several sub-columns, so the picture stays about as
    wide as it is tall (by default, rows ≈ 1.6 × √(all nodes)). Given the nodes' ``boxes``, rows are
    as tall and sub-columns as wide as the boxes in them (no two overlap), and the picture's shape
    is about the window's.
    """
    if boxes is not None:
        return _fitted_columns(groups, boxes, max_rows)
    total = sum(len(g) for g in groups)
    limit = max_rows or max(MIN_ROWS, int(ROWS_PER_ROOT * math.sqrt(total)))
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    for group in groups:
        if not group:
            continue
        rows = min(limit, len(group))
        wraps = math.ceil(len(group) / rows)
        top = -(rows - 1) * row / 2
        for i, node in enumerate(group):
            pos[node] = (x + (i // rows) * SUB_COLUMN_GAP, top + (i % rows) * row)
        x += (wraps - 1) * SUB_COLUMN_GAP + gap
    return pos


def _fitted_columns(
    groups: Sequence[Sequence[str]], boxes: Mapping[str, Box], max_rows: int | None
) -> dict[str, tuple[float, float]]:
    """Return column positions where every row fits its tallest box and every sub-column its widest."""
    placed = [n for g in groups for n in g]
    if not placed:
        return {}
    row = max(boxes[n].height for n in placed) + GAP
    mean_width = sum(boxes[n].width + SUB_COLUMN_MARGIN for n in placed) / len(placed)
    # rows × row ≈ (nodes / rows) × mean width / aspect: the picture about the window's shape
    limit = max_rows or max(MIN_ROWS, math.ceil(math.sqrt(len(placed) * mean_width / (WINDOW_ASPECT * row))))
    pos: dict[str, tuple[float, float]] = {}
    left = 0.0
    for group in (g for g in groups if g):
        rows = min(limit, len(group))
        top = -(rows - 1) * row / 2
        for start in range(0, len(group), rows):
            chunk = group[start : start + rows]
            width = max(boxes[n].width for n in chunk)
            for i, node in enumerate(chunk):
                pos[node] = (left + width / 2, top + i * row - boxes[node].dy)
            left += width + SUB_COLUMN_MARGIN
        left += COLUMN_MARGIN
    return pos


def rings(
    centre: str,
    rings_of_nodes: Sequence[Sequence[str]],
    radius: float = RING_GAP,
    boxes: Mapping[str, Box] | None = None,
) -> dict[str, tuple[float, float]]:
    """Place ``centre`` at the origin and each sequence of nodes on a ring further out.

    Given the nodes' ``boxes``, the rings are then spread and nudged until no two boxes overlap.
    """
    pos = {centre: (0.0, 0.0)}
    for k, ring in enumerate(rings_of_nodes, start=1):
        r = radius * k + RING_GROWTH * max(0, len(ring) - RING_CROWD)
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / max(len(ring), 1)
            pos[node] = (r * math.cos(angle), r * math.sin(angle))
    return tidy(pos, boxes) if boxes is not None else pos


def packed_communities(
    groups: Iterable[Iterable[str]],
    spacing: float = COMMUNITY_SPACING,
    boxes: Mapping[str, Box] | None = None,
) -> dict[str, tuple[float, float]]:
    """Lay each community out as a disc (a sunflower spiral) and the discs on a spiral of their own.

    Linear time: used where a force layout would take minutes (thousands of nodes). Given the
    nodes' ``boxes``, the discs give each node room for its box and then no two boxes overlap.
    """
    if boxes:
        mean_area = sum((b.width + GAP) * (b.height + GAP) for b in boxes.values()) / len(boxes)
        # a sunflower disc gives each node π (spacing × spread)² of room: about its box / DISC_FILL
        spacing = math.sqrt(mean_area / DISC_FILL / math.pi) / DISC_SPREAD
    pos: dict[str, tuple[float, float]] = {}
    golden = math.pi * (3 - math.sqrt(5))
    cursor = 0.0
    for k, group in enumerate(sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))):
        disc = spacing * math.sqrt(len(group)) * DISC_SPREAD + spacing
        cursor += disc
        cx, cy = cursor * math.cos(k * golden), cursor * math.sin(k * golden)
        cursor += disc
        for i, node in enumerate(group):
            r = spacing * DISC_SPREAD * math.sqrt(i)
            pos[node] = (cx + r * math.cos(i * golden), cy + r * math.sin(i * golden))
    return separate(pos, boxes) if boxes else pos


def force(
    graph,  # noqa: ANN001
    seed: int = 0,
    scale: float = FORCE_SCALE,
    boxes: Mapping[str, Box] | None = None,
) -> dict[str, tuple[float, float]]:
    """Return a seeded force layout of a networkx graph, scaled to screen units.

    Given the nodes' ``boxes``, the layout is spread and nudged until no two boxes overlap, and the
    nodes with no edge stand in rows under it, each row as wide as the layout.
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    linked = [n for n in graph.nodes if graph.degree(n) > 0]
    alone = sorted((n for n in graph.nodes if graph.degree(n) == 0), key=str)
    scale = max(scale, FORCE_SCALE_PER_ROOT * math.sqrt(len(linked) or 1))
    pos: dict[str, tuple[float, float]] = {}
    if linked:
        raw = nx.spring_layout(
            graph.subgraph(linked), weight="weight", seed=seed, iterations=FORCE_ITERATIONS
        )
        pos = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()}
    if boxes is not None:
        return _packed_components(graph, linked, alone, boxes, seed)
    # nodes with no edge go in rows under the rest instead of stretching the picture
    bottom = max((y for _, y in pos.values()), default=0.0) + ALONE_GAP
    per_row = max(ALONE_MIN_PER_ROW, int(math.sqrt(len(alone)) * 2))
    for i, n in enumerate(alone):
        pos[n] = (-scale + (i % per_row) * (2 * scale / per_row), bottom + (i // per_row) * ALONE_ROW_GAP)
    return pos


def _packed_components(
    graph,  # noqa: ANN001
    linked: Sequence[str],
    alone: Sequence[str],
    boxes: Mapping[str, Box],
    seed: int,
) -> dict[str, tuple[float, float]]:
    """Return each connected part laid out on its own (no two boxes overlapping) and the parts packed
    in rows, largest first, then the nodes with no edge."""
    import networkx as nx

    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(undirected.subgraph(linked))),
        key=lambda c: (-len(c), str(c[0])),
    )
    blocks = []
    for part in parts:
        raw = nx.spring_layout(
            undirected.subgraph(part), weight="weight", seed=seed, iterations=FORCE_ITERATIONS
        )
        blocks.append(tidy({n: (float(x), float(y)) for n, (x, y) in raw.items()}, boxes))
    blocks += [{n: (0.0, 0.0)} for n in alone]
    return pack(blocks, boxes)


def pack(
    blocks: Sequence[Mapping[str, tuple[float, float]]], boxes: Mapping[str, Box]
) -> dict[str, tuple[float, float]]:
    """Return the blocks (each a layout of its own) moved into rows, left to right, no block
    overlapping another, the rows as wide as makes the picture largest in a window of the usual shape."""
    extents = [_extent(block, boxes) for block in blocks]
    sizes = [(r - left, b - t) for left, t, r, b in extents]
    candidates = {max(w for w, _ in sizes)}
    running = 0.0
    for w, _ in sizes:  # a row may end after any block
        running += w + PACK_GAP
        candidates.add(running)
    best = max(sorted(candidates), key=lambda width: _fit(_shelves(sizes, width)))
    corners = _shelves(sizes, best)[2]
    out: dict[str, tuple[float, float]] = {}
    for block, (left, top, _, _), (x, y) in zip(blocks, extents, corners, strict=True):
        for n, (bx, by) in block.items():
            out[n] = (bx - left + x, by - top + y)
    return out


def _shelves(
    sizes: Sequence[tuple[float, float]], width: float
) -> tuple[float, float, list[tuple[float, float]]]:
    """Return the width and height of blocks put in rows no wider than ``width``, and each one's corner."""
    corners = []
    x = y = row_height = widest = 0.0
    for w, h in sizes:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + PACK_GAP, 0.0
        corners.append((x, y))
        widest = max(widest, x + w)
        x += w + PACK_GAP
        row_height = max(row_height, h)
    return widest, y + row_height, corners


def _fit(packed: tuple[float, float, list]) -> float:
    """Return how large a picture of this width and height is drawn in a window of the usual shape."""
    width, height, _ = packed
    return min(WINDOW_ASPECT / max(width, 1.0), 1.0 / max(height, 1.0))


def _extent(
    block: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box]
) -> tuple[float, float, float, float]:
    """Return the left, top, right and bottom of the boxes of a block's nodes."""
    return (
        min(x - boxes[n].width / 2 for n, (x, _) in block.items()),
        min(y + boxes[n].dy - boxes[n].height / 2 for n, (_, y) in block.items()),
        max(x + boxes[n].width / 2 for n, (x, _) in block.items()),
        max(y + boxes[n].dy + boxes[n].height / 2 for n, (_, y) in block.items()),
    )
