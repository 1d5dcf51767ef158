"""The overview: documents → sections → measures → departments, and the documents they cite."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph.store.protocol import SparqlStore
from policykg.ontology.terms import POL
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.viz import layout
from policykg.viz.page import PageParts, clip
from policykg.viz.view import View, make_view
from policykg.viz.views.nodes import (
    basis_node,
    by_name,
    department_node,
    document_node,
    document_of,
    document_title,
    measure_node,
)
from policykg.viz.views.style import (
    OTHER_CITATION_COLOUR,
    Unplaced,
    legend,
    linked,
    node,
    place,
    role_edge,
    role_edge_legend,
)

AGGREGATE_ABOVE = 2000
"""Above this many measures the overview draws one node per section instead of one per measure."""
GROUP_SUFFIX = "#measures"  # a section's IRI + this = the id of the node standing for its measures

Nodes = list[dict[str, Any]]


def overview_view(
    store: SparqlStore, aggregate_above: int = AGGREGATE_ABOVE, snapshot: Snapshot | None = None
) -> View:
    """Return the view of documents → sections → measures → departments and cited documents.

    Above ``aggregate_above`` measures, measures are drawn one node per section ("N measures"),
    and the page says so.
    """
    snap = snapshot or load_snapshot(store)
    docs = snap.of_type(POL.PolicyDocument)
    sections = snap.of_type(POL.Section)
    measures = snap.of_type(POL.Measure)
    depts = by_name(snap, {d for m in measures for _, d in snap.roles.get(m, [])})
    bases = by_name(snap, {b for c in snap.cites for b in snap.cites[c]})
    aggregate = len(measures) > aggregate_above
    groups = _section_groups(snap, measures) if aggregate else {}
    columns = [docs, sections, list(groups) if aggregate else measures, depts, bases]
    pos = Unplaced()
    nodes, edges = _outline(snap, docs, sections, pos)
    middle = _measure_groups(snap, groups, pos) if aggregate else _measures(snap, measures, pos)
    nodes += middle[0]
    edges += middle[1]
    nodes += _departments(snap, depts, measures, pos)
    nodes += [basis_node(snap, b, pos[b]) for b in bases]
    edges += _document_citations(snap, set(docs))
    place(nodes, lambda boxes: layout.columns(columns, boxes=boxes))
    kinds = ["document", "section", "measure-group" if aggregate else "measure", "department", "basis"]
    note = (
        f"{len(measures)} measures are more than {aggregate_above}: drawn as one node per section."
        if aggregate
        else ""
    )
    parts = PageParts(
        "总览 Overview",
        legend(kinds),
        sorted({document_title(snap, d) for d in docs}),
        sorted(snap.name(d) for d in depts),
        note,
        [
            *role_edge_legend(),
            {"label": "引用 cites (dashed)", "color": OTHER_CITATION_COLOUR, "style": "dashed"},
        ],
    )
    return make_view(parts, nodes, linked(edges))


def _section_groups(snap: Snapshot, measures: list[str]) -> dict[str, list[str]]:
    """Return the measures by the section (or, outside sections, the document) they stand in."""
    groups: dict[str, list[str]] = defaultdict(list)
    for m in measures:
        groups[f"{snap.in_section.get(m) or snap.in_document.get(m, '')}{GROUP_SUFFIX}"].append(m)
    return groups


def _outline(snap: Snapshot, docs: list[str], sections: list[str], pos: dict) -> tuple[Nodes, Nodes]:
    """Return the document and section nodes, and the edges from each whole to its parts."""
    nodes, edges = [], []
    for d in docs:
        nodes.append(document_node(snap, d, pos[d]))
        if d in snap.part_of:
            edges.append({"from": snap.part_of[d], "to": d})
    for s in sections:
        title = f"{document_of(snap, s)}\n{snap.number.get(s, '')} {snap.title.get(s, '')}"
        nodes.append(
            node(s, snap.title.get(s, ""), "section", pos[s], clip(title), documents=[document_of(snap, s)])
        )
        edges.append({"from": snap.broader.get(s) or snap.in_document.get(s), "to": s})
    return nodes, edges


def _measures(snap: Snapshot, measures: list[str], pos: dict) -> tuple[Nodes, Nodes]:
    """Return one node per measure, with edges from its section and to its departments and citations."""
    nodes, edges = [], []
    for m in measures:
        nodes.append(measure_node(snap, m, pos[m]))
        edges.append({"from": snap.in_section.get(m) or snap.in_document.get(m), "to": m})
        edges += [role_edge(m, d, role) for role, d in snap.roles.get(m, [])]
        edges += [
            {"from": m, "to": b, "dashes": True, "title": role} for b, role in snap.cites.get(m, {}).items()
        ]
    return nodes, edges


def _measure_groups(snap: Snapshot, groups: dict[str, list[str]], pos: dict) -> tuple[Nodes, Nodes]:
    """Return one node per section's measures, with edges to each department weighted by its measures."""
    nodes, edges = [], []
    for key, members in groups.items():
        parent = key.removesuffix(GROUP_SUFFIX)
        depts_here: dict[str, int] = defaultdict(int)
        for m in members:
            for _, d in snap.roles.get(m, []):
                depts_here[d] += 1
        doc = document_of(snap, members[0])
        tooltip = f"{doc}\n{snap.title.get(parent, '')}\n{len(members)} measures"
        departments = sorted(snap.name(d) for d in depts_here)
        nodes.append(
            node(
                key,
                f"{len(members)} 项措施",
                "measure-group",
                pos[key],
                tooltip,
                documents=[doc],
                departments=departments,
                value=len(members),
            )
        )
        edges.append({"from": parent, "to": key})
        edges += [{"from": key, "to": d, "value": n, "title": f"{n} measures"} for d, n in depts_here.items()]
    return nodes, edges


def _document_citations(snap: Snapshot, docs: set[str]) -> Nodes:
    """Return the dashed edges from documents (not their measures) to what they cite."""
    return [
        {"from": c, "to": b, "dashes": True, "title": role}
        for c, cited in snap.cites.items()
        if c in docs
        for b, role in cited.items()
    ]


def _departments(snap: Snapshot, depts: list[str], measures: list[str], pos: dict) -> Nodes:
    """Return the department nodes, each filtered by the documents of its measures."""
    documents: dict[str, set[str]] = defaultdict(set)
    for m in measures:
        for _, d in snap.roles.get(m, []):
            documents[d].add(document_of(snap, m))
    return [
        department_node(
            snap,
            d,
            pos[d],
            title=f"{snap.name(d)}\n{snap.name(snap.jurisdiction.get(d, ''))}",
            documents=sorted(documents[d]),
        )
        for d in depts
    ]
