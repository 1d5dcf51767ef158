"""A matching view of the text, the same length as the text: widths folded, Traditional → Simplified.

Extraction patterns run on the folded view and slice labels out of the unfolded text, so a name keeps
the characters it was written in while ``（`` and ``(``, ``１`` and ``1``, ``牽頭`` and ``牵头`` match
alike. Only one-character-to-one-character conversions are applied, so offsets stay valid.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from policykg.text.pinyin import without_pinyin


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table[0x00A0] = " "
    table[ord("〔")] = "〔"
    table[ord("【")] = "["
    table[ord("】")] = "]"
    table[ord("﹝")] = "〔"
    table[ord("﹞")] = "〕"
    table[ord("〈")] = "〈"
    # the small form variants (﹒﹑﹔﹙…, U+FE50–FE6B) like the full-width ones: 1﹒ is 1.
    for code in range(0xFE50, 0xFE6C):
        small = unicodedata.normalize("NFKC", chr(code))
        if len(small) == 1 and small != chr(code):
            table.setdefault(code, small)
    dictionary = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
            table.setdefault(ord(parts[0]), parts[1])
    return table


_BMP_SIZE = 0x10000  # characters up to U+FFFF: all but a few rare Traditional ones
# a character beyond U+FFFF (some rare Traditional characters are)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _bmp_table() -> list[int | str]:
    """Return the folding of every character up to U+FFFF, indexed by code point: a list is looked
    up without the KeyError a dict raises (and ``translate`` swallows) for each unchanged character,
    which made folding twice as slow."""
    table = _table()
    return [table.get(code, code) for code in range(_BMP_SIZE)]


def fold(text: str) -> str:
    """Return ``text`` with full-width ASCII made half-width and Traditional characters Simplified.

    >>> fold("（牽頭單位：市政務辦）１０月")
    '(牵头单位:市政务办)10月'
    >>> fold("1﹒推进﹙试点﹚")  # small form variants too
    '1.推进(试点)'
    >>> fold("𠁞")  # beyond U+FFFF too
    '𠀾'
    """
    return text.translate(_table() if _ASTRAL.search(text) else _bmp_table())


_WHITESPACE = re.compile(r"\s+")


def folded_key(text: str) -> str:
    """Return ``text`` folded, without whitespace or pinyin: the key two spellings of a name compare by.

    >>> folded_key("市 政務辦（ 牵头 ）")
    '市政务办(牵头)'
    >>> folded_key("市發(fā)展改革委")
    '市发展改革委'
    """
    return _name_key(text) if len(text) <= _MAX_NAME_KEPT else _key(text)


_MAX_NAME_KEPT = 64  # keys of texts up to this long (names, cells) are remembered: they recur
_NAMES_KEPT = 65536


def _key(text: str) -> str:
    return _WHITESPACE.sub("", fold(without_pinyin(text)))


_name_key = lru_cache(maxsize=_NAMES_KEPT)(_key)


def folded_key_length(text: str) -> int:
    """Return ``len(folded_key(text))`` without folding: folding maps a character to one character,
    whitespace to whitespace and nothing else to whitespace, so only pinyin and whitespace count.
    """
    return len(_WHITESPACE.sub("", without_pinyin(text)))
