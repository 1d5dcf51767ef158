"""The SPARQL that the graph package runs itself, shipped beside it as ``.rq`` and ``.ru`` files."""

from __future__ import annotations

from importlib.resources import files


def read_sparql(name: str) -> str:
    """Return the text of the packaged SPARQL file ``name`` (``prune-shared.rq`` …)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")
