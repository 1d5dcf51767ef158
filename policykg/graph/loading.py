"""How a build's statements reach a store.

A store that does not exist yet is bulk-loaded beside its place and renamed into it: several times
faster than transactions, and a killed build leaves no store rather than part of one. Each file's
final statements are loaded as soon as it has been read, while the workers read the next files;
the statements that name a department wait on disk until every file is read and the departments
are known. Into an existing store (or a server), graphs are written in transactions once every file
is read, new ones several to a transaction, each graph whole or absent; a graph the store already
held is replaced on its own.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO

from pyoxigraph import RdfFormat, parse

from policykg.errors import StoreError
from policykg.graph.departments import DepartmentRegistry
from policykg.graph.reports import BuildReport, FileReport
from policykg.graph.store.embedded import GraphStore
from policykg.graph.store.protocol import SparqlStore
from policykg.graph.triples import SourceQuads
from policykg.graph.workers import FileStatements

BATCH_QUADS = 50_000  # statements are written together, up to this many quads per batch
UNION_COPIES = 2  # each statement is written twice: in its graph and in the union (default graph)
SIDE_STORE_MARK = ".building-"  # a side store is named <store>.building-<pid of the building process>


def bulk_loads(store: str | os.PathLike[str] | SparqlStore) -> bool:
    """True when a build into ``store`` bulk-loads a new store (its statements then carry the union)."""
    return isinstance(store, (str, os.PathLike)) and is_new_store(Path(store))


def load(
    made: Iterable[FileStatements],
    registry: DepartmentRegistry,
    store: str | os.PathLike[str] | SparqlStore,
    report: BuildReport,
    *,
    quiet: bool = True,
) -> None:
    """Write the statements of each file of ``made`` into ``store`` (a directory or an open store),
    adding each file's report to ``report``; rank the documents afterwards. ``registry`` must have
    heard of every file's departments once ``made`` is exhausted. Nothing made: the store is untouched.
    Unless ``quiet``, a progress bar shows the writing that waits for every file to be read.
    """
    if not isinstance(store, (str, os.PathLike)):
        _write_into(store, made, registry, report, quiet)
        return
    path = Path(store)
    _remove_stale_side_stores(path)
    if is_new_store(path):
        _load_new_store(path, iter(made), registry, report, quiet)
    else:
        _write_into(path, made, registry, report, quiet)


def _load_new_store(
    path: Path, made: Iterator[FileStatements], registry: DepartmentRegistry, report: BuildReport, quiet: bool
) -> None:
    """Bulk-load a store beside ``path``, compact it and rename it into place."""
    first = next(made, None)
    if first is None:
        return
    side = path.with_name(f"{path.name}{SIDE_STORE_MARK}{os.getpid()}")
    try:
        with GraphStore(side) as fresh, tempfile.TemporaryFile("w+", encoding="utf-8") as waiting:
            _bulk_load(fresh, chain([first], made), registry, report, waiting, quiet)
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
    fresh: GraphStore,
    made: Iterable[FileStatements],
    registry: DepartmentRegistry,
    report: BuildReport,
    waiting: IO[str],
    quiet: bool,
) -> None:
    """Bulk-load each file's final N-Quads as it comes, about BATCH_QUADS quads at a time, then the
    statements naming departments, which wait in ``waiting`` until every file is read."""
    batch = _Batches(fresh.bulk_load)
    start = len(report.built)
    for statements in made:
        report.built.append(statements.report)
        batch.add(statements.ready, statements.report.triples)
        _wait(waiting, statements)
    batch.flush()
    built_now = report.built[start:]
    for built, resolved in zip(built_now, _resolved(waiting, registry, quiet, len(built_now)), strict=True):
        built.triples += len(resolved)
        batch.add(resolved.nquads(union=True), len(resolved))
    batch.flush()


class _Batches:
    """N-Quads text gathered until about BATCH_QUADS quads, then handed to ``write``."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self.write = write
        self.parts: list[str] = []
        self.size = 0

    def add(self, nquads: str, triples: int) -> None:
        self.parts.append(nquads)
        self.size += UNION_COPIES * triples
        if self.size >= BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.write("".join(self.parts))
        self.parts, self.size = [], 0


def _wait(waiting: IO[str], statements: FileStatements, ready: bool = False) -> None:
    """Write a file's pending statements (and with ``ready`` its final ones) as one line of JSON."""
    pending = statements.pending
    waiting.write(json.dumps([statements.ready if ready else "", pending.pending, pending.named]) + "\n")


def _waiting(waiting: IO[str], quiet: bool, files: int) -> Iterator[tuple[str, SourceQuads]]:
    """Yield, in file order, each waiting file's final N-Quads (if kept) and pending statements."""
    from tqdm import tqdm

    waiting.seek(0)
    for line in tqdm(waiting, total=files, unit="file", desc="writing", disable=quiet, leave=False):
        ready, pending, named = json.loads(line)
        yield ready, SourceQuads(pending=pending, named=named)


def _resolved(
    waiting: IO[str], registry: DepartmentRegistry, quiet: bool, files: int
) -> Iterator[SourceQuads]:
    """Yield, in file order, each waiting file's statements naming departments, resolved."""
    for _, pending in _waiting(waiting, quiet, files):
        yield pending.resolve(registry)


def _write_into(
    store: Path | SparqlStore,
    made: Iterable[FileStatements],
    registry: DepartmentRegistry,
    report: BuildReport,
    quiet: bool,
) -> None:
    """Write each file's graph into an existing store in transactions once every file is read;
    prune and rank afterwards. ``store`` is opened (when a path) only then."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as waiting:
        built = len(report.built)
        for statements in made:
            report.built.append(statements.report)
            _wait(waiting, statements, ready=True)
        if len(report.built) == built:
            return
        if isinstance(store, Path):
            with GraphStore(store) as opened:
                _write_graphs(opened, waiting, registry, report.built[built:], quiet)
        else:
            _write_graphs(store, waiting, registry, report.built[built:], quiet)


def _write_graphs(
    store: SparqlStore, waiting: IO[str], registry: DepartmentRegistry, built: list[FileReport], quiet: bool
) -> None:
    pending: dict[str, list] = {}
    size = 0
    replaced: list[str] = []  # graphs that were in the store: what they described may be unused now
    for file_report, (ready, waits) in zip(built, _waiting(waiting, quiet, len(built)), strict=True):
        resolved = waits.resolve(registry)
        file_report.triples += len(resolved)
        pending[file_report.graph] = list(parse(ready + resolved.nquads(), RdfFormat.N_QUADS))
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
