"""The ontology file, its shapes and the term constants agree."""

from rdflib import OWL, RDF, Graph, URIRef

from policykg.ontology import ontology_text, shapes_text
from policykg.ontology.terms import POL

FIXED_TERMS = (
    "PolicyDocument Notice Plan TaskList IndicatorTable Section Measure leadDepartment responsibleDepartment "
    "coDepartment involvesDepartment genericActor GenericActor Department jurisdiction Jurisdiction cites basedOn "
    "implements produces LegalBasis legalForm deadline ongoing hasTarget Target value unit comparator text Indicator "
    "weight servesIndicator SourceFile fileName sha256 charStart charEnd inDocument inSection number order "
    "docNumber issuedBy"
).split()


def test_every_term_constant_is_declared_in_the_ontology():
    g = Graph().parse(data=ontology_text(), format="turtle")
    declared = {
        s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in g.subjects(RDF.type, t)
    }
    assert {URIRef(t) for t in POL} == declared


def test_contract_terms_and_alignments():
    g = Graph().parse(data=ontology_text(), format="turtle")
    for name in FIXED_TERMS:
        assert (URIRef(getattr(POL, name)), None, None) in g, name
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    pairs = [
        (POL.PolicyDocument, "subClassOf", "http://data.europa.eu/eli/ontology#LegalResource"),
        (POL.Measure, "subClassOf", "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
        (POL.Department, "subClassOf", "http://www.w3.org/ns/org#Organization"),
        (POL.basedOn, "subPropertyOf", "http://data.europa.eu/eli/ontology#based_on"),
        (POL.cites, "subPropertyOf", "http://data.europa.eu/eli/ontology#cites"),
        (POL.docNumber, "subPropertyOf", "http://data.europa.eu/eli/ontology#id_local"),
        (POL.leadDepartment, "subPropertyOf", POL.involvesDepartment),
    ]
    for s, p, o in pairs:
        assert (URIRef(s), URIRef(rdfs + p), URIRef(o)) in g


def test_labels_in_english_and_chinese():
    g = Graph().parse(data=ontology_text(), format="turtle")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    for term in POL:
        langs = {o.language for o in g.objects(URIRef(term), label)}
        assert {"en", "zh"} <= langs, term


def test_shapes_parse_and_target_contract_classes():
    g = Graph().parse(data=shapes_text(), format="turtle")
    targets = set(g.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {URIRef(POL.Measure), URIRef(POL.Department), URIRef(POL.Indicator)} <= targets


def test_misspelt_term_fails_loudly():
    import pytest

    with pytest.raises(AttributeError):
        _ = POL.leadDepartmnet


def test_definitions_in_english_and_chinese():
    g = Graph().parse(data=ontology_text(), format="turtle")
    definition = URIRef("http://www.w3.org/2004/02/skos/core#definition")
    for term in POL:
        langs = {o.language for o in g.objects(URIRef(term), definition)}
        assert {"en", "zh"} <= langs, term
