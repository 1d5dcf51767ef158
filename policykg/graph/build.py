"""Build the knowledge graph: parse source files, resolve departments, write one graph per file.

Every file is parsed before the store is touched, so a file that cannot be read costs nothing but
its own graph. Parsed files wait on disk (stripped of their offset maps), not in memory, until every
department name is known. A store that does not exist yet is bulk-loaded beside its place and
renamed into it; into an existing store, graphs are written in transactions (new ones several to a
transaction), each graph whole or absent.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import RdfFormat

from policykg.errors import InputError, StoreError
from policykg.graph.departments import DepartmentRegistry
from policykg.graph.store.embedded import DEFAULT_STORE, GraphStore
from policykg.graph.store.ranks import rank_documents
from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.extract.model import ParsedSource
from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read.sources import iter_source_paths

if TYPE_CHECKING:
    from policykg.graph.store.server import EndpointStore
from policykg.graph.triples import SourceQuads, graph_name, source_quads

BATCH_QUADS = 50_000  # new graphs are written together, up to this many quads per transaction


@dataclass
class FileReport:
    """What was made of one file."""

    path: str
    graph: str
    documents: int
    measures: int
    triples: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """What a build did: files built, files skipped with the reason."""

    built: list[FileReport] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    departments: int = 0
    processes: int = 1  # how many processes parsed

    @property
    def ok(self) -> bool:
        """True when every file was built."""
        return not self.failed

    @property
    def measures(self) -> int:
        """Return the number of measures built."""
        return sum(f.measures for f in self.built)


def compact(parsed: ParsedSource) -> ParsedSource:
    """Return a parsed source without what the graph does not need (bodies with offset maps, the text)."""
    for doc in parsed.documents:
        doc.body, doc.table_rows = None, []
        for section in doc.sections:
            section.body = None
        for measure in doc.measures:
            measure.body = None
    parsed.source = dataclasses.replace(parsed.source, text="")
    return parsed


def _parse_one(path: str, recognizer: ActorRecognizer | None = None) -> ParsedSource | InputError:
    try:
        return compact(parse_file(path, recognizer))
    except InputError as exc:
        return exc


def parse_stream(
    files: list[Path], recognizer: ActorRecognizer | None = None, jobs: int = 1
) -> Iterator[ParsedSource | InputError]:
    """Yield each file's compacted ParsedSource, or the InputError it raised, in file order.

    With ``jobs`` above 1 files are parsed in that many processes (each with the default recognizer).
    """
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield _parse_one(str(path), recognizer)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_parse_one, [str(p) for p in files], chunksize=2)


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: str | os.PathLike[str] | GraphStore | EndpointStore = DEFAULT_STORE,
    *,
    recognizer: ActorRecognizer | None = None,
    progress: bool = False,
    jobs: int = 1,
) -> BuildReport:
    """Parse the notices under ``paths`` into ``store``; return what was built and what was skipped.

    Files are found recursively in directories and parsed in ``jobs`` processes. Building the same
    files twice leaves the store as it was after the first build. ``store`` is a directory, an open
    :class:`GraphStore`, or an :class:`~policykg.graph.store.server.EndpointStore` on a server.
    """
    from tqdm import tqdm

    files = list(iter_source_paths(paths))
    report = BuildReport(processes=jobs if jobs > 1 and len(files) > 1 else 1)
    registry = DepartmentRegistry()
    seen: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="policykg-build-") as spill:
        spilled: list[Path] = []
        quiet = not progress or len(files) < 2
        stream = parse_stream(files, recognizer, jobs)
        for path, result in tqdm(
            zip(files, stream, strict=True),
            total=len(files),
            unit="file",
            desc="parsing",
            disable=quiet,
            leave=False,
        ):
            if isinstance(result, InputError):
                report.failed.append(result)
                continue
            if path.name in seen:
                report.failed.append(
                    InputError(
                        str(path),
                        f"another file with this name was given ({seen[path.name]}); "
                        "each source's graph is named after its file name",
                    )
                )
                continue
            seen[path.name] = str(path)
            registry.add(result)
            target = Path(spill) / f"{len(spilled):07d}.pickle"
            with open(target, "wb") as f:
                pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
            spilled.append(target)
        report.departments = len(registry.departments())
        owned = isinstance(store, (str, os.PathLike))
        fresh = owned and _is_new_store(Path(store))
        target_path = Path(store) if owned else None
        if target_path is not None:
            _remove_stale_side_stores(target_path)
        if fresh:
            # a store that does not exist yet is bulk-loaded beside its final place and renamed into it:
            # several times faster, and a killed build leaves no store rather than part of one
            side = target_path.with_name(f"{target_path.name}.building-{os.getpid()}")
            graph_store = GraphStore(side)
        else:
            graph_store = GraphStore(store) if owned else store
        pending: dict[str, SourceQuads] = {}
        pending_quads = 0
        replaced: list[str] = []  # graphs that were in the store: what they described may be unused now

        def flush() -> None:
            if fresh:
                graph_store.oxigraph.bulk_load(
                    "".join(quads.nquads(union=True) for quads in pending.values()), RdfFormat.N_QUADS
                )
                pending.clear()
                return
            as_quads = {name: quads.quads() for name, quads in pending.items()}
            written = set(graph_store.add_new_graphs(as_quads))
            for name, quads in as_quads.items():
                if name not in written:  # already in the store: replace it, on its own
                    graph_store.replace_graph(name, quads)
                    replaced.append(name)
            pending.clear()

        try:
            if fresh and report.processes > 1:
                # the quads are made in the worker processes too, and reach the store as N-Quads
                _bulk_load(graph_store, _serialized(spilled, registry, jobs), report, quiet)
            else:
                for target in tqdm(spilled, unit="file", desc="writing", disable=quiet, leave=False):
                    parsed, quads = _quads_of(target, registry)
                    file_report = _file_report(parsed, quads)
                    pending[file_report.graph] = quads
                    pending_quads += 2 * len(quads)  # each quad and its copy in the union
                    if pending_quads >= BATCH_QUADS:
                        flush()
                        pending_quads = 0
                    report.built.append(file_report)
                flush()
            if not fresh and replaced:
                graph_store.prune_shared()
            rank_documents(graph_store)
        except BaseException:
            if fresh:
                graph_store.close()
                shutil.rmtree(side, ignore_errors=True)
            raise
        finally:
            if owned and not fresh:
                graph_store.close()
        if fresh:
            graph_store.oxigraph.flush()
            # the bulk loader leaves many overlapping files: merging them once (2-4 s at 1M triples,
            # 14 s at 5M) halves the time of most queries
            graph_store.oxigraph.optimize()
            graph_store.close()
            try:
                os.rename(side, target_path)
            except OSError as exc:
                shutil.rmtree(side, ignore_errors=True)
                raise StoreError(
                    f"{target_path}: a store appeared there while building; build again"
                ) from exc
    return report


# the registry of the build under way, for the worker processes that make quads (set before they fork)
_REGISTRY: DepartmentRegistry | None = None


def _quads_of(target: Path, registry: DepartmentRegistry) -> tuple[ParsedSource, SourceQuads]:
    """Return a spilled file's parsed source and its statements."""
    with open(target, "rb") as f:
        parsed: ParsedSource = pickle.load(f)
    return parsed, source_quads(parsed, registry)


def _file_report(parsed: ParsedSource, quads: SourceQuads) -> FileReport:
    """Return what was made of one file."""
    return FileReport(
        path=parsed.source.path,
        graph=graph_name(parsed),
        documents=len(parsed.documents),
        measures=len(parsed.measures),
        triples=len(quads),
        warnings=list(parsed.warnings),
    )


def _serialize_one(target: Path) -> tuple[FileReport, bytes]:
    """Return what one spilled file makes: its report and its quads (with the union's copies) as N-Quads."""
    parsed, quads = _quads_of(target, _REGISTRY)
    return _file_report(parsed, quads), quads.nquads(union=True).encode()


def _serialized(
    spilled: list[Path], registry: DepartmentRegistry, jobs: int
) -> Iterator[tuple[FileReport, bytes]]:
    """Yield each spilled file's report and N-Quads in order, made in ``jobs`` (> 1) processes."""
    import multiprocessing

    global _REGISTRY
    _REGISTRY = registry
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            # a window at a time: the workers outrun the bulk loader, and results waiting for it
            # would otherwise pile up in memory (1.2 GB at 150,000 measures)
            window = 32 * jobs
            for start in range(0, len(spilled), window):
                yield from pool.imap(_serialize_one, spilled[start : start + window], chunksize=4)
    finally:
        _REGISTRY = None


def _bulk_load(
    graph_store: GraphStore, made: Iterable[tuple[FileReport, bytes]], report: BuildReport, quiet: bool
) -> None:
    """Bulk-load a new store from N-Quads, in batches of about BATCH_QUADS quads."""
    from tqdm import tqdm

    batch: list[bytes] = []
    size = 0
    for file_report, data in tqdm(made, unit="file", desc="writing", disable=quiet, leave=False):
        report.built.append(file_report)
        batch.append(data)
        size += 2 * file_report.triples
        if size >= BATCH_QUADS:
            graph_store.oxigraph.bulk_load(b"".join(batch), RdfFormat.N_QUADS)
            batch, size = [], 0
    if batch:
        graph_store.oxigraph.bulk_load(b"".join(batch), RdfFormat.N_QUADS)


def _is_new_store(path: Path) -> bool:
    """True when nothing is at ``path`` yet (or only an empty folder)."""
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def _remove_stale_side_stores(path: Path) -> None:
    """Delete side stores left by builds that were killed (their process is gone)."""
    for side in path.parent.glob(f"{path.name}.building-*"):
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
