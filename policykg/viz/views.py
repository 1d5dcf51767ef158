"""The views: pyvis networks of the graph, positioned beforehand, with tooltips, filters and a legend.

Each function returns a :class:`pyvis.network.Network` whose ``policykg_meta`` says how to show it;
:func:`policykg.viz.page.write_view` writes it as an offline page.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph.store.embedded import SparqlStore
from policykg.ontology.terms import POL
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.viz import layout
from policykg.viz.page import ViewMeta, clip

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
ROLE_COLOURS = {"lead": "#b2182b", "responsible": "#ef8a62", "co": "#999999", "generic": "#cccccc"}
ROLE_NAMES = {"lead": "牵头 lead", "responsible": "负责 responsible", "co": "配合 co"}
LEVELS = ("national", "provincial", "municipal", "county", "unknown")
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
AGGREGATE_ABOVE = 2000


def _network(directed: bool = True):
    from pyvis.network import Network

    return Network(height="100%", width="100%", directed=directed, cdn_resources="in_line")


def _node(
    node_id: str, label: str, kind: str, pos: tuple[float, float], title: str, **extra: Any
) -> dict[str, Any]:
    _, colour, shape = KINDS[kind]
    return {
        "id": node_id,
        "label": clip(label, 24),
        "kind": kind,
        "x": round(pos[0], 1),
        "y": round(pos[1], 1),
        "color": colour,
        "shape": shape,
        "title": title,
        **extra,
    }


def _legend(kinds: list[str]) -> list[dict[str, str]]:
    return [{"kind": k, "label": KINDS[k][0], "color": KINDS[k][1]} for k in kinds]


def _measure_title(snap: Snapshot, m: str) -> str:
    lines = [
        f"{snap.title.get(snap.in_document.get(m, ''), '')}",
        f"{snap.number.get(m, '')}  {snap.title.get(m, '')}".strip(),
    ]
    by_role: dict[str, list[str]] = defaultdict(list)
    for role, dept in snap.roles.get(m, []):
        by_role[role].append(snap.name(dept))
    for role in ("lead", "responsible", "co"):
        if by_role[role]:
            lines.append(f"{ROLE_NAMES[role]}: {'、'.join(by_role[role])}")
    if snap.generic.get(m):
        lines.append("泛指 generic: " + "、".join(snap.name(g) for g in snap.generic[m]))
    if m in snap.deadline:
        lines.append(f"完成时限 due: {snap.deadline[m]}")
    lines.append("")
    lines.append(clip(snap.text.get(m, ""), 240))
    return clip("\n".join(lines), 600)


def _document_of(snap: Snapshot, node: str) -> str:
    return snap.title.get(snap.in_document.get(node, ""), "")


def _basis_node(snap: Snapshot, b: str, pos: tuple[float, float]) -> dict[str, Any]:
    """Return a cited document's node: its title, form and level."""
    title = snap.title.get(b, "")
    return _node(
        b, title, "basis", pos, f"《{title}》\n{snap.form.get(b, '')}\n{snap.level.get(b, 'unknown')}"
    )


def _measure_node(snap: Snapshot, m: str, pos: tuple[float, float], kind: str = "measure") -> dict[str, Any]:
    """Return a measure's node: number and title as label, roles and an excerpt as tooltip."""
    label = f"{snap.number.get(m, '')} {snap.title.get(m, '')}".strip()
    return _node(
        m,
        label,
        kind,
        pos,
        _measure_title(snap, m),
        documents=[_document_of(snap, m)],
        departments=[snap.name(d) for _, d in snap.roles.get(m, [])],
    )


def overview_view(
    store: SparqlStore, aggregate_above: int = AGGREGATE_ABOVE, snapshot: Snapshot | None = None
):
    """Return documents → sections → measures → departments and cited documents.

    Above ``aggregate_above`` measures, measures are drawn one node per section ("N measures"),
    and the page says so.
    """
    snap = snapshot or load_snapshot(store)
    docs = snap.of_type(POL.PolicyDocument)
    sections = snap.of_type(POL.Section)
    measures = snap.of_type(POL.Measure)
    depts = sorted({d for m in measures for _, d in snap.roles.get(m, [])}, key=snap.name)
    bases = sorted({b for c in snap.cites for b in snap.cites[c]}, key=snap.name)
    aggregate = len(measures) > aggregate_above
    groups: dict[str, list[str]] = defaultdict(list)
    if aggregate:
        for m in measures:
            groups[f"{snap.in_section.get(m) or snap.in_document.get(m, '')}#measures"].append(m)
        middle = list(groups)
    else:
        middle = measures
    pos = layout.columns([docs, sections, middle, depts, bases])
    net = _network()
    doc_titles = {d: snap.title.get(d, snap.name(d)) for d in docs}
    nodes, edges = [], []
    dept_docs: dict[str, set[str]] = defaultdict(set)
    for m in measures:
        for _, d in snap.roles.get(m, []):
            dept_docs[d].add(_document_of(snap, m))
    for d in docs:
        nodes.append(_node(d, doc_titles[d], "document", pos[d], doc_titles[d], documents=[doc_titles[d]]))
        if d in snap.part_of:
            edges.append({"from": snap.part_of[d], "to": d})
    for s in sections:
        title = f"{_document_of(snap, s)}\n{snap.number.get(s, '')} {snap.title.get(s, '')}"
        nodes.append(
            _node(s, snap.title.get(s, ""), "section", pos[s], clip(title), documents=[_document_of(snap, s)])
        )
        edges.append({"from": snap.broader.get(s) or snap.in_document.get(s), "to": s})
    if aggregate:
        for key, members in groups.items():
            parent = key[: -len("#measures")]
            depts_here: dict[str, int] = defaultdict(int)
            for m in members:
                for _, d in snap.roles.get(m, []):
                    depts_here[d] += 1
            doc = _document_of(snap, members[0])
            nodes.append(
                _node(
                    key,
                    f"{len(members)} 项措施",
                    "measure-group",
                    pos[key],
                    f"{doc}\n{snap.title.get(parent, '')}\n{len(members)} measures",
                    documents=[doc],
                    departments=sorted(snap.name(d) for d in depts_here),
                    value=len(members),
                )
            )
            edges.append({"from": parent, "to": key})
            for d, n in depts_here.items():
                edges.append({"from": key, "to": d, "value": n, "title": f"{n} measures"})
    else:
        for m in measures:
            nodes.append(_measure_node(snap, m, pos[m]))
            edges.append({"from": snap.in_section.get(m) or snap.in_document.get(m), "to": m})
            for role, d in snap.roles.get(m, []):
                edges.append({"from": m, "to": d, "color": ROLE_COLOURS[role], "title": ROLE_NAMES[role]})
            for b, role in snap.cites.get(m, {}).items():
                edges.append({"from": m, "to": b, "dashes": True, "title": role})
    for d in depts:
        nodes.append(
            _node(
                d,
                snap.name(d),
                "department",
                pos[d],
                f"{snap.name(d)}\n{snap.name(snap.jurisdiction.get(d, ''))}",
                departments=[snap.name(d)],
                documents=sorted(dept_docs[d]),
            )
        )
    for b in bases:
        nodes.append(_basis_node(snap, b, pos[b]))
    for c, cited in snap.cites.items():
        if c in doc_titles:
            for b, role in cited.items():
                edges.append({"from": c, "to": b, "dashes": True, "title": role})
    net.nodes, net.edges = nodes, [e for e in edges if e.get("from") and e.get("to")]
    kinds = ["document", "section", "measure-group" if aggregate else "measure", "department", "basis"]
    note = (
        f"{len(measures)} measures are more than {aggregate_above}: drawn as one node per section."
        if aggregate
        else ""
    )
    net.policykg_meta = ViewMeta(
        "总览 Overview",
        _legend(kinds),
        sorted(set(doc_titles.values())),
        sorted(snap.name(d) for d in depts),
        note,
    )
    return net


def department_view(
    store: SparqlStore, department_iri: str, depth: int = 1, snapshot: Snapshot | None = None
):
    """Return one department's measures by role, their documents, and the departments sharing them.

    ``depth`` 2 adds the measures of those departments too.
    """
    snap = snapshot or load_snapshot(store)
    measures = [
        m for m in snap.of_type(POL.Measure) if any(d == department_iri for _, d in snap.roles.get(m, []))
    ]
    partners = sorted(
        {d for m in measures for _, d in snap.roles.get(m, []) if d != department_iri}, key=snap.name
    )
    if depth >= 2:
        more = [
            m
            for m in snap.of_type(POL.Measure)
            if m not in measures and any(d in partners for _, d in snap.roles.get(m, []))
        ]
        measures = measures + more
    documents = sorted(
        {snap.in_document[m] for m in measures if m in snap.in_document}, key=lambda d: snap.title.get(d, d)
    )
    by_role = sorted(
        measures,
        key=lambda m: (
            min(
                (("lead", "responsible", "co").index(r) for r, d in snap.roles[m] if d == department_iri),
                default=3,
            ),
            snap.order.get(m, 0),
        ),
    )
    pos = layout.rings(department_iri, [by_role, documents + partners])
    net = _network()
    name = snap.name(department_iri)
    nodes = [
        _node(department_iri, name, "department", pos[department_iri], name, departments=[name], size=32)
    ]
    edges = []
    for m in by_role:
        nodes.append(_measure_node(snap, m, pos[m]))
        edges.append({"from": m, "to": snap.in_document.get(m), "color": "#dddddd"})
        for role, d in snap.roles[m]:
            if d == department_iri or d in partners:
                edges.append(
                    {
                        "from": d,
                        "to": m,
                        "color": ROLE_COLOURS[role],
                        "title": ROLE_NAMES[role],
                        "width": 3 if d == department_iri else 1,
                    }
                )
    for d in documents:
        nodes.append(
            _node(
                d,
                snap.title.get(d, ""),
                "document",
                pos[d],
                snap.title.get(d, ""),
                documents=[snap.title.get(d, "")],
            )
        )
    for p in partners:
        nodes.append(_node(p, snap.name(p), "department", pos[p], snap.name(p), departments=[snap.name(p)]))
    net.nodes, net.edges = nodes, [e for e in edges if e.get("from") and e.get("to")]
    net.policykg_meta = ViewMeta(
        f"{name} 的措施 Measures of {name}",
        _legend(["department", "measure", "document"]),
        sorted(snap.title.get(d, "") for d in documents),
        sorted({name, *map(snap.name, partners)}),
    )
    return net


def network_view(store: SparqlStore | None = None, graph=None):  # noqa: ANN001
    """Return the co-responsibility network: width = shared measures, size = measures led, colour = community.

    Pass a networkx ``graph`` (as made by :func:`policykg.queries.network.department_network`) to draw
    that instead of the store's.
    """
    from policykg.queries.network import communities, department_network

    g = graph if graph is not None else department_network(store)
    groups = communities(g)
    member = {n: k for k, group in enumerate(groups) for n in group}
    pos = layout.force(g) if g.number_of_nodes() <= 400 else layout.packed_communities(groups)
    net = _network(directed=False)
    nodes = []
    for n, data in g.nodes(data=True):
        colour = COMMUNITY_COLOURS[member.get(n, 0) % len(COMMUNITY_COLOURS)]
        label = data.get("label", str(n))
        node = _node(
            n,
            label,
            "department",
            pos[n],
            f"{label}\n{data.get('jurisdiction', '')}\n牵头 leads {data.get('led', 0)}\n社区 community {member.get(n, 0) + 1}",
            departments=[label],
            value=1 + data.get("led", 0),
        )
        node["color"] = colour
        nodes.append(node)
    net.nodes = nodes
    net.edges = [
        {"from": a, "to": b, "value": d.get("weight", 1), "title": f"{d.get('weight', 1)} shared measures"}
        for a, b, d in g.edges(data=True)
    ]
    net.policykg_meta = ViewMeta(
        "部门协同网络 Co-responsibility network",
        _legend(["department"]),
        [],
        sorted(d.get("label", str(n)) for n, d in g.nodes(data=True)) if g.number_of_nodes() <= 3000 else [],
        f"{len(groups)} communities; edge width = measures shared, node size = measures led",
    )
    return net


def citations_view(store: SparqlStore, snapshot: Snapshot | None = None):
    """Return documents and measures pointing at what they cite, cited documents in columns by level."""
    snap = snapshot or load_snapshot(store)
    citers = sorted(snap.cites, key=lambda c: (snap.in_document.get(c, c), snap.order.get(c, 0)))
    bases = sorted({b for c in citers for b in snap.cites[c]}, key=snap.name)
    by_level = [[b for b in bases if snap.level.get(b, "unknown") == level] for level in LEVELS]
    pos = layout.columns([citers, *by_level])
    net = _network()
    nodes, edges = [], []
    for c in citers:
        if POL.Measure in snap.types[c]:
            nodes.append(_measure_node(snap, c, pos[c]))
        else:
            doc = snap.title.get(c, "")
            nodes.append(_node(c, doc, "document", pos[c], doc, documents=[doc]))
        for b, role in snap.cites[c].items():
            edges.append(
                {
                    "from": c,
                    "to": b,
                    "title": role,
                    "color": {"basis": "#2b8cbe", "implements": "#31a354", "produces": "#e6550d"}.get(
                        role, "#bbbbbb"
                    ),
                }
            )
    for b in bases:
        nodes.append(_basis_node(snap, b, pos[b]))
    net.nodes, net.edges = nodes, edges
    net.policykg_meta = ViewMeta(
        "引用依据 Citations",
        _legend(["document", "measure", "basis"]),
        sorted({n["documents"][0] for n in nodes if n.get("documents")}),
        [],
        "columns of cited documents, left to right: national, provincial, municipal, county, unknown level",
    )
    return net


def indicators_view(store: SparqlStore, snapshot: Snapshot | None = None):
    """Return indicators ↔ measures ↔ departments; unserved indicators and orphan measures stand out."""
    snap = snapshot or load_snapshot(store)
    indicators = snap.of_type(POL.Indicator)
    sources = {snap.source.get(i) for i in indicators}
    measures = [m for m in snap.of_type(POL.Measure) if snap.source.get(m) in sources]
    served: set[str] = set()
    for m in measures:
        for i in snap.serves.get(m, ()):
            served.add(i)
            served.update(c for c in indicators if snap.broader.get(c) == i)
    depts = sorted(
        {d for m in measures for _, d in snap.roles.get(m, [])}
        | {d for i in indicators for d in snap.responsible_for_indicator.get(i, [])},
        key=snap.name,
    )
    pos = layout.columns([indicators, measures, depts])
    net = _network()
    nodes, edges = [], []
    for i in indicators:
        kind = "indicator" if i in served else "unserved"
        title = f"{snap.name(i)}\n级别 level {snap.level.get(i, '')}\n分值 weight {snap.weight.get(i, '')}"
        title += "\n责任部门 " + "、".join(snap.name(d) for d in snap.responsible_for_indicator.get(i, []))
        nodes.append(
            _node(
                i,
                snap.name(i),
                kind,
                pos[i],
                title,
                departments=[snap.name(d) for d in snap.responsible_for_indicator.get(i, [])],
            )
        )
        if i in snap.broader:
            edges.append({"from": snap.broader[i], "to": i, "color": "#c9b2d6"})
        for d in snap.responsible_for_indicator.get(i, []):
            edges.append({"from": i, "to": d, "dashes": True, "color": "#c9b2d6"})
    for m in measures:
        nodes.append(_measure_node(snap, m, pos[m], "measure" if snap.roles.get(m) else "orphan"))
        for i in snap.serves.get(m, ()):
            edges.append({"from": m, "to": i})
        for role, d in snap.roles.get(m, []):
            edges.append({"from": m, "to": d, "color": ROLE_COLOURS[role], "title": ROLE_NAMES[role]})
    for d in depts:
        nodes.append(_node(d, snap.name(d), "department", pos[d], snap.name(d), departments=[snap.name(d)]))
    net.nodes, net.edges = nodes, edges
    unserved = sum(1 for i in indicators if i not in served)
    orphans = sum(1 for m in measures if not snap.roles.get(m))
    net.policykg_meta = ViewMeta(
        "评价指标 Indicators",
        _legend(["indicator", "unserved", "measure", "orphan", "department"]),
        sorted({_document_of(snap, m) for m in measures}),
        sorted(snap.name(d) for d in depts),
        f"{unserved} indicators served by no measure; {orphans} measures with no department",
    )
    return net
