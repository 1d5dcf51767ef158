"""The embedded store: an on-disk Oxigraph database with one named graph per source file.

Adding a source's graph is one transaction; replacing it is one SPARQL update (drop the old graph,
insert the new one), which Oxigraph also applies as one transaction: a failure leaves the store as
it was. Writes go through RocksDB's write-ahead log, so they survive a killed process.

The default graph holds the union of the named graphs, kept in step in the same transactions.
Oxigraph answers a pattern on its default graph several times faster than on the union of named
graphs it would otherwise compute (the department look-up at 1M triples: 26 ms against 116 ms), so
queries read the default graph. A store written before the union was kept is read through the
computed union, and gains the kept one the first time it is written to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

from policykg.errors import StoreError, StoreLockedError
from policykg.graph.iris import shared_graph_iri
from policykg.graph.store import DEFAULT_STORE
from policykg.graph.store.formats import RdfFileFormat
from policykg.graph.store.ranks import rank_documents
from policykg.graph.store.rdf_files import import_graphs, rdf_file_format, write_rdf
from policykg.graph.store.sparql_files import read_sparql
from policykg.graph.store.terms import QueryForms, substitutions

__all__ = ["GraphStore", "with_union"]
_ROCKSDB_MARKER = "CURRENT"  # the file every RocksDB database directory holds


def _open(path: str, read_only: bool) -> Store:
    try:
        if read_only:
            if not (Path(path) / _ROCKSDB_MARKER).exists():
                raise StoreError(f"{path}: no store here; build one first")
            return Store.read_only(path)
        return Store(path)
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"{path}: store is locked by another policykg process; try again when it ends"
            ) from None
        raise StoreError(f"{path}: cannot open store: {exc}") from None
    except RuntimeError as exc:  # RocksDB: a store still being created, or not a store at all
        raise StoreError(
            f"{path}: not a complete policykg store (being created by another process?): {exc}"
        ) from None


class GraphStore(QueryForms):
    """A policykg store on disk: ``GraphStore("policykg.store")``, or ``read_only=True`` to query
    while another process writes. It implements :class:`~policykg.graph.store.protocol.SparqlStore`."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._store: Store | None = _open(self.path, read_only)
        # the union is materialised in the default graph (empty store: it will be)
        self.union_materialised = (
            next(iter(self._store.quads_for_pattern(None, None, None, DefaultGraph())), None) is not None
            or next(iter(self._store.named_graphs()), None) is None
        )

    @property
    def oxigraph(self) -> Store:
        """The underlying :class:`pyoxigraph.Store`, for direct use on hot paths."""
        if self._store is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._store

    def close(self) -> None:
        """Release the store and its lock (a second call does nothing)."""
        self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------
    def _writable(self) -> Store:
        """Return the open store, refusing a read-only one; give a store from before the kept union its
        union (one update)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        if not self.union_materialised:
            self.oxigraph.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            self.union_materialised = True
        return self.oxigraph

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` with the ``quads`` in it, atomically.

        Quads in other graphs (a source's descriptions of shared nodes) are added to those graphs in
        the same transaction.
        """
        store = self._writable()
        g = NamedNode(graph)
        quads = list(quads)
        try:
            if not store.contains_named_graph(g):
                store.extend(with_union(quads))  # one transaction
                return
            store.update(_forget_from_union(g) + f"DROP SILENT GRAPH {g} ;\n" + _insert_data(quads))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: writing {graph} failed: {exc}") from None

    def add_new_graphs(self, graphs: dict[str, list[Quad]]) -> list[str]:
        """Write several graphs the store does not hold yet in one transaction; return those written.

        Graphs already in the store are left out (replace them with :meth:`replace_graph`). One
        transaction for many small graphs saves a commit per file; each graph is still whole or absent.
        """
        store = self._writable()
        new = [g for g in graphs if not store.contains_named_graph(NamedNode(g))]
        try:
            store.extend(with_union(q for g in new for q in graphs[g]))
        except OSError as exc:
            raise StoreError(f"{self.path}: writing {len(new)} graphs failed: {exc}") from None
        return new

    def bulk_load(self, nquads: bytes | str) -> None:
        """Load N-Quads without a transaction (fast, for a store nobody else sees yet).

        The N-Quads must carry the union's copies in the default graph themselves.
        """
        self._writable().bulk_load(nquads, RdfFormat.N_QUADS)

    def flush(self) -> None:
        """Write what the store holds in memory from committed transactions to its files (RocksDB keeps
        them in memory until its buffers fill: 700 MB after linking 100,000 measures)."""
        self._writable().flush()

    def compact(self) -> None:
        """Flush what was bulk-loaded and merge the store's files, which makes most queries faster."""
        store = self._writable()
        store.flush()
        store.optimize()

    def import_file(
        self, path: str | os.PathLike[str], fmt: str | RdfFileFormat, graph: str | None = None
    ) -> list[str]:
        """Load an RDF file, replacing each named graph it holds; return the graphs written.

        Quad formats (nq, trig) keep their graphs; triples go into ``graph`` (required for them).
        Everything is parsed before anything is written, so a broken file changes nothing.
        """
        return import_graphs(self, path, fmt, graph)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the named graphs, in one transaction with keeping the union.

        The update sees an empty default graph, as before the union was kept; triples it writes
        there are kept in the graph ``id:updates``. Documents it adds or removes are then ranked anew
        (:func:`~policykg.graph.store.ranks.rank_documents`), in a second transaction.
        """
        store = self._writable()
        if not re.search(r"\bLOAD\b", sparql, re.I):
            Store().update(sparql)  # a syntax error, with its place in the user's text, before anything
        prologue = _PROLOGUE.match(sparql).group(0)
        resync = read_sparql("resync-union.ru")
        store.update(f"{prologue}\nDROP DEFAULT ;\n{sparql[len(prologue) :]}\n;\n{resync}")
        rank_documents(self)

    def rank_documents(self) -> bool:
        """Give every document its rank in IRI order; return whether the ranks changed."""
        return rank_documents(self)

    def prune_shared(self) -> None:
        """Drop from the shared graph the nodes no source's graph refers to any more (one transaction)."""
        stale = [f"{r['node']} {r['p']} {r['o']} ." for r in self.select(read_sparql("prune-shared.rq"))]
        if not stale:
            return
        body = "\n".join(stale)
        shared = NamedNode(shared_graph_iri())
        store = self._writable()
        try:  # from the shared graph and from the union, in one transaction
            store.update(f"DELETE DATA {{ GRAPH {shared} {{\n{body}\n}}\n{body}\n}}")
        except OSError as exc:
            raise StoreError(f"{self.path}: pruning the shared graph failed: {exc}") from None

    def remove_graph(self, graph: str) -> None:
        """Remove a named graph, and its triples from the union (nothing happens when it is absent)."""
        g = NamedNode(graph)
        self._writable().update(_forget_from_union(g) + f"DROP SILENT GRAPH {g}")

    # -- reading ---------------------------------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        """Return the IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, NamedNode))

    def graph_quads(self, graph: str) -> list[Quad]:
        """Return the quads of the named graph ``graph``."""
        return list(self.oxigraph.quads_for_pattern(None, None, None, NamedNode(graph)))

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """Run a SPARQL query over the union of all graphs (the default graph); return pyoxigraph's result.

        ``bindings`` maps variable names to values bound before evaluation (never formatted into the
        query): strings and numbers become literals, pyoxigraph terms are used as they are.
        """
        return self.oxigraph.query(
            sparql,
            use_default_graph_as_union=not self.union_materialised,
            substitutions=substitutions(bindings),
        )

    def pairs_with(self, predicate: str) -> Iterator[tuple[str, str]]:
        """Yield the (subject, object) values of the statements with ``predicate``, read straight off the
        store's index (several times faster than a SELECT); a pair held in several graphs may repeat."""
        union = DefaultGraph() if self.union_materialised else None  # the union, or every graph
        return (
            (q.subject.value, q.object.value)
            for q in self.oxigraph.quads_for_pattern(None, NamedNode(predicate), None, union)
            if union is not None or not isinstance(q.graph_name, DefaultGraph)
        )

    def export(self, output: str | os.PathLike[str] | None, fmt: str | RdfFileFormat) -> bytes | None:
        """Write the whole store in ``fmt`` (ttl, nt, nq, trig, jsonld) to ``output``, or return bytes.

        Triple formats hold the union of all graphs; quad formats keep each source's graph.
        """
        fmt = rdf_file_format(fmt)
        if fmt.keeps_graphs:  # the named graphs; the union in the default graph is derived from them
            return write_rdf(
                (q for q in self.oxigraph if not isinstance(q.graph_name, DefaultGraph)), output, fmt
            )
        union = self.oxigraph.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            use_default_graph_as_union=not self.union_materialised,
        )
        return write_rdf(union, output, fmt)


# the PREFIX and BASE declarations that open an update (Oxigraph wants them before its first operation)
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)


def _forget_from_union(graph: NamedNode) -> str:
    """Return the update step that takes a graph's triples out of the union, unless another graph
    also holds them (``graph`` prints as a checked IRI)."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
    )


def _insert_data(quads: list[Quad]) -> str:
    """Return the INSERT DATA step that writes ``quads`` into their graphs and into the union."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        line = f"{q.subject} {q.predicate} {q.object} ."
        by_graph.setdefault(str(q.graph_name), []).append(line)
        by_graph.setdefault("", []).append(line)
    body = "\n".join(
        f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}" if name else "\n".join(lines)
        for name, lines in by_graph.items()
    )
    return f"INSERT DATA {{\n{body}\n}}"


def with_union(quads: Iterable[Quad]) -> Iterator[Quad]:
    """Yield each quad and its copy in the default graph, where the union of the graphs is kept."""
    default = DefaultGraph()
    for q in quads:
        yield q
        yield Quad(q.subject, q.predicate, q.object, default)
