"""Plain Python values for RDF terms, as listings and audits hand them to callers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def term_value(term: Any) -> Any:
    """Return a plain Python value for an RDF term (numbers as numbers, IRIs as strings)."""
    if term is None:
        return None
    from pyoxigraph import Literal, NamedNode

    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return Decimal(term.value)
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    return str(term)
