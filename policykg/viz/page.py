"""Render a view as one offline HTML page: vis-network inlined, no request leaves the page.

pyvis's own templates link Bootstrap and other files from CDNs even in "in_line" mode; this page
inlines vis-network itself (the copy pyvis ships), forbids every request with a
Content-Security-Policy, and puts all notice text in as data (JSON escaped for a script element;
labels and tooltips are drawn as plain text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from policykg.viz.boxes import FONT_SIZE, NODE_SIZE

# vis-network shows a string title as text, not markup; keep titles plain text all the same
MAX_TITLE = 600
VIS_NETWORK = "vis-9.1.2"  # the vis-network release pyvis ships, under pyvis/lib
LABELLED_MAX = 3000
"""Above this many nodes a page draws no label at first (unreadable, and a second to lay out): it
labels the nodes in view once the user zooms in."""


@dataclass(frozen=True)
class PageParts:
    """What a view page shows besides the graph: its title, legend, filters and a note."""

    title: str
    legend: Sequence[dict[str, str]] = ()  # {"kind", "label", "color"}
    documents: Sequence[str] = ()
    departments: Sequence[str] = ()
    note: str = ""
    edge_legend: Sequence[dict[str, str]] = ()  # {"label", "color", "style"}: what edge colours mean


@cache
def environment() -> Environment:
    """Return the Jinja environment of the page templates (HTML autoescaped)."""
    return Environment(
        loader=PackageLoader("policykg.viz", "templates"), autoescape=select_autoescape(["html"])
    )


@cache
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / VIS_NETWORK
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def script_json(value: Any) -> str:
    """Return JSON safe to put inside a <script> element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_page(parts: PageParts, nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]) -> str:
    """Return the whole offline HTML page drawing ``nodes`` and ``edges`` (vis-network's fields)."""
    js, css = _vis_assets()
    data = {"nodes": list(nodes), "edges": list(edges)}
    return (
        environment()
        .get_template("view.html")
        .render(
            title=parts.title,
            legend=parts.legend,
            edge_legend=parts.edge_legend,
            documents=parts.documents,
            departments=parts.departments,
            note=parts.note,
            vis_js=js.replace("</script", "<\\/script"),
            vis_css=css,
            data=script_json(data),
            labelled_max=LABELLED_MAX,
            font_size=FONT_SIZE,
            node_size=NODE_SIZE,
        )
    )


def clip(text: str, size: int = MAX_TITLE) -> str:
    """Return text with its whitespace runs made single spaces, cut to ``size`` characters for a tooltip."""
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"
