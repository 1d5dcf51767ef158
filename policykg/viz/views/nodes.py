"""Nodes several views draw alike: measures (with their roles in the tooltip), cited documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from policykg.loaders.extract.vocabulary import ROLES
from policykg.queries.snapshot import Snapshot
from policykg.viz.links import measure_href
from policykg.viz.page import clip
from policykg.viz.views.style import GENERIC_LABEL, node

EXCERPT_CHARS = 240  # of a measure's text, in its tooltip


def by_name(snap: Snapshot, items: Iterable[str]) -> list[str]:
    """Return ``items`` sorted by name, and by IRI among namesakes (市司法局 of two cities), so every
    drawing of a graph places them alike."""
    return sorted(items, key=lambda item: (snap.name(item), item))


def document_title(snap: Snapshot, document: str) -> str:
    """Return a document's title (its best short name when it has none): its label and filter entry."""
    return snap.title.get(document) or snap.name(document)


def document_of(snap: Snapshot, item: str) -> str:
    """Return the title of the document ``item`` stands in ("" when unknown)."""
    document = snap.in_document.get(item)
    return document_title(snap, document) if document else ""


def measure_title(snap: Snapshot, measure: str) -> str:
    """Return a measure's tooltip: document, number and title, departments by role, deadline, excerpt."""
    lines = [
        document_of(snap, measure),
        f"{snap.number.get(measure, '')}  {snap.title.get(measure, '')}".strip(),
    ]
    by_role: dict[str, list[str]] = defaultdict(list)
    for role, dept in snap.roles.get(measure, []):
        by_role[role].append(snap.name(dept))
    for role in ROLES:
        if by_role[role.key]:
            lines.append(f"{role.label}: {'、'.join(by_role[role.key])}")
    if snap.generic.get(measure):
        lines.append(f"{GENERIC_LABEL}: " + "、".join(snap.name(g) for g in snap.generic[measure]))
    if measure in snap.deadline:
        lines.append(f"完成时限 due: {snap.deadline[measure]}")
    lines.append("")
    lines.append(clip(snap.text.get(measure, ""), EXCERPT_CHARS))
    return clip("\n".join(lines))


def measure_node(
    snap: Snapshot, measure: str, pos: tuple[float, float], kind: str = "measure"
) -> dict[str, Any]:
    """Return a measure's node: number and title as label, roles and an excerpt as tooltip, and
    ``href``, its place in its notice's source page (``policykg viz source`` writes it)."""
    label = f"{snap.number.get(measure, '')} {snap.title.get(measure, '')}".strip()
    return node(
        measure,
        label,
        kind,
        pos,
        measure_title(snap, measure),
        documents=[document_of(snap, measure)],
        departments=[snap.name(d) for _, d in snap.roles.get(measure, [])],
        **source_link(snap, measure),
    )


def basis_node(snap: Snapshot, basis: str, pos: tuple[float, float]) -> dict[str, Any]:
    """Return a cited document's node: its title, form and level."""
    title = snap.title.get(basis, "")
    tooltip = f"《{title}》\n{snap.form.get(basis, '')}\n{snap.level.get(basis, 'unknown')}"
    return node(basis, title, "basis", pos, tooltip)


def document_node(snap: Snapshot, document: str, pos: tuple[float, float]) -> dict[str, Any]:
    """Return a document's node, titled and filtered by its title, linked to its place in its source page."""
    title = document_title(snap, document)
    return node(document, title, "document", pos, title, documents=[title], **source_link(snap, document))


def source_link(snap: Snapshot, item: str) -> dict[str, str]:
    """Return ``{"href": …}``, the place of a measure or document in its source page ({} when unknown)."""
    source = snap.source.get(item)
    return {"href": measure_href(item, source)} if source else {}


def department_node(
    snap: Snapshot, department: str, pos: tuple[float, float], **extra: Any
) -> dict[str, Any]:
    """Return a department's node, named and filtered by its name (``extra`` may replace the tooltip)."""
    name = snap.name(department)
    fields: dict[str, Any] = {"title": name, "departments": [name], **extra}
    return node(department, name, "department", pos, **fields)
