"""The graph read into plain Python in one pass over the quads, for views and projections.

Streaming the quads of a few predicates is several times faster than SPARQL joins for whole-graph
pictures (see PERFORMANCE.md); the snapshot holds only what views draw.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.vocabulary import ROLES as VOCABULARY_ROLES
from policykg.ontology.terms import DCTERMS, POL, RDF, SKOS

ROLES = {getattr(POL, r.department_property): r.key for r in VOCABULARY_ROLES}
"""Each measure -> department property and the key of the role it states."""
CITATIONS = {POL.basedOn: "basis", POL.implements: "implements", POL.produces: "produces"}


@dataclass
class Snapshot:
    """Nodes by kind and the relations views draw, keyed by IRI."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    label: dict[str, str] = field(default_factory=dict)  # skos:prefLabel
    title: dict[str, str] = field(default_factory=dict)  # dcterms:title
    number: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    in_document: dict[str, str] = field(default_factory=dict)
    in_section: dict[str, str] = field(default_factory=dict)
    broader: dict[str, str] = field(default_factory=dict)
    part_of: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # measure -> (role, dept)
    generic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    cites: dict[str, dict[str, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # citer -> basis -> role
    serves: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    responsible_for_indicator: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    weight: dict[str, str] = field(default_factory=dict)
    level: dict[str, str] = field(default_factory=dict)  # indicators: 1 / 2; bases: national …
    form: dict[str, str] = field(default_factory=dict)
    jurisdiction: dict[str, str] = field(default_factory=dict)
    deadline: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)

    def of_type(self, cls: str) -> list[str]:
        """Return the IRIs of nodes of one class, in a stable order (document order where known)."""
        found = [n for n, t in self.types.items() if cls in t]
        return sorted(found, key=lambda n: (self.in_document.get(n, n), self.order.get(n, 0), n))

    def name(self, node: str) -> str:
        """Return the best short name of a node."""
        return (
            self.label.get(node) or self.title.get(node) or self.number.get(node) or node.rsplit("/", 1)[-1]
        )


def predicate_pairs(store: SparqlStore, predicate: str) -> Iterator[tuple[str, str]]:
    """Yield (subject, object) values of every quad with ``predicate``, once each.

    The same pair can stand in several graphs (a store filled by ``import``): it is yielded once.
    """
    seen: set[tuple[str, str]] = set()
    pairs = store.pairs_with(predicate)  # the embedded store reads its index, a server answers a SELECT
    for pair in pairs:
        if pair not in seen:
            seen.add(pair)
            yield pair


def load_snapshot(store: SparqlStore) -> Snapshot:
    """Return a snapshot of the whole store."""
    snap = Snapshot()

    def pairs(predicate: str) -> Iterator[tuple[str, str]]:
        return predicate_pairs(store, predicate)

    for s, o in pairs(RDF.type):
        snap.types[s].add(o)
    simple = {
        SKOS.prefLabel: snap.label,
        DCTERMS.title: snap.title,
        POL.number: snap.number,
        POL.text: snap.text,
        POL.inDocument: snap.in_document,
        POL.inSection: snap.in_section,
        SKOS.broader: snap.broader,
        DCTERMS.isPartOf: snap.part_of,
        POL.weight: snap.weight,
        POL.legalForm: snap.form,
        POL.jurisdiction: snap.jurisdiction,
        POL.deadline: snap.deadline,
        "http://www.w3.org/ns/prov#wasDerivedFrom": snap.source,
    }
    for predicate, target in simple.items():
        for s, o in pairs(predicate):
            target.setdefault(s, o)
    for s, o in pairs(POL.order):
        snap.order[s] = int(o)
    for s, o in pairs(POL.indicatorLevel):
        snap.level[s] = o
    for s, o in pairs(POL.basisLevel):
        snap.level[s] = o
    measures = {n for n, t in snap.types.items() if POL.Measure in t}
    for predicate, role in ROLES.items():
        for s, o in pairs(predicate):
            if s in measures:
                if (role, o) not in snap.roles[s]:
                    snap.roles[s].append((role, o))
            elif predicate == POL.responsibleDepartment and o not in snap.responsible_for_indicator[s]:
                snap.responsible_for_indicator[s].append(o)
    for s, o in pairs(POL.genericActor):
        if o not in snap.generic[s]:
            snap.generic[s].append(o)
    for s, o in pairs(POL.cites):
        snap.cites[s].setdefault(o, "mentions")
    for predicate, role in CITATIONS.items():
        for s, o in pairs(predicate):
            snap.cites[s][o] = role
    for s, o in pairs(POL.servesIndicator):
        snap.serves[s].add(o)
    return snap
