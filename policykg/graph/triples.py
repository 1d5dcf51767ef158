"""Parsed sources → RDF quads, one named graph per source file, as the graph contract says.

Nodes that many sources share (departments, places, generic actors, cited documents) are described
once, in the shared graph (:func:`policykg.graph.iris.shared_graph_iri`), not in every file's graph:
the union of all graphs then holds each of their labels once, so joins on them do not multiply with
the number of files. A source's graph holds its own nodes and every edge it states.

Super-properties are stated too (a lead department is also ``pol:involvesDepartment``; a basis is
also ``pol:cites``; a plan is also a ``pol:PolicyDocument``) so plain SPARQL finds them without a
reasoner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import Quad, RdfFormat, parse

from policykg.graph import iris
from policykg.graph.departments import (
    Department,
    DepartmentRegistry,
    department_scope,
    generic_actor_iri,
    scope_of,
)
from policykg.loaders.extract.jurisdiction import level_of
from policykg.loaders.extract.model import Actor, Citation, Clause, Document, Measure, ParsedSource, Span
from policykg.loaders.extract.vocabulary import ROLES
from policykg.ontology.terms import DCTERMS, POL, PROV, RDF, SKOS, XSD

DOC_CLASSES = {
    "notice": POL.Notice,
    "plan": POL.Plan,
    "task_list": POL.TaskList,
    "indicator_table": POL.IndicatorTable,
}
ROLE_PROPERTIES = {r.key: getattr(POL, r.department_property) for r in ROLES}
CLAUSE_PROPERTIES = {r.key: getattr(POL, r.clause_property) for r in ROLES}
CITATION_PROPERTIES = {
    "basis": POL.basedOn,
    "implements": POL.implements,
    "produces": POL.produces,
    "mentions": None,
}

# statements are written as N-Quads text: making a pyoxigraph term per node and a quad per copy in
# the union took 4.1 s for a 10,000-measure build's 360,000 triples, the text takes 1.3 s
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal(value: str, datatype: str | None = None) -> str:
    """Return the N-Quads form of a literal (a plain string when ``datatype`` is None).

    >>> literal("3", "http://www.w3.org/2001/XMLSchema#integer")
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    text = '"' + value.translate(_ESCAPES) + '"'
    return f"{text}^^<{datatype}>" if datatype else text


_TRUE = literal("true", XSD.boolean)


PENDING = "urn:policykg:pending-department:"
"""Stands, in statements made before the build's departments are known, for the k-th department named."""
_PENDING_IRI = re.compile(r"<urn:policykg:pending-department:(\d+)>")  # a stand-in, with its number


@dataclass
class SourceQuads:
    """One source's statements: per graph IRI, its triples in N-Triples form without the final dot.

    Made without a registry, the statements that name a department wait in ``pending`` (per graph,
    the department written as a stand-in IRI), with the ``named`` departments' scopes and names, until
    :meth:`resolve` is given the registry of the whole build.
    """

    graphs: dict[str, dict[str, None]] = field(default_factory=dict)  # ordered sets of triples
    pending: dict[str, dict[str, None]] = field(default_factory=dict)
    named: list[tuple[str, str]] = field(default_factory=list)  # (scope, name) of stand-in k

    def __len__(self) -> int:
        return sum(len(triples) for triples in self.graphs.values())

    def resolve(self, registry: DepartmentRegistry) -> SourceQuads:
        """Return the pending statements with each stand-in replaced by its department, and the
        departments' labels in the shared graph (the statements made with the registry at hand)."""
        departments = [registry.resolve_in(scope, name) for scope, name in self.named]
        resolved = SourceQuads()
        for graph, triples in self.pending.items():
            into = resolved.graphs.setdefault(graph, {})
            for triple in triples:
                into[_PENDING_IRI.sub(lambda m: f"<{departments[int(m[1])].iri}>", triple)] = None
        labels = _Writer(iris.shared_graph_iri(), resolved)
        for dept in {d.iri: d for d in departments}.values():
            labels.text(dept.iri, SKOS.prefLabel, dept.pref_label)
            for alias in dept.names:
                if alias != dept.pref_label:
                    labels.text(dept.iri, SKOS.altLabel, alias)
        return resolved

    def nquads(self, union: bool = False) -> str:
        """Return the statements as N-Quads; with ``union``, each also in the default graph."""
        lines: list[str] = []
        for graph, triples in self.graphs.items():
            lines.extend(f"{t} <{graph}> .\n" for t in triples)
            if union:
                lines.extend(f"{t} .\n" for t in triples)
        return "".join(lines)

    def quads(self) -> list[Quad]:
        """Return the statements as pyoxigraph quads."""
        return list(parse(self.nquads(), RdfFormat.N_QUADS))


class _Writer:
    def __init__(self, graph: str, into: SourceQuads) -> None:
        self.triples = into.graphs.setdefault(graph, {})
        self.pending = into.pending.setdefault(graph, {})

    def add(self, s: str, p: str, o: str) -> None:
        """State ``o`` (a term in N-Quads form) as the value of ``p`` for ``s``."""
        triple = f"<{s}> <{p}> {o}"
        if PENDING in triple:
            self.pending[triple] = None
        else:
            self.triples[triple] = None

    def link(self, s: str, p: str, o: str) -> None:
        self.add(s, p, f"<{o}>")

    def text(self, s: str, p: str, value: str) -> None:
        self.add(s, p, literal(value))

    def integer(self, s: str, p: str, value: int) -> None:
        self.add(s, p, literal(str(value), XSD.integer))

    def span(self, s: str, span: Span, source: str) -> None:
        self.integer(s, POL.charStart, span[0])
        self.integer(s, POL.charEnd, span[1])
        self.link(s, PROV.wasDerivedFrom, source)


class _SourceGraph:
    def __init__(self, parsed: ParsedSource, registry: DepartmentRegistry | None) -> None:
        self.parsed = parsed
        self.registry = registry
        self.key = iris.source_key(parsed.source.name)
        self.statements = SourceQuads()
        self.w = _Writer(iris.graph_iri(self.key), self.statements)
        self.shared = _Writer(iris.shared_graph_iri(), self.statements)
        self.source = iris.source_iri(self.key)
        self.places: set[str] = set()
        self.departments: set[str] = set()
        self.stand_ins: dict[tuple[str, str], str] = {}  # (scope, name) -> its stand-in IRI

    def build(self) -> SourceQuads:
        w, src = self.w, self.parsed.source
        w.link(self.source, RDF.type, POL.SourceFile)
        w.text(self.source, POL.fileName, src.name)
        w.text(self.source, POL.sha256, src.sha256)
        w.text(self.source, POL.mediaType, src.kind)
        if src.url:
            w.add(self.source, POL.retrievedFrom, literal(src.url, XSD.anyURI))
        if src.method != "read":  # converted or recognised: offsets point into the text that gave
            w.text(self.source, POL.readMethod, src.method)
        for doc in self.parsed.documents:
            self.document(doc)
        return self.statements

    # -- nodes shared across sources -------------------------------------------------------------------
    def place(self, name: str, level: str | None) -> str:
        iri = iris.jurisdiction_iri(name)
        if name not in self.places:
            self.places.add(name)
            self.shared.link(iri, RDF.type, POL.Jurisdiction)
            self.shared.text(iri, SKOS.prefLabel, name)
            if level:
                self.shared.text(iri, POL.jurisdictionLevel, level)
            parent = self.parsed.parent_jurisdiction
            if parent and name == self.parsed.jurisdiction:
                self.shared.link(iri, POL.parentJurisdiction, self.place(parent, self.parsed.parent_level))
        return iri

    def department(self, name: str) -> str:
        if self.registry is None:
            return self.department_stand_in(name)
        dept = self.registry.resolve(name, self.parsed)
        iri = dept.iri
        if iri not in self.departments:
            self.departments.add(iri)
            w = self.shared
            w.link(iri, RDF.type, POL.Department)
            w.text(iri, SKOS.prefLabel, dept.pref_label)
            for alias in dept.names:
                if alias != dept.pref_label:
                    w.text(iri, SKOS.altLabel, alias)
            if dept.jurisdiction is not None:  # else it belongs to this file alone (its IRI says which)
                w.link(iri, POL.jurisdiction, self.place(dept.jurisdiction, dept.jurisdiction_level))
        return iri

    def department_stand_in(self, name: str) -> str:
        """State what is known of a department before the build's registry is (all but its labels)."""
        scope = department_scope(name, self.parsed)
        iri = self.stand_ins.get((scope, name))
        if iri is None:
            iri = self.stand_ins[(scope, name)] = f"{PENDING}{len(self.statements.named)}"
            self.statements.named.append((scope, name))
            self.shared.link(iri, RDF.type, POL.Department)
            dept = Department(scope, name)
            if dept.jurisdiction is not None:
                self.shared.link(iri, POL.jurisdiction, self.place(dept.jurisdiction, level_of(scope)))
        return iri

    def actor(self, actor: Actor) -> str:
        if actor.kind == "dept":
            return self.department(actor.name)
        iri = generic_actor_iri(scope_of(self.parsed), actor.name)
        self.shared.link(iri, RDF.type, POL.GenericActor)
        self.shared.text(iri, SKOS.prefLabel, actor.name)
        return iri

    def legal_basis(self, citation: Citation) -> str:
        iri = iris.legal_basis_iri(citation.title)
        self.shared.link(iri, RDF.type, POL.LegalBasis)
        self.shared.text(iri, DCTERMS.title, citation.title)
        if citation.form:
            self.shared.text(iri, POL.legalForm, citation.form)
        if citation.level:
            self.shared.text(iri, POL.basisLevel, citation.level)
        return iri

    def cite(self, subject: str, citations: list[Citation]) -> None:
        for c in citations:
            basis = self.legal_basis(c)
            self.w.link(subject, POL.cites, basis)
            prop = CITATION_PROPERTIES[c.role]
            if prop:
                self.w.link(subject, prop, basis)

    # -- documents ------------------------------------------------------------------------------------
    def document(self, doc: Document) -> None:
        w = self.w
        iri = iris.document_iri(self.key, doc.index)
        w.link(iri, RDF.type, POL.PolicyDocument)
        w.link(iri, RDF.type, DOC_CLASSES[doc.kind])
        w.text(iri, DCTERMS.title, doc.title or self.parsed.source.name)
        w.span(iri, doc.span, self.source)
        if doc.doc_number:
            w.text(iri, POL.docNumber, doc.doc_number)
        if doc.issued:
            w.add(iri, DCTERMS.issued, literal(doc.issued, XSD.date))
        for issuer in doc.issuers:
            w.link(iri, POL.issuedBy, self.department(issuer))
        if doc.parent is not None:
            w.link(iri, DCTERMS.isPartOf, iris.document_iri(self.key, doc.parent.index))
        self.cite(iri, doc.citations)
        section_iris = {}
        for section in doc.sections:
            s_iri = f"{iri}/section/{section.index}"
            section_iris[id(section)] = s_iri
            w.link(s_iri, RDF.type, POL.Section)
            w.link(s_iri, POL.inDocument, iri)
            w.text(s_iri, DCTERMS.title, section.title or section.number)
            w.text(s_iri, POL.number, section.number)
            w.span(s_iri, section.span, self.source)
            if section.parent is not None:
                w.link(s_iri, SKOS.broader, section_iris[id(section.parent)])
        indicator_iris: dict[str, str] = {}
        for ind in doc.indicators:
            i_iri = f"{iri}/indicator/{ind.order}"
            indicator_iris[ind.name] = i_iri
            w.link(i_iri, RDF.type, POL.Indicator)
            w.text(i_iri, SKOS.prefLabel, ind.name)
            w.link(i_iri, POL.inDocument, iri)
            w.integer(i_iri, POL.indicatorLevel, ind.level)
            if ind.weight is not None:
                w.add(i_iri, POL.weight, literal(str(ind.weight), XSD.decimal))
            if ind.parent is not None:
                w.link(i_iri, SKOS.broader, f"{iri}/indicator/{ind.parent.order}")
            for a in ind.responsible:
                w.link(i_iri, POL.responsibleDepartment, self.department(a.name))
            w.span(i_iri, ind.span, self.source)
        for measure in doc.measures:
            self.measure(measure, iri, section_iris)

    def measure(self, m: Measure, doc_iri: str, section_iris: dict[int, str]) -> None:
        w = self.w
        iri = f"{doc_iri}/measure/{m.order}"
        w.link(iri, RDF.type, POL.Measure)
        w.link(iri, POL.inDocument, doc_iri)
        if m.section is not None:
            w.link(iri, POL.inSection, section_iris[id(m.section)])
        w.text(iri, POL.number, m.number)
        w.integer(iri, POL.order, m.order)
        w.text(iri, POL.measureKind, m.kind)
        if m.title:
            w.text(iri, DCTERMS.title, m.title)
        w.text(iri, POL.text, m.text)
        w.span(iri, m.span, self.source)
        region = self.parsed.source.region_at(m.span[0])
        if region is not None:
            w.text(iri, POL.sourceRegion, region)
        if m.inherited:
            w.add(iri, POL.inheritedResponsibility, _TRUE)
        for k, clause in enumerate(m.clauses, start=1):
            self.clause(clause, iri, f"{iri}/clause/{k}")
        self.cite(iri, m.citations)
        if m.deadline is not None:
            if m.deadline.date:
                w.add(iri, POL.deadline, literal(m.deadline.date, XSD.date))
            if m.deadline.ongoing:
                w.add(iri, POL.ongoing, _TRUE)
            w.text(iri, POL.deadlineText, m.deadline.text)
        for k, t in enumerate(m.targets, start=1):
            t_iri = f"{iri}/target/{k}"
            w.link(iri, POL.hasTarget, t_iri)
            w.link(t_iri, RDF.type, POL.Target)
            w.add(t_iri, POL.value, literal(str(t.value), XSD.decimal))
            w.text(t_iri, POL.unit, t.unit)
            w.text(t_iri, POL.comparator, t.comparator)
            w.text(t_iri, POL.text, t.text)
            w.integer(t_iri, POL.charStart, t.span[0])
            w.integer(t_iri, POL.charEnd, t.span[1])
        if m.indicator:
            for d in self.parsed.documents:
                for ind in d.indicators:
                    if ind.name == m.indicator:
                        w.link(
                            iri,
                            POL.servesIndicator,
                            f"{iris.document_iri(self.key, d.index)}/indicator/{ind.order}",
                        )

    def clause(self, clause: Clause, measure_iri: str, iri: str) -> None:
        w = self.w
        w.link(iri, RDF.type, POL.ResponsibilityClause)
        w.link(iri, POL.aboutMeasure, measure_iri)
        w.text(iri, POL.text, clause.text)
        w.integer(iri, POL.charStart, clause.span[0])
        w.integer(iri, POL.charEnd, clause.span[1])
        for a in clause.assignments:
            target = self.actor(a.actor)
            if a.actor.kind == "dept":
                w.link(measure_iri, ROLE_PROPERTIES[a.role], target)
                w.link(measure_iri, POL.involvesDepartment, target)
                w.link(iri, CLAUSE_PROPERTIES[a.role], target)
            else:
                w.link(measure_iri, POL.genericActor, target)
                w.link(iri, POL.statesGeneric, target)


def source_quads(parsed: ParsedSource, registry: DepartmentRegistry | None) -> SourceQuads:
    """Return the statements of one parsed source (each once): its own nodes and edges in its named
    graph, its descriptions of shared nodes in the shared graph.

    Without a ``registry`` (a build whose other files are still being read), the statements that name
    a department wait in :attr:`SourceQuads.pending` for :meth:`SourceQuads.resolve`.
    """
    return _SourceGraph(parsed, registry).build()


def graph_name(parsed: ParsedSource) -> str:
    """Return the IRI of the named graph a parsed source is stored in."""
    return iris.graph_iri(iris.source_key(parsed.source.name))
