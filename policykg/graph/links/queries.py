"""The SPARQL the linking step runs, shipped beside it as ``.rq`` files."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def sparql(name: str) -> str:
    """Return the text of the packaged SPARQL file ``name`` of this package (``link-measures.rq`` …)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")
