"""Repair what PDF extraction does to a notice, keeping a map back to the original offsets.

Line ends are unified, spaces that extraction puts between Chinese characters are removed, stray
foreign conjunctions between Chinese words (``平台 and 部门``) are read as their Chinese equivalent,
and the pinyin some mirror sites print after characters (``發(fā)展``) is dropped; the text keeps it
as written (:meth:`~policykg.text.mapped_text.MappedText.written`), so names are labelled as the source
wrote them while matching sees ``發展``.
Breaks inside sentences are mended later, where the document structure says which lines belong
together (:mod:`policykg.loaders.extract.outline`).
"""

from __future__ import annotations

import re

from policykg.text import pinyin
from policykg.text.mapped_text import MappedText
from policykg.text.pages import join_pages

_CRLF = re.compile(r"\r\n?")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = _CJK + "\u3000-\u303f\uff00-\uffef“”‘’《》"
# a horizontal space with a Chinese character or full-width mark on at least one side
_SPACE_NEAR_CJK = re.compile(
    rf"(?<=[{_CJK_OR_PUNCT}])[ \u3000\u00a0]+(?=[{_CJK_OR_PUNCT}0-9A-Za-z%])"
    rf"|(?<=[0-9A-Za-z%])[ \u3000\u00a0]+(?=[{_CJK_OR_PUNCT}])"
    rf"|(?<=[0-9])[ \u3000\u00a0]+(?=[0-9]*[{_CJK}])"
)
_STRAY_WORDS = {"and": "和", "or": "或", "etc": "等", "und": "和", "et": "和"}
_STRAY = re.compile(
    rf"(?<=[{_CJK}”’）)])[ \u3000]*\b(and|or|etc|und|et)\.?\b[ \u3000]*(?=[{_CJK}“‘（(])", re.I
)
_LINE_EDGE_SPACE = re.compile(r"^[ \u3000\u00a0]+|[ \u3000\u00a0]+$", re.M)


def repair(original: str) -> MappedText:
    """Return the repaired text of a notice, each character mapped to its offset in ``original``."""
    text = MappedText.identity(original)
    text = text.sub(_CRLF, "\n")
    text = text.sub(_LINE_EDGE_SPACE, "")
    text = text.sub(_STRAY, lambda m: _STRAY_WORDS[m.group(1).lower()])
    text = text.sub(_SPACE_NEAR_CJK, "")
    return join_pages(_drop_pinyin(text))


def _drop_pinyin(text: MappedText) -> MappedText:
    """Return ``text`` without the pinyin printed after its characters (kept in its written form)."""
    toned = len(pinyin.TONED.findall(text.text))
    if not toned:
        return text
    text = text.drop(pinyin.TONED)
    if toned >= pinyin.MIN_TONED_FOR_TONELESS:
        text = text.drop(pinyin.TONELESS)
    return text
