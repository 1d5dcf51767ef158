"""The two halves of a build that can run in several processes: parsing files, and making their
statements once every department is known.

Worker processes are started fresh (``spawn``), never forked from a process that may hold open
stores, threads or spaCy's state. What crosses between processes is plain data: a parsed source as
JSON text (:mod:`policykg.graph.parsed_json`), statements as N-Quads text, a file's report as a dict.
The department registry is handed to each statement-making worker once, when it starts.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.graph.departments import DepartmentRegistry
from policykg.graph.parsed_json import compact, from_json, to_json
from policykg.graph.reports import FileReport
from policykg.graph.triples import SourceQuads, graph_name, source_quads
from policykg.loaders.extract.explain import names_no_one
from policykg.loaders.extract.model import ParsedSource

if TYPE_CHECKING:
    from policykg.loaders.extract.actors import ActorRecognizer

PARSE_CHUNK_FILES = 2  # files handed to a parsing worker at a time (parsing one takes long)
MAKE_CHUNK_FILES = 4  # files handed to a statement-making worker at a time
# files in flight per worker: the workers outrun the store, and results waiting for it would
# otherwise pile up in memory (1.2 GB at 150,000 measures)
WINDOW_FILES_PER_JOB = 32

Parsed = tuple[ParsedSource, str] | InputError  # a parsed source and its JSON text, or why it failed


def _context() -> multiprocessing.context.SpawnContext:
    return multiprocessing.get_context("spawn")


# -- parsing -----------------------------------------------------------------------------------------
def parse_files(
    files: list[Path], recognizer: ActorRecognizer | None = None, jobs: int = 1
) -> Iterator[Parsed]:
    """Yield, in file order, each file's compacted parse with its JSON text, or the InputError it raised.

    With ``jobs`` above 1 files are parsed in that many processes (each with the default recognizer).
    """
    if jobs <= 1 or len(files) < 2:
        for path in files:
            try:
                parsed = compact(parse_file_here(path, recognizer))
            except InputError as exc:
                yield exc
                continue
            yield parsed, to_json(parsed)
        return
    with _context().Pool(jobs) as pool:
        for text, error in pool.imap(_parse_to_json, [str(p) for p in files], chunksize=PARSE_CHUNK_FILES):
            yield InputError(*error) if error is not None else (from_json(text), text)


def parse_file_here(path: Path, recognizer: ActorRecognizer | None) -> ParsedSource:
    """Return the parse of one file in this process."""
    from policykg.loaders.extract.pipeline import parse_file

    return parse_file(str(path), recognizer)


def _parse_to_json(path: str) -> tuple[str | None, tuple[str, str, int | None] | None]:
    """In a worker: return a file's compacted parse as JSON text, or its error's path, message and place."""
    try:
        return to_json(compact(parse_file_here(Path(path), None))), None
    except InputError as exc:
        return None, (exc.path, exc.message, exc.position)


# -- making statements -------------------------------------------------------------------------------
def make_statements(
    spilled: list[Path], registry: DepartmentRegistry, jobs: int = 1, *, union: bool = False
) -> Iterator[tuple[FileReport, str]]:
    """Yield, in order, each spilled parse's report and statements as N-Quads (with ``union``, each
    also in the default graph), made in ``jobs`` processes."""
    if jobs <= 1 or len(spilled) < 2:
        for path in spilled:
            yield _made(path, registry, union)
        return
    window = WINDOW_FILES_PER_JOB * jobs
    with _context().Pool(jobs, initializer=_receive_registry, initargs=(registry,)) as pool:
        for start in range(0, len(spilled), window):
            tasks = [(str(p), union) for p in spilled[start : start + window]]
            for report, nquads in pool.imap(_make_in_worker, tasks, chunksize=MAKE_CHUNK_FILES):
                yield FileReport(**report), nquads


def file_report(parsed: ParsedSource, quads: SourceQuads) -> FileReport:
    """Return what was made of one file."""
    return FileReport(
        path=parsed.source.path,
        graph=graph_name(parsed),
        documents=len(parsed.documents),
        measures=len(parsed.measures),
        triples=len(quads),
        warnings=list(parsed.warnings),
        naming_no_one=len(names_no_one(parsed)),
    )


def _made(path: Path, registry: DepartmentRegistry, union: bool) -> tuple[FileReport, str]:
    parsed = from_json(path.read_text(encoding="utf-8"))
    quads = source_quads(parsed, registry)
    return file_report(parsed, quads), quads.nquads(union=union)


# the registry of the build under way, in a statement-making worker
_REGISTRY: DepartmentRegistry | None = None


def _receive_registry(registry: DepartmentRegistry) -> None:
    global _REGISTRY
    _REGISTRY = registry


def _make_in_worker(task: tuple[str, bool]) -> tuple[dict, str]:
    path, union = task
    report, nquads = _made(Path(path), _REGISTRY, union)
    return dataclasses.asdict(report), nquads
