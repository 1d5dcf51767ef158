"""Why a measure got the departments it got: the clauses and cells read, and the role each unit got.

>>> from policykg.loaders.extract.pipeline import parse_source
>>> from policykg.loaders.read.sources import SourceText
>>> text = "江州市推进方案\\n一、任务\\n1.建设平台。（市发改委牵头，市财政局配合）\\n"
>>> parsed = parse_source(SourceText("demo.txt", "demo.txt", "", "text", "utf-8", text))
>>> [(r.number, r.role, r.unit) for r in explain(parsed)]
[('1', 'lead', '市发改委'), ('1', 'co', '市财政局')]
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.loaders.extract.model import Measure, ParsedSource


@dataclass(frozen=True)
class ExplainedRole:
    """One unit given one role for one measure, with the clause that said so.

    A measure that names no one gives one row whose clause, role and unit are empty.
    """

    document: str  # the title of the measure's plan or list
    number: str
    measure_start: int
    measure_end: int
    measure_text: str
    clause: str  # the clause or cell as written (after repair), "" when the measure names no one
    clause_start: int | None
    clause_end: int | None
    inherited: bool  # the clause sits on the measure's heading, not on the measure
    role: str  # lead / responsible / co, or "" when the measure names no one
    unit: str  # the unit's name as written
    kind: str  # "dept" or "generic"
    unit_start: int | None
    unit_end: int | None


def _rows_of(measure: Measure, document: str) -> list[ExplainedRole]:
    head = (document, measure.number, *measure.span, measure.text)
    rows = [
        ExplainedRole(
            *head,
            clause.text,
            *clause.span,
            measure.inherited,
            a.role,
            a.actor.name,
            a.actor.kind,
            *a.actor.span,
        )
        for clause in measure.clauses
        for a in clause.assignments
    ]
    return rows or [ExplainedRole(*head, "", None, None, False, "", "", "", None, None)]


def explain(parsed: ParsedSource) -> list[ExplainedRole]:
    """Return, for every measure in document order, one row per unit and role it was given.

    Offsets are character offsets into the source's plain text, as everywhere in the graph.
    """
    return [row for doc in parsed.documents for m in doc.measures for row in _rows_of(m, doc.title)]


def names_no_one(parsed: ParsedSource) -> list[Measure]:
    """Return the measures that name no department and no generic actor in any role."""
    return [m for m in parsed.measures if not any(c.assignments for c in m.clauses)]
