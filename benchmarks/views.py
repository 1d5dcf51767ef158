"""Time to write a network view, and time until headless Chromium has drawn it, at several sizes.

Usage: python benchmarks/views.py [--sizes 1000 5000 20000]

Graphs are synthetic co-responsibility networks (networkx powerlaw-cluster graphs, seeded) drawn
with the network view: positions computed beforehand, physics off, so "drawn" is also "still".
"Drawn" is the page's first afterDrawing event, in ms since navigation started.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def synthetic(n: int):
    import networkx as nx

    g = nx.powerlaw_cluster_graph(n, 2, 0.1, seed=n)
    for node in g.nodes:
        g.nodes[node].update(label=f"部门{node}", jurisdiction="某市", led=node % 7)
    for a, b in g.edges:
        g.edges[a, b]["weight"] = 1 + (a + b) % 3
    return nx.relabel_nodes(g, {k: f"https://w3id.org/policykg/id/dept/bench/{k}" for k in g.nodes})


def main() -> None:
    from drawing import chromium, drawing_seconds, runs_and_median

    from policykg.viz.views import network_view

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="policykg-views-"))
    print("nodes   edges   write (s)   page (MB)   drawn in Chromium (s), runs → median")
    with chromium() as browser:
        for n in args.sizes:
            graph = synthetic(n)
            start = time.perf_counter()
            path = network_view(graph=graph).write(folder / f"network-{n}.html")
            write = time.perf_counter() - start
            drawn = drawing_seconds(browser, path, args.runs, timeout_ms=120000)
            print(
                f"{n:<7} {graph.number_of_edges():<7} {write:<11.2f} {path.stat().st_size / 1e6:<11.1f} "
                f"{runs_and_median(drawn)}"
            )


if __name__ == "__main__":
    main()
