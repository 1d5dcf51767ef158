"""The marks of a source page, one function per kind of fact: each returns the marks it draws and one
record per fact (``kind``, ``id``, ``start``, ``end`` …), so a caller can count what was marked.

Names, cited titles and deadlines are held in the graph as text: they are looked for, folded
(Traditional and full-width forms match their plain ones, character for character), inside the
span of the clause, measure or document that states them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Any

from policykg.loaders.extract.vocabulary import GENERIC, ROLE_KEYS
from policykg.queries.sources import Naming, SourceFacts, Span
from policykg.text.folding import fold
from policykg.viz.links import anchor
from policykg.viz.marked_text import Mark
from policykg.viz.views.style import (
    CITATION_COLOURS,
    CITATION_LABELS,
    DEADLINE_COLOUR,
    GENERIC_LABEL,
    KINDS,
    OTHER_CITATION_COLOUR,
    ROLE_COLOURS,
    TARGET_COLOUR,
    ink,
    role_label,
)

Marked = tuple[list[Mark], list[dict[str, Any]]]
LAYERS = {"document": 0, "section": 1, "measure": 2, "indicator": 2, "clause": 3, "fact": 4, "unit": 5}
DARK_TEXT = "#222"
ROLE_ORDER = {key: k for k, key in enumerate(ROLE_KEYS)}


def _record(kind: str, iri: str, start: int | None, end: int | None, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "id": iri, "start": start, "end": end, **extra}


def span_marks(facts: SourceFacts) -> Marked:
    """Return the marks of documents and sections (anchors), measures (numbered) and indicators."""
    marks, records = [], []
    for s in facts.spans:
        head = f"{s.number}" if s.kind == "measure" else ""
        title = f"{s.number} {s.title}".strip()
        marks.append(
            Mark(
                s.start,
                s.end,
                LAYERS[s.kind],
                "span",
                s.kind,
                (("title", title),) if title else (),
                anchor=anchor(s.iri) if s.kind in ("measure", "document") else "",
                head=head,
            )
        )
        records.append(_record(s.kind, s.iri, s.start, s.end, label=title))
    return marks, records


def clause_marks(facts: SourceFacts) -> Marked:
    """Return an underline for every responsibility clause."""
    marks, records = [], []
    for clause, (measure, start, end) in facts.clauses.items():
        marks.append(Mark(start, end, LAYERS["clause"], "span", "clause"))
        records.append(_record("clause", clause, start, end, measure=measure))
    return marks, records


def target_marks(facts: SourceFacts) -> Marked:
    """Return a mark for every target of a measure."""
    marks, records = [], []
    for t in facts.targets:
        style = f"border-bottom-color: {TARGET_COLOUR}"
        marks.append(
            Mark(
                t.start, t.end, LAYERS["fact"], "span", "fact target", (("style", style),), tail="目标 target"
            )
        )
        records.append(_record("target", t.iri, t.start, t.end, measure=t.item, label=t.text))
    return marks, records


class Searchable:
    """A text folded and without whitespace, for finding a name or title however the notice breaks
    it (a page break or spaces inside 连云港供电公司 or 《…100 条》), with offsets into the text."""

    def __init__(self, text: str) -> None:
        folded = fold(text)
        self.kept = [i for i, c in enumerate(folded) if not c.isspace()]  # compact index -> offset
        self.compact = "".join(folded[i] for i in self.kept)

    def find_all(self, needle: str, start: int, end: int) -> list[tuple[int, int]]:
        """Return where ``needle`` stands in the text's ``[start, end)``, left to right, not overlapping."""
        key = "".join(fold(needle).split())
        found: list[tuple[int, int]] = []
        at, stop = bisect_left(self.kept, start), bisect_left(self.kept, end)
        while key:
            at = self.compact.find(key, at, stop)
            if at < 0:
                break
            found.append((self.kept[at], self.kept[at + len(key) - 1] + 1))
            at += len(key)
        return found


def _free(spot: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(spot[1] <= s or e <= spot[0] for s, e in taken)


def unit_marks(facts: SourceFacts, text: Searchable) -> Marked:
    """Return each unit a clause names, highlighted by its role where its clause writes it (any
    spelling; where the clause does not, its measure); a unit found nowhere gets a record with no offsets.

    The longest spellings of all a clause's units are placed first, so a short one (广东, from
    广东、深圳检验检疫局) never takes the place of a longer name holding it (海关广东分署). A unit named
    twice in one clause in two roles (X牵头，…X…负责) gets its places in turn, first role first.
    """
    marks, records = [], []
    measure_span = {s.iri: (s.start, s.end) for s in facts.spans if s.kind == "measure"}
    by_clause: dict[str, dict[str, list[Naming]]] = defaultdict(lambda: defaultdict(list))
    for n in facts.namings:
        by_clause[n.clause][n.unit].append(n)
    for clause, units in sorted(by_clause.items()):
        first = next(iter(units.values()))[0]
        spots = _clause_spots(text, units, (first.start, first.end))
        lost = {u: namings for u, namings in units.items() if not spots.get(u)}
        if lost:  # named in the clause but written elsewhere in its measure (a table's other cell)
            where = measure_span.get(first.measure, (0, 0))
            spots |= _clause_spots(text, lost, where, [p for found in spots.values() for p in found])
        for unit, namings in sorted(units.items()):
            namings.sort(key=lambda n: ROLE_ORDER.get(n.role, len(ROLE_ORDER)))
            places = sorted(spots.get(unit, []))
            for k, n in enumerate(namings):
                # the k-th role takes the k-th place; the last role takes the places left
                mine = places[k : k + 1] if k < len(namings) - 1 else places[k:] or places[-1:]
                marks += [_unit_mark(n, a, b) for a, b in mine]
                at = mine[0] if mine else (None, None)
                records.append(
                    _record(
                        "unit", unit, *at, role=n.role, clause=clause, label=n.spellings[0], places=len(mine)
                    )
                )
    return marks, records


def _clause_spots(
    text: Searchable,
    units: dict[str, list[Naming]],
    where: tuple[int, int],
    taken: list[tuple[int, int]] | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """Return where each unit's spellings stand in ``where``, the longest spellings placed first."""
    candidates = [
        (-len(spelling), spot, unit)
        for unit, namings in units.items()
        for spelling in set(namings[0].spellings)
        for spot in text.find_all(spelling, *where)
    ]
    placed = list(taken or [])
    spots: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for _, spot, unit in sorted(candidates):
        if _free(spot, placed):
            placed.append(spot)
            spots[unit].append(spot)
    return spots


def _unit_mark(n: Naming, start: int, end: int) -> Mark:
    """Return the highlight of a named unit, coloured and labelled by its role."""
    colour = ROLE_COLOURS[n.role]
    label = GENERIC_LABEL if n.role == GENERIC else role_label(n.role)
    style = f"background: {colour}; color: {ink(colour)}"
    return Mark(start, end, LAYERS["unit"], "mark", f"unit {n.role}", (("style", style),), tail=label)


def citation_marks(facts: SourceFacts, text: Searchable) -> Marked:
    """Return each cited title (with its 《》 where written), inside the measure or document citing it."""
    spans = {s.iri: s for s in facts.spans}
    marks, records, taken = [], [], []
    # measures first: a document's citation is looked for where no measure's already stands
    for c in sorted(facts.citations, key=lambda c: (spans[c.item].kind != "measure", c.item, c.basis)):
        item = spans.get(c.item)
        spots = _citation_spots(text, c.title, item) if item else []
        spots = [p for p in spots if _free(p, taken)][:1] if item and item.kind != "measure" else spots
        taken += spots
        colour = CITATION_COLOURS.get(c.role, OTHER_CITATION_COLOUR)
        style = f"border-bottom-color: {colour}"
        tail = CITATION_LABELS.get(c.role, c.role)
        marks += [
            Mark(s, e, LAYERS["fact"], "span", "fact citation", (("style", style),), tail=tail)
            for s, e in spots
        ]
        first = spots[0] if spots else (None, None)
        records.append(_record("citation", c.basis, *first, item=c.item, role=c.role, label=f"《{c.title}》"))
    return marks, records


def _citation_spots(text: Searchable, title: str, item: Span) -> list[tuple[int, int]]:
    """Return where ``title`` is cited in ``item``: 《title》 where written so, else the bare title."""
    return text.find_all(f"《{title}》", item.start, item.end) or text.find_all(title, item.start, item.end)


def _rows(facts: SourceFacts) -> dict[str, int]:
    """Return where each measure's row ends: the start of the next measure of its document, or the
    document's end (a table's deadline column stands after the task's cell)."""
    ends = {s.iri: s.end for s in facts.spans if s.kind == "document"}
    measures = sorted((s for s in facts.spans if s.kind == "measure"), key=lambda s: (s.document, s.start))
    rows = {}
    for m, after in zip(measures, [*measures[1:], None], strict=True):
        same = after is not None and after.document == m.document
        rows[m.iri] = max(m.end, after.start if same else ends.get(m.document, m.end))
    return rows


def deadline_marks(facts: SourceFacts, text: Searchable) -> Marked:
    """Return each measure's deadline as written: the last place inside the measure (where clauses
    end), else the first after it in its row, else the last before it in its document (a table's
    merged cell, filled down to the rows under it); a place several measures share is drawn once."""
    marks, records = [], []
    rows = _rows(facts)
    starts = {s.iri: s.start for s in facts.spans if s.kind == "document"}
    drawn: set[tuple[int, int]] = set()
    for s in facts.spans:
        if s.kind != "measure" or not s.deadline_text:
            continue
        spots = (
            text.find_all(s.deadline_text, s.start, s.end)[-1:]
            or text.find_all(s.deadline_text, s.end, rows[s.iri])[:1]
            or text.find_all(s.deadline_text, starts.get(s.document, 0), s.start)[-1:]
        )
        tail = f"时限 due {s.deadline}" if s.deadline else "时限 due"
        style = f"border-bottom-color: {DEADLINE_COLOUR}"
        marks += [
            Mark(a, b, LAYERS["fact"], "span", "fact deadline", (("style", style),), tail=tail)
            for a, b in spots
            if (a, b) not in drawn
        ]
        drawn.update(spots)
        first = spots[0] if spots else (None, None)
        records.append(_record("deadline", s.iri, *first, label=s.deadline_text))
    return marks, records


def legend_entries() -> list[dict[str, str]]:
    """Return the page's legend: each role's colour, and how measures, clauses and other facts look."""
    entries = [
        {
            "kind": f"unit {key}",
            "label": GENERIC_LABEL if key == GENERIC else role_label(key),
            "color": colour,
        }
        for key, colour in ROLE_COLOURS.items()
    ]
    entries.append({"kind": "measure", "label": KINDS["measure"][0], "color": KINDS["measure"][1]})
    entries.append(
        {"kind": "clause", "label": "责任条款 responsibility clause (underlined)", "color": DARK_TEXT}
    )
    entries += [
        {"kind": "citation", "label": CITATION_LABELS[r], "color": c} for r, c in CITATION_COLOURS.items()
    ]
    entries.append({"kind": "deadline", "label": "时限 deadline", "color": DEADLINE_COLOUR})
    entries.append({"kind": "target", "label": "目标 target", "color": TARGET_COLOUR})
    return entries
