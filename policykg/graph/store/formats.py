"""The RDF file formats the store reads and writes, named once: short name, extensions, and what each holds.

>>> RdfFileFormat.from_path("graph.nq").keeps_graphs
True
>>> RdfFileFormat("ttl").rdf_format
<RdfFormat Turtle>
>>> RdfFileFormat.from_path("notes.txt")
Traceback (most recent call last):
...
policykg.errors.StoreError: notes.txt: cannot tell the RDF format from the extension (known: .ttl, .nt, .nq, .trig, .jsonld, .json)
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import PurePath

from pyoxigraph import RdfFormat

from policykg.errors import StoreError


class RdfFileFormat(str, Enum):
    """An RDF serialisation, valued by its short name (``ttl``, ``nq`` …), which is also a ``str``."""

    TURTLE = "ttl"
    N_TRIPLES = "nt"
    N_QUADS = "nq"
    TRIG = "trig"
    JSON_LD = "jsonld"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:  # hash as the short name, so a member finds its name's entry in a dict
        return hash(self.value)

    @property
    def rdf_format(self) -> RdfFormat:
        """Return pyoxigraph's format for reading and writing it."""
        return _PYOXIGRAPH[self]

    @property
    def keeps_graphs(self) -> bool:
        """True for quad formats, which keep each named graph; triple formats hold one graph."""
        return self in (RdfFileFormat.N_QUADS, RdfFileFormat.TRIG)

    @property
    def writes_prefixes(self) -> bool:
        """True when the format abbreviates IRIs with prefixes (Turtle, TriG, JSON-LD)."""
        return self in (RdfFileFormat.TURTLE, RdfFileFormat.TRIG, RdfFileFormat.JSON_LD)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Return the short names, in declaration order (for option choices and messages)."""
        return tuple(f.value for f in cls)

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> RdfFileFormat:
        """Return the format a file's extension names; raise :class:`StoreError` when it names none."""
        found = EXTENSIONS.get(PurePath(path).suffix.lower())
        if found is None:
            known = ", ".join(EXTENSIONS)
            raise StoreError(f"{path}: cannot tell the RDF format from the extension (known: {known})")
        return found


_PYOXIGRAPH = {
    RdfFileFormat.TURTLE: RdfFormat.TURTLE,
    RdfFileFormat.N_TRIPLES: RdfFormat.N_TRIPLES,
    RdfFileFormat.N_QUADS: RdfFormat.N_QUADS,
    RdfFileFormat.TRIG: RdfFormat.TRIG,
    RdfFileFormat.JSON_LD: RdfFormat.JSON_LD,
}

EXTENSIONS: dict[str, RdfFileFormat] = {
    ".ttl": RdfFileFormat.TURTLE,
    ".nt": RdfFileFormat.N_TRIPLES,
    ".nq": RdfFileFormat.N_QUADS,
    ".trig": RdfFileFormat.TRIG,
    ".jsonld": RdfFileFormat.JSON_LD,
    ".json": RdfFileFormat.JSON_LD,
}
"""File extensions (lower case, with the dot) and the format each names."""
