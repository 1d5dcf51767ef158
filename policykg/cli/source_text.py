"""Find and read again the source files a store was built from (the store keeps offsets, not text).

Views may not read files (import contract), so the commands that show facts in their sentences read
the text here and hand it to :func:`policykg.viz.views.source.source_view`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.read.sources import SourceText, read_source
from policykg.queries.sources import SourceFile, find_source, source_files


def _look_in(folders: Sequence[str], name: str) -> Path | None:
    """Return the first file called ``name`` in ``folders`` or below them."""
    for folder in map(Path, folders):
        if (folder / name).is_file():
            return folder / name
        found = (
            next((p for p in sorted(folder.rglob(name)) if p.is_file()), None) if folder.is_dir() else None
        )
        if found:
            return found
    return None


def _checked(file: SourceFile, text: SourceText) -> tuple[SourceFile, SourceText]:
    if text.sha256 != file.sha256:
        raise PolicyKGError(f"{text.path}: the file has changed since it was built; build it again")
    return file, text


def read_stored_source(
    store: SparqlStore, wanted: str, folders: Sequence[str] = (".",)
) -> tuple[SourceFile, SourceText]:
    """Return the stored source file ``wanted`` names (a path, a file name, a document's IRI or
    title) and its text read again, checked against the checksum the store holds."""
    path = Path(wanted)
    if path.is_file():
        text = read_source(path)
        return _checked(find_source(store, text.name), text)
    file = find_source(store, wanted)
    found = _look_in(folders, file.name)
    if found is None:
        where = ", ".join(folders)
        raise PolicyKGError(
            f"{file.name}: not found in {where}; the store keeps offsets, not text: give the file's path"
        )
    return _checked(file, read_source(found))


def read_stored_sources(store: SparqlStore, folders: Sequence[str]) -> dict[str, str]:
    """Return the plain text of every stored source file found in ``folders``, by source IRI (files
    changed since they were built are left out)."""
    texts = {}
    for file in source_files(store):
        found = _look_in(folders, file.name)
        if found is not None:
            text = read_source(found)
            if text.sha256 == file.sha256:
                texts[file.iri] = text.text
    return texts
