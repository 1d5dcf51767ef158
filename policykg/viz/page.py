"""Write a pyvis network as one offline HTML page: vis-network inlined, no request leaves the page.

pyvis's own templates link Bootstrap and other files from CDNs even in "in_line" mode; this page
inlines vis-network itself, forbids every request with a Content-Security-Policy, and puts all notice
text in as data (JSON escaped for a script element; labels and tooltips are drawn as plain text).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

# vis-network shows a string title as text, not markup; keep titles plain text all the same
MAX_TITLE = 600


@dataclass
class ViewMeta:
    """What a view page shows besides the graph: its title, legend, filters and a note."""

    title: str
    legend: list[dict[str, str]] = field(default_factory=list)  # {"kind", "label", "color"}
    documents: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    note: str = ""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("policykg.viz", "templates"), autoescape=select_autoescape(["html"])
    )


@cache
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
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


def render_view(net: Any) -> str:
    """Return the HTML page of a view made by :mod:`policykg.viz.views`."""
    meta: ViewMeta = getattr(net, "policykg_meta", None) or ViewMeta(title="policykg")
    js, css = _vis_assets()
    data = {"nodes": net.nodes, "edges": net.edges}
    return (
        _environment()
        .get_template("view.html")
        .render(
            title=meta.title,
            legend=meta.legend,
            documents=meta.documents,
            departments=meta.departments,
            note=meta.note,
            vis_js=js.replace("</script", "<\\/script"),
            vis_css=css,
            data=script_json(data),
        )
    )


def write_view(net: Any, path: str | os.PathLike[str]) -> None:
    """Write a view's page to ``path`` (through a temporary file, so a failure leaves nothing half-written)."""
    html = render_view(net)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tmp = f"{path}.part"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(html)
    os.replace(tmp, path)


def clip(text: str, size: int = MAX_TITLE) -> str:
    """Return text cut to ``size`` characters for a tooltip."""
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"
