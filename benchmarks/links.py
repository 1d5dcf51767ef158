"""Time and memory of linking across three levels, and how well it finds the links it was given.

Usage: python benchmarks/links.py [--sizes 3000 30000 100000] [--per-document 300] [--seed 1]

Each size is a synthetic corpus written straight into a fresh store (parsing is measured by
benchmarks/build.py): one province, its cities and their counties, one plan of ``--per-document``
measures per place. Every superior measure holds three sub-tasks (phrases of four to eight characters
drawn from 1,500, between the genre's stock phrases); a lower measure takes up one or two sub-tasks of
one measure of the plan above (reworded: one character in eight replaced) seven times in ten, copies a
whole measure word for word one time in twenty, and is a local addition otherwise. Linking then runs
in a process of its own (``policykg.link_documents``): its wall time, processor time (steadier on a
shared machine) and peak resident memory are printed with precision and recall against the links the
corpus was made with.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ID = "https://w3id.org/policykg/id/"
POL = "https://w3id.org/policykg/ontology#"
DC = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
CHARS = [chr(0x4E00 + 7 * k) for k in range(1500)]  # the characters sub-tasks are written with
STOCK = [
    "进一步",
    "优化营商环境",
    "全面推行",
    "加快推进",
    "持续深化",
    "建立健全",
    "按职责分工负责",
    "切实提升",
]
IMPLEMENTS, COPIES, REWORD = 0.7, 0.05, 1 / 8


def _phrase(rng: random.Random) -> str:
    return "".join(rng.choice(CHARS) for _ in range(rng.randint(4, 8)))


def _measure(rng: random.Random, tasks: list[str]) -> str:
    return "，".join(f"{rng.choice(STOCK)}{t}" for t in tasks) + "。"


def _reword(rng: random.Random, text: str) -> str:
    return "".join(rng.choice(CHARS) if rng.random() < REWORD else ch for ch in text)


class Corpus:
    """Documents as N-Quads, and the links they were written with."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.truth: set[tuple[str, str]] = set()

    def add(self, s: str, p: str, o: str, graph: str) -> None:
        self.lines.append(f"{s} <{p}> {o} <{graph}> .\n{s} <{p}> {o} .\n")  # and its union copy

    def place(self, name: str, level: str, parent: str | None) -> None:
        iri, shared = f"<{ID}place/{name}>", f"{ID}shared"
        self.add(iri, RDF_TYPE, f"<{POL}Jurisdiction>", shared)
        self.add(iri, f"{SKOS}prefLabel", json.dumps(name, ensure_ascii=False), shared)
        self.add(iri, f"{POL}jurisdictionLevel", f'"{level}"', shared)
        if parent:
            self.add(iri, f"{POL}parentJurisdiction", f"<{ID}place/{parent}>", shared)
        dept = f"<{ID}dept/{name}/{name[-1]}政务办>"
        self.add(dept, RDF_TYPE, f"<{POL}Department>", shared)
        self.add(dept, f"{SKOS}prefLabel", f'"{name[-1]}政务办"', shared)
        self.add(dept, f"{POL}jurisdiction", f"<{ID}place/{name}>", shared)

    def plan(self, name: str, texts: list[str]) -> list[str]:
        """Write a place's plan of ``texts``; return its measures' IRIs."""
        file = f"{name}.txt"
        graph, doc, src = f"{ID}graph/{file}", f"<{ID}doc/{file}/1>", f"<{ID}source/{file}>"
        self.add(src, RDF_TYPE, f"<{POL}SourceFile>", graph)
        self.add(src, f"{POL}fileName", f'"{file}"', graph)
        self.add(doc, RDF_TYPE, f"<{POL}Plan>", graph)
        self.add(doc, RDF_TYPE, f"<{POL}PolicyDocument>", graph)
        self.add(doc, f"{DC}title", f'"{name}营商环境行动方案"', graph)
        self.add(doc, f"{PROV}wasDerivedFrom", src, graph)
        iris, at = [], 0
        for k, text in enumerate(texts, start=1):
            m = f"{ID}doc/{file}/1/measure/{k}"
            iris.append(m)
            for p, o in (
                (RDF_TYPE, f"<{POL}Measure>"),
                (f"{POL}inDocument", doc),
                (f"{POL}number", f'"{k}"'),
                (f"{POL}order", f'"{k}"^^<{XSD_INT}>'),
                (f"{POL}text", json.dumps(text, ensure_ascii=False)),
                (f"{POL}charStart", f'"{at}"^^<{XSD_INT}>'),
                (f"{POL}charEnd", f'"{at + len(text)}"^^<{XSD_INT}>'),
                (f"{PROV}wasDerivedFrom", src),
                (f"{POL}involvesDepartment", f"<{ID}dept/{name}/{name[-1]}政务办>"),
            ):
                self.add(f"<{m}>", p, o, graph)
            at += len(text) + 1
        return iris

    def lower_plan(self, name: str, upper: tuple[list[str], list[list[str]]], size: int) -> tuple:
        """Write a plan implementing ``upper`` (IRIs, sub-tasks); return its IRIs and sub-tasks."""
        upper_iris, upper_tasks = upper
        texts, tasks, sources = [], [], []
        for _ in range(size):
            roll, j = self.rng.random(), self.rng.randrange(len(upper_iris))
            if roll < COPIES:
                mine = list(upper_tasks[j])
                texts.append(_measure(self.rng, mine))
            elif roll < IMPLEMENTS:
                taken = self.rng.sample(upper_tasks[j], self.rng.randint(1, 2))
                mine = [_reword(self.rng, t) for t in taken] + [_phrase(self.rng)]
                texts.append(_measure(self.rng, mine))
            else:
                mine, j = [_phrase(self.rng) for _ in range(3)], None
                texts.append(_measure(self.rng, mine))
            tasks.append(mine)
            sources.append(j)
        iris = self.plan(name, texts)
        self.truth.update((iris[k], upper_iris[j]) for k, j in enumerate(sources) if j is not None)
        return iris, tasks


def make_store(path: Path, measures: int, per_document: int, seed: int) -> set[tuple[str, str]]:
    """Write a three-level corpus of about ``measures`` measures into a new store; return its links."""
    from policykg.graph.store.embedded import GraphStore

    rng = random.Random(seed)
    corpus = Corpus(rng)
    documents = max(3, measures // per_document)
    cities = max(1, round(math.sqrt(documents - 1)))
    counties = documents - 1 - cities
    corpus.place("甲省", "province", None)
    province_tasks = [[_phrase(rng) for _ in range(3)] for _ in range(per_document)]
    province = (corpus.plan("甲省", [_measure(rng, t) for t in province_tasks]), province_tasks)
    for c in range(cities):
        city = f"乙{c}市"
        corpus.place(city, "city", "甲省")
        above = corpus.lower_plan(city, province, per_document)
        for k in range(c, counties, cities):
            county = f"丙{k}县"
            corpus.place(county, "county", city)
            corpus.lower_plan(county, above, per_document)
    with GraphStore(path) as store:
        store.bulk_load("".join(corpus.lines))
        store.compact()
    return corpus.truth


def _peak_resident_mb() -> float:
    """Return this process's peak resident memory in MB: VmHWM, which starts afresh at exec (getrusage's
    ru_maxrss keeps the parent's peak, here the whole generated corpus)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def link_in_this_process(store: str) -> None:
    """Link ``store`` and print the figures as JSON (run in a process of its own, for its memory)."""
    import policykg

    start, cpu_start = time.perf_counter(), _cpu_seconds()
    report = policykg.link_documents(store)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    with policykg.open_store(store, read_only=True) as opened:
        found = set(opened.pairs_with(f"{POL}implementsMeasure"))
    peak_mb = _peak_resident_mb()
    figures = {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak_mb,
        "links": report.links,
        "found": sorted(found),
    }
    print(json.dumps(figures))


def _cpu_seconds() -> float:
    """Return the processor time this process (all its threads: RocksDB's too) has used, in seconds:
    unlike wall time, it hardly changes with what else the machine runs."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[3000, 30000, 100000])
    ap.add_argument("--per-document", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--link-only", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.link_only:
        link_in_this_process(args.link_only)
        return
    folder = Path(tempfile.mkdtemp(prefix="policykg-links-"))
    print(
        "measures   documents   links made   link (s)   cpu (s)   peak MB   µs/measure   precision   recall"
    )
    try:
        for n in args.sizes:
            store = folder / f"store-{n}"
            truth = make_store(store, n, args.per_document, args.seed)
            out = subprocess.run(
                [sys.executable, __file__, "--link-only", str(store)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            found = {tuple(p) for p in figures["found"]}
            hit = len(found & truth)
            documents = max(3, n // args.per_document)
            print(
                f"{n:<10} {documents:<11} {len(truth):<12} {figures['seconds']:<10.1f} {figures['cpu']:<9.1f} "
                f"{figures['peak_mb']:<9.0f} "
                f"{1e6 * figures['seconds'] / n:<12.0f} {hit / max(1, len(found)):<11.3f} {hit / max(1, len(truth)):.3f}"
            )
            shutil.rmtree(store, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
