"""The indicators view: indicators ↔ measures ↔ departments; unserved indicators and orphan measures stand out."""

from __future__ import annotations

from typing import Any

from policykg.graph.store.protocol import SparqlStore
from policykg.ontology.terms import POL
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.viz import layout
from policykg.viz.page import PageParts
from policykg.viz.view import View, make_view
from policykg.viz.views.nodes import by_name, department_node, document_of, measure_node
from policykg.viz.views.style import (
    INDICATOR_LINK_COLOUR,
    Unplaced,
    legend,
    node,
    place,
    role_edge,
    role_edge_legend,
)


def indicators_view(store: SparqlStore, snapshot: Snapshot | None = None) -> View:
    """Return the view of indicators ↔ measures ↔ departments; unserved indicators and orphan measures stand out."""
    snap = snapshot or load_snapshot(store)
    indicators = snap.of_type(POL.Indicator)
    sources = {snap.source.get(i) for i in indicators}
    measures = [m for m in snap.of_type(POL.Measure) if snap.source.get(m) in sources]
    served = _served(snap, indicators, measures)
    depts = by_name(
        snap,
        {d for m in measures for _, d in snap.roles.get(m, [])}
        | {d for i in indicators for d in snap.responsible_for_indicator.get(i, [])},
    )
    pos = Unplaced()
    nodes, edges = _indicators(snap, indicators, served, pos)
    for m in measures:
        nodes.append(measure_node(snap, m, pos[m], "measure" if snap.roles.get(m) else "orphan"))
        edges += [{"from": m, "to": i} for i in snap.serves.get(m, ())]
        edges += [role_edge(m, d, role) for role, d in snap.roles.get(m, [])]
    nodes += [department_node(snap, d, pos[d]) for d in depts]
    place(nodes, lambda boxes: layout.columns([indicators, measures, depts], boxes=boxes))
    unserved = sum(1 for i in indicators if i not in served)
    orphans = sum(1 for m in measures if not snap.roles.get(m))
    parts = PageParts(
        "评价指标 Indicators",
        legend(["indicator", "unserved", "measure", "orphan", "department"]),
        sorted({document_of(snap, m) for m in measures}),
        sorted(snap.name(d) for d in depts),
        f"{unserved} indicators served by no measure; {orphans} measures with no department",
        [
            *role_edge_legend(),
            {
                "label": "指标 → 子指标 / 责任部门 indicator links",
                "color": INDICATOR_LINK_COLOUR,
                "style": "solid",
            },
        ],
    )
    return make_view(parts, nodes, edges)


def _served(snap: Snapshot, indicators: list[str], measures: list[str]) -> set[str]:
    """Return the indicators some measure serves, and the sub-indicators of those."""
    served: set[str] = set()
    for m in measures:
        for i in snap.serves.get(m, ()):
            served.add(i)
            served.update(c for c in indicators if snap.broader.get(c) == i)
    return served


def _indicators(
    snap: Snapshot, indicators: list[str], served: set[str], pos: dict
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the indicator nodes (unserved ones marked) and their edges to sub-indicators and departments."""
    nodes, edges = [], []
    for i in indicators:
        responsible = snap.responsible_for_indicator.get(i, [])
        tooltip = (
            f"{snap.name(i)}\n级别 level {snap.level.get(i, '')}\n分值 weight {snap.weight.get(i, '')}"
            "\n责任部门 " + "、".join(snap.name(d) for d in responsible)
        )
        kind = "indicator" if i in served else "unserved"
        nodes.append(
            node(i, snap.name(i), kind, pos[i], tooltip, departments=[snap.name(d) for d in responsible])
        )
        if i in snap.broader:
            edges.append({"from": snap.broader[i], "to": i, "color": INDICATOR_LINK_COLOUR})
        edges += [{"from": i, "to": d, "dashes": True, "color": INDICATOR_LINK_COLOUR} for d in responsible]
    return nodes, edges
