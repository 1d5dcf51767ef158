"""Node positions computed before drawing, so a view is still the moment it appears.

Columns for layered views (documents → sections → measures → departments), rings around a centre
for one department, a force layout for small networks and packed community circles for large ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

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
FORCE_SCALE = 900.0  # the least half-width of a force layout
FORCE_SCALE_PER_ROOT = 90.0  # ... and its growth with √(linked nodes)
FORCE_ITERATIONS = 80
ALONE_GAP = 160.0  # between the force layout and the rows of unlinked nodes under it
ALONE_ROW_GAP = 60.0
ALONE_MIN_PER_ROW = 8


def columns(
    groups: Sequence[Sequence[str]],
    gap: float = COLUMN_GAP,
    row: float = ROW_GAP,
    max_rows: int | None = None,
) -> dict[str, tuple[float, float]]:
    """Place each group of nodes in its own column, left to right, centred on y = 0.

    A group taller than ``max_rows`` wraps into several sub-columns, so the picture stays about as
    wide as it is tall (by default, rows ≈ 1.6 × √(all nodes)).
    """
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


def rings(
    centre: str, rings_of_nodes: Sequence[Sequence[str]], radius: float = RING_GAP
) -> dict[str, tuple[float, float]]:
    """Place ``centre`` at the origin and each sequence of nodes on a ring further out."""
    pos = {centre: (0.0, 0.0)}
    for k, ring in enumerate(rings_of_nodes, start=1):
        r = radius * k + RING_GROWTH * max(0, len(ring) - RING_CROWD)
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / max(len(ring), 1)
            pos[node] = (r * math.cos(angle), r * math.sin(angle))
    return pos


def packed_communities(
    groups: Iterable[Iterable[str]], spacing: float = COMMUNITY_SPACING
) -> dict[str, tuple[float, float]]:
    """Lay each community out as a disc (a sunflower spiral) and the discs on a spiral of their own.

    Linear time: used where a force layout would take minutes (thousands of nodes).
    """
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
    return pos


def force(graph, seed: int = 0, scale: float = FORCE_SCALE) -> dict[str, tuple[float, float]]:  # noqa: ANN001
    """Return a seeded spring layout of a networkx graph, scaled to screen units."""
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
    # nodes with no edge go in rows under the rest instead of stretching the picture
    bottom = max((y for _, y in pos.values()), default=0.0) + ALONE_GAP
    per_row = max(ALONE_MIN_PER_ROW, int(math.sqrt(len(alone)) * 2))
    for i, n in enumerate(alone):
        pos[n] = (-scale + (i % per_row) * (2 * scale / per_row), bottom + (i // per_row) * ALONE_ROW_GAP)
    return pos
