"""Each document's rank in IRI order, kept in the graph ``id:document-order`` for sorting listings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from policykg.graph.iris import document_order_graph_iri
from policykg.graph.store.sparql_files import read_sparql
from policykg.ontology.terms import POL, XSD

if TYPE_CHECKING:
    from policykg.graph.store.protocol import SparqlStore


def rank_documents(store: SparqlStore) -> bool:
    """Give every document its rank (1, 2 … in IRI order) in ``id:document-order``; return whether it changed.

    The named queries sort by this rank, falling back to the IRI where it is missing, so the order
    is the same with or without it; the graph is rewritten only when it differs from the ranks due.
    """
    documents = [row["document"] for row in store.select(read_sparql("documents-in-order.rq"))]
    integer = NamedNode(XSD.integer)
    due = [(document, Literal(str(n), datatype=integer)) for n, document in enumerate(documents, 1)]
    kept = {(row["document"], row["rank"]) for row in store.select(read_sparql("document-ranks-kept.rq"))}
    if kept == set(due):
        return False
    graph = NamedNode(document_order_graph_iri())
    rank = NamedNode(POL.documentRank)
    store.replace_graph(graph.value, [Quad(document, rank, n, graph) for document, n in due])
    return True
