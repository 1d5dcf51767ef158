"""Node positions computed before drawing, so a view is still the moment it appears.

Columns for layered views (documents → sections → measures → departments), rings around a centre
for one department, a force layout for small networks and packed community circles for large ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

COLUMN_GAP = 420.0
ROW_GAP = 34.0


SUB_COLUMN_GAP = 200.0


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
    limit = max_rows or max(24, int(1.6 * math.sqrt(total)))
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
    centre: str, rings_of_nodes: Sequence[Sequence[str]], radius: float = 320.0
) -> dict[str, tuple[float, float]]:
    """Place ``centre`` at the origin and each sequence of nodes on a ring further out."""
    pos = {centre: (0.0, 0.0)}
    for k, ring in enumerate(rings_of_nodes, start=1):
        r = radius * k + 12 * max(0, len(ring) - 24)
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / max(len(ring), 1)
            pos[node] = (r * math.cos(angle), r * math.sin(angle))
    return pos


def packed_communities(
    groups: Iterable[Iterable[str]], spacing: float = 40.0
) -> dict[str, tuple[float, float]]:
    """Lay each community out as a disc (a sunflower spiral) and the discs on a spiral of their own.

    Linear time: used where a force layout would take minutes (thousands of nodes).
    """
    pos: dict[str, tuple[float, float]] = {}
    golden = math.pi * (3 - math.sqrt(5))
    cursor = 0.0
    for k, group in enumerate(sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))):
        disc = spacing * math.sqrt(len(group)) * 0.6 + spacing
        cursor += disc
        cx, cy = cursor * math.cos(k * golden), cursor * math.sin(k * golden)
        cursor += disc
        for i, node in enumerate(group):
            r = spacing * 0.6 * math.sqrt(i)
            pos[node] = (cx + r * math.cos(i * golden), cy + r * math.sin(i * golden))
    return pos


def force(graph, seed: int = 0, scale: float = 900.0) -> dict[str, tuple[float, float]]:  # noqa: ANN001
    """Return a seeded spring layout of a networkx graph, scaled to screen units."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    linked = [n for n in graph.nodes if graph.degree(n) > 0]
    alone = sorted((n for n in graph.nodes if graph.degree(n) == 0), key=str)
    scale = max(scale, 90.0 * math.sqrt(len(linked) or 1))
    pos: dict[str, tuple[float, float]] = {}
    if linked:
        raw = nx.spring_layout(graph.subgraph(linked), weight="weight", seed=seed, iterations=80)
        pos = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()}
    # nodes with no edge go in rows under the rest instead of stretching the picture
    bottom = max((y for _, y in pos.values()), default=0.0) + 160
    per_row = max(8, int(math.sqrt(len(alone)) * 2))
    for i, n in enumerate(alone):
        pos[n] = (-scale + (i % per_row) * (2 * scale / per_row), bottom + (i // per_row) * 60)
    return pos
