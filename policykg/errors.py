"""The exceptions policykg raises: one base class, turned into CLI errors only in ``cli.py``.

PolicyKGError
├── InputError        a source file cannot be read or understood (names the file and position)
├── StoreError        the store cannot be opened or written
│   └── StoreLockedError   another process holds the store
└── QueryError        a SPARQL query or a query parameter is wrong
"""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base class of every error policykg raises on purpose."""


class InputError(PolicyKGError):
    """A source file that cannot be read, decoded or parsed.

    ``position`` is a character offset into the decoded text, or a byte offset for decoding errors,
    or ``None`` when the problem concerns the whole file.
    """

    def __init__(self, path: str, message: str, position: int | None = None) -> None:
        self.path = path
        self.message = message
        self.position = position
        where = f"{path}" if position is None else f"{path}:{position}"
        super().__init__(f"{where}: {message}")


class StoreError(PolicyKGError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process has the store open for writing."""


class QueryError(PolicyKGError):
    """A SPARQL query, a named query or one of its parameters is wrong."""
