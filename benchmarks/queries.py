"""Median latency of every named query, look-up and audit, in-process, on a built store.

Usage: python benchmarks/queries.py [--runs N] [--store DIR | FILES...]
(default: builds ../shared/corpus/*.txt into a temporary store)

Each query runs once to warm up, then N times; prints the median and the worst run in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

CORPUS = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus").glob("*.txt"))
DEPARTMENT = "市政务办"


def timed(fn, runs: int) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    from policykg.graph.build import build
    from policykg.graph.store.embedded import GraphStore
    from policykg.queries.audits import AUDITS
    from policykg.queries.lookup import involvement, resolve_department
    from policykg.queries.named import list_queries
    from policykg.queries.run import run_named

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--store")
    ap.add_argument("--department", default=DEPARTMENT, help="the department looked up")
    ap.add_argument("--jurisdiction", help="where the department is, when its name is ambiguous")
    ap.add_argument("files", nargs="*", default=[str(p) for p in CORPUS])
    args = ap.parse_args()
    path = args.store
    if path is None:
        if not args.files:
            sys.exit("no store and no files (../shared/corpus is absent)")
        path = str(Path(tempfile.mkdtemp()) / "store")
        build(args.files, path)
    store = GraphStore(path, read_only=True)
    measures = next(iter(store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    print(f"store: {path} ({measures} triples); {args.runs} runs each, milliseconds")
    plans = [
        r["t"].value
        for r in store.select(
            "SELECT ?t WHERE { ?d a <https://w3id.org/policykg/ontology#Plan> ; <http://purl.org/dc/terms/title> ?t } LIMIT 1"
        )
    ]
    params = {
        "dept": args.department,
        "plan": plans[0] if plans else "",
        "before": "2022-12-31",
        "from": "2022-01-01",
        "until": "2022-12-31",
        "minimum": "3",
    }
    rows = []
    for q in list_queries():
        given = {p.name: params[p.name] for p in q.params}
        rows.append(
            (
                f"query {q.name}",
                *timed(
                    lambda q=q, given=given: list(run_named(store, q.name, given, args.jurisdiction)),
                    args.runs,
                ),
            )
        )
    dept = resolve_department(store, args.department, args.jurisdiction)
    rows.append(
        (
            f"leads/involves {args.department}",
            *timed(
                lambda: involvement(store, resolve_department(store, args.department, args.jurisdiction)),
                args.runs,
            ),
        )
    )
    rows.append(("involvement (resolved)", *timed(lambda: involvement(store, dept), args.runs)))
    for name, audit in AUDITS.items():
        rows.append((f"audit {name}", *timed(lambda audit=audit: audit(store), args.runs)))
    width = max(len(r[0]) for r in rows)
    for name, median, worst in rows:
        print(f"{name:<{width}}  median {median:7.2f}  max {worst:7.2f}")
    print(f"slowest median: {max(r[1] for r in rows):.2f} ms")
    store.close()


if __name__ == "__main__":
    main()
