"""What every policykg store offers, the embedded one and a server's endpoint alike.

Queries, audits, views, imports and builds are written against :class:`SparqlStore`; which store
they get is decided once, by :func:`policykg.graph.store.open_store`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pyoxigraph import Quad, Triple

    from policykg.graph.store.formats import RdfFileFormat


class SparqlStore(Protocol):
    """A store of one named graph per source file, read and written through SPARQL and whole graphs.

    Queries see the union of the named graphs as their default graph. A store is a context manager
    that closes itself; closing twice is harmless.
    """

    path: str  # where the store is, for messages (a server's URL never carries credentials)
    read_only: bool

    # -- reading ---------------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):  # noqa: ANN201
        """Run a SPARQL query; return pyoxigraph's result (solutions, a boolean or triples)."""
        ...

    def select(
        self, sparql: str, bindings: Mapping[str, object] | None = None
    ) -> Iterator[dict[str, object]]:
        """Yield each solution of a SELECT query as a dict of variable name → term (None if unbound)."""
        ...

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """Return the answer of an ASK query."""
        ...

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Triple]:
        """Return the triples a CONSTRUCT or DESCRIBE query makes."""
        ...

    def pairs_with(self, predicate: str) -> Iterator[tuple[str, str]]:
        """Yield the (subject, object) values of the statements with ``predicate``; a pair may repeat."""
        ...

    def named_graphs(self) -> list[str]:
        """Return the IRIs of policykg's named graphs, sorted."""
        ...

    def graph_quads(self, graph: str) -> list[Quad]:
        """Return the quads of the named graph ``graph``."""
        ...

    def export(self, output: str | os.PathLike[str] | None, fmt: str | RdfFileFormat) -> bytes | None:
        """Write the store in ``fmt`` to ``output``, or return the bytes when ``output`` is None."""
        ...

    # -- writing ---------------------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update, then rank the documents anew."""
        ...

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` with the quads in it; add the others to their graphs."""
        ...

    def add_new_graphs(self, graphs: dict[str, list[Quad]]) -> list[str]:
        """Write the graphs the store does not hold yet; return those written."""
        ...

    def remove_graph(self, graph: str) -> None:
        """Remove a named graph (nothing happens when it is absent)."""
        ...

    def flush(self) -> None:
        """Write what committed transactions left in memory to disk (a store without such buffers does nothing)."""
        ...

    def prune_shared(self) -> None:
        """Drop from the shared graph the nodes no source's graph refers to any more."""
        ...

    def import_file(
        self, path: str | os.PathLike[str], fmt: str | RdfFileFormat, graph: str | None = None
    ) -> list[str]:
        """Load an RDF file, replacing each named graph it holds; return the graphs written."""
        ...

    def rank_documents(self) -> bool:
        """Give every document its rank in IRI order; return whether the ranks changed."""
        ...

    # -- lifetime --------------------------------------------------------------------------------------
    def close(self) -> None:
        """Release the store (a second call does nothing)."""
        ...

    def __enter__(self) -> SparqlStore: ...  # noqa: D105

    def __exit__(self, *exc: object) -> None: ...  # noqa: D105
