"""What the format tests compare: a file's measures and roles, against those of the same notice in .txt;
and how a hostile file must be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.loaders.read.sources import read_source


def measures_and_roles(parsed) -> set[tuple]:  # noqa: ANN001 - a ParsedSource
    """Return every measure (document kind, number, deadline) and every role given in it, as comparable tuples."""
    facts: set[tuple] = set()
    for doc in parsed.documents:
        for measure in doc.measures:
            facts.add((doc.kind, measure.number, measure.deadline and measure.deadline.text))
            for clause in measure.clauses:
                facts.update((doc.kind, measure.number, a.role, a.actor.name) for a in clause.assignments)
    return facts


def assert_refused_in_one_line(path: Path, message: str) -> None:
    """Check that reading ``path`` raises an InputError matching ``message``, in one line."""
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    assert "\n" not in str(caught.value)
