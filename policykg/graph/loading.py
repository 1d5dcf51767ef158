"""How a build's statements reach a store.

A store that does not exist yet is bulk-loaded beside its place and renamed into it: several times
faster than transactions, and a killed build leaves no store rather than part of one. Into an
existing store (or a server), graphs are written in transactions, new ones several to a
transaction, each graph whole or absent; a graph the store already held is replaced on its own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import RdfFormat, parse

from policykg.errors import StoreError
from policykg.graph.departments import DepartmentRegistry
from policykg.graph.reports import BuildReport, FileReport
from policykg.graph.store.embedded import GraphStore
from policykg.graph.store.protocol import SparqlStore
from policykg.graph.workers import make_statements

BATCH_QUADS = 50_000  # statements are written together, up to this many quads per batch
UNION_COPIES = 2  # each statement is written twice: in its graph and in the union (default graph)
SIDE_STORE_MARK = ".building-"  # a side store is named <store>.building-<pid of the building process>


def load(
    spilled: list[Path],
    registry: DepartmentRegistry,
    store: str | os.PathLike[str] | SparqlStore,
    report: BuildReport,
    *,
    jobs: int = 1,
    quiet: bool = True,
) -> None:
    """Write the statements of the spilled parses into ``store`` (a directory or an open store),
    adding each file's report to ``report``; rank the documents afterwards."""
    if not isinstance(store, (str, os.PathLike)):
        _write_into(store, spilled, registry, report, jobs, quiet)
        return
    path = Path(store)
    _remove_stale_side_stores(path)
    if is_new_store(path):
        _load_new_store(path, spilled, registry, report, jobs, quiet)
        return
    with GraphStore(path) as opened:
        _write_into(opened, spilled, registry, report, jobs, quiet)


def _progress(made: Iterable, total: int, quiet: bool) -> Iterable:  # noqa: ANN001
    from tqdm import tqdm

    return tqdm(made, total=total, unit="file", desc="writing", disable=quiet, leave=False)


def _load_new_store(
    path: Path, spilled: list[Path], registry: DepartmentRegistry, report: BuildReport, jobs: int, quiet: bool
) -> None:
    """Bulk-load a store beside ``path``, compact it and rename it into place."""
    side = path.with_name(f"{path.name}{SIDE_STORE_MARK}{os.getpid()}")
    try:
        with GraphStore(side) as fresh:
            _bulk_load(
                fresh, make_statements(spilled, registry, jobs, union=True), len(spilled), report, quiet
            )
            fresh.rank_documents()
            # the bulk loader leaves many overlapping files: merging them once (2-4 s at 1M triples,
            # 14 s at 5M) halves the time of most queries
            fresh.compact()
    except BaseException:
        shutil.rmtree(side, ignore_errors=True)
        raise
    try:
        os.rename(side, path)
    except OSError as exc:
        shutil.rmtree(side, ignore_errors=True)
        raise StoreError(f"{path}: a store appeared there while building; build again") from exc


def _bulk_load(
    fresh: GraphStore, made: Iterable[tuple[FileReport, str]], files: int, report: BuildReport, quiet: bool
) -> None:
    """Bulk-load each file's N-Quads (the union's copies included), about BATCH_QUADS quads at a time."""
    batch: list[str] = []
    size = 0
    for file_report, nquads in _progress(made, files, quiet):
        report.built.append(file_report)
        batch.append(nquads)
        size += UNION_COPIES * file_report.triples
        if size >= BATCH_QUADS:
            fresh.bulk_load("".join(batch))
            batch, size = [], 0
    if batch:
        fresh.bulk_load("".join(batch))


def _write_into(
    store: SparqlStore,
    spilled: list[Path],
    registry: DepartmentRegistry,
    report: BuildReport,
    jobs: int,
    quiet: bool,
) -> None:
    """Write each file's graph into an existing store in transactions; prune and rank afterwards."""
    pending: dict[str, list] = {}
    size = 0
    replaced: list[str] = []  # graphs that were in the store: what they described may be unused now
    for file_report, nquads in _progress(make_statements(spilled, registry, jobs), len(spilled), quiet):
        report.built.append(file_report)
        pending[file_report.graph] = list(parse(nquads, RdfFormat.N_QUADS))
        size += UNION_COPIES * file_report.triples
        if size >= BATCH_QUADS:
            replaced += _write_batch(store, pending)
            pending, size = {}, 0
    replaced += _write_batch(store, pending)
    if replaced:
        store.prune_shared()
    store.rank_documents()


def _write_batch(store: SparqlStore, graphs: dict[str, list]) -> list[str]:
    """Write new graphs together and the others one by one; return the graphs that were replaced."""
    if not graphs:
        return []
    written = set(store.add_new_graphs(graphs))
    replaced = [name for name in graphs if name not in written]
    for name in replaced:
        store.replace_graph(name, graphs[name])
    return replaced


def is_new_store(path: Path) -> bool:
    """True when nothing is at ``path`` yet (or only an empty folder)."""
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def _remove_stale_side_stores(path: Path) -> None:
    """Delete side stores left by builds that were killed (their process is gone)."""
    for side in path.parent.glob(f"{path.name}{SIDE_STORE_MARK}*"):
        pid = side.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(side, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
