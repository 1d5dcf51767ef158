"""How much the store holds, counted in a fixed order that reads from sources down to gaps."""

from __future__ import annotations

from policykg.graph.store.protocol import SparqlStore
from policykg.queries.named import load_query

COUNTED = (
    "source files",
    "documents",
    "sections",
    "measures",
    "departments",
    "generic actors",
    "legal bases",
    "indicators",
    "targets",
    "measures without a named department",
)
"""What the ``stats`` query counts, in the order counts are listed."""

NAMED_GRAPHS = "named graphs"


def store_counts(store: SparqlStore) -> dict[str, int]:
    """Return what the store holds (:data:`COUNTED`, then the number of named graphs), zero when absent.

    The dict's order is the listing order.
    """
    found = {str(r["what"].value): int(r["count"].value) for r in store.select(load_query("stats").sparql)}
    counts = {what: found.get(what, 0) for what in COUNTED}
    counts[NAMED_GRAPHS] = len(store.named_graphs())
    return counts
