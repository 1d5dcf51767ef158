"""A text-layer PDF's pages as text: the lines a page wrapped joined into their paragraphs.

A word processor wraps a paragraph at the right margin; the PDF keeps each printed line apart, and a
pipe row or a field (责任单位：…) split over two lines is no longer one. A line is taken as wrapped
when it ends within a few characters of the right margin (the word processor moves a character down
with the punctuation that may not open a line: 负 / 责。) and not with a sentence's end: a paragraph
set without indent can end at the margin, and one wrongly joined to the next would merge a notice's
last sentence with its signature, while a sentence's end wrongly kept costs nothing. Lines starting
far right of the margin (a signature, a date) stand alone, a line opening with an item number (or a
pipe row's number cell) starts a paragraph, and table rows are never joined.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from policykg.loaders.read.ocr_layout import Line
from policykg.loaders.read.pdf_layout import LaidOutPage, join_wrapped

MIN_TEXT_SHARE = 0.5  # a page's text spans at least this share of its width when lines wrap
# a line ending this many character heights short of the right margin, or nearer, was wrapped
WRAP_SLACK_SIZES = 3
# a line starting this many character heights right of the left margin stands on its own (a
# signature, a date, a centred heading), never a wrapped paragraph's next line nor wrapped itself
SET_APART_SIZES = 6
HEAD_ROWS = 2  # a table's header rows a word processor may repeat on each page: a title row, the header
# a page number standing alone on its line: 3, - 3 -, — 3 —
_PAGE_NUMBER = re.compile(r"^[\s\-－—–]*\d{1,4}[\s\-－—–]*$")
# punctuation ending a sentence or a bracketed clause (〔牵头单位：…〕): a line ending in it ends its paragraph
_SENTENCE_END = re.compile(r"[。；;！!？?）)」』〕】]$")
# an item number opening a line: 1. 2、 （一） (3) 一、 第一, or a pipe row's number cell (3 | 二 |)
_ITEM_START = re.compile(
    r"^(\d+\s*(?:[.．](?!\d)|[、|])|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+\s*[、|]|第[一二三四五六七八九十]+)"
)


def pages_text(pages: Sequence[LaidOutPage]) -> list[str]:
    """Return each page's text ("" for a page without text), wrapped lines joined, each line ending
    in a line break, a table row the page break split whole on the first of its pages; margins are
    those of the text outside tables on all pages of the page's width."""
    margins = _margins(pages)
    lines = _split_rows_rejoined([list(page.lines) for page in pages])
    return [
        _page_text(page_lines, margins.get(page.width)) for page_lines, page in zip(lines, pages, strict=True)
    ]


def _split_rows_rejoined(pages: list[list[Line]]) -> list[list[Line]]:
    """Return the pages' lines, a table row a page break split put back on the first page.

    A word processor lets a row break across pages: the next page's table opens with the rest of its
    cells, the number cell empty; it may repeat the table's header rows first (重复标题行), which are
    dropped, as a .docx reader writes them once. Page numbers below and above the break are looked
    through.
    """
    head: list[Line] = []  # the first rows of the table the page before ends in
    for before, after in itertools.pairwise(pages):
        head = _open_table_head(before, head)
        last = _last_content(before)
        if not head or last is None:
            continue
        for row in head:  # the header rows, repeated on top of the page
            first = _first_content(after)
            if first is None or after[first].text != row.text:
                break
            after.pop(first)
        first = _first_content(after)
        if first is not None and _continues(before[last], after[first]):
            before[last] = _merged_rows(before[last], after.pop(first))
    return pages


def _open_table_head(lines: list[Line], carried: list[Line]) -> list[Line]:
    """Return the first rows (at most ``HEAD_ROWS``) of the table that ``lines`` end in, ``carried``
    when it began on an earlier page; none when the page ends in no table."""
    last = _last_content(lines)
    if last is None or not lines[last].table_row:
        return []
    start = last
    while start > 0 and lines[start - 1].table_row:
        start -= 1
    if start == _first_content(lines) and carried:
        return carried
    return lines[start : min(start + HEAD_ROWS, last + 1)]


def _last_content(lines: list[Line]) -> int | None:
    """Return the index of the last line that is no page number, or None."""
    return next((k for k in range(len(lines) - 1, -1, -1) if not _PAGE_NUMBER.match(lines[k].text)), None)


def _first_content(lines: list[Line]) -> int | None:
    """Return the index of the first line that is no page number, or None."""
    return next((k for k, line in enumerate(lines) if not _PAGE_NUMBER.match(line.text)), None)


def _continues(row: Line, following: Line) -> bool:
    """True when ``following`` is the rest of ``row``: both table rows with as many cells, the number
    cell filled in ``row`` and empty in ``following``."""
    if not (row.table_row and following.table_row):
        return False
    cells, rest = row.text.split("\t"), following.text.split("\t")
    return len(cells) == len(rest) and bool(cells[0].strip()) and not rest[0].strip()


def _merged_rows(row: Line, rest: Line) -> Line:
    """Return ``row`` with each cell's rest from the next page appended."""
    cells = [
        join_wrapped(f"{cell}\n{more}")
        for cell, more in zip(row.text.split("\t"), rest.text.split("\t"), strict=True)
    ]
    return replace(row, text="\t".join(cells))


def _margins(pages: Sequence[LaidOutPage]) -> dict[int, tuple[int, int]]:
    """Return, for each page width, the left and right margins of its pages' text outside tables,
    where that text spans half the width or more (lines all short show no margin a line could reach)."""
    out: dict[int, tuple[int, int]] = {}
    for page in pages:
        for line in page.lines:
            if not line.table_row:
                left, right = out.get(page.width, (line.left, line.right))
                out[page.width] = (min(left, line.left), max(right, line.right))
    return {
        width: (left, right) for width, (left, right) in out.items() if right - left >= MIN_TEXT_SHARE * width
    }


def _page_text(lines: Sequence[Line], margins: tuple[int, int] | None) -> str:
    """Return the text of a page's lines, those the page wrapped joined to the next."""
    out: list[str] = []
    for line, following in itertools.zip_longest(lines, lines[1:]):
        out.append(line.text)
        out.append("" if _wrapped(line, following, margins) else "\n")
    return "".join(out)


def _wrapped(line: Line, following: Line | None, margins: tuple[int, int] | None) -> bool:
    """True when the page wrapped ``line``: it reaches the right margin and its paragraph goes on
    in ``following``."""
    if following is None or margins is None or line.table_row or following.table_row:
        return False
    left, right = margins
    if _set_apart(line, left) or _set_apart(following, left):
        return False
    reaches_margin = line.right >= right - WRAP_SLACK_SIZES * line.height
    return reaches_margin and not _SENTENCE_END.search(line.text) and not _ITEM_START.match(following.text)


def _set_apart(line: Line, left: int) -> bool:
    return line.left >= left + SET_APART_SIZES * line.height
