"""Run named and ad-hoc SPARQL queries with parameters bound as values, never formatted into the text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples

from policykg.errors import QueryError
from policykg.graph.store.protocol import SparqlStore
from policykg.ontology.terms import XSD
from policykg.queries.lookup import resolve_department
from policykg.queries.named import NamedQuery, Parameter, load_query

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I,
)
_COMMENT = re.compile(r"^\s*#.*$", re.M)


def is_update(sparql: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query."""
    return bool(_UPDATE.match(_COMMENT.sub("", sparql)))


def bind_parameters(
    store: SparqlStore, query: NamedQuery, given: Mapping[str, str], jurisdiction: str | None = None
) -> dict[str, object]:
    """Return the bindings of a named query's parameters, checked and converted to RDF terms."""
    known = {p.name for p in query.params}
    unknown = sorted(set(given) - known)
    if unknown:
        wanted = ", ".join(sorted(known)) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (parameters: {wanted})")
    bindings: dict[str, object] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is None:
            raise QueryError(f"query {query.name!r} needs a value for {param.name} ({param.type})")
        bindings[param.name] = _term(store, param, value, jurisdiction)
    return bindings


def _term(store: SparqlStore, param: Parameter, value: str, jurisdiction: str | None) -> object:
    if param.type == "department":
        return NamedNode(resolve_department(store, value, jurisdiction).iri)
    if param.type == "date":
        try:
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=NamedNode(XSD.date))
        except ValueError:
            raise QueryError(f"parameter {param.name}: {value!r} is not a date (YYYY-MM-DD)") from None
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter {param.name}: {value!r} is not an integer")
        return Literal(value, datatype=NamedNode(XSD.integer))
    if param.type == "iri":
        if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", value):
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI")
        return NamedNode(value)
    return Literal(value)


def run_named(
    store: SparqlStore, name: str, params: Mapping[str, str] | None = None, jurisdiction: str | None = None
) -> QuerySolutions:
    """Run the named query ``name`` with ``params``; return its solutions."""
    query = load_query(name)
    return run_sparql(store, query.sparql, bind_parameters(store, query, params or {}, jurisdiction))


def run_sparql(
    store: SparqlStore, sparql: str, bindings: Mapping[str, object] | None = None
) -> QuerySolutions | QueryBoolean | QueryTriples:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused here.

    A syntax error becomes a :class:`QueryError` whose message gives the line and column.
    """
    if is_update(sparql):
        raise QueryError("this is a SPARQL update, which changes the store; run it with run_update")
    try:
        return store.query(sparql, bindings)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error {str(exc).removeprefix('error ')}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def run_update(store: SparqlStore, sparql: str) -> None:
    """Run a SPARQL update against a store opened for writing."""
    try:
        store.update(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error {str(exc).removeprefix('error ')}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"update failed: {exc}") from None
