"""What the format tests compare: a file's measures and roles, against those of the same notice in .txt."""

from __future__ import annotations


def measures_and_roles(parsed) -> set[tuple]:  # noqa: ANN001 - a ParsedSource
    """Return every measure (document kind, number, deadline) and every role given in it, as comparable tuples."""
    facts: set[tuple] = set()
    for doc in parsed.documents:
        for measure in doc.measures:
            facts.add((doc.kind, measure.number, measure.deadline and measure.deadline.text))
            for clause in measure.clauses:
                facts.update((doc.kind, measure.number, a.role, a.actor.name) for a in clause.assignments)
    return facts
