"""Time `policykg build` of notices from the shell, interpreter start included.

Usage: python benchmarks/build_corpus.py [--runs N] [FILES...]   (default: ../shared/corpus/*.txt)

Each run builds into a fresh temporary store. "cold" runs start with an empty name cache, so spaCy
is imported and every department name is classified; "warm" runs reuse the cache the first build
wrote (what a user sees from the second build on). Prints every run's wall time and the medians.
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
from pathlib import Path

DEFAULT = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus").glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("files", nargs="*", default=[str(p) for p in DEFAULT])
    args = ap.parse_args()
    if not args.files:
        sys.exit("no files to build (../shared/corpus is absent; name some files)")
    command = shutil.which("policykg") or sys.exit("policykg is not installed")
    size = sum(Path(f).stat().st_size for f in args.files)
    print(f"files: {len(args.files)} ({size / 1024:.0f} KiB); command: policykg build FILES")
    warm_cache = tempfile.mkdtemp(prefix="policykg-cache-")
    prewarm = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    env = {**os.environ, "POLICYKG_CACHE_DIR": warm_cache}
    subprocess.run(
        [command, "--store", str(prewarm / "store"), "build", "-q", *args.files], check=True, env=env
    )
    shutil.rmtree(prewarm)
    for label in ("cold", "warm"):
        times = []
        for _ in range(args.runs):
            work = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
            cache = str(work / "cache") if label == "cold" else warm_cache
            env = {**os.environ, "POLICYKG_CACHE_DIR": cache}
            start = time.perf_counter()
            subprocess.run(
                [command, "--store", str(work / "store"), "build", "-q", *args.files], check=True, env=env
            )
            times.append(time.perf_counter() - start)
            shutil.rmtree(work)
        print(f"{label} runs (s): " + " ".join(f"{t:.2f}" for t in times))
        print(
            f"{label} median: {statistics.median(times):.2f} s   min: {min(times):.2f} s   max: {max(times):.2f} s"
        )


if __name__ == "__main__":
    main()
