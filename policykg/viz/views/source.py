"""A notice's own text with every fact the graph holds of it marked where it was read, as displaCy
draws entities: measures (numbered, each an anchor), responsibility clauses underlined, each named
unit highlighted by its role, citations, deadlines and targets.

Offsets come from the graph (``pol:charStart`` / ``pol:charEnd``). The graph keeps no text, so the
caller passes the file's plain text (:func:`policykg.read_source` reads it); names, cited titles and
deadlines, which the graph holds as text, are found inside the span of the fact that states them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

from policykg.errors import PolicyKGError
from policykg.graph.store.protocol import SparqlStore
from policykg.queries.sources import SourceFacts, SourceFile, find_source, source_facts
from policykg.viz.links import anchor
from policykg.viz.marked_text import Mark, render_marked
from policykg.viz.page import environment
from policykg.viz.view import View
from policykg.viz.views.source_marks import (
    Searchable,
    citation_marks,
    clause_marks,
    deadline_marks,
    legend_entries,
    span_marks,
    target_marks,
    unit_marks,
)


def source_view(store: SparqlStore, text: str, source: str | SourceFile, sha256: str | None = None) -> View:
    """Return the page of one source file's plain ``text`` with every fact the store read from it marked.

    ``source`` is the file's name or IRI (or a document's IRI or title); given the ``sha256`` of the
    file just read, a file changed since it was built is refused (its offsets would point elsewhere).
    ``View.nodes`` holds one record per mark (``id``, ``kind``, ``start``, ``end`` …; a name not found
    in its clause has ``start`` None).
    """
    file = source if isinstance(source, SourceFile) else find_source(store, source)
    if sha256 is not None and sha256 != file.sha256:
        raise PolicyKGError(f"{file.name}: the file has changed since it was built; build it again")
    facts = source_facts(store, file)
    searchable = Searchable(text)
    marks: list[Mark] = []
    records: list[dict[str, Any]] = []
    for make in (span_marks, clause_marks, target_marks):
        found_marks, found_records = make(facts)
        marks += found_marks
        records += found_records
    for make_in_text in (unit_marks, citation_marks, deadline_marks):
        found_marks, found_records = make_in_text(facts, searchable)
        marks += found_marks
        records += found_records
    return _page(file, facts, text, marks, records)


def _page(
    file: SourceFile, facts: SourceFacts, text: str, marks: list[Mark], records: list[dict[str, Any]]
) -> View:
    """Return the View of the marked text, with its legend and a list of measures by document."""
    counts: dict[str, int] = defaultdict(int)
    for r in records:
        counts[r["kind"]] += 1
    lost = [r for r in records if r["start"] is None]
    summary = (
        f"{counts['measure']} measures, {counts['unit']} named units, {counts['clause']} clauses, "
        f"{counts['citation']} citations, {counts['deadline']} deadlines, {counts['target']} targets"
    )
    note = f"{len(lost)} not found in the text: " + "、".join(r["label"] for r in lost) if lost else ""
    title = f"原文 Source: {file.name}"
    html = (
        environment()
        .get_template("source.html")
        .render(
            title=title,
            documents=_contents(facts),
            legend=legend_entries(),
            summary=summary,
            note=note,
            body=Markup(render_marked(text, marks)),  # noqa: S704 - render_marked escapes the text
        )
    )
    return View(title, html, summary + (f" ({note})" if note else ""), tuple(records), (), note)


def _contents(facts: SourceFacts) -> list[dict[str, Any]]:
    """Return the documents in text order, each with its measures' numbers and anchors."""
    documents = [s for s in facts.spans if s.kind == "document"]
    measures: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s in facts.spans:
        if s.kind == "measure":
            measures[s.document].append({"number": s.number, "title": s.title, "anchor": anchor(s.iri)})
    return [
        {"title": d.title, "anchor": anchor(d.iri), "measures": measures.get(d.iri, [])}
        for d in sorted(documents, key=lambda d: (d.start, d.iri))
    ]
