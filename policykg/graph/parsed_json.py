"""A parsed source as JSON text: how it waits on disk and crosses to other processes during a build.

Only what the graph needs is kept (:func:`compact` drops the text and the offset-mapped bodies).
JSON holds a tree, while a parsed source shares objects (a measure's section is one of its
document's sections): :func:`from_json` links them again, since the graph tells sections apart by
identity.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING

from policykg.loaders.extract.model import ParsedSource

if TYPE_CHECKING:
    from pydantic import TypeAdapter


def compact(parsed: ParsedSource) -> ParsedSource:
    """Return a parsed source without what the graph does not need (bodies with offset maps, the text)."""
    for doc in parsed.documents:
        doc.body, doc.table_rows = None, []
        for section in doc.sections:
            section.body = None
        for measure in doc.measures:
            measure.body = None
    parsed.source = dataclasses.replace(parsed.source, text="")
    return parsed


@cache
def _adapter() -> TypeAdapter[ParsedSource]:
    from pydantic import TypeAdapter

    return TypeAdapter(ParsedSource)


def to_json(parsed: ParsedSource) -> str:
    """Return a compacted parsed source as JSON text."""
    return _adapter().dump_json(parsed).decode("utf-8")


def from_json(text: str) -> ParsedSource:
    """Return the parsed source that :func:`to_json` wrote, its shared objects shared again."""
    parsed = _adapter().validate_json(text)
    _relink(parsed)
    return parsed


def _relink(parsed: ParsedSource) -> None:
    """Point every reference to a section, document or indicator at the one object in its list."""
    documents = {d.index: d for d in parsed.documents}
    sections = {s.index: s for d in parsed.documents for s in d.sections}  # numbered source-wide
    for doc in parsed.documents:
        if doc.parent is not None:
            doc.parent = documents[doc.parent.index]
        for section in doc.sections:
            if section.parent is not None:
                section.parent = sections[section.parent.index]
        for measure in doc.measures:
            if measure.section is not None:
                measure.section = sections[measure.section.index]
        indicators = {i.order: i for i in doc.indicators}
        for indicator in doc.indicators:
            if indicator.parent is not None:
                indicator.parent = indicators.get(indicator.parent.order, indicator.parent)
