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
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Variable,
)

from policykg.errors import StoreError, StoreLockedError
from policykg.graph.iris import shared_graph_iri
from policykg.graph.store.ranks import rank_documents
from policykg.graph.store.sparql_files import read_sparql
from policykg.ontology.terms import PREFIXES

if TYPE_CHECKING:
    from policykg.graph.store.server import EndpointStore

DEFAULT_STORE = "policykg.store"
EXPORT_FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}
_QUAD_FORMATS = {"nq", "trig"}


def _open(path: str, read_only: bool) -> Store:
    try:
        if read_only:
            if not (Path(path) / "CURRENT").exists():
                raise StoreError(f"{path}: no store here; run `policykg build` first")
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


class SparqlStore(Protocol):
    """What queries, audits and views need of a store: the embedded one or a server's endpoint."""

    path: str
    read_only: bool

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None): ...  # noqa: D102, ANN201

    def select(  # noqa: D102
        self, sparql: str, bindings: Mapping[str, object] | None = None
    ) -> Iterator[dict[str, object]]: ...

    def named_graphs(self) -> list[str]: ...  # noqa: D102

    def export(self, output: str | os.PathLike[str] | None, fmt: str) -> bytes | None: ...  # noqa: D102

    def close(self) -> None: ...  # noqa: D102


class GraphStore:
    """A policykg store on disk: ``GraphStore("policykg.store")``, or ``read_only=True`` to query
    while another process writes."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._store = _open(self.path, read_only)
        # the union is materialised in the default graph (empty store: it will be)
        self.union_materialised = (
            next(iter(self._store.quads_for_pattern(None, None, None, DefaultGraph())), None) is not None
            or next(iter(self._store.named_graphs()), None) is None
        )

    @property
    def oxigraph(self) -> Store:
        """The underlying :class:`pyoxigraph.Store`, for direct use on hot paths."""
        return self._store

    def close(self) -> None:
        """Release the store."""
        del self._store

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------
    def _writable(self) -> None:
        """Refuse a read-only store; give a store from before the kept union its union (one update)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        if not self.union_materialised:
            self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            self.union_materialised = True

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` with the ``quads`` in it, atomically.

        Quads in other graphs (a source's descriptions of shared nodes) are added to those graphs in
        the same transaction.
        """
        self._writable()
        g = NamedNode(graph)
        quads = list(quads)
        try:
            if not self._store.contains_named_graph(g):
                self._store.extend(with_union(quads))  # one transaction
                return
            by_graph: dict[str, list[str]] = {}
            for q in quads:
                line = f"{q.subject} {q.predicate} {q.object} ."
                by_graph.setdefault(str(q.graph_name), []).append(line)
                by_graph.setdefault("", []).append(line)
            body = "\n".join(
                f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}" if name else "\n".join(lines)
                for name, lines in by_graph.items()
            )
            self._store.update(_forget_from_union(g) + f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{\n{body}\n}}")
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: writing {graph} failed: {exc}") from None

    def add_new_graphs(self, graphs: dict[str, list[Quad]]) -> list[str]:
        """Write several graphs the store does not hold yet in one transaction; return those written.

        Graphs already in the store are left out (replace them with :meth:`replace_graph`). One
        transaction for many small graphs saves a commit per file; each graph is still whole or absent.
        """
        self._writable()
        new = [g for g in graphs if not self._store.contains_named_graph(NamedNode(g))]
        try:
            self._store.extend(with_union(q for g in new for q in graphs[g]))
        except OSError as exc:
            raise StoreError(f"{self.path}: writing {len(new)} graphs failed: {exc}") from None
        return new

    def import_file(self, path: str | os.PathLike[str], fmt: str, graph: str | None = None) -> list[str]:
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
        self._writable()
        if not re.search(r"\bLOAD\b", sparql, re.I):
            Store().update(sparql)  # a syntax error, with its place in the user's text, before anything
        prologue = _PROLOGUE.match(sparql).group(0)
        resync = read_sparql("resync-union.ru")
        self._store.update(f"{prologue}\nDROP DEFAULT ;\n{sparql[len(prologue) :]}\n;\n{resync}")
        rank_documents(self)

    def prune_shared(self) -> None:
        """Drop from the shared graph the nodes no source's graph refers to any more (one transaction)."""
        stale = [f"{r['node']} {r['p']} {r['o']} ." for r in self.select(prune_shared_query())]
        if not stale:
            return
        body = "\n".join(stale)
        shared = NamedNode(shared_graph_iri())
        self._writable()
        try:  # from the shared graph and from the union, in one transaction
            self._store.update(f"DELETE DATA {{ GRAPH {shared} {{\n{body}\n}}\n{body}\n}}")
        except OSError as exc:
            raise StoreError(f"{self.path}: pruning the shared graph failed: {exc}") from None

    def remove_graph(self, graph: str) -> None:
        """Remove a named graph, and its triples from the union (a no-op when it is absent)."""
        self._writable()
        g = NamedNode(graph)
        self._store.update(_forget_from_union(g) + f"DROP SILENT GRAPH {g}")

    # -- reading ---------------------------------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        """Return the IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """Run a SPARQL query over the union of all graphs (the default graph); return pyoxigraph's result.

        ``bindings`` maps variable names to values bound before evaluation (never formatted into the
        query): strings and numbers become literals, pyoxigraph terms are used as they are.
        """
        return self._store.query(
            sparql,
            use_default_graph_as_union=not self.union_materialised,
            substitutions=_substitutions(bindings),
        )

    def select(
        self, sparql: str, bindings: Mapping[str, object] | None = None
    ) -> Iterator[dict[str, object]]:
        """Yield each solution of a SELECT query as a dict of variable name → term (None if unbound)."""
        yield from solution_dicts(self.query(sparql, bindings))

    def export(self, output: str | os.PathLike[str] | None, fmt: str) -> bytes | None:
        """Write the whole store in ``fmt`` (ttl, nt, nq, trig, jsonld) to ``output``, or return bytes.

        Triple formats hold the union of all graphs; quad formats keep each source's graph.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        prefixes = {k: v for k, v in PREFIXES.items() if k not in {"sh", "id"}}
        from pyoxigraph import serialize

        if fmt in _QUAD_FORMATS:  # the named graphs; the union in the default graph is derived from them
            named = (q for q in self._store if not isinstance(q.graph_name, DefaultGraph))
            return serialize(named, output, rdf_format, prefixes=prefixes if fmt == "trig" else None)
        triples = self._store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            use_default_graph_as_union=not self.union_materialised,
        )
        return serialize(triples, output, rdf_format, prefixes=prefixes if fmt in {"ttl", "jsonld"} else None)


# the PREFIX and BASE declarations that open an update (Oxigraph wants them before its first operation)
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)


def _forget_from_union(graph: NamedNode) -> str:
    """Return the update step that takes a graph's triples out of the union, unless another graph
    also holds them (``graph`` prints as a checked IRI)."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
    )


def solution_dicts(result: object) -> Iterator[dict[str, object]]:
    """Yield each solution of a SELECT result as a dict of variable name → term (None if unbound)."""
    if not isinstance(result, QuerySolutions):
        raise StoreError("not a SELECT query")
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: solution[n] for n in names}


def with_union(quads: Iterable[Quad]) -> Iterator[Quad]:
    """Yield each quad and its copy in the default graph, where the union of the graphs is kept."""
    default = DefaultGraph()
    for q in quads:
        yield q
        yield Quad(q.subject, q.predicate, q.object, default)


def prune_shared_query() -> str:
    """Return the SELECT that lists the shared graph's triples about nodes no source refers to."""
    return read_sparql("prune-shared.rq")


def import_graphs(
    store: GraphStore | EndpointStore, path: str | os.PathLike[str], fmt: str, graph: str | None = None
) -> list[str]:
    """Replace in ``store`` each named graph an RDF file holds, then rank the documents; return the graphs.

    The file is parsed whole first (see :func:`read_graphs`), so a broken file changes nothing.
    """
    by_graph = read_graphs(path, fmt, graph)
    for name, items in by_graph.items():
        store.replace_graph(name, items)
    rank_documents(store)
    return sorted(by_graph)


def read_graphs(path: str | os.PathLike[str], fmt: str, graph: str | None = None) -> dict[str, list[Quad]]:
    """Parse an RDF file into its named graphs; return graph IRI → quads.

    Quad formats (nq, trig) keep their graphs; triples go into ``graph`` (required for them).
    """
    from pyoxigraph import DefaultGraph, parse

    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt not in _QUAD_FORMATS and graph is None:
        raise StoreError(f"{fmt} holds triples only: name the graph to load them into")
    try:
        quads = list(parse(path=str(path), format=EXPORT_FORMATS[fmt]))
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path}: cannot read {fmt}: {exc}") from None
    by_graph: dict[str, list[Quad]] = {}
    for q in quads:
        name = graph if graph is not None or isinstance(q.graph_name, DefaultGraph) else q.graph_name.value
        if name is None:
            raise StoreError(
                f"{path}: holds triples outside any named graph; name the graph to load them into"
            )
        by_graph.setdefault(name, []).append(Quad(q.subject, q.predicate, q.object, NamedNode(name)))
    return by_graph


def _substitutions(bindings: Mapping[str, object] | None) -> dict[Variable, object]:
    out = {}
    for name, value in (bindings or {}).items():
        if isinstance(value, (NamedNode, Literal, BlankNode)):
            out[Variable(name)] = value
        elif isinstance(value, bool):
            out[Variable(name)] = Literal(
                str(value).lower(), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
            )
        elif isinstance(value, (int, float, str)):
            out[Variable(name)] = Literal(value)
        else:
            raise TypeError(f"cannot bind {name!r} to a {type(value).__name__}")
    return out


@contextmanager
def open_store(
    path: str | os.PathLike[str] = DEFAULT_STORE, *, read_only: bool = False
) -> Iterator[GraphStore]:
    """Open a store for the duration of a ``with`` block."""
    store = GraphStore(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()
