"""RDF files in and out of a store: parsing a file into its named graphs, writing quads or triples."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pyoxigraph import DefaultGraph, NamedNode, Quad, Triple, parse, serialize

from policykg.errors import StoreError
from policykg.graph.store.formats import RdfFileFormat
from policykg.ontology.terms import PREFIXES

if TYPE_CHECKING:
    from policykg.graph.store.protocol import SparqlStore

# the prefixes written into Turtle, TriG and JSON-LD (not the SHACL or instance namespaces)
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in {"sh", "id"}}


def rdf_file_format(fmt: str | RdfFileFormat) -> RdfFileFormat:
    """Return the format a short name (``ttl``, ``nq`` …) names; raise :class:`StoreError` for others."""
    try:
        return RdfFileFormat(fmt)
    except ValueError:
        raise StoreError(
            f"unknown RDF format {fmt!r}; use one of {', '.join(RdfFileFormat.names())}"
        ) from None


def write_rdf(
    statements: Iterable[Quad] | Iterable[Triple],
    output: str | os.PathLike[str] | None,
    fmt: RdfFileFormat,
) -> bytes | None:
    """Write quads (quad formats) or triples (triple formats) to ``output``, or return the bytes."""
    prefixes = EXPORT_PREFIXES if fmt.writes_prefixes else None
    return serialize(statements, output, fmt.rdf_format, prefixes=prefixes)


def read_graphs(
    path: str | os.PathLike[str], fmt: str | RdfFileFormat, graph: str | None = None
) -> dict[str, list[Quad]]:
    """Parse an RDF file into its named graphs; return graph IRI → quads.

    Quad formats (nq, trig) keep their graphs; triples go into ``graph`` (required for them).
    """
    fmt = rdf_file_format(fmt)
    if not fmt.keeps_graphs and graph is None:
        raise StoreError(f"{fmt} holds triples only: name the graph to load them into")
    try:
        quads = list(parse(path=str(path), format=fmt.rdf_format))
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


def import_graphs(
    store: SparqlStore, path: str | os.PathLike[str], fmt: str | RdfFileFormat, graph: str | None = None
) -> list[str]:
    """Replace in ``store`` each named graph an RDF file holds, then rank the documents; return the graphs.

    The file is parsed whole first (see :func:`read_graphs`), so a broken file changes nothing.
    """
    by_graph = read_graphs(path, fmt, graph)
    for name, items in by_graph.items():
        store.replace_graph(name, items)
    store.rank_documents()
    return sorted(by_graph)
