"""Load the named SPARQL queries shipped as ``policykg/queries/*.rq``.

Each file opens with comment lines ``# title:``, ``# answers:`` and ``# parameters:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from policykg.errors import QueryError

_HEADER = re.compile(r"^#\s*(title|answers|parameters):\s*(.*)$")
_PARAM = re.compile(
    r"^#\s*param:\s*([a-z][a-z0-9_]*)\s+(department|string|date|integer|iri)(?:\s+(\S+))?\s*$"
)


@dataclass(frozen=True)
class Parameter:
    """A query parameter: its variable name, its type, and its default (None when required)."""

    name: str
    type: str  # department, string, date, integer or iri
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name, header fields, parameters and SPARQL text."""

    name: str
    title: str
    answers: str
    parameters: str
    sparql: str
    params: tuple[Parameter, ...] = ()


def _parse(name: str, text: str) -> NamedQuery:
    fields = {"title": "", "answers": "", "parameters": ""}
    params: list[Parameter] = []
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        p = _PARAM.match(line)
        if p:
            params.append(Parameter(*p.groups()))
            current = None
            continue
        m = _HEADER.match(line)
        if m:
            current = m.group(1)
            fields[current] = m.group(2).strip()
        elif current:
            fields[current] += " " + line.lstrip("# ").strip()
    return NamedQuery(name, fields["title"], fields["answers"], fields["parameters"], text, tuple(params))


def list_queries() -> list[NamedQuery]:
    """Return every named query, sorted by name."""
    folder = resources.files(__package__)
    return sorted(
        (
            _parse(p.name[:-3], p.read_text(encoding="utf-8"))
            for p in folder.iterdir()
            if p.name.endswith(".rq")
        ),
        key=lambda q: q.name,
    )


def load_query(name: str) -> NamedQuery:
    """Return the named query ``name``, or raise :class:`QueryError` naming the ones that exist."""
    path = resources.files(__package__) / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9_-]+", name) or not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no query named {name!r}; known: {known}")
    return _parse(name, path.read_text(encoding="utf-8"))
