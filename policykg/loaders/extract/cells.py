"""The cells of a table line, however the table was flattened to text.

A row on one line has its cells separated by tabs (the HTML and DOCX readers write tables so), by
``|`` (Markdown-like conversions) or by runs of spaces (PDF text). Repair has already removed the
spaces next to Chinese characters, so runs of spaces are found in the offsets instead: two or more
characters missing between neighbours. A table flattened one cell per line writes ``cell |`` lines
and lone ``|`` lines between rows, or nothing at all.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.lines import Line
from policykg.text.mapped_text import MappedText

PIPE = "|"
_MIN_PIPE_CELLS = 3  # a line with fewer |-separated cells is text holding a stray bar
_MIN_GAP = 2  # characters of removed whitespace that separate two cells (one space stays inside a word)
_MIN_GAP_CELLS = 3  # a line needs this many space-separated cells to be read as a row
# a line that only separates rows of a table flattened one cell per line: |, ||, | |
_LONE_BARS = re.compile(r"^\|[\s|]*$")
_EMPTY_CELL = "||"


def tab_cells(line: Line, text: MappedText) -> list[MappedText] | None:
    """Return the cells of a tab-separated row, or None when the line has no tab."""
    if "\t" not in line.text:
        return None
    return _split_at(line, text, [k for k, ch in enumerate(line.text) if ch == "\t"])


def pipe_cells(line: Line, text: MappedText) -> list[MappedText] | None:
    """Return the cells of a ``a | b | c |`` row, or None when the line is no such row."""
    body = line.text
    lead = 1 if body.startswith(PIPE) else 0
    trail = 1 if body.endswith(PIPE) and len(body) > lead else 0
    cuts = [k for k in range(lead, len(body) - trail) if body[k] == PIPE]
    if len(cuts) + 1 < _MIN_PIPE_CELLS:
        return None
    inner = Line(line.start + lead, line.end - trail, body[lead : len(body) - trail], "")
    return _split_at(inner, text, [k - lead for k in cuts])


def gap_cells(line: Line, text: MappedText) -> list[MappedText] | None:
    """Return the cells of a row whose cells were separated by runs of spaces, or None.

    A gap is two or more characters of the source missing between neighbouring characters of the
    repaired text (spaces repair removed), or two or more spaces still in it. Gaps left by dropped
    annotations (pinyin) are no cell boundaries.
    """
    origin, written = text.origin, text.written_as
    cuts: list[tuple[int, int]] = []
    k = line.start
    while k < line.end - 1:
        if text.text[k] == " " or text.text[k] == "\u3000":
            j = k
            while j < line.end and text.text[j] in " \u3000":
                j += 1
            if j - k >= _MIN_GAP:
                cuts.append((k, j))
            k = j
            continue
        missing = origin[k + 1] - origin[k] - 1
        if missing >= _MIN_GAP and (written is None or written[k] == text.text[k]):
            cuts.append((k + 1, k + 1))
        k += 1
    if len(cuts) + 1 < _MIN_GAP_CELLS:
        return None
    cells, start = [], line.start
    for cut_start, cut_end in cuts:
        cells.append(text.slice(start, cut_start).strip())
        start = cut_end
    cells.append(text.slice(start, line.end).strip())
    return [c for c in cells if c.text]


def row_cells(line: Line, text: MappedText) -> tuple[str, list[MappedText]] | None:
    """Return how a one-line row is separated (tab, pipe, gap) and its cells, or None."""
    for layout, split in (("tab", tab_cells), ("pipe", pipe_cells), ("gap", gap_cells)):
        cells = split(line, text)
        if cells is not None:
            return layout, cells
    return None


def is_row_separator(line: Line) -> bool:
    """True for a lone ``|`` line between the rows of a table flattened one cell per line."""
    return bool(_LONE_BARS.match(line.text)) and line.text.replace(" ", "") != _EMPTY_CELL


def is_empty_cell(line: Line) -> bool:
    """True for a ``||`` line: an empty cell of a table flattened one cell per line."""
    return line.text.replace(" ", "") == _EMPTY_CELL


def line_cell(line: Line, text: MappedText) -> MappedText:
    """Return the cell a line of a one-cell-per-line table holds: the line without its closing ``|``."""
    end = line.end
    while end > line.start and text.text[end - 1] in " |":
        end -= 1
    return text.slice(line.start, end)


def _split_at(line: Line, text: MappedText, cuts: list[int]) -> list[MappedText]:
    cells, start = [], line.start
    for cut in cuts:
        cells.append(text.slice(start, line.start + cut).strip())
        start = line.start + cut + 1
    cells.append(text.slice(start, line.end).strip())
    return cells
