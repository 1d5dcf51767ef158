"""Pages that document-sharing sites flatten into one run-on line each, numbered ``1、``, ``2、`` ….

Such a site prints every page of a notice as one long line opening with the page's number, cutting
words and sentences at page ends (``市\\n2、住建局``). The numbers are dropped and each page is joined to
the one before, so names cut at a page end are whole again; headings run into the text before them
(``。一、…（一）…``) are put back on lines of their own.
"""

from __future__ import annotations

import re

from policykg.text.mapped_text import MappedText, concat

# a page number opening a line: 2、
_PAGE_NUMBER = re.compile(r"(?:^|\n)(\d{1,3})、", re.M)
_MIN_PAGE_CHARS = 100  # a full page flattened to one line is longer; a line of a PDF never is
_MIN_PAGES = 2  # one numbered line is an item, not a page run
_SENTENCE_END = "。；：！？!?;:）)]】〕"  # a page cut mid-sentence ends in none of these
_CHINESE_NUMERAL = "一二三四五六七八九十"
# a heading run into the text before it: 。一、 / 。（二） / （X局牵头）二、
_RUN_ON_HEADING = re.compile(rf"[。；;）)](?=[{_CHINESE_NUMERAL}]+、|[(（][{_CHINESE_NUMERAL}]+[)）])")
# a 一、 heading phrase with a （一） heading run into it: 一、加强要素支持（一）强化财税保障
_HEADING_THEN_SUBHEADING = re.compile(
    rf"(?:^|\n|[。；;])[{_CHINESE_NUMERAL}]+、[^。；;，,\n()（）]{{2,30}}(?=[(（][{_CHINESE_NUMERAL}]+[)）])"
)


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _page_starts(text: str) -> list[re.Match[str]]:
    """Return the page-number matches of a run of flattened pages 1、, 2、, 3、 …, or [] if there is none."""
    run: list[re.Match[str]] = []
    for m in _PAGE_NUMBER.finditer(text):
        if int(m.group(1)) != len(run) + 1:
            continue
        if not run and len(_line_at(text, m.start(1))) < _MIN_PAGE_CHARS:
            continue
        if run:  # the page before is full and cut mid-sentence; the last page may be short
            previous = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if len(previous) < _MIN_PAGE_CHARS or previous.rstrip().endswith(tuple(_SENTENCE_END)):
                continue
        run.append(m)
    return run if len(run) >= _MIN_PAGES else []


def join_pages(text: MappedText) -> MappedText:
    """Return ``text`` with the page numbers of flattened pages dropped and the pages joined."""
    run = _page_starts(text.text)
    if not run:
        return text
    first, pages = run[0].start(), {m.start() for m in run}

    def unnumbered(m: re.Match[str]) -> str:
        if m.start() not in pages:
            return m.group(0)
        return m.group(0)[: m.start(1) - m.start()] if m.start() == first else ""  # page 1 keeps its line

    joined = text.sub(_PAGE_NUMBER, unnumbered)
    breaks = {m.end() for m in _RUN_ON_HEADING.finditer(joined.text)}
    breaks |= {m.end() for m in _HEADING_THEN_SUBHEADING.finditer(joined.text)}
    return _break_lines(joined, sorted(breaks))


def _break_lines(text: MappedText, at: list[int]) -> MappedText:
    """Return ``text`` with a line break inserted before each offset of ``at`` (mapped to that offset)."""
    if not at:
        return text
    pieces: list[MappedText] = []
    last = 0
    for offset in at:
        pieces.append(text.slice(last, offset))
        origin = text.origin[offset]
        pieces.append(MappedText("\n", (origin, origin)))
        last = offset
    pieces.append(text.slice(last, len(text)))
    return concat(pieces)
