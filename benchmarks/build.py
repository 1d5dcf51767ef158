"""Build throughput at scale: `policykg build` with 1 and 2 jobs, beside loading the same graph into rdflib.

Usage:
    python benchmarks/make_corpus.py /tmp/g10k --measures 10000
    python benchmarks/build.py /tmp/g10k [/tmp/g100k …] [--jobs 1 2] [--runs N] [--rdflib]

Each run builds the corpus into a fresh store with a fresh name cache (so spaCy is imported and
every name classified, as in a first build), from the shell, and reports wall time, measures per
second (in all and per job), source MB per second, the peak memory of the build's processes and
the store's size. It then times Oxigraph bulk-loading the built store's quads into a new store
and compacting it: the floor under any build of that graph, with nothing parsed. With --rdflib,
the built store's named graphs are exported to N-Quads (not timed) and loaded into rdflib's
in-memory ``Dataset`` in a fresh interpreter, the store a user would otherwise reach for; its load
time is printed beside the build's as a ratio, although the build also parses every notice.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OXIGRAPH_LOAD = """
import sys, time
from pyoxigraph import RdfFormat, Store
source = Store.read_only(sys.argv[1])
quads = list(source)  # every quad, the union's copies in the default graph included
target = Store(sys.argv[2])
start = time.perf_counter()
for at in range(0, len(quads), 100_000):  # the build's batches are of about this many quads
    target.bulk_extend(quads[at : at + 100_000])
target.flush()
loaded = time.perf_counter()
target.optimize()
print(loaded - start, time.perf_counter() - loaded, len(quads))
"""

RDFLIB_LOAD = """
import sys, time
from rdflib import Dataset
start = time.perf_counter()
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
print(time.perf_counter() - start, len(dataset))
"""


@dataclass
class Run:
    """One timed process: wall time in seconds and peak resident memory in MB."""

    seconds: float
    peak_mb: float
    stdout: str = ""
    stderr: str = ""


def timed_process(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Return the wall time and peak memory of ``command`` (largest of it and the children it waited for)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        run = Run(seconds, usage.ru_maxrss / 1024, out.read(), err.read())
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{run.stderr}")
    return run


def folder_mb(path: Path) -> float:
    """Return the size of the files under ``path`` in MB."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def store_counts(store: Path) -> tuple[int, int]:
    """Return how many measures and how many triples (in named graphs) a store holds."""
    from pyoxigraph import Store

    kg = Store.read_only(str(store))
    measures = "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/policykg/ontology#Measure> }"
    triples = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    return tuple(int(next(iter(kg.query(q)))["n"].value) for q in (measures, triples))


def measure_corpus(corpus: Path, jobs: list[int], runs: int, rdflib: bool) -> None:
    """Build ``corpus`` ``runs`` times per job count and print the figures (and rdflib's load)."""
    command = shutil.which("policykg") or sys.exit("policykg is not installed")
    sources = [p for p in corpus.rglob("*") if p.is_file() and not p.name.endswith(".jsonl")]
    source_mb = sum(p.stat().st_size for p in sources) / 1e6
    print(f"\ncorpus {corpus}: {len(sources)} files, {source_mb:.1f} MB")
    print(
        f"{'':8}{'wall s':>9}{'measures/s':>12}{'per job':>9}{'MB/s':>7}{'peak MB':>9}"
        f"{'triples':>11}{'store MB':>10}"
    )
    medians: dict[int, float] = {}
    kept: Path | None = None
    for n in jobs:
        times = []
        for _ in range(runs):
            work = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
            env = {**os.environ, "POLICYKG_CACHE_DIR": str(work / "cache")}
            run = timed_process(
                [command, "--store", str(work / "store"), "build", "-q", "--jobs", str(n), str(corpus)], env
            )
            (measures, triples), store_mb = store_counts(work / "store"), folder_mb(work / "store")
            times.append(run.seconds)
            print(
                f"jobs {n:<3}{run.seconds:9.1f}{measures / run.seconds:12,.0f}"
                f"{measures / run.seconds / n:9,.0f}{source_mb / run.seconds:7.2f}{run.peak_mb:9.0f}"
                f"{triples:11,}{store_mb:10.0f}"
            )
            if kept is None:
                kept = work
            else:
                shutil.rmtree(work)
        medians[n] = statistics.median(times)
    if len(jobs) > 1:
        base = medians[jobs[0]]
        gains = ", ".join(f"{n} jobs {base / medians[n]:.2f}x" for n in jobs[1:])
        print(f"speed-up over {jobs[0]} job(s): {gains}")
    if kept is not None:
        # the floor under any build of this graph: Oxigraph loading its finished quads, nothing parsed
        run = timed_process([sys.executable, "-c", OXIGRAPH_LOAD, str(kept / "store"), str(kept / "copy")])
        load, optimize, quads = run.stdout.split()
        print(
            f"oxigraph: bulk-loading the built store's {int(quads):,} quads into a new store took "
            f"{float(load):.1f} s and compacting it {float(optimize):.1f} s: "
            f"{measures / (float(load) + float(optimize)):,.0f} measures/s with nothing parsed"
        )
    if rdflib and kept is not None:
        dump = kept / "graphs.nq"
        subprocess.run(
            [command, "--store", str(kept / "store"), "export", "--format", "nq", "--output", str(dump)],
            check=True,
        )
        run = timed_process([sys.executable, "-c", RDFLIB_LOAD, str(dump)])
        seconds, quads = run.stdout.split()
        fastest = min(medians.values())
        print(
            f"rdflib: loading the built graph ({int(quads):,} quads, {dump.stat().st_size / 1e6:.0f} MB of "
            f"N-Quads) into Dataset took {float(seconds):.1f} s ({run.seconds:.1f} s with interpreter start), "
            f"peak {run.peak_mb:.0f} MB: {float(seconds) / fastest:.1f}x the fastest whole build"
        )
    if kept is not None:
        shutil.rmtree(kept)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", type=Path, help="folders made by make_corpus.py")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=1, help="builds per job count")
    ap.add_argument("--rdflib", action="store_true", help="also load the built graph into rdflib")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; each build into a fresh store with a fresh name cache")
    for corpus in args.corpora:
        measure_corpus(corpus, args.jobs, args.runs, args.rdflib)


if __name__ == "__main__":
    main()
