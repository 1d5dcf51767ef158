"""Time to write the cascade view and until headless Chromium has drawn it, and the cascade audit's time.

Usage: python benchmarks/cascade_view.py [--sizes 200 2000 10000] [--runs 3]

Each size is a synthetic pair written straight into a fresh store as the issue-14 contract states it:
a superior plan and a lower plan of that many measures each, seven lower measures in ten linked to a
superior one (two aligned passages each, one link in twenty near-verbatim). "Drawn" is when the page
has laid out every card and line and painted twice, in seconds since navigation started.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

ID = "https://w3id.org/policykg/id/"
LINKED_SHARE = 0.7
COPY_EVERY = 20
TEXT = "推进政务服务事项全程网上办理，完善企业开办一网通办平台功能，压缩审批时限至三个工作日以内。"


def _turtle(side: str, n: int) -> str:
    doc, src = f"{ID}doc/{side}.txt/1", f"{ID}source/{side}.txt"
    lines = [
        "@prefix pol: <https://w3id.org/policykg/ontology#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        f'<{src}> a pol:SourceFile ; pol:fileName "{side}.txt" .',
        f'<{doc}> a pol:PolicyDocument, pol:Plan ; dcterms:title "{side}实施方案" ; prov:wasDerivedFrom <{src}> .',
    ]
    for k in range(1, n + 1):
        m = f"{doc}/measure/{k}"
        lines.append(
            f'<{m}> a pol:Measure ; pol:inDocument <{doc}> ; pol:number "{k}" ; pol:order {k} ; '
            f'pol:text "{k}. {TEXT}" ; pol:charStart {k * 100} ; pol:charEnd {k * 100 + len(TEXT)} ; '
            f"prov:wasDerivedFrom <{src}> ."
        )
    return "\n".join(lines)


def _links(n: int, rng: random.Random) -> str:
    upper_doc, lower_doc = f"{ID}doc/upper.txt/1", f"{ID}doc/lower.txt/1"
    lines = [
        "@prefix pol: <https://w3id.org/policykg/ontology#> .",
        f"<{lower_doc}> pol:implementsDocument <{upper_doc}> .",
    ]
    for low in range(1, n + 1):
        if rng.random() > LINKED_SHARE:
            continue
        up = rng.randint(1, n)
        low_m, up_m = f"{lower_doc}/measure/{low}", f"{upper_doc}/measure/{up}"
        link = f"{ID}link/lower.txt/1/measure/{low}/to/upper.txt/1/measure/{up}"
        lines.append(f"<{low_m}> pol:implementsMeasure <{up_m}> .")
        lines.append(
            f"<{link}> a pol:MeasureLink ; pol:lowerMeasure <{low_m}> ; pol:upperMeasure <{up_m}> ; "
            f"pol:nearVerbatim {'true' if low % COPY_EVERY == 0 else 'false'} ; pol:linkScore {rng.random():.3f} ; "
            f'pol:linkRelation "{rng.choice(["same", "part"])}" .'
        )
        for j, (a, b) in enumerate(((0, 12), (20, 34))):
            # each text opens with "k. ": the passage stands that much past the measure's start
            lo, hi = low * 100 + len(f"{low}. ") + a, up * 100 + len(f"{up}. ") + a
            lines.append(
                f"<{link}> pol:hasAlignment <{link}/a/{j}> . <{link}/a/{j}> a pol:Alignment ; "
                f"pol:lowerStart {lo} ; pol:lowerEnd {lo + b - a} ; pol:upperStart {hi} ; pol:upperEnd {hi + b - a} ; "
                f'pol:sharedText "{TEXT[a:b]}" .'
            )
    return "\n".join(lines)


def make_store(path: Path, n: int) -> None:
    """Write a synthetic superior and lower plan of ``n`` measures each, and their links, into ``path``."""
    from pyoxigraph import NamedNode, Quad, RdfFormat, parse

    from policykg.graph.store import open_store

    rng = random.Random(n)
    graphs = {
        "upper.txt": _turtle("upper", n),
        "lower.txt": _turtle("lower", n),
        "links/lower.txt": _links(n, rng),
    }
    with open_store(path) as store:
        for name, text in graphs.items():
            graph = NamedNode(f"{ID}graph/{name}")
            quads = [
                Quad(t.subject, t.predicate, t.object, graph) for t in parse(text, format=RdfFormat.TURTLE)
            ]
            store.replace_graph(graph.value, quads)


def main() -> None:
    from drawing import chromium, drawing_seconds, runs_and_median

    from policykg.graph.store import open_store
    from policykg.queries.cascade import audit_cascade
    from policykg.viz.views.cascade import cascade_view

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="policykg-cascade-"))
    print("measures/side   links   audit (s)   write (s)   page (MB)   drawn in Chromium (s), runs → median")
    with chromium() as browser:
        for n in args.sizes:
            store_path = folder / f"store-{n}"
            make_store(store_path, n)
            with open_store(store_path, read_only=True) as store:
                start = time.perf_counter()
                audit_cascade(store)
                audit = time.perf_counter() - start
                start = time.perf_counter()
                view = cascade_view(store, "upper.txt", "lower.txt")
                path = view.write(folder / f"cascade-{n}.html")
                write = time.perf_counter() - start
            drawn = drawing_seconds(browser, path, args.runs, timeout_ms=300000)
            print(
                f"{n:<15} {view.edge_count:<7} {audit:<11.2f} {write:<11.2f} {path.stat().st_size / 1e6:<11.1f} "
                f"{runs_and_median(drawn)}"
            )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
