"""One identity per department per jurisdiction, however it is written.

Names are grouped when a notice writes one as an alias of the other (``县发改委（县信用办）``), when
one is the other with the jurisdiction spelt out (``连云港市税务局`` = ``市税务局``), or when one is an
unambiguous abbreviation of the other (``市应急局`` ⊂ ``市应急管理局``, ``市政务办`` ⊂
``市政务服务管理办公室``): same level prefix, same kind of office, the short body (two characters or
more, and at least a quarter of the long body) found in order inside the long one, and no second
long name it could abbreviate.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from policykg.graph import iris
from policykg.loaders.extract.jurisdiction import level_of, place_at_start, short_name
from policykg.loaders.extract.model import ParsedSource
from policykg.text.folding import folded_key

FILE_SCOPE = "file:"
"""Prefix of the scope of a department whose notice names no place: the source file that names it."""
_SUFFIX_FAMILIES = (("办公室", "办公厅", "办"), ("委员会", "委"), ("局",), ("厅",), ("中心",), ("院",))


@dataclass
class Department:
    """A department as the graph will state it."""

    scope: str  # its jurisdiction (a place), or FILE_SCOPE + the key of the one file that names it
    label: str  # the spelling its notices use most
    names: list[str] = field(default_factory=list)  # every spelling met, label first
    iri: str = ""
    stored_label: str | None = None  # the prefLabel a store already gives it (its IRI is kept too)

    @property
    def pref_label(self) -> str:
        """Return the label to state: the one the store has, else the spelling used most."""
        return self.stored_label or self.label

    @property
    def jurisdiction(self) -> str | None:
        """Return the place the department belongs to, or None when its notice names no place."""
        return None if self.scope.startswith(FILE_SCOPE) else self.scope

    @property
    def jurisdiction_level(self) -> str | None:
        """Return the level of the department's jurisdiction (province, city, county), None if unknown."""
        return None if self.jurisdiction is None else level_of(self.jurisdiction)


class StoredLabel(NamedTuple):
    """One label of a department a store already holds."""

    iri: str
    label: str
    preferred: bool  # its skos:prefLabel (else an altLabel)
    place: str | None  # its jurisdiction, None for a department scoped to its file


def scope_of(parsed: ParsedSource) -> str:
    """Return where a notice's departments belong: its place, or the file itself when it names none."""
    return parsed.jurisdiction or FILE_SCOPE + iris.source_key(parsed.source.name)


def department_iri(scope: str, key: str) -> str:
    """Return the IRI of the department of ``scope`` whose identity key is ``key``."""
    if scope.startswith(FILE_SCOPE):
        return iris.file_department_iri(scope[len(FILE_SCOPE) :], key)
    return iris.department_iri(scope, key)


def generic_actor_iri(scope: str, name: str) -> str:
    """Return the IRI of the generic actor ``name`` (市相关部门, 各县区) of ``scope``."""
    if scope.startswith(FILE_SCOPE):
        return iris.file_generic_actor_iri(scope[len(FILE_SCOPE) :], name)
    return iris.generic_actor_iri(scope, name)


def _suffix_family(name: str) -> int | None:
    for k, family in enumerate(_SUFFIX_FAMILIES):
        if name.endswith(family):
            return k
    return None


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def abbreviates(short: str, long: str) -> bool:
    """True when ``short`` reads as an abbreviation of ``long`` (市应急局 → 市应急管理局).

    >>> abbreviates("市应急局", "市应急管理局")
    True
    >>> abbreviates("县委办", "县委编办")
    False
    """
    if len(short) >= len(long) or short[0] != long[0]:
        return False
    family = _suffix_family(short)
    if family is None or family != _suffix_family(long):
        return False
    suffix = next(s for s in _SUFFIX_FAMILIES[family] if short.endswith(s))
    long_suffix = next(s for s in _SUFFIX_FAMILIES[family] if long.endswith(s))
    body, long_body = short[1 : -len(suffix)], long[1 : -len(long_suffix)]
    # an abbreviation keeps a fair share of the name: 市政府办公室 abbreviates no 24-character office
    return len(body) >= 2 and len(body) >= 0.25 * len(long_body) and _is_subsequence(body, long_body)


def department_scope(name: str, parsed: ParsedSource) -> str:
    """Return the scope a department name belongs to, given the notice that names it."""
    home = scope_of(parsed)
    folded = folded_key(name)
    place = place_at_start(folded)
    # 人行市中心支行 opens with no place: trust a prefix the notice itself names, or a province
    if place and (place in parsed.known_places or place.endswith(("省", "自治区"))):
        return place
    if parsed.jurisdiction and folded.startswith(short_name(parsed.jurisdiction)):
        return home
    if folded.startswith("市") and parsed.jurisdiction and level_of(parsed.jurisdiction) == "county":
        return parsed.parent_jurisdiction or home
    return home


class Mentions(NamedTuple):
    """The department names one source mentions, each with its scope: what the registry needs of it."""

    names: list[tuple[str, str]]  # (scope, name), once per mention
    aliases: list[tuple[str, str, str]]  # (scope, name, alias) declared in the text


def mentions_in(parsed: ParsedSource) -> Mentions:
    """Return every department name ``parsed`` mentions (and every alias it declares), with its scope."""
    names = [(department_scope(name, parsed), name) for name in _names_in(parsed)]
    aliases = []
    for measure in parsed.measures:
        for clause in measure.clauses:
            for a in clause.assignments:
                for alias in a.actor.aliases:
                    aliases.append((department_scope(a.actor.name, parsed), a.actor.name, alias))
    return Mentions(names, aliases)


class DepartmentRegistry:
    """Collects department names from parsed sources and resolves each to one :class:`Department`.

    A department's IRI is its scope and the identity key of the longest name in its group, so it
    does not depend on which other files are built; a store's existing IRIs, handed to
    :meth:`adopt`, win over that rule, so adding a file to a store never renames a department.
    """

    def __init__(self) -> None:
        self._counts: dict[str, Counter[str]] = defaultdict(Counter)  # scope -> spelling -> uses
        self._aliases: list[tuple[str, str, str]] = []  # (scope, name, alias)
        self._known: dict[tuple[str, str], str] = {}  # (scope, identity key) -> IRI already stored
        self._stored: dict[str, set[str]] = defaultdict(set)  # scope -> labels the store already has
        self._stored_pref: dict[str, str] = {}  # IRI -> its prefLabel in the store
        self._resolved: dict[tuple[str, str], Department] | None = None

    # -- collecting --------------------------------------------------------------------------------
    def add(self, parsed: ParsedSource) -> None:
        """Register every department named in a parsed source."""
        self.add_mentions(mentions_in(parsed))

    def add_mentions(self, mentions: Mentions) -> None:
        """Register the department names one source mentions (:func:`mentions_in` reads them)."""
        self._resolved = None
        for scope, name in mentions.names:
            self._counts[scope][name] += 1
        for scope, name, alias in mentions.aliases:
            self._counts[scope][alias] += 1
            self._aliases.append((scope, name, alias))

    def adopt(self, stored: Iterable[StoredLabel]) -> None:
        """Keep the IRIs and preferred labels of the departments a store already holds."""
        self._resolved = None
        for iri, label, preferred, place in stored:
            scope = place or _file_scope_of(iri)
            if scope is not None:
                key = self._key(label, scope)
                known = self._known.get((scope, key))
                self._known[(scope, key)] = min(iri, known) if known else iri
                self._stored[scope].add(label)
                if preferred:
                    self._stored_pref[iri] = min(label, self._stored_pref.get(iri, label))

    # -- resolving ---------------------------------------------------------------------------------
    def resolve(self, name: str, parsed: ParsedSource) -> Department:
        """Return the department a name denotes in the notice ``parsed``."""
        return self.resolve_in(department_scope(name, parsed), name)

    def resolve_in(self, scope: str, name: str) -> Department:
        """Return the department a name denotes in ``scope`` (:func:`department_scope` finds it)."""
        if self._resolved is None:
            self._resolved = self._cluster()
        found = self._resolved.get((scope, name))
        if found is None:  # a name not registered: its own department
            found = self._department(scope, [name], {self._key(name, scope)})
            self._resolved[(scope, name)] = found
        return found

    def departments(self) -> list[Department]:
        """Return every department, sorted by scope and label."""
        if self._resolved is None:
            self._resolved = self._cluster()
        unique = {id(d): d for d in self._resolved.values()}
        return sorted(unique.values(), key=lambda d: (d.scope, d.label))

    def _cluster(self) -> dict[tuple[str, str], Department]:
        resolved: dict[tuple[str, str], Department] = {}
        for j, counts in self._counts.items():
            for group in self._groups(j, counts):
                names = sorted((n for n in group if counts[n]), key=lambda n: (-counts[n], len(n), n))
                # stored names join the group (so its IRI is kept) but are not this build's spellings
                dept = self._department(j, names, {self._key(n, j) for n in group})
                for n in names:
                    resolved[(j, n)] = dept
        return resolved

    def _groups(self, j: str, counts: Counter[str]) -> list[list[str]]:
        """Return the names of scope ``j`` (this build's and the store's) grouped into departments."""
        every = [*counts, *(n for n in sorted(self._stored.get(j, ())) if n not in counts)]
        groups = _UnionFind(every)
        keys: dict[str, list[str]] = defaultdict(list)
        for n in every:
            keys[self._key(n, j)].append(n)
        for group in keys.values():
            for other in group[1:]:
                groups.union(group[0], other)
        for aj, name, alias in self._aliases:
            if aj == j and name in counts and alias in counts:
                groups.union(name, alias)
        distinct = sorted(keys)
        for short in distinct:
            longer = [long for long in distinct if abbreviates(short, long)]
            if len(longer) == 1:
                groups.union(keys[short][0], keys[longer[0]][0])
        members: dict[str, list[str]] = defaultdict(list)
        for n in every:
            members[groups.find(n)].append(n)
        return [names for names in members.values() if any(counts[n] for n in names)]

    def _department(self, scope: str, names: list[str], keys: set[str]) -> Department:
        stored = sorted(iri for k in keys if (iri := self._known.get((scope, k))))
        if stored:
            return Department(scope, names[0], names, stored[0], self._stored_pref.get(stored[0]))
        # the longest key is the fullest name: an abbreviation met later joins it without renaming it
        return Department(scope, names[0], names, department_iri(scope, max(keys, key=lambda k: (len(k), k))))

    @staticmethod
    def _key(name: str, jurisdiction: str) -> str:
        """Return the name with its jurisdiction written as a level prefix (连云港市税务局 → 市税务局)."""
        compact = folded_key(name)
        compact = re.sub(r"^中共", "", compact)
        if compact.startswith(jurisdiction) and len(compact) > len(jurisdiction) + 1:
            return jurisdiction[-1] + compact[len(jurisdiction) :]
        return compact


def _file_scope_of(iri: str) -> str | None:
    """Return the file scope a file-scoped department IRI names, None for any other IRI."""
    key = iris.file_department_key(iri)
    return FILE_SCOPE + key if key is not None else None


class _UnionFind:
    """Groups of names; each group is represented by its smallest name."""

    def __init__(self, names) -> None:
        self.parent = {n: n for n in names}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _names_in(parsed: ParsedSource) -> list[str]:
    names: list[str] = []
    for doc in parsed.documents:
        names.extend(doc.issuers)
        for ind in doc.indicators:
            names.extend(a.name for a in ind.responsible)
        for section in doc.sections:
            for clause in section.clauses:
                names.extend(a.actor.name for a in clause.assignments if a.actor.kind == "dept")
    for measure in parsed.measures:
        for clause in measure.clauses:
            names.extend(a.actor.name for a in clause.assignments if a.actor.kind == "dept")
    return names
