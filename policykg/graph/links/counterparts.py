"""Counterpart departments across levels: the body with the same function one level up.

A department's *functional core* is its name without the party prefix, its place or level prefix and
its ending (市市场监督管理局 → 市场监督管理, 县市场监管局 → 市场监管). A lower department's counterpart is
an upper department of a higher level whose office is of the same kind (vocabulary ``OFFICE_KINDS``:
局/厅/委 …, 办/办公室 …, 中心 …) and whose core equals its own, or abbreviates it or is abbreviated by
it the way the graph groups one level's spellings (the short core found in order inside the long one,
two characters or more and a quarter of it at least: 发改 ↔ 发展和改革).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.jurisdiction import level_of, place_at_start
from policykg.loaders.extract.vocabulary import NAME_SHORT_FORMS, OFFICE_KINDS
from policykg.text.folding import folded_key

LEVEL_RANKS = {"county": 0, "city": 1, "province": 2}
"""Administrative levels from the bottom up: a counterpart sits on a higher level."""
LEVEL_PREFIXES = "省市县区"
"""A name written from its own level opens with one of these: 市财政局, 县政务办."""
PARTY_PREFIX = NAME_SHORT_FORMS["中国共产党"]
# an abbreviation keeps at least this many characters and this share of the full core (as the graph's
# own grouping of one level's spellings does: 市应急局 ⊂ 市应急管理局)
MIN_ABBREVIATION = 2
MIN_ABBREVIATION_SHARE = 0.25
EXACT, ABBREVIATION = 2, 1  # how well two cores match; the best match wins
_MARKET = "场"  # 市场… opens with 市 but names a market, not a level


class DepartmentNames(NamedTuple):
    """A department as counterparts are found from: its IRI, every label, its place (None if unknown)."""

    iri: str
    labels: tuple[str, ...]
    place: str | None = None
    level: str | None = None  # county, city or province; read from the place when not given


@dataclass(frozen=True)
class _Function:
    """What a department name says it does: its office kind and functional core."""

    kind: int
    core: str


@cache
def office_kind(name: str) -> tuple[int, str] | None:
    """Return the index of the office kind a name ends with and the ending, or None for no known kind.

    >>> office_kind("县政务服务管理办公室")
    (1, '办公室')
    """
    for k, endings in enumerate(OFFICE_KINDS):
        ending = max((e for e in endings if name.endswith(e)), key=len, default=None)
        if ending:
            return k, ending
    return None


@cache
def functional_core(name: str) -> str:
    """Return a department name without party prefix, place or level prefix, and ending.

    >>> functional_core("连云港市市场监督管理局")
    '市场监督管理'
    >>> functional_core("中共灌南县委办公室")
    '委'
    """
    rest = folded_key(name)
    for full, short in NAME_SHORT_FORMS.items():
        rest = rest.replace(full, short)
    rest = rest.removeprefix(PARTY_PREFIX)
    place = place_at_start(rest)
    if place and place in rest:
        rest = rest[rest.index(place) + len(place) :]
    if len(rest) > 1 and rest[0] in LEVEL_PREFIXES and rest[1] != _MARKET:
        rest = rest[1:]
    kind = office_kind(rest)
    core = rest[: -len(kind[1])] if kind else rest
    return core or rest  # 县委: the office's whole name is its function


def _functions(labels: Iterable[str]) -> set[_Function]:
    found = set()
    for label in labels:
        kind = office_kind(folded_key(label))
        if kind is not None:
            found.add(_Function(kind[0], functional_core(label)))
    return found


def _abbreviates(short: str, long: str) -> bool:
    """True when ``short`` reads as an abbreviation of ``long`` (发改 ⊂ 发展和改革)."""
    if len(short) < MIN_ABBREVIATION or len(short) >= len(long) or short[0] != long[0]:
        return False
    if len(short) < MIN_ABBREVIATION_SHARE * len(long):
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def core_match(lower: str, upper: str) -> int:
    """Return EXACT, ABBREVIATION (either way round) or 0 for two functional cores."""
    if lower == upper:
        return EXACT
    if _abbreviates(lower, upper) or _abbreviates(upper, lower):
        return ABBREVIATION
    return 0


def _level(record: DepartmentNames) -> str | None:
    if record.level in LEVEL_RANKS:
        return record.level
    return level_of(record.place) if record.place else None


def _above(lower: DepartmentNames, upper: DepartmentNames) -> int | None:
    """Return how many levels ``upper`` sits above ``lower`` (1 when unknown), None when not above."""
    low, up = _level(lower), _level(upper)
    if low is None or up is None:
        return 1 if lower.place != upper.place or lower.place is None else None
    gap = LEVEL_RANKS[up] - LEVEL_RANKS[low]
    return gap if gap > 0 else None


def _as_record(item: DepartmentNames | Sequence) -> DepartmentNames:
    """Accept (iri, label or labels, place[, level]) tuples as well as records."""
    iri, labels, *rest = item
    labels = (labels,) if isinstance(labels, str) else tuple(labels)
    return DepartmentNames(iri, labels, *rest)


def counterpart_pairs(
    lower_departments: Iterable[DepartmentNames | Sequence],
    upper_departments: Iterable[DepartmentNames | Sequence],
) -> list[tuple[str, str]]:
    """Return (lower IRI, upper IRI) for each lower department and its counterpart one level up or more.

    Records are ``(iri, label or labels, place)`` with an optional level. The best match wins: the
    nearest level above first, then the same core before an abbreviation, then the
    larger shared share of the longer core; matches equally good are all kept. Sorted.
    """
    uppers = [(u, _functions(u.labels)) for u in map(_as_record, upper_departments)]
    pairs: set[tuple[str, str]] = set()
    for lower in map(_as_record, lower_departments):
        mine = _functions(lower.labels)
        best: tuple[int, int, float] | None = None
        chosen: list[str] = []
        for upper, theirs in uppers:
            gap = _above(lower, upper) if upper.iri != lower.iri else None
            score = _best_match(mine, theirs) if gap else None
            if score is None:
                continue
            rank = (-gap, *score)
            if best is None or rank > best:
                best, chosen = rank, [upper.iri]
            elif rank == best:
                chosen.append(upper.iri)
        pairs.update((lower.iri, u) for u in chosen)
    return sorted(pairs)


def _best_match(mine: set[_Function], theirs: set[_Function]) -> tuple[int, float] | None:
    """Return the best (match kind, share of the longer core) over two sets of functions, or None."""
    best = None
    for a in mine:
        for b in theirs:
            if a.kind != b.kind:
                continue
            match = core_match(a.core, b.core)
            if match:
                score = (match, min(len(a.core), len(b.core)) / max(len(a.core), len(b.core)))
                best = score if best is None or score > best else best
    return best


def document_departments(store: SparqlStore, document: str) -> list[DepartmentNames]:
    """Return the departments named in roles of a document's measures, with labels, place and level."""
    rows = store.select(_sparql("document-departments.rq"), {"document": _iri(document)})
    found: dict[str, tuple[set[str], str | None, str | None]] = {}
    for row in rows:
        iri = row["dept"].value
        labels, place, level = found.setdefault(
            iri, (set(), _text(row.get("place")), _text(row.get("level")))
        )
        labels.add(row["label"].value)
    return [
        DepartmentNames(iri, tuple(sorted(labels)), place, level)
        for iri, (labels, place, level) in sorted(found.items())
    ]


def document_counterparts(
    store: SparqlStore, lower_document: str, upper_document: str
) -> list[tuple[str, str]]:
    """Return (lower department, upper department) counterpart IRIs for a lower and an upper document."""
    return counterpart_pairs(
        document_departments(store, lower_document), document_departments(store, upper_document)
    )


def _sparql(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _iri(value: str) -> object:
    from pyoxigraph import NamedNode

    return NamedNode(value)


def _text(term: object) -> str | None:
    return None if term is None else re.sub(r"\s+", "", term.value)
