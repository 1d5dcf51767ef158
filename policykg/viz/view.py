"""A view: one offline HTML page of part of the graph, with what the command line says about it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.files import write_text
from policykg.viz.page import PageParts, render_page


@dataclass(frozen=True)
class View:
    """A finished view: its page, the nodes and edges it draws, and a one-line summary.

    ``nodes`` and ``edges`` are the vis-network records the page holds as data (``id``, ``label``,
    ``kind``, ``color`` …; ``from``, ``to`` …), for callers that look at what was drawn.
    """

    title: str
    html: str  # the whole offline page
    summary: str  # e.g. "89 nodes and 120 edges (a note)": what was written, without the path
    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]
    note: str = ""

    @property
    def node_count(self) -> int:
        """The number of nodes drawn."""
        return len(self.nodes)

    @property
    def edge_count(self) -> int:
        """The number of edges drawn."""
        return len(self.edges)

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` whole or not at all; return the path written."""
        return write_text(path, self.html)


def make_view(parts: PageParts, nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]) -> View:
    """Return the :class:`View` drawing ``nodes`` and ``edges`` with the title, legend and note of ``parts``."""
    summary = f"{len(nodes)} nodes and {len(edges)} edges" + (f" ({parts.note})" if parts.note else "")
    return View(
        title=parts.title,
        html=render_page(parts, nodes, edges),
        summary=summary,
        nodes=tuple(nodes),
        edges=tuple(edges),
        note=parts.note,
    )
