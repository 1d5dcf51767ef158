"""networkx projections and analytics on the fixture notice, with known answers."""

from __future__ import annotations

import networkx as nx
import pytest

from policykg.queries import network as nw

from .conftest import DATA_DIR


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from policykg.graph.build import build
    from policykg.graph.store.embedded import GraphStore

    path = tmp_path_factory.mktemp("ganquan-net") / "store"
    build([DATA_DIR / "ganquan_city_plan.txt"], path)
    s = GraphStore(path, read_only=True)
    yield s
    s.close()


def labelled(graph):
    name = nx.get_node_attributes(graph, "label")
    return {tuple(sorted((name[a], name[b]))): d["weight"] for a, b, d in graph.edges(data=True)}


def test_department_network_weights_shared_measures(store):
    g = nw.department_network(store)
    assert labelled(g) == {
        ("市公安局", "市市场监管局"): 2,
        ("市公安局", "市政务办"): 1,
        ("市公安局", "市税务局"): 1,
        ("市市场监管局", "市政务办"): 1,
        ("市市场监管局", "市税务局"): 1,
    }
    led = {d["label"]: d["led"] for _, d in g.nodes(data=True)}
    assert led["市市场监管局"] == 2 and led["市税务局"] == 0
    assert {d["jurisdiction"] for _, d in g.nodes(data=True)} == {"甘泉市"}


def test_bipartite_and_citation_graphs(store):
    b = nw.department_measure_graph(store)
    roles = sorted(d["role"] for _, _, d in b.edges(data=True))
    assert roles.count("lead") == 4 and roles.count("co") == 2 and roles.count("responsible") == 2
    assert nx.is_bipartite(b)
    c = nw.citation_graph(store)
    assert sorted(d["role"] for _, _, d in c.edges(data=True)) == ["basis", "implements", "produces"]
    levels = {d["label"]: d["level"] for _, d in c.nodes(data=True) if d["kind"] == "basis"}
    assert levels["江东省优化营商环境条例"] == "provincial"


def test_centrality_rankings(store):
    g = nw.department_network(store)
    degree = [(r.label, r.score) for r in nw.centrality(g, "degree")][:4]
    assert degree == [("市公安局", 4.0), ("市市场监管局", 4.0), ("市政务办", 2.0), ("市税务局", 2.0)]
    assert {r.label for r in nw.centrality(g, "betweenness", top=2)} == {"市公安局", "市市场监管局"}
    assert nw.centrality(g, "eigenvector", top=1)[0].label in {"市公安局", "市市场监管局"}
    with pytest.raises(ValueError, match="unknown centrality"):
        nw.centrality(g, "pagerank")


def test_centrality_leaves_the_callers_graph_as_it_was(store):
    g = nw.department_network(store)
    before = sorted((a, b, dict(d)) for a, b, d in g.edges(data=True))
    nw.centrality(g, "betweenness")
    nw.bridges(g)
    assert sorted((a, b, dict(d)) for a, b, d in g.edges(data=True)) == before


def test_betweenness_treats_heavier_edges_as_shorter():
    # a-b-d weighs 1 per edge, a-c-d weighs 4: the short way is through c, so c carries the paths
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 1), ("b", "d", 1), ("a", "c", 4), ("c", "d", 4)])
    ranked = nw.centrality(g, "betweenness")
    assert [r.node for r in ranked[:1]] == ["c"] and ranked[0].score > 0
    assert {r.node: r.score for r in ranked}["b"] == 0


def test_communities_and_bridges_on_a_known_graph():
    g = nx.Graph()
    for a, b in [
        ("a1", "a2"),
        ("a2", "a3"),
        ("a1", "a3"),
        ("b1", "b2"),
        ("b2", "b3"),
        ("b1", "b3"),
        ("a3", "x"),
        ("x", "b1"),
    ]:
        g.add_edge(a, b, weight=3 if "x" not in (a, b) else 1)
    for n in g.nodes:
        g.nodes[n]["label"] = n
    groups = nw.communities(g)
    assert {"a1", "a2"} <= next(c for c in groups if "a1" in c)
    assert not {"b1", "a1"} <= next(c for c in groups if "a1" in c)
    assert nw.bridges(g, top=1)[0].node in {"x", "a3", "b1"}


def test_export_graphml_and_gexf(store, tmp_path):
    g = nw.department_network(store)
    nw.write_graph(g, str(tmp_path / "g.graphml"), "graphml")
    nw.write_graph(g, str(tmp_path / "g.gexf"), "gexf")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_edges() == g.number_of_edges() == 5
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == g.number_of_nodes()
