"""Deterministic IRIs: the same input always gives the same identifiers.

IRIs keep Chinese characters readable (IRIs allow them); only characters that IRIs forbid or that
would change their meaning are percent-encoded.
"""

from __future__ import annotations

import re

from policykg.ontology.terms import ID_NS

# ASCII that IRIs forbid or read as syntax, the ideographic space, and every character outside
# RFC 3987's ucschar (C1 controls, surrogates, private use, tags, non-characters): text layers of
# PDFs do produce them, and no IRI may hold them
_NON_CHARACTERS = "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 15))
_UNSAFE = re.compile(
    r"[\x00-\x20<>\"{}|\\^`#?%/\[\]@!$&'()*+,;=\x7f-\x9f\u3000\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\uffff"
    + _NON_CHARACTERS
    + r"\U000e0000-\U000e0fff\U000f0000-\U0010ffff]"
)


def escape_segment(text: str) -> str:
    """Return ``text`` usable as one IRI path segment.

    >>> escape_segment("市政务办")
    '市政务办'
    >>> escape_segment("a b/c")
    'a%20b%2Fc'
    """
    return _UNSAFE.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8", "surrogatepass")), text
    )


def source_key(file_name: str) -> str:
    """Return the key of a source file in IRIs: its base name, escaped."""
    return escape_segment(file_name)


def graph_iri(key: str) -> str:
    """Return the IRI of the named graph that holds one source file."""
    return f"{ID_NS}graph/{key}"


def shared_graph_iri() -> str:
    """Return the IRI of the graph that describes nodes shared by sources (departments, places …).

    It lies outside ``graph/`` so that no source file's name can collide with it.
    """
    return f"{ID_NS}shared"


def document_order_graph_iri() -> str:
    """Return the IRI of the graph that holds each document's rank in IRI order (kept by policykg)."""
    return f"{ID_NS}document-order"


# the segment file-scoped departments sit under; places are written in Chinese, so it names none
_FILE_SEGMENT = "file"


def source_iri(key: str) -> str:
    """Return the IRI of a source file node."""
    return f"{ID_NS}source/{key}"


def document_iri(key: str, index: int) -> str:
    """Return the IRI of the ``index``-th document of a source."""
    return f"{ID_NS}doc/{key}/{index}"


def department_iri(jurisdiction: str, key: str) -> str:
    """Return the IRI of a department of a jurisdiction (a place), named by its identity key."""
    return f"{ID_NS}dept/{escape_segment(jurisdiction)}/{escape_segment(key)}"


def file_department_iri(source: str, key: str) -> str:
    """Return the IRI of a department named by a notice that names no place: it belongs to that file.

    ``source`` is the file's :func:`source_key`, already escaped.
    """
    return f"{ID_NS}dept/{_FILE_SEGMENT}/{source}/{escape_segment(key)}"


def file_department_key(iri: str) -> str | None:
    """Return the source key a :func:`file_department_iri` holds, None for any other IRI.

    >>> file_department_key(file_department_iri("a%20b.txt", "市财政局"))
    'a%20b.txt'
    """
    prefix = f"{ID_NS}dept/{_FILE_SEGMENT}/"
    return iri[len(prefix) :].split("/", 1)[0] if iri.startswith(prefix) else None


def generic_actor_iri(jurisdiction: str, name: str) -> str:
    """Return the IRI of a generic actor (市相关部门 …) of a jurisdiction (a place)."""
    return f"{ID_NS}actor/{escape_segment(jurisdiction)}/{escape_segment(name)}"


def file_generic_actor_iri(source: str, name: str) -> str:
    """Return the IRI of a generic actor named by a notice that names no place (``source``: its key)."""
    return f"{ID_NS}actor/{_FILE_SEGMENT}/{source}/{escape_segment(name)}"


def jurisdiction_iri(name: str) -> str:
    """Return the IRI of a jurisdiction."""
    return f"{ID_NS}place/{escape_segment(name)}"


def legal_basis_iri(title: str) -> str:
    """Return the IRI of a cited document, keyed by its title without whitespace."""
    compact = re.sub(r"\s+", "", title)
    return f"{ID_NS}basis/{escape_segment(compact)}"
