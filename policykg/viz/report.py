"""The audit report: one offline HTML page of findings, a workload chart and a department × document matrix."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policykg.files import write_text
from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.vocabulary import ROLES
from policykg.ontology.terms import POL
from policykg.queries.audits import audit_coverage, audit_deadlines, audit_indicators, audit_orphans
from policykg.queries.run import run_named
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.queries.sources import find_source
from policykg.queries.values import term_value
from policykg.viz.links import measure_href, source_page_name
from policykg.viz.page import clip, environment
from policykg.viz.views import citations_view, indicators_view, network_view, overview_view
from policykg.viz.views.nodes import document_of
from policykg.viz.views.source import source_view
from policykg.viz.views.style import ROLE_COLOURS

VIEWS = {  # name: view function taking the store and a snapshot (None: reads the store itself)
    "overview": overview_view,
    "network": lambda store, snapshot: network_view(store),
    "citations": citations_view,
    "indicators": indicators_view,
}
CHART_ROWS = 25  # departments in the workload chart
MATRIX_ROWS = 40  # departments in the department × document matrix
FIRST_WORDS = 30  # of a measure's text, in a finding's row
TABLE_ROWS = 200  # rows of each finding table; the CLI's audit lists the rest
# the workload chart's geometry, in SVG pixels
LABEL_WIDTH = 180
BAR_WIDTH = 640
ROW_HEIGHT = 20
TOTAL_MARGIN = 60  # right of the longest bar, for its total
LEGEND_HEIGHT = 30
LEGEND_STEP = 140


def _chart_row(name: str, counts: list[int], most: int, y: int) -> dict[str, Any]:
    """Return one department's bar: a segment per role, coloured by role, and its total."""
    x = float(LABEL_WIDTH)
    segments = []
    for role, n in zip(ROLES, counts, strict=True):
        width = BAR_WIDTH * n / most
        if n:
            segments.append(
                {
                    "x": round(x, 1),
                    "width": round(width, 1),
                    "color": ROLE_COLOURS[role.key],
                    "title": f"{name} {role.key}: {n}",
                }
            )
        x += width
    return {"name": name, "y": y, "segments": segments, "end": round(x, 1), "total": sum(counts)}


def _chart(coverage_rows: list[list[Any]]) -> dict[str, Any]:
    """Return the workload chart of the busiest departments (coverage rows: name, place, lead, resp, co …)."""
    rows = coverage_rows[:CHART_ROWS]
    most = max((sum(r[2 : 2 + len(ROLES)]) for r in rows), default=1) or 1
    bars = [_chart_row(r[0], list(r[2 : 2 + len(ROLES)]), most, k * ROW_HEIGHT) for k, r in enumerate(rows)]
    legend = [
        {"x": LABEL_WIDTH + k * LEGEND_STEP, "color": ROLE_COLOURS[role.key], "label": role.label}
        for k, role in enumerate(ROLES)
    ]
    return {
        "rows": bars,
        "width": LABEL_WIDTH + BAR_WIDTH + TOTAL_MARGIN,
        "height": len(bars) * ROW_HEIGHT + LEGEND_HEIGHT,
        "label_width": LABEL_WIDTH,
        "legend": legend,
    }


def _matrix(snap: Snapshot) -> dict[str, Any]:
    """Return the measures of the busiest departments counted by document."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in snap.of_type(POL.Measure):
        doc = document_of(snap, m)
        for d in {d for _, d in snap.roles.get(m, [])}:
            counts[snap.name(d)][doc] += 1
    documents = sorted({doc for per in counts.values() for doc in per})
    ranked = sorted(counts, key=lambda n: (-sum(counts[n].values()), n))[:MATRIX_ROWS]
    rows = [(n, [counts[n].get(doc, 0) for doc in documents]) for n in ranked]
    return {
        "documents": documents,
        "rows": rows,
        "max": max((c for _, cells in rows for c in cells), default=1) or 1,
    }


def _write_views(store: SparqlStore, snap: Snapshot, out: Path) -> list[tuple[str, Path]]:
    """Write the views the report links to beside it (``report-overview.html`` …); return name and path."""
    written = []
    for name, make in VIEWS.items():
        path = make(store, snapshot=snap).write(out.with_name(f"{out.stem}-{name}.html"))
        written.append((name, path))
    return written


def _measure_count(store: SparqlStore) -> int:
    """Return the number of measures the store holds."""
    return sum(term_value(row["measures"]) for row in run_named(store, "measure-count"))


def _write_sources(store: SparqlStore, texts: Mapping[str, str], out: Path) -> list[Path]:
    """Write the source page of every file whose text is given (by source IRI) beside the report."""
    return [
        source_view(store, text, find_source(store, iri)).write(out.with_name(source_page_name(iri)))
        for iri, text in sorted(texts.items())
    ]


def _measure_cells(snap: Snapshot, audits: list[Any], linked: set[str]) -> None:
    """Show each measure in the findings by its number, title and first words instead of its IRI,
    linked to its place in its source page where that page is written."""
    for audit in audits:
        for section in audit.sections:
            for k, column in enumerate(section.columns):
                if column != "measure":
                    continue
                for row in section.rows:
                    row[k] = _measure_cell(snap, row[k], linked)


def _measure_cell(snap: Snapshot, measure: Any, linked: set[str]) -> Any:
    """Return a measure's table cell: {"text", "href"} (href "" when its source page is not written)."""
    if not isinstance(measure, str) or measure not in snap.types:
        return measure
    words = clip(snap.text.get(measure, ""), FIRST_WORDS)
    text = f"{snap.number.get(measure, '')} {snap.title.get(measure, '')}".strip()
    source = snap.source.get(measure, "")
    href = measure_href(measure, source) if source in linked else ""
    return {"text": f"{text}：{words}" if text else words, "href": href, "title": measure}


def write_report(
    store: SparqlStore,
    output: str | os.PathLike[str],
    as_of: dt.date | None = None,
    with_views: bool = True,
    texts: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write the audit report to ``output`` (and, beside it, the views it links to); return the files written.

    ``texts`` (plain text by source file IRI) adds each file's source page beside the report, and the
    report links each measure to its place there.
    """
    as_of = as_of or dt.date.today()
    out = Path(output)
    snap = load_snapshot(store)  # one read of the graph serves the views and the matrix
    views = _write_views(store, snap, out) if with_views else []
    sources = _write_sources(store, texts or {}, out)
    coverage = audit_coverage(store)
    audits = [audit_orphans(store), coverage, audit_indicators(store), audit_deadlines(store, as_of=as_of)]
    _measure_cells(snap, audits, set(texts or {}))
    stats = [
        ("措施 measures", _measure_count(store)),
        ("部门 departments", len(coverage.section("coverage").rows)),
        ("发现 findings", sum(a.findings for a in audits)),
    ]
    html = (
        environment()
        .get_template("report.html")
        .render(
            title="政策责任审计报告 Responsibility audit",
            as_of_note=f"Deadlines judged as of {as_of.isoformat()}.",
            stats=stats,
            views=[(name, path.name) for name, path in views],
            chart=_chart(coverage.section("coverage").rows),
            audits=audits,
            matrix=_matrix(snap),
            max_rows=TABLE_ROWS,
        )
    )
    return [write_text(out, html), *(path for _, path in views), *sources]
