"""Validate a store against the SHACL shapes of the ontology (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass

from policykg.graph.store.protocol import SparqlStore


@dataclass
class ValidationReport:
    """The outcome of a SHACL validation."""

    conforms: bool
    violations: int
    text: str


def validate_store(store: SparqlStore) -> ValidationReport:
    """Return the SHACL validation of the union of the store's graphs against ``shapes.ttl``."""
    import pyshacl
    from rdflib import Graph

    from policykg.ontology import ontology_text, shapes_text

    data = Graph()
    data.parse(data=store.export(None, "nt").decode("utf-8"), format="nt")
    shapes = Graph().parse(data=shapes_text(), format="turtle")
    ontology = Graph().parse(data=ontology_text(), format="turtle")
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False, allow_warnings=True
    )
    from rdflib.namespace import SH

    violations = sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))
    return ValidationReport(bool(conforms), violations, text)
