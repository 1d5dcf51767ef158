"""What the loaders produce: a document tree with the facts extracted from it.

Every span is a ``(start, end)`` pair of character offsets into the source's plain text
(:attr:`policykg.loaders.read.sources.SourceText.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from policykg.loaders.read.sources import SourceText
from policykg.text.mapped_text import MappedText

Span = tuple[int, int]


@dataclass
class Actor:
    """A department or generic actor named in a responsibility clause."""

    name: str
    kind: str  # "dept" or "generic"
    span: Span
    aliases: tuple[str, ...] = ()


@dataclass
class Assignment:
    """One actor given one role by one clause."""

    role: str  # "lead", "responsible" or "co" ("generic" actors keep the role they were given)
    actor: Actor


@dataclass
class Clause:
    """A responsibility statement: ``（市司法局牵头，市相关部门按职责分工负责）``, a labelled field …"""

    text: str
    span: Span
    assignments: list[Assignment] = field(default_factory=list)


@dataclass
class Citation:
    """A title in 《》 and the role the citing text gives it."""

    title: str
    role: str  # "basis", "implements", "produces" or "mentions"
    form: str | None  # the legal form its title ends with: 条例, 实施方案 …
    span: Span
    level: str | None = None  # where it comes from: national, provincial, municipal, county


@dataclass
class Deadline:
    """When a measure is due: a date, or ongoing (长年坚持)."""

    text: str
    span: Span
    date: str | None = None  # ISO date
    ongoing: bool = False


@dataclass
class Target:
    """A quantity a measure aims at: 95%以上, 压缩至1个工作日内."""

    text: str
    span: Span
    value: Decimal
    unit: str
    comparator: str


@dataclass
class Section:
    """A heading (一、 / （一） / a numbered heading) and what it states for the measures below it."""

    index: int
    level: int
    number: str
    title: str
    span: Span
    parent: Section | None = None
    clauses: list[Clause] = field(default_factory=list)
    body: MappedText | None = field(default=None, repr=False, compare=False)

    @property
    def path(self) -> list[Section]:
        """Return the enclosing sections, outermost first, ending with this one."""
        chain: list[Section] = []
        node: Section | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass
class Measure:
    """A numbered item, or a （一）-paragraph that carries a task itself."""

    order: int
    number: str
    kind: str  # "numbered" or "paragraph"
    text: str
    span: Span
    section: Section | None
    title: str | None = None
    clauses: list[Clause] = field(default_factory=list)
    inherited: bool = False
    citations: list[Citation] = field(default_factory=list)
    deadline: Deadline | None = None
    targets: list[Target] = field(default_factory=list)
    indicator: str | None = None  # name of the indicator whose heading it sits under
    body: MappedText | None = field(default=None, repr=False, compare=False)

    def actors(self, role: str) -> list[Actor]:
        """Return the departments this measure gives ``role``, in order, without repeats."""
        seen: dict[str, Actor] = {}
        for clause in self.clauses:
            for a in clause.assignments:
                if a.role == role and a.actor.kind == "dept":
                    seen.setdefault(a.actor.name, a.actor)
        return list(seen.values())

    def generic_actors(self) -> list[Actor]:
        """Return the non-specific actors (市相关部门, 各县区 …) named for this measure."""
        seen: dict[str, Actor] = {}
        for clause in self.clauses:
            for a in clause.assignments:
                if a.actor.kind == "generic":
                    seen.setdefault(a.actor.name, a.actor)
        return list(seen.values())


@dataclass
class Indicator:
    """An evaluation indicator from an indicator table (level 1, or level 2 under a level 1)."""

    order: int
    name: str
    level: int
    span: Span
    weight: Decimal | None = None
    parent: Indicator | None = None
    responsible: list[Actor] = field(default_factory=list)


@dataclass
class Document:
    """A notice, plan, task list or indicator table."""

    index: int
    kind: str  # "notice", "plan", "task_list" or "indicator_table"
    title: str
    span: Span
    parent: Document | None = None
    doc_number: str | None = None
    issued: str | None = None
    issuers: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    first_listed_leads: bool = False
    body: MappedText | None = field(default=None, repr=False, compare=False)  # preamble
    table_rows: list[MappedText] = field(default_factory=list, repr=False, compare=False)


@dataclass
class ParsedSource:
    """One source file, read, repaired and understood."""

    source: SourceText
    documents: list[Document]
    jurisdiction: str | None
    parent_jurisdiction: str | None = None
    parent_level: str | None = None  # the level of ``parent_jurisdiction``: city
    year: int | None = None
    warnings: list[str] = field(default_factory=list)
    known_places: frozenset[str] = frozenset()  # places the notice names for itself (issuers, titles)

    @property
    def measures(self) -> list[Measure]:
        """Return every measure of every document, in document order."""
        return [m for d in self.documents for m in d.measures]
