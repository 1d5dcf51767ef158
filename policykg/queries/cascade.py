"""The cascade audit: how a superior document's measures travel down to the documents implementing it.

Four findings, each a named query (``policykg query cascade-…``): superior measures a lower document
does not take up, lower measures with no superior counterpart (local additions), near-verbatim copies
(上下一般粗), and links whose lead went to a department that is not the superior lead's counterpart
one level down (responsibility drift). The pairs of documents and their counts come first, as context.
"""

from __future__ import annotations

from typing import Any

from policykg.errors import QueryError
from policykg.graph.store.protocol import SparqlStore
from policykg.ontology.terms import POL, PROV, RDF
from policykg.queries.audits import LIST_SEPARATOR, Audit, Section
from policykg.queries.run import run_named
from policykg.queries.values import term_value

# columns the cascade queries fill with GROUP_CONCAT(…; SEPARATOR="; "), whose order SPARQL leaves open
LIST_COLUMNS = {"upperLeads", "lowerLeads", "expected"}
ANY = "any"
"""The value of a cascade query's ``above``/``below`` parameter that keeps every document."""


def document_iris(store: SparqlStore, name: str) -> list[str]:
    """Return the documents ``name`` denotes: a document IRI, or every document of a source file name.

    Raises :class:`QueryError` when the store holds no such document or file.
    """
    documents = {s for s, o in store.pairs_with(RDF.type) if o == POL.PolicyDocument}
    if name in documents:
        return [name]
    sources = {s for s, o in store.pairs_with(POL.fileName) if o == name}
    found = sorted(d for d, src in store.pairs_with(PROV.wasDerivedFrom) if src in sources and d in documents)
    if not found:
        raise QueryError(f"no document or source file named {name!r} in the store")
    return found


def _checked(store: SparqlStore, name: str | None) -> str:
    """Return the parameter value for a document or file name, checked to be in the store."""
    if name is None:
        return ANY
    document_iris(store, name)
    return name


def _rows(store: SparqlStore, query: str, columns: list[str], params: dict[str, str]) -> list[list[Any]]:
    return [[_value(c, s[c]) for c in columns] for s in run_named(store, query, params)]


def _value(column: str, term: object) -> Any:
    """Return a cell's Python value; a list column sorted, and None when empty, on every engine."""
    value = term_value(term)
    if column in LIST_COLUMNS and isinstance(value, str):
        return LIST_SEPARATOR.join(sorted(value.split(LIST_SEPARATOR))) if value else None
    return value


def audit_cascade(store: SparqlStore, above: str | None = None, below: str | None = None) -> Audit:
    """Return the cascade audit of document pairs (optionally only those with ``above``/``below``).

    ``above`` and ``below`` are a document IRI or a source file name; sections: ``pairs`` (context),
    ``unimplemented``, ``local-additions``, ``copies`` and ``drift`` (findings).
    """
    both = {"above": _checked(store, above), "below": _checked(store, below)}
    pairs = Section(
        "pairs",
        "Documents implementing a superior document",
        [
            "lower document",
            "upper document",
            "lower measures",
            "upper measures",
            "lower linked",
            "upper linked",
        ],
        finding=False,
    )
    pairs.rows = [
        [*row[:4], row[4] or 0, row[5] or 0]
        for row in _rows(
            store,
            "cascade-pairs",
            ["lowerTitle", "upperTitle", "lowerMeasures", "upperMeasures", "linkedLower", "linkedUpper"],
            both,
        )
    ]
    return Audit("cascade", [pairs, *_findings(store, both)])


def _findings(store: SparqlStore, both: dict[str, str]) -> list[Section]:
    """Return the four finding sections of the cascade audit."""
    unimplemented = Section(
        "unimplemented",
        "Superior measures the lower document does not implement",
        ["lower document", "upper document", "number", "title", "measure"],
    )
    unimplemented.rows = _rows(
        store, "cascade-unimplemented", ["lowerTitle", "upperTitle", "number", "title", "measure"], both
    )
    added = Section(
        "local-additions",
        "Lower measures with no superior counterpart (local additions)",
        ["document", "number", "title", "measure"],
    )
    added.rows = _rows(
        store,
        "cascade-local-additions",
        ["documentTitle", "number", "title", "measure"],
        both,
    )
    copies = Section(
        "copies",
        "Near-verbatim copies of superior measures",
        ["lower document", "lower number", "upper document", "upper number", "score", "shared text", "link"],
    )
    copies.rows = _rows(
        store,
        "cascade-copies",
        ["lowerTitle", "lowerNumber", "upperTitle", "upperNumber", "score", "sharedText", "link"],
        both,
    )
    drift = Section(
        "drift",
        "Links whose lead is not the superior lead's counterpart (responsibility drift)",
        [
            "lower document",
            "lower number",
            "upper document",
            "upper number",
            "upper leads",
            "lower leads",
            "counterparts",
            "link",
        ],
    )
    drift.rows = _rows(
        store,
        "cascade-drift",
        [
            "lowerTitle",
            "lowerNumber",
            "upperTitle",
            "upperNumber",
            "upperLeads",
            "lowerLeads",
            "expected",
            "link",
        ],
        both,
    )
    return [unimplemented, added, copies, drift]
