"""The part of a build that runs in several processes: reading a file and making its statements.

Each file is parsed and its statements made in one go, before the build's other files are read:
every statement that does not name a department is final at once, and can be loaded while other
files are still being parsed; those that name one wait (:attr:`SourceQuads.pending`) until the
build's registry has heard of every department (:meth:`SourceQuads.resolve`).

Worker processes are started fresh (``spawn``), never forked from a process that may hold open
stores, threads or spaCy's state. What crosses between processes is plain data: statements as
N-Quads text and dictionaries of triples, names, a file's report. Each worker gets its share of the
machine's cores for the programs it starts (Tesseract starts a thread per core otherwise: two jobs
recognising scans would each take every core).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.graph.departments import Mentions, mentions_in
from policykg.graph.reports import FileReport
from policykg.graph.triples import SourceQuads, graph_name, source_quads
from policykg.loaders.extract.explain import names_no_one
from policykg.loaders.extract.model import ParsedSource

if TYPE_CHECKING:
    from policykg.loaders.extract.actors import ActorRecognizer

CHUNK_FILES = 2  # files handed to a worker at a time (parsing one takes long)
# files in flight per worker: the workers outrun the store, and results waiting for it would
# otherwise pile up in memory
WINDOW_FILES_PER_JOB = 32
# the variable OpenMP programs (Tesseract) read for how many threads they may start
THREAD_LIMIT_VARIABLE = "OMP_THREAD_LIMIT"


@dataclass
class FileStatements:
    """One file's statements as a worker sends them: final ones as N-Quads text, pending ones apart."""

    report: FileReport  # its ``triples`` counts the final statements until the pending ones are resolved
    ready: str  # N-Quads (with ``union``, each statement also in the default graph)
    pending: SourceQuads  # statements naming a department, waiting for the build's registry
    mentions: Mentions  # the department names the file mentions, for the registry


Made = FileStatements | InputError  # a file's statements, or why it could not be read


def _context() -> multiprocessing.context.SpawnContext:
    return multiprocessing.get_context("spawn")


def file_statements(
    files: list[Path], recognizer: ActorRecognizer | None = None, jobs: int = 1, *, union: bool = False
) -> Iterator[Made]:
    """Yield, in file order, each file's statements (:class:`FileStatements`) or the InputError it raised.

    With ``jobs`` above 1 files are read in that many processes (each with the default recognizer);
    with ``union`` the final statements are also written in the default graph.
    """
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield _statements_or_error(str(path), recognizer, union)
        return
    window = WINDOW_FILES_PER_JOB * jobs
    with _context().Pool(jobs, initializer=share_cores, initargs=(jobs,)) as pool:
        for start in range(0, len(files), window):
            tasks = [(str(p), union) for p in files[start : start + window]]
            for made in pool.imap(_in_worker, tasks, chunksize=CHUNK_FILES):
                yield InputError(*made) if isinstance(made, tuple) else made


def share_cores(jobs: int) -> None:
    """Limit the threads of the programs this worker starts to its share of the cores, unless the user
    set the limit; return nothing (a pool's initializer)."""
    share = max(1, (os.cpu_count() or 1) // jobs)
    os.environ.setdefault(THREAD_LIMIT_VARIABLE, str(share))


def parse_file_here(path: Path, recognizer: ActorRecognizer | None) -> ParsedSource:
    """Return the parse of one file in this process."""
    from policykg.loaders.extract.pipeline import parse_file

    return parse_file(str(path), recognizer)


def file_report(parsed: ParsedSource, quads: SourceQuads) -> FileReport:
    """Return what was made of one file (its triples: the final statements of ``quads``)."""
    return FileReport(
        path=parsed.source.path,
        graph=graph_name(parsed),
        documents=len(parsed.documents),
        measures=len(parsed.measures),
        triples=len(quads),
        warnings=list(parsed.warnings),
        naming_no_one=len(names_no_one(parsed)),
        method=parsed.source.method,
    )


def _statements_or_error(path: str, recognizer: ActorRecognizer | None, union: bool) -> Made:
    try:
        parsed = parse_file_here(Path(path), recognizer)
    except InputError as exc:
        return exc
    quads = source_quads(parsed, None)
    pending = SourceQuads(pending=quads.pending, named=quads.named)
    return FileStatements(file_report(parsed, quads), quads.nquads(union=union), pending, mentions_in(parsed))


def _in_worker(task: tuple[str, bool]) -> FileStatements | tuple[str, str, int | None]:
    """In a worker: return a file's statements, or its error's path, message and place."""
    path, union = task
    made = _statements_or_error(path, None, union)
    return (made.path, made.message, made.position) if isinstance(made, InputError) else made
