"""How views draw things: the colour, shape and legend label of each kind of node and each role.

Colours are a view concern and stay here; the roles themselves (keys, order, labels) come from the
genre's vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from policykg.loaders.extract.vocabulary import CO, GENERIC, LEAD, RESPONSIBLE, ROLE_BY_KEY
from policykg.viz.boxes import Box, node_boxes
from policykg.viz.page import clip

KINDS = {  # kind: (label, colour, shape)
    "document": ("文件 document", "#4e79a7", "box"),
    "section": ("章节 section", "#76b7b2", "ellipse"),
    "measure": ("措施 measure", "#f28e2b", "dot"),
    "measure-group": ("措施组 measures (grouped)", "#f6b26b", "square"),
    "department": ("部门 department", "#e15759", "diamond"),
    "basis": ("依据文件 cited document", "#59a14f", "triangle"),
    "indicator": ("指标 indicator", "#b07aa1", "hexagon"),
    "unserved": ("无措施的指标 unserved indicator", "#d62728", "hexagon"),
    "orphan": ("无责任部门的措施 measure with no department", "#7f7f7f", "star"),
}
ROLE_COLOURS = {LEAD.key: "#b2182b", RESPONSIBLE.key: "#ef8a62", CO.key: "#999999", GENERIC: "#cccccc"}
GENERIC_LABEL = f"泛指 {GENERIC}"  # named but non-specific actors (市相关部门) in a measure's tooltip
COMMUNITY_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
# citation roles as policykg.queries.snapshot.CITATIONS names them
CITATION_COLOURS = {"basis": "#2b8cbe", "implements": "#31a354", "produces": "#e6550d"}
OTHER_CITATION_COLOUR = "#bbbbbb"
CITATION_LABELS = {
    "basis": "依据 basis",
    "implements": "落实 implements",
    "produces": "印发 produces",
    "mentions": "提及 mentions",
}
DEADLINE_COLOUR = "#6a3d9a"
TARGET_COLOUR = "#1b9e77"
MEASURE_TO_DOCUMENT_COLOUR = "#dddddd"
INDICATOR_LINK_COLOUR = "#c9b2d6"  # indicator → sub-indicator, indicator → department
LABEL_CHARS = 24  # a node's label is clipped to this many characters; the tooltip has the rest


def ink(colour: str) -> str:
    """Return the text colour readable on a ``#rrggbb`` background: white on dark, near-black on light."""
    r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return "#fff" if 0.299 * r + 0.587 * g + 0.114 * b < DARK_BELOW else "#222"


DARK_BELOW = 140  # a background whose luma is under this takes white text


def role_label(role: str) -> str:
    """Return the bilingual label of a role key, e.g. ``牵头 lead``."""
    return ROLE_BY_KEY[role].label


def node(
    node_id: str, label: str, kind: str, pos: tuple[float, float], title: str, **extra: Any
) -> dict[str, Any]:
    """Return a vis-network node of ``kind``, coloured and shaped as the kind says, at ``pos``.

    ``extra`` adds fields: ``documents`` and ``departments`` (the page's filters match them),
    ``value`` or ``size`` (vis-network scales the node by them).
    """
    _, colour, shape = KINDS[kind]
    return {
        "id": node_id,
        "label": clip(label, LABEL_CHARS),
        "kind": kind,
        "x": round(pos[0], 1),
        "y": round(pos[1], 1),
        "color": colour,
        "shape": shape,
        "title": title,
        **extra,
    }


def role_edge(source: str, target: str, role: str, **extra: Any) -> dict[str, Any]:
    """Return an edge coloured and titled by a department's ``role``."""
    return {"from": source, "to": target, "color": ROLE_COLOURS[role], "title": role_label(role), **extra}


def role_edge_legend() -> list[dict[str, str]]:
    """Return what the colours of role edges mean: one entry per role."""
    return [
        {"label": role_label(key), "color": colour, "style": "solid"}
        for key, colour in ROLE_COLOURS.items()
        if key != GENERIC
    ]


def citation_edge_legend(dashed: bool = False) -> list[dict[str, str]]:
    """Return what the colours of citation edges mean (drawn dashed where a view draws them so)."""
    style = "dashed" if dashed else "solid"
    return [
        {"label": CITATION_LABELS[role], "color": c, "style": style} for role, c in CITATION_COLOURS.items()
    ] + [{"label": CITATION_LABELS["mentions"], "color": OTHER_CITATION_COLOUR, "style": style}]


def legend(kinds: list[str]) -> list[dict[str, str]]:
    """Return the legend entries of ``kinds``: kind, label and colour."""
    return [{"kind": k, "label": KINDS[k][0], "color": KINDS[k][1]} for k in kinds]


def linked(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the edges whose both ends are known (a measure outside any section has no parent)."""
    return [e for e in edges if e.get("from") and e.get("to")]


class Unplaced(dict):
    """Positions not computed yet: every node is at the origin until :func:`place` moves it."""

    def __missing__(self, key: str) -> tuple[float, float]:
        return (0.0, 0.0)


def place(
    nodes: list[dict[str, Any]], arrange: Callable[[Mapping[str, Box]], Mapping[str, tuple[float, float]]]
) -> list[dict[str, Any]]:
    """Return ``nodes`` moved to the positions ``arrange`` computes from the boxes they are drawn in.

    Views make their nodes first (label, shape, size), so that a layout knows the room each takes.
    """
    pos = arrange(node_boxes(nodes))
    for n in nodes:
        x, y = pos[n["id"]]
        n["x"], n["y"] = round(x, 1), round(y, 1)
    return nodes
