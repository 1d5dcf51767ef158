"""The cells of a table line, however the table was flattened to text.

A row on one line has its cells separated by tabs (the HTML and DOCX readers write tables so), by
``|`` (Markdown-like conversions) or by runs of spaces (PDF text). Repair has already removed the
spaces next to Chinese characters, so runs of spaces are found in the offsets instead: two or more
characters missing between neighbours. A table flattened one cell per line writes ``cell |`` lines
and lone ``|`` lines between rows, or nothing at all.
"""

from __future__ import annotations

import operator
import re

from policykg.loaders.extract.lines import Line
from policykg.text.mapped_text import MappedText

PIPE = "|"
_MIN_PIPE_CELLS = 3  # a line with fewer |-separated cells is text holding a stray bar
_MIN_GAP = 2  # characters of removed whitespace that separate two cells (one space stays inside a word)
_MIN_GAP_CELLS = 3  # a line needs this many space-separated cells to be read as a row
_SPACES = " \u3000"
# two or more spaces in a row, half- or full-width: a cell boundary repair left in the text
_SPACE_RUN = re.compile(f"[{_SPACES}]{{{_MIN_GAP},}}")
# a line that only separates rows of a table flattened one cell per line: |, ||, | |
_ANY_SPACES = re.compile(f"[{_SPACES}]+")  # one space or more: a cell boundary in a one-space row
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


def gap_cells(line: Line, text: MappedText, min_cells: int = _MIN_GAP_CELLS) -> list[MappedText] | None:
    """Return the cells of a row whose cells were separated by runs of spaces, or None.

    A gap is two or more characters of the source missing between neighbouring characters of the
    repaired text (spaces repair removed), or two or more spaces still in it. Gaps left by dropped
    annotations (pinyin) are no cell boundaries.
    """
    cuts = sorted(_space_runs(line, text) + _missing_runs(line, text))
    if len(cuts) + 1 < min_cells:
        return None
    cells, start = [], line.start
    for cut_start, cut_end in cuts:
        cells.append(text.slice(start, cut_start).strip())
        start = cut_end
    cells.append(text.slice(start, line.end).strip())
    return [c for c in cells if c.text]


def space_cells(line: Line, text: MappedText) -> list[MappedText]:
    """Return the pieces of a line split at every space, kept or removed by repair: the cells of a
    row whose cells were separated by one space (a cell may hold spaces too; see the table reader)."""
    return [text.slice(a, b) for a, b in space_spans(line, text)]


def space_spans(line: Line, text: MappedText) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the pieces :func:`space_cells` returns."""
    kept = [(line.start + m.start(), line.start + m.end()) for m in _ANY_SPACES.finditer(line.text)]
    cuts = sorted(kept + _missing_runs(line, text, min_gap=1))
    spans, start = [], line.start
    for cut_start, cut_end in cuts:
        if cut_start >= start:
            spans.append((start, cut_start))
            start = cut_end
    spans.append((start, line.end))
    return [(a, b) for a, b in spans if text.text[a:b].strip()]


def _space_runs(line: Line, text: MappedText) -> list[tuple[int, int]]:
    """Return the runs of two or more spaces still in the line, as (start, end) offsets."""
    runs = _SPACE_RUN.finditer(text.text, line.start, line.end)
    return [m.span() for m in runs]


def _missing_runs(line: Line, text: MappedText, min_gap: int = _MIN_GAP) -> list[tuple[int, int]]:
    """Return, as empty (k, k) spans, the places in the line after which repair removed ``min_gap``
    or more characters (not after a space, and not where a dropped annotation was)."""
    origin, written = text.origin, text.written_as
    first, last = line.start, line.end - 1  # the character after ``last`` is past the line
    steps = map(operator.sub, origin[first + 1 : last + 1], origin[first:last])
    if max(steps, default=0) <= min_gap:  # checked in C: most lines lost no run of characters
        return []
    return [
        (k + 1, k + 1)
        for k in range(first, last)
        if origin[k + 1] - origin[k] - 1 >= min_gap
        and text.text[k] not in _SPACES
        and (written is None or written[k] == text.text[k])
    ]


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
    return text.slice(line.start, _cell_end(line, text))


def line_cell_text(line: Line, text: MappedText) -> str:
    """Return the text of :func:`line_cell`, without building its mapping."""
    return text.text[line.start : _cell_end(line, text)]


def _cell_end(line: Line, text: MappedText) -> int:
    end = line.end
    while end > line.start and text.text[end - 1] in " |":
        end -= 1
    return end


def _split_at(line: Line, text: MappedText, cuts: list[int]) -> list[MappedText]:
    cells, start = [], line.start
    for cut in cuts:
        cells.append(text.slice(start, line.start + cut).strip())
        start = line.start + cut + 1
    cells.append(text.slice(start, line.end).strip())
    return cells
