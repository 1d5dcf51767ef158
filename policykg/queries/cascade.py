"""The cascade audit: how a superior document's measures travel down to the documents implementing it.

Four findings, each a named query (``policykg query cascade-…``): superior measures a lower document
does not take up, lower measures with no superior counterpart (local additions), near-verbatim copies
(上下一般粗), and links whose lead went to a department that is not the superior lead's counterpart
one level down (responsibility drift). The pairs of documents and their counts come first, as context.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import QueryError
from policykg.graph.store.protocol import SparqlStore
from policykg.queries.audits import LIST_SEPARATOR, Audit, Section
from policykg.queries.run import run_named
from policykg.queries.values import term_value

# columns the cascade queries fill with GROUP_CONCAT(…; SEPARATOR="; "), whose order SPARQL leaves open
LIST_COLUMNS = {"upperLeads", "lowerLeads", "expected", "lowerTitles", "sharedText"}
ANY = "any"
"""The value of a cascade query's ``above``/``below`` parameter that keeps every document."""


def document_iris(store: SparqlStore, name: str) -> list[str]:
    """Return the documents ``name`` denotes: a document IRI, or every document of a source file name.

    Raises :class:`QueryError` when the store holds no such document or file.
    """
    found = [row["document"].value for row in run_named(store, "cascade-documents", {"name": name})]
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
        # an empty entry stands for an unbound value (see cascade-drift.rq)
        parts = sorted(part for part in value.split(LIST_SEPARATOR) if part)
        return LIST_SEPARATOR.join(parts) if parts else None
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


@dataclass(frozen=True)
class _Finding:
    """One finding section of the cascade audit: its name, title, and query columns -> shown columns."""

    name: str
    title: str
    query: str
    columns: tuple[tuple[str, str], ...]  # (query variable, column heading)


FINDINGS = (
    _Finding(
        "unimplemented",
        "Superior measures no document of the lower notice implements",
        "cascade-unimplemented",
        (
            ("lowerFile", "lower file"),
            ("lowerTitles", "lower documents"),
            ("upperTitle", "upper document"),
            ("number", "number"),
            ("title", "title"),
            ("measure", "measure"),
        ),
    ),
    _Finding(
        "local-additions",
        "Lower measures with no superior counterpart (local additions)",
        "cascade-local-additions",
        (("documentTitle", "document"), ("number", "number"), ("title", "title"), ("measure", "measure")),
    ),
    _Finding(
        "copies",
        "Near-verbatim copies of superior measures",
        "cascade-copies",
        (
            ("lowerTitle", "lower document"),
            ("lowerNumber", "lower number"),
            ("upperTitle", "upper document"),
            ("upperNumber", "upper number"),
            ("score", "score"),
            ("sharedText", "shared text"),
            ("link", "link"),
        ),
    ),
    _Finding(
        "drift",
        "Links whose lead is not the superior lead's counterpart (responsibility drift)",
        "cascade-drift",
        (
            ("lowerTitle", "lower document"),
            ("lowerNumber", "lower number"),
            ("upperTitle", "upper document"),
            ("upperNumber", "upper number"),
            ("upperLeads", "upper leads"),
            ("lowerLeads", "lower leads"),
            ("expected", "counterparts"),
            ("link", "link"),
        ),
    ),
)
"""The cascade audit's findings, in the order it reports them."""


def _findings(store: SparqlStore, both: dict[str, str]) -> list[Section]:
    """Return the finding sections of the cascade audit, each filled by its named query."""
    sections = []
    for finding in FINDINGS:
        section = Section(finding.name, finding.title, [heading for _, heading in finding.columns])
        section.rows = _rows(store, finding.query, [variable for variable, _ in finding.columns], both)
        sections.append(section)
    return sections


@dataclass(frozen=True)
class CascadeMeasure:
    """A measure as the cascade view shows it: where it is, and its text with its start offset."""

    iri: str
    document: str
    number: str
    title: str | None
    text: str
    start: int  # pol:charStart: where ``text`` begins in its source file's plain text


@dataclass(frozen=True)
class Alignment:
    """One aligned passage of a link: its offsets in each source file's plain text, and its text."""

    lower_start: int
    lower_end: int
    upper_start: int
    upper_end: int
    shared_text: str | None


@dataclass
class CascadeLink:
    """A measure link: lower measure, superior measure, how strong, what kind, and the passages."""

    iri: str
    lower: str
    upper: str
    score: float
    relation: str
    near_verbatim: bool
    alignments: list[Alignment] = field(default_factory=list)


@dataclass
class Cascade:
    """Two sides of a cascade: superior and lower documents (IRI, title), their measures, the links."""

    upper_documents: list[tuple[str, str]]
    lower_documents: list[tuple[str, str]]
    measures: dict[str, CascadeMeasure]
    links: list[CascadeLink]

    def side(self, documents: list[tuple[str, str]]) -> list[CascadeMeasure]:
        """Return the measures of ``documents``, document by document, in order."""
        order = {iri: k for k, (iri, _title) in enumerate(documents)}
        found = [m for m in self.measures.values() if m.document in order]
        return sorted(found, key=lambda m: order[m.document])  # stable: each document's own order kept


def load_cascade(store: SparqlStore, above: str | None = None, below: str | None = None) -> Cascade:
    """Return the superior and lower documents of a cascade, their measures and the links between them.

    ``above`` and ``below`` are a document IRI or a source file name; a side not given holds every
    document on that side of a pol:implementsDocument pair (with the other side, when given).
    """
    named = {side: document_iris(store, name) for side, name in (("above", above), ("below", below)) if name}
    both = {"above": above or ANY, "below": below or ANY}
    pairs = list(run_named(store, "cascade-pairs", both))
    upper = named.get("above") or _unique(p["upperDocument"].value for p in pairs)
    lower = named.get("below") or _unique(p["lowerDocument"].value for p in pairs)
    measures: dict[str, CascadeMeasure] = {}
    titles: dict[str, str] = {}
    for document in [*upper, *lower]:
        for row in run_named(store, "cascade-measures", {"document": document}):
            titles[document] = row["documentTitle"].value
            measures[row["measure"].value] = CascadeMeasure(
                row["measure"].value,
                document,
                row["number"].value,
                term_value(row["title"]),
                row["text"].value,
                int(row["start"].value),
            )
    links = [
        link
        for link in _links(store, both)
        if link.lower in measures
        and link.upper in measures
        and measures[link.lower].document in lower
        and measures[link.upper].document in upper
    ]
    return Cascade(
        [(d, titles[d]) for d in upper if d in titles],
        [(d, titles[d]) for d in lower if d in titles],
        measures,
        links,
    )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _links(store: SparqlStore, both: dict[str, str]) -> list[CascadeLink]:
    """Return the links the ``cascade-links`` query gives, each with its aligned passages."""
    links: dict[str, CascadeLink] = {}
    for row in run_named(store, "cascade-links", both):
        iri = row["link"].value
        link = links.get(iri)
        if link is None:
            link = links[iri] = CascadeLink(
                iri,
                row["lower"].value,
                row["upper"].value,
                float(row["score"].value),
                row["relation"].value,
                term_value(row["nearVerbatim"]) is True,
            )
        if row["alignment"] is not None:
            ends = [int(row[k].value) for k in ("lowerStart", "lowerEnd", "upperStart", "upperEnd")]
            link.alignments.append(Alignment(*ends, term_value(row["sharedText"])))
    return list(links.values())
