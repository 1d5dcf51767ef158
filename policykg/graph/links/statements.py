"""Links → RDF: one named graph per lower file, ``id/graph/links/<file name>``, as the contract says.

Each link is a ``pol:MeasureLink`` (IRI ``id/link/<lower measure>/to/<upper measure>``, both paths
after ``id/doc/``) with its score, relation, copy flag and aligned passages (``…/alignment/<k>``), and
the shortcut ``lower pol:implementsMeasure upper``; each document pair is stated as
``lower pol:implementsDocument upper``, and each pair of counterpart departments as
``lower pol:counterpartOf upper``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Quad, RdfFormat, parse

from policykg.graph import iris
from policykg.graph.triples import literal
from policykg.ontology.terms import ID_NS, POL, RDF, XSD

DOC_PREFIX = f"{ID_NS}doc/"


def links_graph_iri(file_name: str) -> str:
    """Return the IRI of the named graph holding the links of the lower file ``file_name``."""
    return f"{ID_NS}graph/links/{iris.source_key(file_name)}"


def link_iri(lower: str, upper: str) -> str:
    """Return the deterministic IRI of the link from the measure ``lower`` to the measure ``upper``.

    >>> link_iri("https://w3id.org/policykg/id/doc/b.txt/1/measure/2", "https://w3id.org/policykg/id/doc/a.txt/1/measure/5")
    'https://w3id.org/policykg/id/link/b.txt/1/measure/2/to/a.txt/1/measure/5'
    """
    return f"{ID_NS}link/{lower.removeprefix(DOC_PREFIX)}/to/{upper.removeprefix(DOC_PREFIX)}"


@dataclass(frozen=True)
class AlignedPassage:
    """One passage both measures share, with offsets into each source file's plain text."""

    lower_start: int
    lower_end: int
    upper_start: int
    upper_end: int
    shared_text: str  # as the lower measure writes it


@dataclass(frozen=True)
class LinkRecord:
    """A link ready to be stated."""

    lower: str
    upper: str
    score: float
    relation: str
    near_verbatim: bool
    passages: tuple[AlignedPassage, ...]


def link_quads(
    file_name: str,
    document_pairs: Iterable[tuple[str, str]],
    links: Iterable[LinkRecord],
    counterparts: Iterable[tuple[str, str]] = (),
) -> list[Quad]:
    """Return the statements of the links graph of the lower file ``file_name``."""
    graph = links_graph_iri(file_name)
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"<{s}> <{p}> {o} <{graph}> .\n")

    for lower, upper in sorted(set(document_pairs)):
        add(lower, POL.implementsDocument, f"<{upper}>")
    for lower, upper in sorted(set(counterparts)):
        add(lower, POL.counterpartOf, f"<{upper}>")
    for link in links:
        iri = link_iri(link.lower, link.upper)
        add(link.lower, POL.implementsMeasure, f"<{link.upper}>")
        add(iri, RDF.type, f"<{POL.MeasureLink}>")
        add(iri, POL.lowerMeasure, f"<{link.lower}>")
        add(iri, POL.upperMeasure, f"<{link.upper}>")
        add(iri, POL.nearVerbatim, literal("true" if link.near_verbatim else "false", XSD.boolean))
        add(iri, POL.linkScore, literal(f"{link.score:.4f}", XSD.decimal))
        add(iri, POL.linkRelation, literal(link.relation))
        for k, passage in enumerate(link.passages, start=1):
            alignment = f"{iri}/alignment/{k}"
            add(iri, POL.hasAlignment, f"<{alignment}>")
            add(alignment, RDF.type, f"<{POL.Alignment}>")
            for prop, value in (
                (POL.lowerStart, passage.lower_start),
                (POL.lowerEnd, passage.lower_end),
                (POL.upperStart, passage.upper_start),
                (POL.upperEnd, passage.upper_end),
            ):
                add(alignment, prop, literal(str(value), XSD.integer))
            add(alignment, POL.sharedText, literal(passage.shared_text))
    return list(parse("".join(lines), RdfFormat.N_QUADS))
