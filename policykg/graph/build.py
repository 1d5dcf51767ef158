"""Build the knowledge graph: parse source files, resolve departments, write one graph per file.

A file that cannot be read costs nothing but its own graph, and a build that reads nothing leaves
the store as it was (or makes none). Files are read, and their statements made, in worker processes
while the statements of the files read before them are being loaded; the statements that name a
department wait until every department name is known (:mod:`policykg.graph.loading` says how).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from policykg.errors import InputError
from policykg.graph.departments import DepartmentRegistry, StoredLabel
from policykg.graph.links.engine import link_built_files
from policykg.graph.loading import bulk_loads, is_new_store, load
from policykg.graph.reports import BuildReport, FileReport
from policykg.graph.store import DEFAULT_STORE, open_store
from policykg.graph.store.protocol import SparqlStore
from policykg.graph.store.sparql_files import read_sparql
from policykg.graph.workers import FileStatements, Made, file_statements
from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.read.fetch import FetchSettings, resolve_urls
from policykg.loaders.read.ocr import page_progress
from policykg.loaders.read.sources import iter_source_paths

__all__ = ["BuildReport", "FileReport", "build"]


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: str | os.PathLike[str] | SparqlStore = DEFAULT_STORE,
    *,
    recognizer: ActorRecognizer | None = None,
    progress: bool = False,
    jobs: int = 1,
    fetch: FetchSettings | None = None,
) -> BuildReport:
    """Parse the notices under ``paths`` into ``store``; return what was built and what was skipped.

    Files are found recursively in directories and parsed in ``jobs`` processes. Building the same
    files twice leaves the store as it was after the first build. ``store`` is a directory or an
    open store (:func:`policykg.graph.store.open_store`), the embedded one or a server's. A path
    that is an http(s) URL is fetched with its attachments as ``fetch`` says (only then).
    """
    paths, fetched = resolve_urls(paths, fetch)
    files = list(iter_source_paths(paths))
    report = BuildReport(processes=jobs if jobs > 1 and len(files) > 1 else 1, fetched=fetched)
    report.failed.extend(fetched.failed if fetched else ())
    registry = DepartmentRegistry()
    registry.adopt(stored_departments(store))
    made = file_statements(files, recognizer, report.processes, union=bulk_loads(store))
    quiet = not progress or len(files) < 2
    accepted = _accepted(files, _progress(made, len(files), quiet), registry, report)
    with page_progress(progress and report.processes == 1):  # workers' bars would garble each other
        load(accepted, registry, store, report, quiet=quiet)
    report.departments = len(registry.departments())
    if report.built:  # nothing readable: no store is made, and an existing one is left alone
        report.links = link_built_files(store, [f.path for f in report.built])
    return report


def stored_departments(store: str | os.PathLike[str] | SparqlStore) -> list[StoredLabel]:
    """Return ``(iri, label, preferred, place or None)`` for every label of every department ``store`` holds.

    An open store is asked directly; a directory only when a store is there (a new one holds none).
    """
    if isinstance(store, (str, os.PathLike)):
        if is_new_store(Path(store)):
            return []
        with open_store(store, read_only=True) as opened:
            return stored_departments(opened)
    rows = store.select(read_sparql("stored-departments.rq"))
    return [
        StoredLabel(
            r["dept"].value, r["label"].value, r["preferred"].value == "true", r["place"] and r["place"].value
        )
        for r in rows
    ]


def _progress(made: Iterator[Made], files: int, quiet: bool) -> Iterator[Made]:
    from tqdm import tqdm

    return iter(tqdm(made, total=files, unit="file", desc="parsing", disable=quiet, leave=False))


def _accepted(
    files: list[Path], made: Iterator[Made], registry: DepartmentRegistry, report: BuildReport
) -> Iterator[FileStatements]:
    """Yield the statements of each file read, telling ``registry`` its departments; failures, and a
    second file of a name already given, go to ``report``."""
    seen: dict[str, str] = {}  # file name -> the path that gave it
    for path, result in zip(files, made, strict=True):
        if isinstance(result, InputError):
            report.failed.append(result)
            continue
        if path.name in seen:
            message = (
                f"another file with this name was given ({seen[path.name]}); "
                "each source's graph is named after its file name"
            )
            report.failed.append(InputError(str(path), message))
            continue
        seen[path.name] = str(path)
        registry.add_mentions(result.mentions)
        yield result
