"""Time to write a network view, and time until headless Chromium has drawn it, at several sizes.

Usage: python benchmarks/views.py [--sizes 1000 5000 20000]

Graphs are synthetic co-responsibility networks (networkx powerlaw-cluster graphs, seeded) drawn
with the network view: positions computed beforehand, physics off, so "drawn" is also "still".
"Drawn" is the page's first afterDrawing event, in ms since navigation started.
"""

from __future__ import annotations

import argparse
import shutil
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
    from playwright.sync_api import sync_playwright

    from policykg.viz.views import network_view

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    chromium = shutil.which("chromium") or exit("chromium is not installed")
    folder = Path(tempfile.mkdtemp(prefix="policykg-views-"))
    print("nodes   edges   write (s)   page (MB)   drawn in Chromium (s), runs → median")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for n in args.sizes:
            graph = synthetic(n)
            start = time.perf_counter()
            path = network_view(graph=graph).write(folder / f"network-{n}.html")
            write = time.perf_counter() - start
            drawn = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(path.as_uri())
                page.wait_for_function(
                    "window.policykgView && window.policykgView.drawn !== null", timeout=120000
                )
                drawn.append(page.evaluate("window.policykgView.drawn") / 1000)
                page.close()
            drawn.sort()
            print(
                f"{n:<7} {graph.number_of_edges():<7} {write:<11.2f} {path.stat().st_size / 1e6:<11.1f} "
                f"{' '.join(f'{d:.2f}' for d in drawn)} → {drawn[len(drawn) // 2]:.2f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
