"""A SPARQL 1.1 server used like the embedded store: Query and Update over HTTP, Graph Store Protocol.

Every command runs against an :class:`EndpointStore` as against a :class:`~policykg.graph.store.embedded.GraphStore`:
queries go to the query endpoint and come back as pyoxigraph results; writes go to the update endpoint,
or to a Graph Store Protocol endpoint when one is given (a whole graph in one ``PUT``). How requests
are sent and authenticated is :mod:`policykg.graph.store.endpoint`'s business.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from policykg.errors import StoreError
from policykg.graph.iris import shared_graph_iri
from policykg.graph.store.endpoint import (
    DEFAULT_TIMEOUT_SECONDS,
    RESULTS_XML,
    Endpoint,
    HttpSession,
    find_credentials,
    redact,
)
from policykg.graph.store.formats import RdfFileFormat
from policykg.graph.store.protocol import SparqlStore
from policykg.graph.store.ranks import rank_documents
from policykg.graph.store.rdf_files import import_graphs, rdf_file_format, write_rdf
from policykg.graph.store.sparql_files import read_sparql
from policykg.graph.store.sparql_text import bind_values, query_form
from policykg.graph.store.terms import QueryForms, substitutions

__all__ = ["Endpoint", "EndpointStore", "bind_values", "push", "redact"]

UPDATE_CHUNK_TRIPLES = 5_000  # INSERT DATA requests stay below servers' request-size limits
N_TRIPLES = "application/n-triples"


class EndpointStore(QueryForms):
    """A triple store server behind SPARQL 1.1 endpoints, with the methods of the embedded store.

    ``credentials`` (user, password) are used when given; otherwise they are looked up as
    :mod:`~policykg.graph.store.endpoint` says. From a notebook:
    ``EndpointStore(Endpoint("http://localhost:8890/sparql"))``.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        credentials: tuple[str, str] | None = None,
    ) -> None:
        endpoint.check()
        self.endpoint = endpoint
        self.read_only = read_only
        self.path = endpoint.shown
        self._http = HttpSession(
            endpoint.query_url, credentials or find_credentials(endpoint.query_url), timeout
        )

    def close(self) -> None:
        """Close the HTTP connections (a second call does nothing)."""
        self._http.close()

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """Run a SPARQL query on the server; return pyoxigraph's result (solutions, boolean or triples).

        ``bindings`` are bound as a ``VALUES`` block at the start of the query's WHERE clause, each
        value written as an RDF term, never spliced into the query as text.
        """
        text = bind_values(sparql, substitutions(bindings)) if bindings else sparql
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            data = self._http.post_form(self.endpoint.query_url, "query", text, N_TRIPLES)
            return parse(data, RdfFormat.N_TRIPLES)
        data = self._http.post_form(self.endpoint.query_url, "query", text, RESULTS_XML)
        try:
            return parse_query_results(data, QueryResultsFormat.XML)
        except SyntaxError as exc:
            raise StoreError(f"{self.path}: the server's answer is not SPARQL results: {exc}") from None

    def pairs_with(self, predicate: str) -> Iterator[tuple[str, str]]:
        """Yield the (subject, object) values of the statements with ``predicate`` (from one SELECT)."""
        rows = self.select("SELECT ?s ?o WHERE { ?s ?p ?o }", {"p": NamedNode(predicate)})
        return ((r["s"].value, r["o"].value) for r in rows)

    def named_graphs(self) -> list[str]:
        """Return the IRIs of policykg's named graphs on the server (its own system graphs left out)."""
        return sorted(r["g"].value for r in self.select(read_sparql("policykg-graphs.rq")))

    def graph_quads(self, graph: str) -> list[Quad]:
        """Return the quads of the named graph ``graph`` on the server."""
        g = NamedNode(graph)
        # a NamedNode prints as a checked, escaped IRI (Virtuoso refuses VALUES in a CONSTRUCT)
        found = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        return [Quad(t.subject, t.predicate, t.object, g) for t in found]

    def export(self, output: str | os.PathLike[str] | None, fmt: str | RdfFileFormat) -> bytes | None:
        """Write policykg's graphs in ``fmt`` to ``output``, or return bytes (as the embedded store does)."""
        fmt = rdf_file_format(fmt)
        quads = [q for g in self.named_graphs() for q in self.graph_quads(g)]
        if fmt.keeps_graphs:
            return write_rdf(quads, output, fmt)
        return write_rdf(list(dict.fromkeys(q.triple for q in quads)), output, fmt)

    # -- writing ---------------------------------------------------------------------------------------
    def _writable(self) -> str:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return self.endpoint.update_url or self.endpoint.query_url

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server, then rank its documents anew (a second request)."""
        self._update(sparql)
        rank_documents(self)

    def rank_documents(self) -> bool:
        """Give every document on the server its rank in IRI order; return whether the ranks changed."""
        return rank_documents(self)

    def _update(self, sparql: str) -> None:
        """Send one SPARQL Update request, as policykg's own writes do (nothing is ranked after it)."""
        self._http.post_form(self._writable(), "update", sparql, "*/*")

    def _data_in_chunks(self, operation: str, graph: str, lines: list[str]) -> None:
        """Send ``INSERT DATA`` or ``DELETE DATA`` for N-Triples lines in ``graph``, a chunk per request."""
        g = NamedNode(graph)
        for start in range(0, len(lines), UPDATE_CHUNK_TRIPLES):
            body = "\n".join(lines[start : start + UPDATE_CHUNK_TRIPLES])
            self._update(f"{operation} {{ GRAPH {g} {{\n{body}\n}} }}")

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` with the ``quads`` in it; add the others to their graphs.

        With a Graph Store Protocol endpoint the graph is replaced by one ``PUT``, which the server
        applies whole; over SPARQL Update it is dropped and inserted in chunks.
        """
        self._writable()
        by_graph: dict[str, list[Quad]] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name.value, []).append(q)
        own = by_graph.pop(graph, [])
        if self.endpoint.graph_store_url:
            self._put_graph(graph, own)
        else:
            self._update(f"DROP SILENT GRAPH {NamedNode(graph)}")
            self._insert(graph, own)
        for other, items in by_graph.items():
            self._insert(other, items)

    def add_new_graphs(self, graphs: dict[str, list[Quad]]) -> list[str]:
        """Write the graphs the server does not hold yet; return those written."""
        held = set(self.named_graphs())
        new = [g for g in graphs if g not in held]
        for g in new:
            self.replace_graph(g, graphs[g])
        return new

    def flush(self) -> None:
        """Do nothing: the server keeps its own buffers."""

    def remove_graph(self, graph: str) -> None:
        """Remove a named graph from the server (nothing happens when it is absent)."""
        self._update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def import_file(
        self, path: str | os.PathLike[str], fmt: str | RdfFileFormat, graph: str | None = None
    ) -> list[str]:
        """Load an RDF file, replacing each named graph it holds on the server; return the graphs written."""
        return import_graphs(self, path, fmt, graph)

    def prune_shared(self) -> None:
        """Drop from the shared graph the nodes no source's graph refers to any more."""
        stale = [f"{r['node']} {r['p']} {r['o']} ." for r in self.select(read_sparql("prune-shared.rq"))]
        self._data_in_chunks("DELETE DATA", shared_graph_iri(), stale)

    def push_graph(self, graph: str, quads: list[Quad]) -> None:
        """Replace ``graph`` on the server with ``quads`` (all of them placed in that graph)."""
        self.replace_graph(graph, [Quad(q.subject, q.predicate, q.object, NamedNode(graph)) for q in quads])

    def _put_graph(self, graph: str, quads: list[Quad]) -> None:
        body = serialize([q.triple for q in quads], None, RdfFormat.N_TRIPLES) or b""
        url = f"{self.endpoint.graph_store_url}?{urllib.parse.urlencode({'graph': graph})}"
        self._http.request(url, body, {"Content-Type": N_TRIPLES}, method="PUT")

    def _insert(self, graph: str, quads: list[Quad]) -> None:
        self._data_in_chunks("INSERT DATA", graph, [f"{q.subject} {q.predicate} {q.object} ." for q in quads])


def push(source: SparqlStore, target: EndpointStore, progress: bool = False) -> list[str]:
    """Upload every named graph of ``source`` to ``target``; return their IRIs.

    Each graph replaces the server's graph of the same name, so pushing twice changes nothing.
    """
    from tqdm import tqdm

    graphs = source.named_graphs()
    for graph in tqdm(graphs, unit="graph", desc="pushing", disable=not progress, leave=False):
        target.push_graph(graph, source.graph_quads(graph))
    target.rank_documents()  # the server may hold other stores' documents too
    return graphs
