"""Render results for people (aligned tables) and for scripts (CSV, TSV, JSON): one place for all commands.

One rule for machine output: ``json`` is an array of objects, one per row, whose keys are the table's
column names; ``csv`` and ``tsv`` have those columns as a header row. Values are whole (full IRIs, whole
texts, numbers as numbers); only the table for people shortens them. SPARQL results can also be had in
the W3C SPARQL 1.1 results formats (``sparql-json``, ``sparql-csv``, ``sparql-tsv``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from policykg.ontology.terms import PREFIXES
from policykg.queries.values import term_value

TABLE_FORMATS = ("table", "csv", "tsv", "json")
W3C_FORMATS = ("sparql-json", "sparql-csv", "sparql-tsv")
SOLUTION_FORMATS = TABLE_FORMATS + W3C_FORMATS
GRAPH_FORMATS = ("ttl", "nt")
# a table cell longer than this is cut with an ellipsis (machine formats are never cut)
MAX_CELL = 48


def short_iri(iri: str) -> str:
    """Return an IRI with its longest known namespace written as a prefix (``pol:Measure``)."""
    best = ""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(("http://", "https://")):
        text = short_iri(text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def render_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> str:
    """Return rows of Python values as an aligned table, CSV, TSV or JSON (a list of objects)."""
    rows = [list(r) for r in rows]
    if fmt == "json":
        return (
            json.dumps(
                [dict(zip(columns, r, strict=True)) for r in rows],
                ensure_ascii=False,
                indent=1,
                default=_json_default,
            )
            + "\n"
        )
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in r] for r in rows)
        return out.getvalue()
    from tabulate import tabulate

    if not rows:
        return "(no rows)\n"
    return (
        tabulate(
            [[_cell(v) for v in r] for r in rows],
            headers=list(columns),
            tablefmt="simple",
            disable_numparse=True,
        )
        + "\n"
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return str(value)


def _results_format(fmt: str) -> Any:
    """Return pyoxigraph's W3C results format for sparql-csv, sparql-tsv or sparql-json."""
    from pyoxigraph import QueryResultsFormat

    return {
        "sparql-csv": QueryResultsFormat.CSV,
        "sparql-tsv": QueryResultsFormat.TSV,
        "sparql-json": QueryResultsFormat.JSON,
    }[fmt]


def render_solutions(result: Any, fmt: str) -> bytes:
    """Return SELECT solutions as a table, CSV, TSV or JSON rows, or in a W3C SPARQL results format."""
    if fmt in W3C_FORMATS:
        return result.serialize(format=_results_format(fmt))
    columns = [v.value for v in result.variables]
    rows = [[term_value(solution[c]) for c in columns] for solution in result]
    return render_rows(columns, rows, fmt).encode("utf-8")


def render_boolean(result: Any, fmt: str) -> bytes:
    """Return an ASK answer: ``true``/``false`` (also valid JSON), or a W3C SPARQL results format."""
    if fmt in W3C_FORMATS:
        return result.serialize(format=_results_format(fmt))
    return b"true\n" if bool(result) else b"false\n"


def render_graph(triples: Any, fmt: str) -> bytes:
    """Return CONSTRUCT/DESCRIBE triples as Turtle (``ttl``) or N-Triples (``nt``)."""
    from pyoxigraph import RdfFormat, serialize

    if fmt == "nt":
        return serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    prefixes = {k: v for k, v in PREFIXES.items() if k not in {"sh", "id"}}
    return serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes) or b""


def render_audit(audit: Any, fmt: str) -> str:
    """Return an audit as titled tables for people, or its rows with a ``section`` column first.

    JSON objects hold their own section's columns; CSV/TSV hold the union of all sections' columns.
    """
    if fmt == "json":
        rows = [
            {"section": s.name, **dict(zip(s.columns, r, strict=True))}
            for s in audit.sections
            for r in s.rows
        ]
        return json.dumps(rows, ensure_ascii=False, indent=1, default=_json_default) + "\n"
    if fmt in ("csv", "tsv"):
        columns: list[str] = []
        for s in audit.sections:
            columns.extend(c for c in s.columns if c not in columns)
        rows = []
        for s in audit.sections:
            for r in s.rows:
                values = dict(zip(s.columns, r, strict=True))
                rows.append([s.name, *[values.get(c) for c in columns]])
        return render_rows(["section", *columns], rows, fmt)
    parts = []
    for s in audit.sections:
        parts.append(f"{s.title}: {len(s.rows)}\n")
        if s.rows:
            parts.append(render_rows(s.columns, s.rows, "table"))
        parts.append("\n")
    return "".join(parts)
