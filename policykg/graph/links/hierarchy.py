"""Which documents are above which: from the places' levels, from cited titles, or as a user declared.

A document belongs to the place its title opens with (连云港市打造…实施方案), else to the place whose
departments it names most often (in its measures' roles and as its issuer), else to the place of the
document it is part of, else to the place most of its file's documents belong to. A document is below the documents of its place's parent (a 县's 市, a 市's
省; the nearest level up that has documents); below a stored document whose title it implements or
is based on (贯彻落实《X》, 根据《X》: a cited notice stands for the plans it issued); and below any
document a user declared it to be below. Only documents that hold measures are paired.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.jurisdiction import level_of, place_at_start
from policykg.ontology.terms import ID_NS
from policykg.text.folding import fold

from .queries import sparql

LEVEL_RANKS = {"county": 0, "city": 1, "province": 2}  # from the bottom up
MAX_LEVELS_UP = 3  # a county's city, province, and the country above: no deeper chain exists
DECLARED_GRAPH = f"{ID_NS}declared-links"  # the pairs users declared with `link --above --below`


@dataclass
class DocumentInfo:
    """A stored document as the hierarchy sees it."""

    iri: str
    file: str
    title: str = ""
    parent: str | None = None
    place: str | None = None  # the place's IRI
    measures: int = 0


@dataclass
class Hierarchy:
    """The store's documents, places and which document is below which (and why)."""

    documents: dict[str, DocumentInfo]
    place_names: dict[str, str] = field(default_factory=dict)  # place IRI -> name
    place_parents: dict[str, str] = field(default_factory=dict)  # place IRI -> parent place IRI
    place_levels: dict[str, str] = field(default_factory=dict)  # place IRI -> level
    pairs: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (lower, upper) -> reasons

    def level(self, document: str) -> str | None:
        """Return the level of a document's place (county, city, province), None when unknown."""
        place = self.documents[document].place
        return None if place is None else self.place_levels.get(place)

    def uppers(self, lower: str) -> list[str]:
        """Return the documents ``lower`` is below, sorted."""
        return sorted(u for (low, u) in self.pairs if low == lower)

    def lower_files(self) -> set[str]:
        """Return the files holding a document that is below another one."""
        return {self.documents[low].file for (low, _) in self.pairs}


def _compact(title: str) -> str:
    return re.sub(r"\s+", "", fold(title))


def read_hierarchy(store: SparqlStore, measure_counts: dict[str, int]) -> Hierarchy:
    """Return the documents of ``store`` with their places, and every pair of a lower and an upper
    document the places, the cited titles and the declared pairs give (``measure_counts``: how many
    measures each document holds)."""
    documents: dict[str, DocumentInfo] = {}
    for row in store.select(sparql("link-documents.rq")):
        iri = row["document"].value
        info = documents.setdefault(iri, DocumentInfo(iri, row["file"].value))
        info.measures = measure_counts.get(iri, 0)
        info.title = row["title"].value if row.get("title") else info.title
        info.parent = row["parent"].value if row.get("parent") else info.parent
    hierarchy = Hierarchy(documents)
    _read_places(store, hierarchy)
    _place_documents(store, hierarchy)
    for low, up in _place_pairs(hierarchy):
        hierarchy.pairs.setdefault((low, up), set()).add("places")
    for low, up in _citation_pairs(store, hierarchy):
        hierarchy.pairs.setdefault((low, up), set()).add("citation")
    for row in store.select(sparql("declared-pairs.rq")):
        low, up = row["lower"].value, row["upper"].value
        if low in documents and up in documents:
            hierarchy.pairs.setdefault((low, up), set()).add("declared")
    return hierarchy


def _read_places(store: SparqlStore, hierarchy: Hierarchy) -> None:
    for row in store.select(sparql("link-places.rq")):
        place = row["place"].value
        hierarchy.place_names[place] = row["name"].value
        level = row["level"].value if row.get("level") else level_of(row["name"].value)
        hierarchy.place_levels[place] = level
        if row.get("parent"):
            hierarchy.place_parents[place] = row["parent"].value


def _place_documents(store: SparqlStore, hierarchy: Hierarchy) -> None:
    """Give each document its place: from its title, its departments, or the document it is part of."""
    by_name = {name: iri for iri, name in hierarchy.place_names.items()}
    mentions: dict[str, Counter[str]] = defaultdict(Counter)
    for row in store.select(sparql("link-document-places.rq")):
        mentions[row["document"].value][row["place"].value] += int(row["mentions"].value)
    for info in hierarchy.documents.values():
        named = place_at_start(info.title) if info.title else None
        if named in by_name:
            info.place = by_name[named]
        elif mentions.get(info.iri):
            info.place = max(sorted(mentions[info.iri]), key=mentions[info.iri].__getitem__)
    for info in hierarchy.documents.values():
        parent = hierarchy.documents.get(info.parent or "")
        if info.place is None and parent is not None:
            info.place = parent.place
    by_file: dict[str, Counter[str]] = defaultdict(Counter)
    for info in hierarchy.documents.values():
        if info.place:
            by_file[info.file][info.place] += 1
    for info in hierarchy.documents.values():  # an attachment naming no one (an indicator table)
        if info.place is None and by_file.get(info.file):
            info.place = max(sorted(by_file[info.file]), key=by_file[info.file].__getitem__)


def _place_pairs(hierarchy: Hierarchy) -> list[tuple[str, str]]:
    """Pair each document holding measures with those of the nearest place above its own that has any."""
    by_place: dict[str, list[str]] = defaultdict(list)
    for info in hierarchy.documents.values():
        if info.place and info.measures:
            by_place[info.place].append(info.iri)
    pairs = []
    for info in hierarchy.documents.values():
        place = info.place
        for _ in range(MAX_LEVELS_UP):
            place = hierarchy.place_parents.get(place or "")
            if place is None or place == info.place:
                break
            if by_place.get(place) and info.measures:
                pairs.extend((info.iri, up) for up in by_place[place])
                break
    return pairs


def _citation_pairs(store: SparqlStore, hierarchy: Hierarchy) -> list[tuple[str, str]]:
    """Pair a document with the stored documents of another file whose titles it implements or is
    based on; a cited document without measures (a notice) stands for the documents it issued."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for info in hierarchy.documents.values():
        if info.title:
            by_title[_compact(info.title)].append(info.iri)
    children: dict[str, list[str]] = defaultdict(list)
    for info in hierarchy.documents.values():
        if info.parent:
            children[info.parent].append(info.iri)
    pairs = []
    for row in store.select(sparql("link-cited-titles.rq")):
        citing = row["document"].value
        if citing not in hierarchy.documents:
            continue
        for cited in by_title.get(_compact(row["title"].value), []):
            for low in _holding_measures(citing, hierarchy, children):
                for up in _holding_measures(cited, hierarchy, children):
                    if hierarchy.documents[up].file != hierarchy.documents[low].file:
                        pairs.append((low, up))
    return pairs


def _holding_measures(document: str, hierarchy: Hierarchy, children: dict[str, list[str]]) -> list[str]:
    """Return the document when it holds measures, else the documents it issued that do."""
    if hierarchy.documents[document].measures:
        return [document]
    return [c for c in children.get(document, []) if hierarchy.documents[c].measures]
