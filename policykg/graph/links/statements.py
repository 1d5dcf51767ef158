"""Links → RDF: one named graph per lower file, ``id/graph/links/<file name>``, as the contract says.

Each link is a ``pol:MeasureLink`` (IRI ``id/link/<lower measure>/to/<upper measure>``, both paths
after ``id/doc/``) with its score, relation, copy flag and aligned passages (``…/alignment/<k>``), and
the shortcut ``lower pol:implementsMeasure upper``; each document pair is stated as
``lower pol:implementsDocument upper``, and each pair of counterpart departments as
``lower pol:counterpartOf upper``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pyoxigraph import Literal, Quad, RdfFormat, parse

from policykg.graph import iris
from policykg.graph.triples import literal
from policykg.ontology.terms import ID_NS, POL, RDF, XSD

DOC_PREFIX = f"{ID_NS}doc/"
# the terms every link repeats, written once (looking each up and formatting it took a third of the time)
_OFFSETS = tuple(f"<{p}>" for p in (POL.lowerStart, POL.lowerEnd, POL.upperStart, POL.upperEnd))
_LINK_TERMS = {
    name: f"<{iri}>"
    for name, iri in (
        ("implements", POL.implementsMeasure),
        ("type", RDF.type),
        ("link", POL.MeasureLink),
        ("lower", POL.lowerMeasure),
        ("upper", POL.upperMeasure),
        ("verbatim", POL.nearVerbatim),
        ("score", POL.linkScore),
        ("relation", POL.linkRelation),
        ("alignment", POL.hasAlignment),
        ("alignment_type", POL.Alignment),
        ("shared", POL.sharedText),
    )
}
_VERBATIM = {flag: literal("true" if flag else "false", XSD.boolean) for flag in (True, False)}


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
    tail = f" <{graph}> .\n"
    for link in links:
        lines.extend(_link_lines(link, tail))
    return list(parse("".join(lines), RdfFormat.N_QUADS))


def _link_lines(link: LinkRecord, tail: str) -> list[str]:
    """Return the N-Quads lines stating one link and its passages (each ending with ``tail``)."""
    t = _LINK_TERMS
    iri = f"<{link_iri(link.lower, link.upper)}>"
    lower, upper = f"<{link.lower}>", f"<{link.upper}>"
    lines = [
        f"{lower} {t['implements']} {upper}{tail}",
        f"{iri} {t['type']} {t['link']}{tail}",
        f"{iri} {t['lower']} {lower}{tail}",
        f"{iri} {t['upper']} {upper}{tail}",
        f"{iri} {t['verbatim']} {_VERBATIM[bool(link.near_verbatim)]}{tail}",
        f"{iri} {t['score']} {literal(f'{link.score:.4f}', XSD.decimal)}{tail}",
        f"{iri} {t['relation']} {literal(link.relation)}{tail}",
    ]
    integer = f"^^<{XSD.integer}>"
    for k, passage in enumerate(link.passages, start=1):
        alignment = f"<{iri[1:-1]}/alignment/{k}>"
        lines.append(f"{iri} {t['alignment']} {alignment}{tail}")
        lines.append(f"{alignment} {t['type']} {t['alignment_type']}{tail}")
        values = (passage.lower_start, passage.lower_end, passage.upper_start, passage.upper_end)
        lines.extend(
            f'{alignment} {prop} "{value}"{integer}{tail}'
            for prop, value in zip(_OFFSETS, values, strict=True)
        )
        lines.append(f"{alignment} {t['shared']} {literal(passage.shared_text)}{tail}")
    return lines


def same_statements(new: Sequence[Quad], held: Sequence[Quad]) -> bool:
    """True when the statements ``new`` are those ``held`` (a links graph as the store returns it),
    decimals compared by value: Oxigraph keeps a decimal in its canonical form (a score of 0.3410 comes
    back as 0.341), and compared as written, nearly every graph was written again on every relink."""
    if len(new) != len(held):
        return False
    return {_by_value(q) for q in new} == {_by_value(q) for q in held}


def _by_value(quad: Quad) -> Quad | tuple:
    term = quad.object
    if isinstance(term, Literal) and term.datatype.value == XSD.decimal:
        return (quad.subject, quad.predicate, Decimal(term.value), quad.graph_name)
    return quad
