"""The citations view: documents and measures pointing at what they cite, cited documents by level."""

from __future__ import annotations

from policykg.graph.store.protocol import SparqlStore
from policykg.ontology.terms import POL
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.viz import layout
from policykg.viz.page import PageParts
from policykg.viz.view import View, make_view
from policykg.viz.views.nodes import basis_node, by_name, document_node, measure_node
from policykg.viz.views.style import (
    CITATION_COLOURS,
    OTHER_CITATION_COLOUR,
    Unplaced,
    citation_edge_legend,
    legend,
    place,
)

LEVELS = ("national", "provincial", "municipal", "county", "unknown")
"""The levels of cited documents, one column each, left to right."""


def citations_view(store: SparqlStore, snapshot: Snapshot | None = None) -> View:
    """Return the view of documents and measures pointing at what they cite, cited documents in columns by level."""
    snap = snapshot or load_snapshot(store)
    citers = sorted(snap.cites, key=lambda c: (snap.in_document.get(c, c), snap.order.get(c, 0)))
    bases = by_name(snap, {b for c in citers for b in snap.cites[c]})
    by_level = [[b for b in bases if snap.level.get(b, "unknown") == level] for level in LEVELS]
    pos = Unplaced()
    nodes = [
        measure_node(snap, c, pos[c]) if POL.Measure in snap.types[c] else document_node(snap, c, pos[c])
        for c in citers
    ]
    edges = [
        {"from": c, "to": b, "title": role, "color": CITATION_COLOURS.get(role, OTHER_CITATION_COLOUR)}
        for c in citers
        for b, role in snap.cites[c].items()
    ]
    nodes += [basis_node(snap, b, pos[b]) for b in bases]
    place(nodes, lambda boxes: layout.columns([citers, *by_level], boxes=boxes))
    parts = PageParts(
        "引用依据 Citations",
        legend(["document", "measure", "basis"]),
        sorted({n["documents"][0] for n in nodes if n.get("documents")}),
        [],
        f"columns of cited documents, left to right: {', '.join(LEVELS)} level",
        citation_edge_legend(),
    )
    return make_view(parts, nodes, edges)
