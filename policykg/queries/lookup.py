"""Look departments up by name or alias, and list the measures they carry by role.

A name matches a department when it equals its preferred label or any alias, ignoring whitespace,
character widths and Traditional/Simplified spelling. An unknown name raises an error that suggests
the nearest names. A name used in several jurisdictions (市政务办 in a city and in another city)
denotes a department in each: :func:`involvements` answers for every one, ``jurisdiction`` narrows
it to one, and :func:`resolve_department` asks for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from policykg.errors import QueryError
from policykg.graph.store.protocol import SparqlStore
from policykg.loaders.extract.vocabulary import ROLE_KEYS, ROLES
from policykg.ontology.terms import POL
from policykg.queries.named import load_query
from policykg.text.folding import folded_key

# how close (rapidfuzz WRatio, 0-100) a name must be to be suggested for one that matched nothing
SUGGESTION_SCORE = 50
SUGGESTIONS = 5

_ROLE_OF_PROPERTY = {getattr(POL, r.department_property): r for r in ROLES}


@dataclass(frozen=True)
class DepartmentRef:
    """A department node: its IRI, preferred label, jurisdiction and aliases."""

    iri: str
    label: str
    jurisdiction: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class MeasureRole:
    """One measure a department has one role in (``role`` is a key of the vocabulary's roles)."""

    role: str
    document: str
    document_title: str
    measure: str
    number: str
    order: int
    title: str | None
    text: str
    inherited: bool = False


@dataclass
class Involvement:
    """Everything a department does: its measures grouped by role, then by document."""

    department: DepartmentRef
    by_role: dict[str, list[MeasureRole]] = field(default_factory=dict)

    def count(self, role: str) -> int:
        """Return the number of measures in which the department has ``role``."""
        return len(self.by_role.get(role, []))


def all_departments(store: SparqlStore) -> list[DepartmentRef]:
    """Return every department in the store, sorted by jurisdiction and label."""
    labels: dict[str, tuple[str, str | None]] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in store.select(load_query("department-names").sparql):
        iri = row["dept"].value
        labels[iri] = (row["label"].value, row["jurisdiction"].value if row["jurisdiction"] else None)
        if row["alias"] is not None:
            aliases[iri].add(row["alias"].value)
    return sorted(
        (
            DepartmentRef(iri, label, j, tuple(sorted(aliases[iri] - {label})))
            for iri, (label, j) in labels.items()
        ),
        key=lambda d: (d.jurisdiction or "", d.label),
    )


def find_departments(store: SparqlStore, name: str, jurisdiction: str | None = None) -> list[DepartmentRef]:
    """Return the departments whose label or alias is ``name`` (in ``jurisdiction`` when given)."""
    key = folded_key(name)
    found = [d for d in all_departments(store) if key in {folded_key(n) for n in (d.label, *d.aliases)}]
    if jurisdiction is not None:
        found = [
            d for d in found if d.jurisdiction and folded_key(d.jurisdiction) == folded_key(jurisdiction)
        ]
    return found


def suggest(store: SparqlStore, name: str, limit: int = SUGGESTIONS) -> list[str]:
    """Return the department names nearest to ``name``, best first."""
    from rapidfuzz import fuzz, process

    names = sorted({n for d in all_departments(store) for n in (d.label, *d.aliases)})
    matches = process.extract(name, names, scorer=fuzz.WRatio, limit=limit, processor=folded_key)
    return [match for match, score, _ in matches if score >= SUGGESTION_SCORE]


def resolve_departments(
    store: SparqlStore, name: str, jurisdiction: str | None = None
) -> list[DepartmentRef]:
    """Return every department ``name`` denotes (in ``jurisdiction`` when given), by jurisdiction;
    raise :class:`QueryError` suggesting the nearest names when there is none."""
    found = find_departments(store, name, jurisdiction)
    if found:
        return found
    elsewhere = find_departments(store, name) if jurisdiction else []
    if elsewhere:
        places = ", ".join(sorted({d.jurisdiction or "?" for d in elsewhere}))
        raise QueryError(f"no department named {name!r} in {jurisdiction}; it names departments in {places}")
    where = f" in {jurisdiction}" if jurisdiction else ""
    nearest = suggest(store, name)
    hint = f"; nearest: {', '.join(nearest)}" if nearest else ""
    raise QueryError(f"no department named {name!r}{where}{hint}")


def resolve_department(store: SparqlStore, name: str, jurisdiction: str | None = None) -> DepartmentRef:
    """Return the one department ``name`` denotes, or raise :class:`QueryError` saying why not."""
    found = resolve_departments(store, name, jurisdiction)
    if len(found) == 1:
        return found[0]
    places = ", ".join(sorted({d.jurisdiction or "?" for d in found}))
    raise QueryError(f"{name!r} names departments in {places}; give the jurisdiction to choose one")


def involvements(
    store: SparqlStore, name: str, jurisdiction: str | None = None, roles: Iterable[str] | None = None
) -> list[Involvement]:
    """Return what each department ``name`` denotes does, one :class:`Involvement` per department
    (several when the name is used in several jurisdictions), by jurisdiction.

    ``jurisdiction`` keeps the department of that place; ``roles`` as for :func:`involvement`.
    """
    return [involvement(store, d, roles) for d in resolve_departments(store, name, jurisdiction)]


def involvement(
    store: SparqlStore, department: DepartmentRef, roles: Iterable[str] | None = None
) -> Involvement:
    """Return the measures a department leads, is responsible for and co-operates on.

    ``roles`` keeps only those role keys (all when None); roles come strongest first, and each
    role's measures in document order.
    """
    wanted = set(ROLE_KEYS if roles is None else roles)
    unknown = wanted - set(ROLE_KEYS)
    if unknown:
        raise QueryError(f"unknown role {sorted(unknown)[0]!r}; roles are {', '.join(ROLE_KEYS)}")
    found: dict[str, list[MeasureRole]] = {}
    for row in store.select(load_query("measures-involving").sparql, {"dept": NamedNode(department.iri)}):
        role = _ROLE_OF_PROPERTY[row["property"].value].key
        if role in wanted:
            found.setdefault(role, []).append(_measure_role(role, row))
    for items in found.values():
        items.sort(key=lambda m: (m.document, m.order))
    return Involvement(department, {r.key: found[r.key] for r in ROLES if r.key in found})


def _measure_role(role: str, row: dict) -> MeasureRole:
    return MeasureRole(
        role=role,
        document=row["document"].value,
        document_title=row["documentTitle"].value,
        measure=row["measure"].value,
        number=row["number"].value,
        order=int(row["order"].value),
        title=row["title"].value if row["title"] else None,
        text=row["text"].value,
        inherited=row["inherited"] is not None and row["inherited"].value == "true",
    )
