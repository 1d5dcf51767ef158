"""Named queries, audits and networkx analytics on a large store, side by side with the alternatives.

Usage:
    python benchmarks/scale.py --store DIR [--runs N] [--rdflib] [--endpoint URL]
        [--department NAME --jurisdiction PLACE] [--timeout SECONDS]

Each named query runs on the embedded store (Oxigraph on disk, the union of its graphs) and, when
asked, on rdflib's in-memory Dataset loaded from the store's N-Quads export (the baseline a user
would otherwise write: `Dataset(default_union=True)`, the same SPARQL text, the same bound values)
and on a SPARQL server holding the same graphs (`policykg push` first). Prints medians in
milliseconds and the ratio rdflib / embedded. The audits run on rdflib too (its answers handed
to them as pyoxigraph terms), once each. An rdflib query or audit that runs past --timeout is
stopped and shown as ">timeout". The "plain:" rows list measures with none, one and three values
each: the cost of listing rows at all, under the audits that list thousands of measures.
"""

from __future__ import annotations

import argparse
import signal
import time


def timed(fn, runs: int) -> float:
    """Return the median wall time of ``fn`` in milliseconds, after one warm-up run."""
    from queries import timed as median_and_worst  # benchmarks/queries.py, beside this script

    return median_and_worst(fn, runs)[0]


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # noqa: ANN001
    raise _Timeout


def once_with_timeout(fn, seconds: int) -> float | str | None:
    """Return the wall time of one run of ``fn`` in ms, None if it ran past ``seconds``, or its error."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    start = time.perf_counter()
    try:
        fn()
    except _Timeout:
        return None
    except Exception as exc:  # rdflib fails on some queries (GROUP_CONCAT over an unbound OPTIONAL)
        return f"error: {type(exc).__name__}"
    finally:
        signal.alarm(0)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    from policykg.graph.store.embedded import GraphStore
    from policykg.queries import network as nw
    from policykg.queries.audits import AUDITS
    from policykg.queries.named import list_queries
    from policykg.queries.run import bind_parameters, run_named

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rdflib", action="store_true", help="also run every named query on rdflib")
    ap.add_argument("--endpoint", help="also run them on this SPARQL server (credentials as for policykg)")
    ap.add_argument("--department", default="市政务办")
    ap.add_argument("--jurisdiction", default="江州市")
    ap.add_argument("--timeout", type=int, default=120, help="seconds allowed to one rdflib query")
    args = ap.parse_args()

    store = GraphStore(args.store, read_only=True)
    triples = next(iter(store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    measures = next(iter(run_named(store, "measure-count")))["measures"].value
    print(f"store: {args.store}: {triples} triples, {measures} measures; medians of {args.runs} runs, ms")
    plan = next(
        iter(
            store.select(
                "SELECT ?t WHERE { ?d a <https://w3id.org/policykg/ontology#Plan> ; <http://purl.org/dc/terms/title> ?t } LIMIT 1"
            )
        )
    )["t"].value
    given_all = {
        "dept": args.department,
        "plan": plan,
        "before": "2023-06-30",
        "from": "2023-01-01",
        "until": "2023-06-30",
        "minimum": "3",
    }
    queries = list_queries()
    bindings = {
        q.name: bind_parameters(store, q, {p.name: given_all[p.name] for p in q.params}, args.jurisdiction)
        for q in queries
    }

    rows: dict[str, dict[str, object]] = {}
    for q in queries:
        rows[q.name] = {
            "embedded": timed(lambda q=q: list(store.query(q.sparql, bindings[q.name])), args.runs),
            "answers": len(list(store.query(q.sparql, bindings[q.name]))),
        }
    for name, audit in AUDITS.items():
        rows[f"audit {name}"] = {"embedded": timed(lambda audit=audit: audit(store), args.runs)}
    # what listing rows costs at all: the floor under the audits that list thousands of measures
    for label, sparql in FLOORS.items():
        rows[label] = {
            "embedded": timed(lambda sparql=sparql: list(store.query(sparql)), args.runs),
            "answers": len(list(store.query(sparql))),
        }
    for name, row in rows.items():
        print(f"  embedded {name}: {row['embedded']:.1f} ms", flush=True)
    started = time.perf_counter()
    graph = nw.department_network(store)
    rows["networkx: department network"] = {"embedded": (time.perf_counter() - started) * 1000}
    for label, fn in [
        ("networkx: degree centrality", lambda: nw.centrality(graph, "degree")),
        ("networkx: betweenness centrality", lambda: nw.centrality(graph, "betweenness")),
        ("networkx: communities", lambda: nw.communities(graph)),
    ]:
        rows[label] = {"embedded": timed(fn, max(1, args.runs // 2))}

    if args.endpoint:
        from policykg.graph.store.server import Endpoint, EndpointStore

        server = EndpointStore(Endpoint(args.endpoint))
        for q in queries:
            rows[q.name]["server"] = timed(
                lambda q=q: list(server.query(q.sparql, bindings[q.name])), args.runs
            )
        for name, audit in AUDITS.items():
            rows[f"audit {name}"]["server"] = timed(lambda audit=audit: audit(server), args.runs)

    if args.rdflib:
        import rdflib

        started = time.perf_counter()
        data = store.export(None, "nq")
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data=data, format="nquads")
        load = time.perf_counter() - started
        print(f"rdflib: loaded {len(data) / 1e6:.0f} MB of N-Quads in {load:.1f} s")
        for q in queries:
            init = {rdflib.Variable(k): _rdflib_term(v) for k, v in bindings[q.name].items()}
            took = once_with_timeout(
                lambda q=q, init=init: list(dataset.query(q.sparql, initBindings=init)), args.timeout
            )
            rows[q.name]["rdflib"] = took
            print(
                f"  rdflib {q.name}: {took if isinstance(took, str) or took is None else round(took)}",
                flush=True,
            )
        in_memory = RdflibStore(dataset)
        for name, audit in AUDITS.items():
            took = once_with_timeout(lambda audit=audit: audit(in_memory), args.timeout)
            rows[f"audit {name}"]["rdflib"] = took
            print(f"  rdflib audit {name}: {took if isinstance(took, str) or took is None else round(took)}")

    cols = (
        ["embedded"]
        + (["server"] if args.endpoint else [])
        + (["rdflib", "rdflib/embedded"] if args.rdflib else [])
    )
    width = max(map(len, rows))
    print(f"{'':<{width}}  " + "  ".join(f"{c:>15}" for c in cols) + f"  {'answers':>8}")
    for name, row in rows.items():
        cells = []
        for c in cols:
            if c == "rdflib/embedded":
                r = row.get("rdflib", "-")
                if isinstance(r, str):
                    cells.append("-")
                elif r is None:
                    cells.append(f">{args.timeout * 1000 / row['embedded']:.0f}x")
                else:
                    cells.append(f"{r / row['embedded']:.1f}x")
                continue
            v = row.get(c, "-")
            cells.append(f">{args.timeout}s" if v is None else v if isinstance(v, str) else f"{v:.1f}")
        print(f"{name:<{width}}  " + "  ".join(f"{c:>15}" for c in cells) + f"  {row.get('answers', ''):>8}")


POL = "https://w3id.org/policykg/ontology#"
FLOORS = {
    "plain: every measure": f"SELECT ?m WHERE {{ ?m a <{POL}Measure> }}",
    "plain: every measure, its number": f"SELECT ?m ?n WHERE {{ ?m a <{POL}Measure> ; <{POL}number> ?n }}",
    "plain: … and document, order": (
        f"SELECT ?m ?n ?d ?o WHERE {{ ?m a <{POL}Measure> ; <{POL}number> ?n ; <{POL}inDocument> ?d ;"
        f" <{POL}order> ?o }}"
    ),
}


class RdflibStore:
    """rdflib's in-memory Dataset behind the interface the audits use, answering in pyoxigraph terms."""

    path = "rdflib"
    read_only = True

    def __init__(self, dataset) -> None:  # noqa: ANN001
        self.dataset = dataset

    def query(self, sparql: str, bindings=None) -> list[dict[str, object]]:  # noqa: ANN001
        """Return the solutions of a SELECT as dicts of variable name → pyoxigraph term (None if unbound)."""
        import rdflib

        init = {rdflib.Variable(k): _rdflib_term(v) for k, v in (bindings or {}).items()}
        result = self.dataset.query(sparql, initBindings=init)
        names = [str(v) for v in result.vars]
        return [{n: _oxigraph_term(row[n]) for n in names} for row in result]

    def select(self, sparql: str, bindings=None):  # noqa: ANN001, ANN201, D102
        return iter(self.query(sparql, bindings))


def _oxigraph_term(term):  # noqa: ANN001, ANN202
    import rdflib
    from pyoxigraph import Literal, NamedNode

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return Literal(str(term), language=term.language)
        return (
            Literal(str(term), datatype=NamedNode(str(term.datatype)))
            if term.datatype
            else Literal(str(term))
        )
    raise TypeError(term)


def _rdflib_term(term):  # noqa: ANN001, ANN202
    import rdflib
    from pyoxigraph import Literal, NamedNode

    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, Literal):
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(term)


if __name__ == "__main__":
    main()
