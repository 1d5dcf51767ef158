"""Pinyin that mirror sites print after Chinese characters: ``發(fā)展``, ``區（qū）``, ``的(de)``.

Such annotations split names and cue words (``牽(qiān)頭(tóu)``), so repair drops them from the text
extraction reads and identity keys ignore them; labels keep them as the source wrote them.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u9fff\uf900-\ufaff"
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_LETTERS = f"a-zü{TONE_MARKED}"
_MAX_SYLLABLE = 7  # zhuāng, chuáng: the longest syllables
# a bracketed syllable right after a Chinese character, with a tone mark: 發(fā), 區（qū）; (2019) or (CBD) never
TONED = re.compile(
    rf"(?<=[{_CJK}])[ \u3000]*[(（](?=[{_LETTERS}]*[{TONE_MARKED}])[{_LETTERS}]{{1,{_MAX_SYLLABLE}}}[)）]"
)
# a bracketed toneless syllable after a Chinese character (的(de)): initial, one to three vowels, ending
TONELESS = re.compile(
    rf"(?<=[{_CJK}])[ \u3000]*[(（](?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouü]{{1,3}}(?:ng|n|r)?[)）]"
)
MIN_TONED_FOR_TONELESS = 3  # a text annotated this often with tone marks annotates neutral tones too
_ANY_TONE = re.compile(f"[{TONE_MARKED}]")


def without_pinyin(text: str) -> str:
    """Return ``text`` without tone-marked pinyin after its characters (``市發(fā)展改革委`` → ``市發展改革委``)."""
    return TONED.sub("", text) if _ANY_TONE.search(text) else text
