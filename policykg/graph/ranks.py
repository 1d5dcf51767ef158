"""Each document's rank in IRI order, kept in the graph ``id:document-order`` for sorting listings."""

from __future__ import annotations

from importlib.resources import files
from typing import Protocol

from pyoxigraph import Literal, NamedNode, Quad

from ..ontology.terms import POL, XSD
from .iris import document_order_graph_iri


class _RankedStore(Protocol):
    def select(self, sparql: str) -> object: ...  # noqa: D102

    def replace_graph(self, graph: str, quads: list[Quad]) -> None: ...  # noqa: D102


def rank_documents(store: _RankedStore) -> bool:
    """Give every document its rank (1, 2 … in IRI order) in ``id:document-order``; return whether it changed.

    The named queries sort by this rank, falling back to the IRI where it is missing, so the order
    is the same with or without it; the graph is rewritten only when a rank is missing or stale.
    """
    rows = list(store.select(_query("documents-in-order.rq")))
    kept = [row.get("rank") for row in rows]
    wanted = [Literal(str(n), datatype=NamedNode(XSD.integer)) for n in range(1, len(rows) + 1)]
    stored = _stored_count(store)
    if kept == wanted and stored == len(rows):
        return False
    graph = document_order_graph_iri()
    rank = NamedNode(POL.documentRank)
    store.replace_graph(
        graph, [Quad(row["document"], rank, n, NamedNode(graph)) for row, n in zip(rows, wanted, strict=True)]
    )
    return True


def _stored_count(store: _RankedStore) -> int:
    """Return how many ranks the graph holds."""
    return int(next(iter(store.select(_query("document-ranks-kept.rq"))))["ranks"].value)


def _query(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")
