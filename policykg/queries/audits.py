"""Responsibility audits: who is named for what, what is left to no one, what is due, what rests on what.

Each audit returns sections of rows; a section marked ``finding`` lists things an auditor should look
at (a measure nobody leads, an overdue measure …), the others are context (the coverage table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from policykg.errors import QueryError
from policykg.graph.store.protocol import SparqlStore
from policykg.queries.run import run_named
from policykg.queries.values import term_value


@dataclass
class Section:
    """One part of an audit: a titled table of rows."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    finding: bool = True


@dataclass
class Audit:
    """The outcome of one audit."""

    subject: str
    sections: list[Section]

    @property
    def findings(self) -> int:
        """Return the number of rows in sections that report findings."""
        return sum(len(s.rows) for s in self.sections if s.finding)

    def section(self, name: str) -> Section:
        """Return the section called ``name``."""
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)


# columns the named queries fill with GROUP_CONCAT(…; SEPARATOR="; "), whose order SPARQL leaves open
LIST_COLUMNS = {"leads", "leadNames", "responsible", "genericActors"}
LIST_SEPARATOR = "; "


def _rows(
    store: SparqlStore, query: str, columns: list[str], params: dict[str, str] | None = None
) -> list[list[Any]]:
    return [[_value(c, s[c]) for c in columns] for s in run_named(store, query, params or {})]


def _value(column: str, term: object) -> Any:
    """Return a cell's Python value; a list column sorted, and None when empty, on every engine."""
    value = term_value(term)
    if column in LIST_COLUMNS and isinstance(value, str):
        return LIST_SEPARATOR.join(sorted(value.split(LIST_SEPARATOR))) if value else None
    return value


def audit_orphans(store: SparqlStore) -> Audit:
    """Measures with no named department in any role, split by whether generic actors are named."""
    rows = _rows(
        store,
        "orphan-measures",
        ["documentTitle", "number", "title", "genericActors", "measure"],
    )
    columns = ["document", "number", "title", "generic actors", "measure"]
    nobody = Section("unassigned", "Measures that name no one responsible", columns)
    generic = Section(
        "generic-only", "Measures whose only actors are generic (市相关部门, 各县区 …)", columns
    )
    for doc, number, title, actors, measure in rows:
        (generic if actors else nobody).rows.append([doc, number, title, actors or None, measure])
    return Audit("orphans", [nobody, generic])


def audit_coverage(store: SparqlStore, many_leads: int = 3) -> Audit:
    """Per department its role counts and share of all measures; who only supports; diffused leads."""
    total = _rows(store, "measure-count", ["measures"])[0][0] or 0
    load = _rows(
        store,
        "departments-by-load",
        ["name", "jurisdiction", "lead", "responsible", "cooperating", "measures", "dept"],
    )
    table = Section(
        "coverage",
        f"Departments by role ({total} measures in all)",
        ["department", "jurisdiction", "lead", "responsible", "co", "measures", "share"],
        finding=False,
    )
    support = Section(
        "never-lead",
        "Departments that support measures but lead none",
        ["department", "jurisdiction", "responsible", "co", "measures"],
    )
    for name, place, lead, resp, co, measures, _iri in load:
        share = (Decimal(measures) / Decimal(total)).quantize(Decimal("0.001")) if total else Decimal(0)
        table.rows.append([name, place, lead, resp, co, measures, share])
        if lead == 0 and resp + co > 0:
            support.rows.append([name, place, resp, co, measures])
    diffused = Section(
        "many-leads",
        f"Measures with {many_leads} or more leads (diffused responsibility)",
        ["document", "number", "title", "leads", "lead departments", "measure"],
    )
    diffused.rows = [
        [doc, number, title, leads, names, measure]
        for _m, doc, measure, number, title, leads, names in _rows(
            store,
            "measures-with-many-leads",
            ["minimum", "documentTitle", "measure", "number", "title", "leads", "leadNames"],
            {"minimum": str(many_leads)},
        )
    ]
    return Audit("coverage", [table, support, diffused])


def audit_indicators(store: SparqlStore) -> Audit:
    """Indicators no measure serves, with weights and responsible departments; measures serving none."""
    rows = _rows(
        store,
        "indicators-with-measures",
        ["name", "level", "weight", "parentName", "responsible", "measures", "indicator"],
    )
    unserved = Section(
        "unserved",
        "Indicators no measure serves",
        ["indicator", "level", "weight", "parent", "responsible", "indicator IRI"],
    )
    for name, level, weight, parent, responsible, measures, iri in rows:
        if measures == 0:
            unserved.rows.append([name, level, weight, parent, responsible or None, iri])
    untied = Section(
        "measures-without-indicator",
        "Measures tied to no indicator (where the notice has an indicator table)",
        ["document", "number", "title", "measure"],
    )
    untied.rows = _rows(store, "measures-without-indicator", ["documentTitle", "number", "title", "measure"])
    return Audit("indicators", [unserved, untied])


def audit_deadlines(store: SparqlStore, as_of: dt.date | None = None, within: int = 30) -> Audit:
    """Measures overdue as of a date, due within ``within`` days of it, and measures with no deadline."""
    as_of = as_of or dt.date.today()
    if within < 0:
        raise QueryError("the window of due days must be zero or more")
    columns = ["deadline", "document", "number", "title", "leads", "measure"]
    wanted = ["deadline", "documentTitle", "number", "title", "leads", "measure"]
    overdue = Section("overdue", f"Overdue as of {as_of.isoformat()}", columns)
    overdue.rows = _rows(
        store,
        "measures-due",
        wanted,
        {"from": "0001-01-01", "until": (as_of - dt.timedelta(days=1)).isoformat()},
    )
    due = Section(
        "due", f"Due from {as_of.isoformat()} to {(as_of + dt.timedelta(days=within)).isoformat()}", columns
    )
    due.rows = _rows(
        store,
        "measures-due",
        wanted,
        {"from": as_of.isoformat(), "until": (as_of + dt.timedelta(days=within)).isoformat()},
    )
    undated = Section(
        "no-deadline",
        "Measures with no deadline (and not ongoing)",
        ["document", "number", "title", "measure"],
    )
    undated.rows = _rows(store, "measures-without-deadline", ["documentTitle", "number", "title", "measure"])
    return Audit("deadlines", [overdue, due, undated])


def audit_citations(store: SparqlStore) -> Audit:
    """Legal bases cited, by form and level, the most cited ones, and measures that cite none."""
    forms = Section(
        "by-form-and-level",
        "Cited documents by form and level",
        ["form", "level", "documents", "cited by"],
        finding=False,
    )
    forms.rows = _rows(store, "legal-bases-by-form-and-level", ["form", "level", "bases", "citedBy"])
    bases = Section(
        "most-cited",
        "Cited documents, most cited first",
        ["title", "form", "cited by", "as basis", "implemented", "produced"],
        finding=False,
    )
    bases.rows = _rows(
        store,
        "legal-bases-by-citations",
        ["title", "form", "citedBy", "asBasis", "asImplemented", "asProduced"],
    )
    none = Section(
        "citing-nothing", "Measures that cite no document", ["document", "number", "title", "measure"]
    )
    none.rows = _rows(store, "measures-citing-nothing", ["documentTitle", "number", "title", "measure"])
    return Audit("citations", [forms, bases, none])


AUDITS: dict[str, Callable[..., Audit]] = {
    "orphans": audit_orphans,
    "coverage": audit_coverage,
    "indicators": audit_indicators,
    "deadlines": audit_deadlines,
    "citations": audit_citations,
}
