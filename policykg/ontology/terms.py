"""IRIs of the policykg ontology and the vocabularies it reuses, as plain strings.

Plain strings keep the build path free of rdflib; a misspelt term is an AttributeError, and a test
checks every term here against ``policykg.ttl``.
"""

from __future__ import annotations

POL_NS = "https://w3id.org/policykg/ontology#"
ID_NS = "https://w3id.org/policykg/id/"


class _Namespace:
    """Attribute access to the terms of one namespace; only the listed local names exist."""

    def __init__(self, base: str, names: str) -> None:
        self._base = base
        self._names = frozenset(names.split())

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{self._base}{name} is not a term of this namespace")
        return self._base + name

    def __iter__(self):
        return iter(sorted(self._base + n for n in self._names))

    @property
    def base(self) -> str:
        """The namespace IRI."""
        return self._base


POL = _Namespace(
    POL_NS,
    """
    PolicyDocument Notice Plan TaskList IndicatorTable Section Measure Department GenericActor Actor
    Jurisdiction LegalBasis Target Indicator SourceFile ResponsibilityClause
    inDocument inSection number order documentRank text measureKind inheritedResponsibility
    leadDepartment responsibleDepartment coDepartment involvesDepartment genericActor
    jurisdiction parentJurisdiction jurisdictionLevel
    cites basedOn implements produces legalForm basisLevel
    deadline ongoing deadlineText hasTarget value unit comparator
    weight servesIndicator indicatorLevel
    docNumber issuedBy fileName sha256 mediaType charStart charEnd retrievedFrom readMethod sourceRegion
    aboutMeasure statesLead statesResponsible statesCo statesGeneric
    MeasureLink Alignment implementsMeasure implementsDocument counterpartOf lowerMeasure upperMeasure
    hasAlignment nearVerbatim linkScore linkRelation lowerStart lowerEnd upperStart upperEnd sharedText
""",
)
RDF = _Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = _Namespace("http://www.w3.org/2000/01/rdf-schema#", "label comment subClassOf subPropertyOf")
XSD = _Namespace("http://www.w3.org/2001/XMLSchema#", "date decimal integer boolean string anyURI")
DCTERMS = _Namespace("http://purl.org/dc/terms/", "title issued isPartOf identifier")
SKOS = _Namespace("http://www.w3.org/2004/02/skos/core#", "prefLabel altLabel broader")
PROV = _Namespace("http://www.w3.org/ns/prov#", "wasDerivedFrom")
ORG = _Namespace("http://www.w3.org/ns/org#", "Organization")
ELI = _Namespace(
    "http://data.europa.eu/eli/ontology#", "LegalResource LegalResourceSubdivision based_on cites id_local"
)

PREFIXES = {
    "pol": POL_NS,
    "id": ID_NS,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "xsd": XSD.base,
    "dcterms": DCTERMS.base,
    "skos": SKOS.base,
    "prov": PROV.base,
    "org": ORG.base,
    "eli": ELI.base,
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
}
