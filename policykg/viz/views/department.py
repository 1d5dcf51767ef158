"""One department's view: its measures by role, their documents, and the departments sharing them."""

from __future__ import annotations

from typing import Any

from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.vocabulary import ROLE_KEYS
from policykg.ontology.terms import POL
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.viz import layout
from policykg.viz.page import PageParts
from policykg.viz.view import View, make_view
from policykg.viz.views.nodes import by_name, department_node, document_node, document_title, measure_node
from policykg.viz.views.style import (
    MEASURE_TO_DOCUMENT_COLOUR,
    Unplaced,
    legend,
    linked,
    place,
    role_edge,
    role_edge_legend,
)

CENTRE_SIZE = 32  # the department the view is about, drawn larger than the rest
OWN_EDGE_WIDTH = 3  # its edges to its measures, drawn wider than its partners'
PARTNER_EDGE_WIDTH = 1
WIDER_DEPTH = 2  # the depth that adds the partners' own measures


def department_view(
    store: SparqlStore, department_iri: str, depth: int = 1, snapshot: Snapshot | None = None
) -> View:
    """Return the view of one department's measures by role, their documents, and the departments sharing them.

    ``depth`` 2 adds the measures of those departments too.
    """
    snap = snapshot or load_snapshot(store)
    measures, partners = _measures_and_partners(snap, department_iri, depth)
    documents = sorted(
        {snap.in_document[m] for m in measures if m in snap.in_document},
        key=lambda d: (snap.title.get(d, d), d),
    )
    pos = Unplaced()
    name = snap.name(department_iri)
    nodes = [department_node(snap, department_iri, pos[department_iri], size=CENTRE_SIZE)]
    edges = []
    for m in measures:
        nodes.append(measure_node(snap, m, pos[m]))
        edges.append({"from": m, "to": snap.in_document.get(m), "color": MEASURE_TO_DOCUMENT_COLOUR})
        edges += _role_edges(snap, m, department_iri, partners)
    nodes += [document_node(snap, d, pos[d]) for d in documents]
    nodes += [department_node(snap, p, pos[p]) for p in partners]
    place(nodes, lambda boxes: layout.rings(department_iri, [measures, documents + partners], boxes=boxes))
    parts = PageParts(
        f"{name} 的措施 Measures of {name}",
        legend(["department", "measure", "document"]),
        sorted(document_title(snap, d) for d in documents),
        sorted({name, *map(snap.name, partners)}),
        "",
        [
            *role_edge_legend(),
            {"label": f"{name}: wide; partners: thin", "color": "#555", "style": "solid"},
            {
                "label": "措施 → 文件 measure → document",
                "color": MEASURE_TO_DOCUMENT_COLOUR,
                "style": "solid",
            },
        ],
    )
    return make_view(parts, nodes, linked(edges))


def _measures_and_partners(snap: Snapshot, department: str, depth: int) -> tuple[list[str], list[str]]:
    """Return the measures to draw (strongest role of ``department`` first) and its partners by name."""
    all_measures = snap.of_type(POL.Measure)
    measures = [m for m in all_measures if any(d == department for _, d in snap.roles.get(m, []))]
    partners = by_name(snap, {d for m in measures for _, d in snap.roles.get(m, []) if d != department})
    if depth >= WIDER_DEPTH:
        partner_set, chosen = set(partners), set(measures)
        measures += [
            m
            for m in all_measures
            if m not in chosen and any(d in partner_set for _, d in snap.roles.get(m, []))
        ]

    def strongest_role(m: str) -> tuple[int, int]:
        ranks = (ROLE_KEYS.index(r) for r, d in snap.roles[m] if d == department)
        return min(ranks, default=len(ROLE_KEYS)), snap.order.get(m, 0)

    return sorted(measures, key=strongest_role), partners


def _role_edges(snap: Snapshot, measure: str, department: str, partners: list[str]) -> list[dict[str, Any]]:
    """Return the edges from the department and its partners to ``measure``, coloured by role."""
    return [
        role_edge(d, measure, role, width=OWN_EDGE_WIDTH if d == department else PARTNER_EDGE_WIDTH)
        for role, d in snap.roles[measure]
        if d == department or d in partners
    ]
