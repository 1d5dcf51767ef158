"""The audit report: one offline HTML page of findings, a workload chart and a department × document matrix."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from policykg.graph.store.embedded import SparqlStore
from policykg.ontology.terms import POL
from policykg.queries.audits import audit_coverage, audit_deadlines, audit_indicators, audit_orphans
from policykg.queries.snapshot import Snapshot, load_snapshot
from policykg.viz.page import _environment, write_view
from policykg.viz.views import ROLE_COLOURS, citations_view, indicators_view, network_view, overview_view

VIEWS = {
    "overview": overview_view,
    "network": network_view,
    "citations": citations_view,
    "indicators": indicators_view,
}
CHART_ROWS = 25
MATRIX_ROWS = 40


def _chart(coverage_rows: list[list[Any]]) -> dict[str, Any]:
    rows = coverage_rows[:CHART_ROWS]
    label_width, bar_width, height = 180, 640, 20
    most = max((r[2] + r[3] + r[4] for r in rows), default=1) or 1
    out = []
    for k, (name, _place, lead, resp, co, *_rest) in enumerate(rows):
        x = float(label_width)
        segments = []
        for role, n in (("lead", lead), ("responsible", resp), ("co", co)):
            width = bar_width * n / most
            if n:
                segments.append(
                    {
                        "x": round(x, 1),
                        "width": round(width, 1),
                        "color": ROLE_COLOURS[role],
                        "title": f"{name} {role}: {n}",
                    }
                )
            x += width
        out.append(
            {
                "name": name,
                "y": k * height,
                "segments": segments,
                "end": round(x, 1),
                "total": lead + resp + co,
            }
        )
    legend = [
        {"x": label_width + k * 140, "color": ROLE_COLOURS[r], "label": label}
        for k, (r, label) in enumerate(
            (("lead", "牵头 lead"), ("responsible", "负责 responsible"), ("co", "配合 co"))
        )
    ]
    return {
        "rows": out,
        "width": label_width + bar_width + 60,
        "height": len(out) * height + 30,
        "label_width": label_width,
        "legend": legend,
    }


def _matrix(snap: Snapshot) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in snap.of_type(POL.Measure):
        doc = snap.title.get(snap.in_document.get(m, ""), "")
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


def write_report(
    store: SparqlStore, output: str | os.PathLike[str], as_of: dt.date | None = None, with_views: bool = True
) -> list[Path]:
    """Write the audit report to ``output`` (and, beside it, the views it links to); return the files written."""
    as_of = as_of or dt.date.today()
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    views = []
    snap = load_snapshot(store)  # one read of the graph serves the views and the matrix
    if with_views:
        for name, make in VIEWS.items():
            path = out.with_name(f"{out.stem}-{name}.html")
            write_view(make(store) if name == "network" else make(store, snapshot=snap), path)
            written.append(path)
            views.append((name, path.name))
    coverage = audit_coverage(store)
    audits = [audit_orphans(store), coverage, audit_indicators(store), audit_deadlines(store, as_of=as_of)]
    stats = [
        (k, v)
        for k, v in (
            (
                "措施 measures",
                sum(
                    1
                    for _ in store.select(
                        "PREFIX pol: <https://w3id.org/policykg/ontology#> SELECT ?m WHERE { ?m a pol:Measure }"
                    )
                ),
            ),
            ("部门 departments", len(coverage.section("coverage").rows)),
            ("发现 findings", sum(a.findings for a in audits)),
        )
    ]
    html = (
        _environment()
        .get_template("report.html")
        .render(
            title="政策责任审计报告 Responsibility audit",
            as_of_note=f"Deadlines judged as of {as_of.isoformat()}.",
            stats=stats,
            views=views,
            chart=_chart(coverage.section("coverage").rows),
            audits=audits,
            matrix=_matrix(snap),
            max_rows=200,
        )
    )
    tmp = f"{out}.part"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(html)
    os.replace(tmp, out)
    return [out, *written]
