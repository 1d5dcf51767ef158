"""Between SPARQL results and Python: values bound into queries, and solutions read out of them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Triple,
    Variable,
)

from policykg.errors import StoreError
from policykg.ontology.terms import XSD


def substitutions(bindings: Mapping[str, object] | None) -> dict[Variable, object]:
    """Return ``bindings`` (variable name → value) as pyoxigraph substitutions.

    Strings and numbers become literals, booleans ``xsd:boolean`` literals; pyoxigraph terms are
    used as they are. Any other value raises ``TypeError``.
    """
    out = {}
    for name, value in (bindings or {}).items():
        if isinstance(value, (NamedNode, Literal, BlankNode)):
            out[Variable(name)] = value
        elif isinstance(value, bool):
            out[Variable(name)] = Literal(str(value).lower(), datatype=NamedNode(XSD.boolean))
        elif isinstance(value, (int, float, str)):
            out[Variable(name)] = Literal(value)
        else:
            raise TypeError(f"cannot bind {name!r} to a {type(value).__name__}")
    return out


def solution_dicts(result: object) -> Iterator[dict[str, object]]:
    """Yield each solution of a SELECT result as a dict of variable name → term (None if unbound)."""
    if not isinstance(result, QuerySolutions):
        raise StoreError("not a SELECT query")
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: solution[n] for n in names}


def boolean(result: object) -> bool:
    """Return the answer of an ASK result."""
    if not isinstance(result, QueryBoolean):
        raise StoreError("not an ASK query")
    return bool(result)


def triples(result: object) -> list[Triple]:
    """Return the triples of a CONSTRUCT or DESCRIBE result."""
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        raise StoreError("not a CONSTRUCT or DESCRIBE query")
    if isinstance(result, QueryTriples):
        return list(result)
    return [t if isinstance(t, Triple) else t.triple for t in result]


class QueryForms:
    """SELECT, ASK and CONSTRUCT answers as Python values, for a store whose ``query`` gives pyoxigraph's."""

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):  # noqa: ANN201
        """Run a SPARQL query; return pyoxigraph's result (each store implements it)."""
        raise NotImplementedError

    def select(
        self, sparql: str, bindings: Mapping[str, object] | None = None
    ) -> Iterator[dict[str, object]]:
        """Yield each solution of a SELECT query as a dict of variable name → term (None if unbound)."""
        yield from solution_dicts(self.query(sparql, bindings))

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """Return the answer of an ASK query."""
        return boolean(self.query(sparql, bindings))

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Triple]:
        """Return the triples a CONSTRUCT or DESCRIBE query makes."""
        return triples(self.query(sparql, bindings))
