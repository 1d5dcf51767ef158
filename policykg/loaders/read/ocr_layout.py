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
# words further apart than this many character heights stand in different cells (a tab between)
CELL_GAP_CHARS = 1.5
# punctuation that ends a sentence or a heading: a line ending in it is never joined to the next
_LINE_END = re.compile(r"[。；;：:！!？?）)」』]$")
# a space Tesseract leaves between two characters that are not both Latin letters or digits
_INNER_SPACE = re.compile(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])")
_QUOTES = "“”‘’\"'"
# an opening bracket misread as 〈 < “ or 《 whose clause closes with a round bracket on its line, with
# no closing mark of its own in between
_MISREAD_OPENING = re.compile(r"[〈<“《]([^〈〉<>“”《》()（）\n]*[)）])")


@dataclass(frozen=True)
class Line:
    """One line of a page: its text, top and right edge and character height in pixels."""

    text: str
    top: int
    right: int
    height: int
    table_row: bool = False


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
    return Line(_clean("".join(parts)), top, right, height)


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
    """Return a cell's text without the lone quote mark Tesseract tends to read in the blank at its edge."""
    text = _clean(text)
    if text[:1] in _QUOTES and not any(q in text[1:] for q in _QUOTES):
        text = text[1:]
    if text[-1:] in _QUOTES and not any(q in text[:-1] for q in _QUOTES):
        text = text[:-1]
    return text


def page_text(lines: Sequence[Line]) -> str:
    """Return a page's text, a line that reaches the right margin joined to the one below it.

    The text ends in a line break unless its last line runs on to the next page.
    """
    prose = [line for line in lines if not line.table_row]
    margin = max((line.right for line in prose), default=0)
    out: list[str] = []
    for line, following in itertools.zip_longest(lines, lines[1:]):
        out.append(line.text)
        wraps = (
            not line.table_row
            and (following is None or not following.table_row)
            and line.right >= margin - WRAP_SLACK_CHARS * line.height
            and not _LINE_END.search(line.text)
        )
        out.append("" if wraps else "\n")
    return "".join(out) or "\n"


def repair_misreadings(text: str) -> str:
    """Return ``text`` with misread opening brackets put right; every character keeps its offset."""
    return _MISREAD_OPENING.sub(r"（\1", text)
