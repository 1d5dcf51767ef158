"""The policykg ontology (``policykg.ttl``), its SHACL shapes (``shapes.ttl``) and its terms."""

from __future__ import annotations

from importlib import resources

from policykg.ontology.terms import ID_NS, POL, POL_NS, PREFIXES

__all__ = ["ID_NS", "POL", "POL_NS", "PREFIXES", "ontology_text", "shapes_text"]


def ontology_text() -> str:
    """Return the OWL ontology as Turtle."""
    return (resources.files(__package__) / "policykg.ttl").read_text(encoding="utf-8")


def shapes_text() -> str:
    """Return the SHACL shapes as Turtle."""
    return (resources.files(__package__) / "shapes.ttl").read_text(encoding="utf-8")
