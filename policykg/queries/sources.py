"""The source files a store was built from, and every fact read from one of them with its offsets.

Offsets (``pol:charStart`` / ``pol:charEnd``) point into the file's plain text, which the store does
not hold: a caller who wants to show the facts in their sentences reads the file again (and can
check its ``sha256`` against the store's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from policykg.errors import QueryError
from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.vocabulary import GENERIC, ROLES
from policykg.ontology.terms import POL
from policykg.queries.run import run_named
from policykg.queries.values import term_value

KINDS = {
    POL.PolicyDocument: "document",
    POL.Section: "section",
    POL.Measure: "measure",
    POL.Indicator: "indicator",
}
CLAUSE_ROLES = {getattr(POL, r.clause_property): r.key for r in ROLES} | {POL.statesGeneric: GENERIC}
CITATION_ROLES = {POL.basedOn: "basis", POL.implements: "implements", POL.produces: "produces"}


@dataclass(frozen=True)
class SourceFile:
    """A file the store was built from: its IRI, name, SHA-256, and its documents (IRI, title)."""

    iri: str
    name: str
    sha256: str
    documents: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Span:
    """A document, section, measure or indicator, where the file's plain text holds it."""

    iri: str
    kind: str  # document, section, measure, indicator
    start: int
    end: int
    number: str = ""
    title: str = ""
    document: str = ""
    deadline: str = ""  # ISO date
    deadline_text: str = ""  # as written


@dataclass(frozen=True)
class Naming:
    """A unit a responsibility clause names, its role there, and every spelling of it."""

    clause: str
    measure: str
    start: int  # the clause's offsets
    end: int
    role: str  # a role key, or GENERIC
    unit: str
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Cited:
    """A title a document or measure cites, and how (basis, implements, produces or mentions)."""

    item: str
    basis: str
    title: str
    role: str


@dataclass(frozen=True)
class Target:
    """A measure's target, where the file's plain text holds it."""

    item: str
    iri: str
    start: int
    end: int
    text: str


@dataclass
class SourceFacts:
    """Every fact the store holds of one source file, with its offsets."""

    source: SourceFile
    spans: list[Span] = field(default_factory=list)
    clauses: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # clause: measure, start, end
    namings: list[Naming] = field(default_factory=list)
    citations: list[Cited] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def source_files(store: SparqlStore) -> list[SourceFile]:
    """Return the source files the store holds, by name, each with its documents."""
    found: dict[str, dict] = {}
    for row in run_named(store, "source-files"):
        iri = term_value(row["source"])
        entry = found.setdefault(
            iri, {"name": term_value(row["fileName"]), "sha256": term_value(row["sha256"]), "docs": []}
        )
        if row["document"] is not None:
            entry["docs"].append((term_value(row["document"]), term_value(row["title"]) or ""))
    return [SourceFile(iri, e["name"], e["sha256"], tuple(e["docs"])) for iri, e in found.items()]


def find_source(store: SparqlStore, wanted: str) -> SourceFile:
    """Return the source file ``wanted`` names: its file name, its IRI, or the IRI or title of one
    of its documents. Raise :class:`QueryError` when none or several match."""
    files = source_files(store)
    for test in (
        lambda f: wanted in (f.name, f.iri),
        lambda f: any(wanted == iri for iri, _ in f.documents),
        lambda f: any(wanted == title for _, title in f.documents),
    ):
        matches = [f for f in files if test(f)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(f.name for f in matches)
            raise QueryError(f"{wanted!r} names documents in several files ({names}): give the file name")
    raise QueryError(f"no source file, document IRI or document title {wanted!r} in the store")


def source_facts(store: SparqlStore, source: SourceFile) -> SourceFacts:
    """Return every fact read from ``source``, with its offsets into the file's plain text."""
    facts = SourceFacts(source)
    params = {"source": source.iri}
    for row in run_named(store, "source-spans", params):
        v = {k: term_value(row[k]) if row[k] is not None else "" for k in _SPAN_COLUMNS}
        facts.spans.append(
            Span(
                v["item"],
                KINDS[v["kind"]],
                int(v["start"]),
                int(v["end"]),
                str(v["number"]),
                str(v["title"] or v["label"]),
                str(v["document"]),
                str(v["deadline"]),
                str(v["deadlineText"]),
            )
        )
    facts.spans.sort(key=lambda s: (s.start, -s.end, s.iri))  # text order, wholes before parts
    facts.namings, facts.clauses = _namings(store, params)
    for row in run_named(store, "source-citations", params):
        item = term_value(row["item"])
        if row["basis"] is not None:
            role = CITATION_ROLES.get(term_value(row["property"]) if row["property"] else "", "mentions")
            facts.citations.append(Cited(item, term_value(row["basis"]), term_value(row["title"]), role))
        else:
            start, end = int(term_value(row["start"])), int(term_value(row["end"]))
            facts.targets.append(Target(item, term_value(row["target"]), start, end, term_value(row["text"])))
    return facts


_SPAN_COLUMNS = (
    "item",
    "kind",
    "start",
    "end",
    "number",
    "title",
    "label",
    "document",
    "deadline",
    "deadlineText",
)


def _namings(
    store: SparqlStore, params: dict[str, str]
) -> tuple[list[Naming], dict[str, tuple[str, int, int]]]:
    """Return each (clause, unit, role) with the unit's spellings, and every clause's measure and offsets."""
    clauses: dict[str, tuple[str, int, int]] = {}
    spellings: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in run_named(store, "source-clauses", params):
        clause = term_value(row["clause"])
        clauses[clause] = (
            term_value(row["measure"]),
            int(term_value(row["start"])),
            int(term_value(row["end"])),
        )
        if row["unit"] is not None:
            key = (clause, CLAUSE_ROLES[term_value(row["property"])], term_value(row["unit"]))
            spellings[key].append(term_value(row["spelling"]))
    namings = [
        Naming(clause, clauses[clause][0], clauses[clause][1], clauses[clause][2], role, unit, tuple(names))
        for (clause, role, unit), names in spellings.items()
    ]
    return namings, clauses
