"""Documents' ranks (graph id:document-order): kept in step with the store, never changing a listing's order."""

from __future__ import annotations

import shutil

from pyoxigraph import Literal, NamedNode, Quad, Store

from policykg.graph.build import build
from policykg.graph.iris import document_order_graph_iri
from policykg.graph.store.embedded import GraphStore
from policykg.graph.store.ranks import rank_documents
from policykg.graph.store.terms import solution_dicts
from policykg.ontology.terms import POL, XSD
from policykg.queries.named import list_queries
from policykg.queries.run import run_named
from policykg.queries.values import term_value

RANKS = NamedNode(document_order_graph_iri())
DOCUMENT_CLASSES = {POL.PolicyDocument, POL.Notice, POL.Plan, POL.TaskList, POL.IndicatorTable}
# every named query that lists measures document by document, with a value for each parameter
LISTINGS = {
    q.name: {
        p.name: {
            "dept": "市政务办",
            "before": "2030-12-31",
            "from": "2020-01-01",
            "until": "2030-12-31",
            "minimum": "1",
            "above": "any",
            "below": "any",
            "name": "jiangzhou_city_notice.txt",
        }[p.name]
        for p in q.params
    }
    for q in list_queries()
    if "documentRank" in q.sparql
}


def _ranks(path) -> list[tuple[str, int]]:
    store = Store.read_only(str(path))
    quads = store.quads_for_pattern(None, NamedNode(POL.documentRank), None, RANKS)
    return sorted(((q.subject.value, int(q.object.value)) for q in quads), key=lambda pair: pair[1])


def _documents(path) -> list[str]:
    store = Store.read_only(str(path))
    typed = store.quads_for_pattern(None, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)
    return sorted({q.subject.value for q in typed if q.object.value in DOCUMENT_CLASSES})


def _listings(path) -> dict[str, list[list]]:
    with GraphStore(path, read_only=True) as store:
        return {
            name: [
                {k: term_value(v) for k, v in row.items()}
                for row in solution_dicts(run_named(store, name, params, "江州市"))
            ]
            for name, params in LISTINGS.items()
        }


def _without_ranks(source, target):
    shutil.copytree(source, target)
    with GraphStore(target) as store:
        store.remove_graph(RANKS.value)
    assert _ranks(target) == []


def test_every_document_is_ranked_in_iri_order(example_store):
    ranks = _ranks(example_store)
    assert [doc for doc, _ in ranks] == _documents(example_store) and len(ranks) == 10
    assert [rank for _, rank in ranks] == list(range(1, 11))


def test_listings_are_ordered_the_same_with_or_without_ranks(example_store, tmp_path):
    _without_ranks(example_store, tmp_path / "unranked")
    ranked, unranked = _listings(example_store), _listings(tmp_path / "unranked")
    assert ranked == unranked
    # the comparison means something: listings that span several documents
    assert len(LISTINGS) >= 9
    spanning = [name for name, rows in ranked.items() if len({r["document"] for r in rows}) > 1]
    assert len(spanning) >= 5, spanning


def test_listings_follow_the_ranks(example_store, tmp_path):
    """With the ranks reversed, documents come in reverse order: the queries sort by rank."""
    path = tmp_path / "reversed"
    shutil.copytree(example_store, path)
    documents = [doc for doc, _ in _ranks(path)]
    reversed_ranks = [
        Quad(
            NamedNode(doc),
            NamedNode(POL.documentRank),
            Literal(str(len(documents) - i), datatype=NamedNode(XSD.integer)),
            RANKS,
        )
        for i, doc in enumerate(documents)
    ]
    with GraphStore(path) as store:
        store.replace_graph(RANKS.value, reversed_ranks)
    before = _listings(example_store)["measures-without-deadline"]
    after = _listings(path)["measures-without-deadline"]
    order = lambda rows: list(dict.fromkeys(r["document"] for r in rows))  # noqa: E731 - documents as met
    assert len(order(before)) > 1 and order(after) == order(before)[::-1]


def test_builds_rank_new_documents_among_the_others(tmp_path):
    later, earlier = tmp_path / "z_notice.txt", tmp_path / "a_notice.txt"
    later.write_text("乙市实施方案\n\n1. 推进改革。（市政务办牵头负责）\n", encoding="utf-8")
    earlier.write_text("甲市实施方案\n\n1. 优化服务。（市财政局牵头负责）\n", encoding="utf-8")
    store = tmp_path / "kg"
    build([later], store)
    assert [doc.rsplit("/", 2)[-2] for doc, _ in _ranks(store)] == ["z_notice.txt"]
    build([earlier], store)
    assert [doc.rsplit("/", 2)[-2] for doc, _ in _ranks(store)] == ["a_notice.txt", "z_notice.txt"]
    assert [rank for _, rank in _ranks(store)] == [1, 2]
    with GraphStore(store) as opened:
        assert rank_documents(opened) is False  # already in step: nothing written


def test_an_update_or_an_import_ranks_what_it_adds(example_store, tmp_path):
    path = tmp_path / "kg"
    shutil.copytree(example_store, path)
    added = "https://w3id.org/policykg/id/doc/added.txt/0"
    with GraphStore(path) as store:
        store.update(
            f"INSERT DATA {{ GRAPH <https://w3id.org/policykg/id/graph/added.txt> {{ <{added}> a <{POL.Plan}> }} }}"
        )
    assert added in [doc for doc, _ in _ranks(path)] and len(_ranks(path)) == 11
    assert [doc for doc, _ in _ranks(path)] == _documents(path)

    unranked = tmp_path / "unranked"
    _without_ranks(example_store, unranked)
    exported = tmp_path / "graphs.nq"
    with GraphStore(unranked, read_only=True) as store:
        store.export(exported, "nq")
    with GraphStore(tmp_path / "imported") as store:
        store.import_file(exported, "nq")
    assert _ranks(tmp_path / "imported") == _ranks(example_store)
