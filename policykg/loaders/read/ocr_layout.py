"""A page's text from the words Tesseract recognised on it, placed by their boxes.

Words become lines as Tesseract grouped them; words inside a ruled table become that table's rows,
cells separated by tabs as the other readers write table rows; a line that reaches the right margin
without ending a sentence is joined to the line below, since the page wrapped it, not its author.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.loaders.read.ocr_tables import Grid

WORD_LEVEL = 5  # Tesseract's level of a word in image_to_data
# a line whose right end is this many character heights short of the page's widest line ends a paragraph
WRAP_SLACK_CHARS = 1.5
# words or characters further apart than this many character heights (sizes) stand in different
# cells, a tab between: the rule of every reader of placed text (OCR, OFD, PDF)
CELL_GAP_CHARS = 1.5
# punctuation that ends a sentence or a clause: a line ending in it continues only when the next line
# neither is indented nor opens with an item number (a paragraph that filled the line to its end)
_LINE_END = re.compile(r"[。；;！!？?）)」』]$")
# a line opening with a Chinese item number and its closing bracket only: the opening one was lost
# at the page's left edge, （三） read as 三)
_LOST_ITEM_OPENER = re.compile(r"^([一二三四五六七八九十]{1,3}[)）])")
# an item number opening a line: 1. 2、 （一） (3) 一、 第一
_ITEM_START = re.compile(
    r"^(\d+\s*[.、．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+)"
)
# a space Tesseract leaves between two characters that are not both Latin letters or digits
_INNER_SPACE = re.compile(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])")
# marks Tesseract reads in the blank at a cell's edge (quotes, the stub of an erased rule): a run of
# them opening or closing a cell whose text holds no other such mark
_EDGE_MARK_CHARS = "“”‘’\"'|[]"
_EDGE_MARKS = re.compile(r"^[“”‘’\"'|\[\]]+|[“”‘’\"'|\[\]]+$")
# words no notice writes that Tesseract's chi_sim model reads for 牵头 (lead), the word roles hang on
_MISREAD_WORDS = re.compile("[奉率尝替举]头")
# marks Tesseract reads for a full-width opening bracket, each with the mark that would close it
_MISREAD_OPENERS = {"〈": "〉", "<": ">", "“": "”", "《": "》", "【": "】", "[": "]"}
_ROUND_CLOSERS = frozenset(")）")
_ROUND_OPENERS = frozenset("(（")
# a pair of square brackets Tesseract reads for 〔〕 (a document number's year, a field bracket): ASCII
# or mixed with 【】 around a year, or ASCII around Chinese text
_SQUARE_PAIR = re.compile(r"[\[【](\d{4})[\]】]|\[([^\[\]【】\n]*[\u4e00-\u9fff][^\[\]【】\n]*)\]")


@dataclass(frozen=True)
class Line:
    """One line of a page: its text, top and right edge and character height in pixels."""

    text: str
    top: int
    right: int
    height: int
    table_row: bool = False
    left: int = 0


def page_lines(data: dict[str, list], grids: Sequence[Grid] = ()) -> list[Line]:
    """Return the lines of a page, top to bottom, from Tesseract's ``image_to_data`` dictionary.

    Words whose centre lies in one of ``grids`` become the rows of that table instead.
    """
    grouped: dict[tuple[int, int, int], list[int]] = {}
    cells: dict[tuple[int, int, int], list[tuple[int, str]]] = {}
    for i, level in enumerate(data["level"]):
        if level != WORD_LEVEL or not data["text"][i].strip():
            continue
        y = data["top"][i] + data["height"][i] / 2
        table = next((g for g, grid in enumerate(grids) if grid.cell_of(_centre(data, i), y)), None)
        if table is None:
            grouped.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
            continue
        for place, char in _characters_in_cells(data, i, grids[table], y):
            cells.setdefault((table, *place), []).append((i, char))
    lines = [_line_of(data, indexes) for indexes in grouped.values()]
    lines.extend(_table_rows(grids, cells))
    return sorted(lines, key=lambda line: line.top)


def _centre(data: dict[str, list], i: int) -> float:
    return data["left"][i] + data["width"][i] / 2


def _characters_in_cells(
    data: dict[str, list], i: int, grid: Grid, y: float
) -> list[tuple[tuple[int, int], str]]:
    """Return each character of word ``i`` with the cell it stands in.

    A word's box can straddle a rule (Tesseract joins a mark it imagines in the blank before a cell
    to the cell's first character), so each character is placed by its share of the box.
    """
    text = data["text"][i].strip()
    step = data["width"][i] / len(text)
    fallback = grid.cell_of(_centre(data, i), y)
    placed = []
    for k, char in enumerate(text):
        place = grid.cell_of(data["left"][i] + (k + 0.5) * step, y) or fallback
        placed.append((place, char))
    return placed


def _line_of(data: dict[str, list], indexes: list[int]) -> Line:
    """Return one line of words, a wide gap between two words kept as a tab."""
    height = max(data["height"][i] for i in indexes)
    parts = [data["text"][indexes[0]].strip()]
    for before, i in itertools.pairwise(indexes):
        gap = data["left"][i] - (data["left"][before] + data["width"][before])
        parts.append("\t" if gap > CELL_GAP_CHARS * height else " ")
        parts.append(data["text"][i].strip())
    top = min(data["top"][i] for i in indexes)
    right = max(data["left"][i] + data["width"][i] for i in indexes)
    text = _LOST_ITEM_OPENER.sub(r"（\1", _clean("".join(parts)))
    return Line(text, top, right, height, left=min(data["left"][i] for i in indexes))


def _table_rows(
    grids: Sequence[Grid], cells: dict[tuple[int, int, int], list[tuple[int, str]]]
) -> list[Line]:
    """Return one line per table row holding words, its cells' texts joined by tabs."""
    rows = []
    for g, grid in enumerate(grids):
        for row in range(len(grid.rows) - 1):
            texts = [_cell_text(cells.get((g, row, column), [])) for column in range(len(grid.columns) - 1)]
            if any(texts):
                rows.append(Line("\t".join(texts), grid.rows[row], 0, 0, table_row=True))
    return rows


def _cell_text(characters: list[tuple[int, str]]) -> str:
    """Return a cell's text from its characters, a space between two words."""
    words = [
        "".join(char for _, char in group) for _, group in itertools.groupby(characters, key=lambda c: c[0])
    ]
    return _clean_cell(" ".join(words))


def _clean(text: str) -> str:
    return _INNER_SPACE.sub("", text)


def _clean_cell(text: str) -> str:
    """Return a cell's text without the marks Tesseract tends to read in the blank at its edges."""
    text = _clean(text)
    inner = _EDGE_MARKS.sub("", text)
    return text if any(char in _EDGE_MARK_CHARS for char in inner) else inner


def page_text(lines: Sequence[Line], margins: tuple[int, int] | None = None) -> str:
    """Return a page's text, a line that reaches the right margin joined to the one below it.

    The margins are ``(left, right)`` when given (a page with little text shows them poorly), else
    the page's widest extent of text outside tables. The text ends in a line break unless its last
    line runs on to the next page.
    """
    prose = [line for line in lines if not line.table_row]
    right = max((line.right for line in prose), default=0)
    left = min((line.left for line in prose), default=0)
    if margins is not None:
        left, right = margins
    out: list[str] = []
    for line, following in itertools.zip_longest(lines, lines[1:]):
        out.append(line.text)
        out.append("" if _runs_on(line, following, left, right) else "\n")
    return "".join(out) or "\n"


def _runs_on(line: Line, following: Line | None, left: int, right: int) -> bool:
    """True when ``line`` was wrapped by the page: it reaches the right margin and its text goes on."""
    if line.table_row or (following is not None and following.table_row):
        return False
    if line.right < right - WRAP_SLACK_CHARS * line.height:
        return False
    if not _LINE_END.search(line.text):
        return True
    # a sentence ending right at the margin: the paragraph goes on unless the next line starts one
    return (
        following is not None
        and following.left < left + line.height
        and not _ITEM_START.match(following.text)
    )


def repair_misreadings(text: str) -> str:
    """Return ``text`` with misread brackets put right; every character keeps its offset.

    奉头, 率头 … become 牵头; square brackets around a year or Chinese text become 〔〕. A mark in ``_MISREAD_OPENERS`` is taken for a misread （ when a round closing bracket follows on
    its line with no round opening one between, and the mark is not closed before it (a 《title》
    inside the clause closes its own 《, not the misread one).
    """
    text = _MISREAD_WORDS.sub("牵头", text)
    text = _SQUARE_PAIR.sub(lambda m: f"〔{m.group(1) or m.group(2)}〕", text)
    chars = list(text)
    for i, char in enumerate(chars):
        if char in _MISREAD_OPENERS and _closes_with_round_bracket(chars, i):
            chars[i] = "（"
    return "".join(chars)


def _closes_with_round_bracket(chars: list[str], start: int) -> bool:
    """True when the mark at ``start`` is still open at the round bracket closing its clause."""
    opener, closer = chars[start], _MISREAD_OPENERS[chars[start]]
    depth = 1
    for char in itertools.islice(chars, start + 1, None):
        if char == "\n" or char in _ROUND_OPENERS:
            return False
        if char in _ROUND_CLOSERS:
            return depth > 0
        if char == closer:
            depth -= 1
            if depth == 0:
                return False
        elif char == opener and opener != closer:
            depth += 1
    return False
