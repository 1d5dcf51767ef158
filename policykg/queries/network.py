"""networkx views of the graph: who shares measures with whom, who does what, what rests on what.

Projections stream the store's quads straight into Python (faster than aggregating in SPARQL);
analytics take and return plain networkx objects, so a notebook can carry on from there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.vocabulary import ROLES
from policykg.ontology.terms import DCTERMS, POL, POL_NS, RDF, SKOS
from policykg.queries.snapshot import predicate_pairs

if TYPE_CHECKING:
    import networkx as nx

ROLE_PROPERTIES = {r.key: getattr(POL, r.department_property) for r in ROLES}
"""Each role key and the measure -> department property that states it."""
# betweenness is exact up to this many nodes, then estimated from a seeded sample of sources
EXACT_BETWEENNESS_UP_TO = 2000
BETWEENNESS_SAMPLE = 256
BETWEENNESS_SEED = 0
# the power iteration's limit, when numpy's solver is not available or fails
EIGENVECTOR_MAX_ITER = 1000

CITATION_PROPERTIES = {"basis": POL.basedOn, "implements": POL.implements, "produces": POL.produces}
# the measure links across levels and department counterparts (issue 14's graph contract)
IMPLEMENTS_MEASURE = POL_NS + "implementsMeasure"
COUNTERPART_OF = POL_NS + "counterpartOf"


def _labels(store: SparqlStore, predicate: str = SKOS.prefLabel) -> dict[str, str]:
    return dict(predicate_pairs(store, predicate))


def _department_nodes(store: SparqlStore, graph: nx.Graph) -> None:
    labels = _labels(store)
    places = dict(predicate_pairs(store, POL.jurisdiction))
    led: dict[str, int] = defaultdict(int)
    for _m, d in predicate_pairs(store, POL.leadDepartment):
        led[d] += 1
    for dept in (s for s, o in predicate_pairs(store, RDF.type) if o == POL.Department):
        graph.add_node(
            dept,
            label=labels.get(dept, dept),
            kind="department",
            jurisdiction=labels.get(places.get(dept, ""), ""),
            led=led.get(dept, 0),
        )


def department_network(store: SparqlStore) -> nx.Graph:
    """Return departments linked when named for the same measures; ``weight`` = measures shared.

    Node attributes: ``label``, ``jurisdiction``, ``led`` (measures led). Edge attribute ``weight``.
    """
    import networkx as nx

    graph = nx.Graph()
    _department_nodes(store, graph)
    by_measure: dict[str, set[str]] = defaultdict(set)
    for measure, dept in predicate_pairs(store, POL.involvesDepartment):
        by_measure[measure].add(dept)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for depts in by_measure.values():
        for a, b in combinations(sorted(depts), 2):
            weights[(a, b)] += 1
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    return graph


def department_measure_graph(store: SparqlStore) -> nx.Graph:
    """Return the bipartite graph of departments and measures; edge ``role`` is lead/responsible/co.

    Node attribute ``bipartite`` is 0 for departments and 1 for measures.
    """
    import networkx as nx

    graph = nx.Graph()
    _department_nodes(store, graph)
    for n in graph.nodes:
        graph.nodes[n]["bipartite"] = 0
    numbers = _labels(store, POL.number)
    titles = _labels(store, DCTERMS.title)
    measures = {s for s, o in predicate_pairs(store, RDF.type) if o == POL.Measure}
    for role, prop in ROLE_PROPERTIES.items():
        for measure, dept in predicate_pairs(store, prop):
            if measure not in measures:  # indicators have responsible departments too
                continue
            if measure not in graph:
                graph.add_node(
                    measure,
                    kind="measure",
                    bipartite=1,
                    label=titles.get(measure) or numbers.get(measure, measure),
                )
            if graph.has_edge(dept, measure):
                graph.edges[dept, measure]["role"] += "," + role
            else:
                graph.add_edge(dept, measure, role=role)
    return graph


def citation_graph(store: SparqlStore) -> nx.DiGraph:
    """Return documents and measures pointing at the documents they cite; edge ``role`` as cited.

    Node attributes: ``kind`` (document, measure, basis), ``label``, and for bases ``form``/``level``.
    """
    import networkx as nx

    graph = nx.DiGraph()
    titles = _labels(store, DCTERMS.title)
    forms = _labels(store, POL.legalForm)
    levels = _labels(store, POL.basisLevel)
    types = defaultdict(set)
    for s, o in predicate_pairs(store, RDF.type):
        types[s].add(o)
    roles: dict[tuple[str, str], str] = {}
    for role, prop in CITATION_PROPERTIES.items():
        for citer, basis in predicate_pairs(store, prop):
            roles[(citer, basis)] = role
    for citer, basis in predicate_pairs(store, POL.cites):
        for node in (citer, basis):
            if node not in graph:
                kind = (
                    "basis"
                    if POL.LegalBasis in types[node]
                    else "measure"
                    if POL.Measure in types[node]
                    else "document"
                )
                graph.add_node(node, kind=kind, label=titles.get(node, node))
                if kind == "basis":
                    graph.nodes[node]["form"] = forms.get(node, "")
                    graph.nodes[node]["level"] = levels.get(node, "")
        graph.add_edge(citer, basis, role=roles.get((citer, basis), "mentions"))
    return graph


def _principal_departments(store: SparqlStore) -> dict[str, set[str]]:
    """Return each measure's leads, or its responsible departments where it names no lead."""
    leads: dict[str, set[str]] = defaultdict(set)
    for measure, dept in predicate_pairs(store, POL.leadDepartment):
        leads[measure].add(dept)
    responsible: dict[str, set[str]] = defaultdict(set)
    for measure, dept in predicate_pairs(store, POL.responsibleDepartment):
        responsible[measure].add(dept)
    return {m: leads.get(m) or responsible[m] for m in {*leads, *responsible}}


def cascade_network(store: SparqlStore) -> nx.DiGraph:
    """Return lower departments pointing at upper ones whose measures theirs implement.

    An edge runs from the lead (else responsible) department of a lower measure to that of each
    superior measure it implements; ``weight`` counts those measure links, ``counterpart`` says whether
    the lower department is the upper one's counterpart one level down (else responsibility drifted).
    Counterparts with no linked measure are edges of weight 0. Node attributes as
    :func:`department_network`, with ``level`` (county, city, province) where known.
    """
    import networkx as nx

    graph = nx.DiGraph()
    _department_nodes(store, graph)
    places = dict(predicate_pairs(store, POL.jurisdiction))
    levels = dict(predicate_pairs(store, POL.jurisdictionLevel))
    for dept in graph.nodes:
        graph.nodes[dept]["level"] = levels.get(places.get(dept, ""), "")
    counterparts = set(predicate_pairs(store, COUNTERPART_OF))
    principal = _principal_departments(store)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for lower, upper in predicate_pairs(store, IMPLEMENTS_MEASURE):
        for a in principal.get(lower, ()):
            for b in principal.get(upper, ()):
                weights[(a, b)] += 1
    for a, b in counterparts:
        weights.setdefault((a, b), 0)
    for (a, b), w in weights.items():
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=w, counterpart=(a, b) in counterparts)
    return graph


@dataclass(frozen=True)
class Ranked:
    """A node with a score, for rankings."""

    node: str
    label: str
    score: float


def centrality(graph: nx.Graph, measure: str = "degree", top: int | None = None) -> list[Ranked]:
    """Return nodes ranked by ``degree`` (weighted), ``betweenness`` or ``eigenvector`` centrality.

    Betweenness treats heavier edges as shorter (distance = 1 / weight); above 2,000 nodes it is
    estimated from 256 sampled sources (seeded, so repeatable).
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return []
    if measure == "degree":
        scores = dict(graph.degree(weight="weight"))
    elif measure == "betweenness":
        scores = _betweenness(graph)
    elif measure == "eigenvector":
        try:
            scores = nx.eigenvector_centrality_numpy(graph, weight="weight")
        except (nx.NetworkXException, ImportError, ValueError):
            scores = nx.eigenvector_centrality(graph, weight="weight", max_iter=EIGENVECTOR_MAX_ITER)
    else:
        raise ValueError(f"unknown centrality {measure!r}: use degree, betweenness or eigenvector")
    ranked = sorted(
        (Ranked(n, graph.nodes[n].get("label", n), float(s)) for n, s in scores.items()),
        key=lambda r: (-r.score, r.label, r.node),
    )
    return ranked[:top] if top else ranked


def _betweenness(graph: nx.Graph) -> dict[str, float]:
    """Return betweenness with distance = 1 / weight, computed on a copy: the caller's graph is kept as it was."""
    import networkx as nx

    distances = type(graph)()
    distances.add_nodes_from(graph.nodes)
    distances.add_weighted_edges_from(
        ((a, b, 1 / data.get("weight", 1)) for a, b, data in graph.edges(data=True)), weight="distance"
    )
    sample = BETWEENNESS_SAMPLE if graph.number_of_nodes() > EXACT_BETWEENNESS_UP_TO else None
    return nx.betweenness_centrality(
        distances, weight="distance", k=sample, seed=BETWEENNESS_SEED if sample else None
    )


def communities(graph: nx.Graph, seed: int = 0) -> list[set[str]]:
    """Return Louvain communities of a weighted graph, largest first (seeded, so repeatable)."""
    import networkx as nx

    if graph.number_of_edges() == 0:
        return [{n} for n in sorted(graph.nodes)]
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted(found, key=lambda c: (-len(c), sorted(c)))


def bridges(graph: nx.Graph, top: int | None = None, seed: int = 0) -> list[Ranked]:
    """Return departments whose partners span several communities, ranked by how many they reach.

    The score is the number of other communities among a node's neighbours, plus its betweenness as
    a tie-breaker; nodes whose neighbours are all in their own community are left out.
    """
    groups = communities(graph, seed)
    member = {n: k for k, group in enumerate(groups) for n in group}
    between = {r.node: r.score for r in centrality(graph, "betweenness")}
    ranked = []
    for node in graph.nodes:
        others = {member[n] for n in graph.neighbors(node)} - {member[node]}
        if others:
            ranked.append(
                Ranked(node, graph.nodes[node].get("label", node), len(others) + between.get(node, 0.0))
            )
    ranked.sort(key=lambda r: (-r.score, r.label))
    return ranked[:top] if top else ranked


def write_graph(graph: nx.Graph, path: str, fmt: str) -> None:
    """Write a graph as GraphML or GEXF (for Gephi); attributes must be strings or numbers."""
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise ValueError(f"unknown graph format {fmt!r}: use graphml or gexf")
