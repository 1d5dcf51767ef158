"""The cascade view: a superior document and a lower one side by side, their measures linked.

Superior measures stand on the left, the lower document's on the right, each link drawn between them
wider and more opaque the higher its pol:linkScore; superior measures nobody implements and lower
measures that implement nothing are marked. Clicking a link shows both measures' texts with the
characters its aligned passages share highlighted (from pol:Alignment offsets and the measures'
pol:charStart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policykg.graph.store.protocol import SparqlStore
from policykg.queries.cascade import Cascade, CascadeLink, CascadeMeasure, load_cascade
from policykg.viz.page import clip, environment, script_json
from policykg.viz.view import View

MIN_WIDTH, MAX_WIDTH = 1.0, 7.0  # a link's stroke width at score 0 and at score 1
MIN_OPACITY = 0.25  # a link's opacity at score 0 (1 at score 1)
TITLE_CHARS = 60  # a document title in the page's title is clipped to this many characters
CARD_CHARS = 90  # a measure's card shows this many characters; the details show all
LINK_COLOURS = {"copy": "#d62728", "same": "#1f77b4", "part": "#2ca02c"}
LEGEND = [
    {"kind": "copy", "label": "近乎照抄 near-verbatim copy", "color": LINK_COLOURS["copy"]},
    {"kind": "same", "label": "相同任务 same task", "color": LINK_COLOURS["same"]},
    {"kind": "part", "label": "部分任务 part of a broader measure", "color": LINK_COLOURS["part"]},
]
UNIMPLEMENTED, LOCAL = "unimplemented", "local"  # the marks of measures no link touches, by side


@dataclass(frozen=True)
class Span:
    """Characters of a measure's text to highlight: ``text[start:end]``."""

    start: int
    end: int


def cascade_view(store: SparqlStore, above: str | None = None, below: str | None = None) -> View:
    """Return the side-by-side view of superior and lower documents and the links between their measures.

    ``above`` and ``below`` are a document IRI or a source file name (every document of the file);
    a side not given holds every document on that side of a pol:implementsDocument pair.
    """
    cascade = load_cascade(store, above, below)
    upper, lower = cascade.side(cascade.upper_documents), cascade.side(cascade.lower_documents)
    linked = {link.upper for link in cascade.links} | {link.lower for link in cascade.links}
    nodes = [_measure_node(m, "upper", linked) for m in upper] + [
        _measure_node(m, "lower", linked) for m in lower
    ]
    edges = [_link_edge(link, cascade) for link in cascade.links]
    title = _title(cascade)
    unimplemented = sum(1 for n in nodes if n["kind"] == UNIMPLEMENTED)
    local = sum(1 for n in nodes if n["kind"] == LOCAL)
    note = f"{unimplemented} superior measures not implemented, {local} lower measures implementing none"
    html = (
        environment()
        .get_template("cascade.html")
        .render(
            title=title,
            legend=LEGEND,
            note=note,
            upper_documents=[t for _, t in cascade.upper_documents],
            lower_documents=[t for _, t in cascade.lower_documents],
            data=script_json({"nodes": nodes, "edges": edges, "documents": _documents(cascade)}),
        )
    )
    summary = f"{len(nodes)} measures and {len(edges)} links ({note})"
    return View(title=title, html=html, summary=summary, nodes=tuple(nodes), edges=tuple(edges), note=note)


def _title(cascade: Cascade) -> str:
    return f"上下级措施对照 Cascade: {_side_name(cascade.upper_documents)} → {_side_name(cascade.lower_documents)}"


def _side_name(documents: list[tuple[str, str]]) -> str:
    """Return the title of a side's one document, or its first one's and how many there are."""
    if not documents:
        return "—"
    first = clip(documents[0][1], TITLE_CHARS)
    return (
        first if len(documents) == 1 else f"{first} 等 {len(documents)} 个文件 ({len(documents)} documents)"
    )


def _documents(cascade: Cascade) -> dict[str, str]:
    return dict(cascade.upper_documents + cascade.lower_documents)


def _measure_node(measure: CascadeMeasure, side: str, linked: set[str]) -> dict[str, Any]:
    """Return a measure's record: its side, whether a link touches it, its number, card text and text."""
    kind = side if measure.iri in linked else (UNIMPLEMENTED if side == "upper" else LOCAL)
    return {
        "id": measure.iri,
        "side": side,
        "kind": kind,
        "document": measure.document,
        "number": measure.number,
        "label": clip(measure.title or measure.text, CARD_CHARS),
        "text": measure.text,
    }


def _link_edge(link: CascadeLink, cascade: Cascade) -> dict[str, Any]:
    """Return a link's record: its ends, strength, kind, and the spans to highlight on each side."""
    lower, upper = cascade.measures[link.lower], cascade.measures[link.upper]
    kind = "copy" if link.near_verbatim else link.relation
    return {
        "id": link.iri,
        "from": link.lower,
        "to": link.upper,
        "score": link.score,
        "relation": link.relation,
        "nearVerbatim": link.near_verbatim,
        "kind": kind,
        "color": LINK_COLOURS.get(kind, LINK_COLOURS["same"]),
        "width": round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * _unit(link.score), 2),
        "opacity": round(MIN_OPACITY + (1 - MIN_OPACITY) * _unit(link.score), 3),
        "lowerMarks": _marks(lower, [(a.lower_start, a.lower_end, a.shared_text) for a in link.alignments]),
        # pol:sharedText is the lower side's characters; the upper side holds them too unless reworded
        "upperMarks": _marks(upper, [(a.upper_start, a.upper_end, a.shared_text) for a in link.alignments]),
        "shared": [a.shared_text for a in link.alignments if a.shared_text],
    }


def _unit(score: float) -> float:
    return min(1.0, max(0.0, score))


def _marks(measure: CascadeMeasure, passages: list[tuple[int, int, str | None]]) -> list[list[int]]:
    """Return the [start, end) spans of a measure's text the passages cover, merged and in order."""
    spans = [s for start, end, shared in passages if (s := _span(measure, start, end, shared))]
    merged: list[list[int]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end])
    return merged


def _span(measure: CascadeMeasure, start: int, end: int, shared: str | None) -> Span | None:
    """Return where a passage stands in a measure's text.

    Offsets are in the source file's text, and a measure's text is that span with page breaks mended
    (page numbers, running heads taken out), so past a mended break they drift: where the text at the
    offsets is not the shared text, the occurrence of the shared text nearest the offsets is taken.
    """
    text, at = measure.text, start - measure.start
    if shared:
        if text[at : at + len(shared)] == shared:
            return Span(at, at + len(shared))
        found = [m.start() for m in re.finditer(re.escape(shared), text)]
        if found:
            nearest = min(found, key=lambda i: (abs(i - at), i))
            return Span(nearest, nearest + len(shared))
    stop = min(end - measure.start, len(text))
    return Span(max(at, 0), stop) if 0 <= at < stop else None
