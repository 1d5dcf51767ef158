"""Build the knowledge graph: parse source files, resolve departments, write one graph per file.

Every file is parsed before the store is touched, so a file that cannot be read costs nothing but its
own graph; each file's graph is then replaced in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import InputError
from ..loaders.actors import ActorRecognizer
from ..loaders.departments import DepartmentRegistry
from ..loaders.model import ParsedSource
from ..loaders.pipeline import parse_file
from ..loaders.sources import iter_source_paths
from .store import DEFAULT_STORE, GraphStore
from .triples import graph_name, source_quads


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

    @property
    def ok(self) -> bool:
        """True when every file was built."""
        return not self.failed

    @property
    def measures(self) -> int:
        """Return the number of measures built."""
        return sum(f.measures for f in self.built)


def parse_all(
    paths: Iterable[str | os.PathLike[str]],
    recognizer: ActorRecognizer | None = None,
    progress: bool = False,
) -> tuple[list[ParsedSource], list[InputError]]:
    """Return the parsed sources under ``paths`` and the errors of those that could not be read."""
    files = list(iter_source_paths(paths))
    parsed: list[ParsedSource] = []
    failed: list[InputError] = []
    seen: dict[str, str] = {}
    bar = None
    if progress and len(files) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", desc="parsing", leave=False)
    for path in files:
        try:
            if path.name in seen:
                raise InputError(
                    str(path),
                    f"another file with this name was given ({seen[path.name]}); "
                    "each source's graph is named after its file name",
                )
            seen[path.name] = str(path)
            parsed.append(parse_file(path, recognizer))
        except InputError as exc:
            failed.append(exc)
        finally:
            if bar is not None:
                bar.update()
    if bar is not None:
        bar.close()
    return parsed, failed


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: str | os.PathLike[str] | GraphStore = DEFAULT_STORE,
    *,
    recognizer: ActorRecognizer | None = None,
    progress: bool = False,
) -> BuildReport:
    """Parse the notices under ``paths`` into ``store``; return what was built and what was skipped.

    Files are found recursively in directories. Building the same files twice leaves the store as
    it was after the first build.
    """
    sources, failed = parse_all(paths, recognizer, progress)
    report = BuildReport(failed=failed)
    registry = DepartmentRegistry()
    for parsed in sources:
        registry.add(parsed)
    report.departments = len(registry.departments())
    owned = not isinstance(store, GraphStore)
    graph_store = GraphStore(store) if owned else store
    try:
        for parsed in sources:
            quads = source_quads(parsed, registry)
            name = graph_name(parsed)
            graph_store.replace_graph(name, quads)
            report.built.append(
                FileReport(
                    path=parsed.source.path,
                    graph=name,
                    documents=len(parsed.documents),
                    measures=len(parsed.measures),
                    triples=len(quads),
                    warnings=list(parsed.warnings),
                )
            )
    finally:
        if owned:
            graph_store.close()
    return report
