"""Rows of a measure table, found in its lines however it was flattened.

A header (:func:`find_header`) opens a table. Rows written one per line (tabs, ``|``, runs of
spaces) are rows as they stand. In a table flattened one cell per line a row starts at the row
number the table expects next (the first row at any number, later ones at the last plus one, so
an amount or a year in a cell never starts a row), or — in a table with no numbers — at a task cell
opening with that number (``1.主动对接…``). Lines shaped like headings (``一、…``) are section rows;
a short cell between one row's last unit or time cell and the next row number is a category cell
merged over the rows below it. Both become sections, so rows get their path from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from policykg.loaders.extract.cells import (
    PIPE,
    gap_cells,
    is_empty_cell,
    is_row_separator,
    line_cell,
    line_cell_text,
    pipe_cells,
    row_cells,
    space_cells,
    space_spans,
)
from policykg.loaders.extract.columns import (
    BRACKETED_NOTE,
    UNIT_ROLES,
    column_kind,
    header_roles,
    is_full_header,
)
from policykg.loaders.extract.lines import CN_NUM, HEADING1, HEADING2, ITEM, Line
from policykg.loaders.extract.model import Section
from policykg.loaders.extract.tables import cell_shape
from policykg.loaders.extract.vocabulary import COLUMN_UNIT_STEMS, ROLES, UNIT_WORDS, alternation
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText

# a cell holding only a Chinese ordinal: 一, 二, （三）, 四、 — a section row's first cell
_ORDINAL_CELL = re.compile(rf"^(?:\(([{CN_NUM}]{{1,4}})\)|([{CN_NUM}]{{1,4}}))[、.]?$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
# what no header cell holds: a sentence's end, a field's colon, an item number (6.保障重点项目用地。)
_NOT_HEADER_CELL = re.compile(r"[。;；:]|^\d{1,3}\s*[.、]")
_SECTION_ROW_CELLS = 2  # an ordinal and a title: a section row written with a gap
_MAX_SECTION_ROW = 60  # a longer heading-shaped cell is task text
_MAX_CATEGORY = 30  # a longer cell is no category
_CATEGORY_LEVEL = 9  # categories sit below every heading level, so the next category replaces one
_HEADER_LINES_SCAN = 40
_MIN_SPACE_HEADER = 3  # a one-space header has at least this many column words
_UNKNOWN_SPACE_HEADER_WORDS = 1  # and at most this many other words (类别)
_MAX_SPACE_HEADER = 80  # a longer line is no one-space header
ROLE_LABEL_STEMS = frozenset(stem for role in ROLES for stem in role.label_stems)  # 牵头, 责任, 配合 …
_MAX_ROW_LINES = 12  # a one-space row running over more lines than this has ended
# a line that opens a heading or an item: never the rest of a table row
_STRUCTURE_LINE = re.compile(f"{HEADING1.pattern}|{HEADING2.pattern}|{ITEM.pattern}")
# a word a unit column's header holds: 牵头单位, 责任部门, 责任科室, 实施主体
_UNIT_COLUMN_WORD = re.compile(
    alternation((*UNIT_WORDS, *COLUMN_UNIT_STEMS))
)  # lines a header flattened one cell per line is looked for in


class TableHost(Protocol):
    """What a table needs from the document it is in: the open section, and a way to open one."""

    @property
    def current_section(self) -> Section | None: ...

    def table_section(self, level: int, number: str, title: MappedText, line: Line) -> Section: ...


@dataclass(frozen=True)
class Header:
    """A measure table's header: the role of each column, how its rows are written, where it ends."""

    roles: list[str | None]
    layout: str  # "tab", "pipe", "gap" (one row per line) or "cells" (one cell per line)
    end: int  # index of the first line after the header
    closed: bool = False  # its rows end with a bar: a pipe row that does not goes on below


@dataclass
class TableRow:
    """One row: its cells (with the lines they came from) and the section it sits in."""

    cells: list[MappedText]
    section: Section | None
    number: str | None = None
    lines: list[Line] = field(default_factory=list)


def find_header(lines: list[Line], i: int, text: MappedText) -> Header | None:
    """Return the measure-table header starting at line ``i``, or None."""
    row = row_cells(lines[i], text)
    if row is not None:
        layout, cells = row
        names = _merge_letters(cells) if layout == "gap" else [c.text for c in cells]
        roles = header_roles(names)
        if roles is not None and (layout == "tab" or len(roles) >= 3):
            return Header(roles, layout, i + 1, closed=lines[i].text.rstrip().endswith(PIPE))
        return None
    spaced = _one_space_header(lines[i], text)
    if spaced is not None:
        return Header(spaced, "space", i + 1)
    if not (is_row_separator(lines[i]) or column_kind(line_cell_text(lines[i], text))):
        return None
    names: list[str] = []
    j = i
    while j < len(lines) and j < i + _HEADER_LINES_SCAN:
        line = lines[j]
        if is_row_separator(line):
            j += 1
            continue
        cell = fold(line_cell_text(line, text)).strip()
        if names and (BRACKETED_NOTE.match(cell) or _split_header_word(names[-1], cell)):
            names[-1] += cell  # 责任股室 / （单位）, 责任 / 领导: one header cell on two lines
        elif column_kind(cell) and not _ROW_NUMBER.match(cell) and not _NOT_HEADER_CELL.search(cell):
            names.append(cell)
        elif j + 1 < len(lines) and _split_header_word(
            cell, fold(line_cell_text(lines[j + 1], text)).strip()
        ):
            names.append(cell + fold(line_cell_text(lines[j + 1], text)).strip())  # 第二季度 / 完成情况
            j += 1
        else:
            break
        j += 1
    roles = header_roles(names)
    return Header(roles, "cells", j) if is_full_header(roles, len(names)) else None


def _split_header_word(first: str, second: str) -> bool:
    """True when two header cells are one header word a line break cut: a role's bare stem and what
    follows it (责任 / 领导, 责任 / 科室), or a word no column is named by and its end (第二季度 / 完成情况)."""
    joined = column_kind(first + second)
    if joined is None or _NOT_HEADER_CELL.search(second) or _ROW_NUMBER.match(second):
        return False
    return first in ROLE_LABEL_STEMS or column_kind(first) is None


def _one_space_header(line: Line, text: MappedText) -> list[str | None] | None:
    """Return the column roles of a header whose cells one space separates (序号 类别 主要任务 牵头单位
    参与单位), or None: at least three pieces are column words (all but one of them), one a unit column."""
    spaced = " " in line.text or text.origin[line.end - 1] - text.origin[line.start] >= len(line.text)
    if not spaced or len(line.text) > _MAX_SPACE_HEADER or not _UNIT_COLUMN_WORD.search(line.folded):
        return None  # checked first: most lines are no header, and splitting them costs
    names = [fold(c.text) for c in space_cells(line, text)]
    known = sum(1 for n in names if column_kind(n))
    if known < _MIN_SPACE_HEADER or known < len(names) - _UNKNOWN_SPACE_HEADER_WORDS:
        return None
    roles = header_roles(names)
    if roles is None or "task" not in roles or not any(r in UNIT_ROLES for r in roles):
        return None
    return roles


def space_row(line: Line, text: MappedText, roles: list[str | None]) -> list[MappedText] | None:
    """Fit the one-space pieces of a row to the columns: the number first, the unit and time columns
    after the last task column from the right (their cells hold no space), the task the rest."""
    return fit_space_spans(space_spans(line, text), text, roles)


def fit_space_spans(
    spans: list[tuple[int, int]], text: MappedText, roles: list[str | None], units_in_task: bool = False
) -> list[MappedText] | None:
    """Fit one-space pieces to the columns (see :func:`space_row`); with ``units_in_task`` (a row
    whose cells ran over several lines) unit pieces ending the task belong to the first unit column:
    区科技局 / 区商务局 / 区药投公司 written one under another in one cell."""
    last_task = max(k for k, r in enumerate(roles) if r == "task")
    tail = len(roles) - last_task - 1
    head = 1 if roles[0] == "number" else 0
    if len(spans) < head + tail + 1 or (head and not _ROW_NUMBER.match(fold(text.text[slice(*spans[0])]))):
        return None
    task_end = len(spans) - tail - 1  # index of the task's last piece
    first_unit = task_end + 1
    while units_in_task and tail and roles[last_task + 1] in UNIT_ROLES and task_end > head:
        if cell_shape(text.text[slice(*spans[task_end])]) != "units":
            break
        task_end -= 1
    task = text.slice(spans[head][0], spans[task_end][1])  # spaces inside kept
    empty = task.slice(0, 0)
    cells = [text.slice(*span) for span in spans]
    after = cells[len(cells) - tail :]
    if after and task_end + 1 < first_unit:  # the units peeled off the task open the first unit cell
        after[0] = text.slice(spans[task_end + 1][0], spans[first_unit][1])
    return [*cells[:head], *([empty] * (last_task - head)), task, *after]


def _merge_letters(cells: list[MappedText]) -> list[str]:
    """Join the one-character pieces of a spaced-out header into its words: 序  号    主  要  任  务 →
    序号, 主要任务. Letters of one word stand closer together than the cells of the row do."""
    gaps = [nxt.origin[0] - prev.origin[-1] for prev, nxt in zip(cells, cells[1:], strict=False)]
    widest = max(gaps, default=0)
    out: list[str] = []
    for k, cell in enumerate(cells):
        single = len(cell.text) == 1 and k > 0 and len(cells[k - 1].text) == 1
        if out and single and (gaps[k - 1] < widest or len(out[-1]) == 1):
            out[-1] += cell.text
        else:
            out.append(cell.text)
    return out


class MeasureTable:
    """A measure table being read: its header's roles and the rows found so far."""

    def __init__(self, header: Header, host: TableHost) -> None:
        self.roles = header.roles
        self.layout = header.layout
        self.closed = header.closed
        self.host = host
        self.rows: list[TableRow] = []
        self.pending = TableRow([], None)  # cells before the first row: a category, or nothing
        self.expected: int | None = None
        self.numbered_cells = False  # rows start at bare number cells (not at 1. in the task cell)
        self.restart = False  # a section row came: numbering may start again at 1
        self.broken: list[Line] = []  # lines of a one-space row whose cells run over several lines

    @property
    def has_number_column(self) -> bool:
        """True when the header names a number column."""
        return "number" in self.roles

    def take(self, line: Line, text: MappedText) -> bool:
        """Read one line of the table; return False when the line is not part of it."""
        if self.layout == "cells":
            self._take_cell(line, text)
            return True
        if self.layout == "space":
            return self._take_space_line(line, text)
        row = row_cells(line, text)
        if self.layout == "pipe" and self.closed and (self.broken or row is not None):
            return self._take_closed_pipe_line(line, text, row)
        if row is None and self.layout == "gap":  # 一    提升政务服务: a section row of two cells
            pair = gap_cells(line, text, min_cells=_SECTION_ROW_CELLS)
            return pair is not None and self._section_row(pair, line)
        if row is None or row[0] != self.layout:
            return False
        cells = row[1]
        if not self._section_row(cells, line):
            self.rows.append(TableRow(cells, self.host.current_section, lines=[line]))
        return True

    def _take_space_line(self, line: Line, text: MappedText) -> bool:
        """Read a one-space row, or a line of a row whose cells run over several lines (a unit cell
        listing one unit a line): such a row starts at its number and ends where its pieces fill
        every column — at a time piece when the last column is a time — or at the next row number."""
        spans = space_spans(line, text)
        numbered = bool(spans) and bool(_ROW_NUMBER.match(fold(text.text[slice(*spans[0])])))
        if self.broken and not numbered and not _STRUCTURE_LINE.match(line.folded):
            self.broken.append(line)
            return self._fit_broken(text) or len(self.broken) <= _MAX_ROW_LINES
        self.broken = []
        fitted = fit_space_spans(spans, text, self.roles)
        if fitted is not None and self._complete(fitted):
            self.rows.append(TableRow(fitted, self.host.current_section, lines=[line]))
            return True
        if numbered:  # a row whose cells go on in the lines below
            self.broken = [line]
            return True
        return False

    def _take_closed_pipe_line(self, line: Line, text: MappedText, row: tuple | None) -> bool:
        """Read a line of a pipe table whose rows end with a bar: a row line that does not end so has a
        cell running onto the lines below (市国土资源局 / 市农牧林业局 | 2010年9月20日前 |)."""
        ends = line.text.rstrip().endswith(PIPE)
        if self.broken and PIPE in line.text and (row is None or row[0] != "pipe"):
            self.broken.append(line)  # the rest of the row above: read it again with this line
            self.rows.pop()
            self._add_pipe_row(self.broken, text)
            self.broken = [] if ends or len(self.broken) > _MAX_ROW_LINES else self.broken
            return True
        self.broken = []
        if row is None or row[0] != "pipe":
            return False
        before = len(self.rows)
        self._add_pipe_row([line], text)
        if len(self.rows) > before and not ends:
            self.broken = [line]
        return True

    def _add_pipe_row(self, lines: list[Line], text: MappedText) -> None:
        """Add the row the pipe-separated ``lines`` hold, or open the section a section row opens."""
        start, end = lines[0].start, lines[-1].end
        joined = Line(start, end, text.text[start:end], "")
        cells = pipe_cells(joined, text) or []
        if cells and not self._section_row(cells, joined):
            self.rows.append(TableRow(cells, self.host.current_section, lines=list(lines)))

    def _complete(self, cells: list[MappedText]) -> bool:
        """True when a fitted row's last cell is a time where the last column is one."""
        return self.roles[-1] != "deadline" or cell_shape(cells[-1].text) == "deadline"

    def _fit_broken(self, text: MappedText) -> bool:
        """Fit the lines of a broken row; when they fill the row, add it and return True."""
        spans = [span for ln in self.broken for span in space_spans(ln, text)]
        fitted = fit_space_spans(spans, text, self.roles, units_in_task=True)
        if fitted is None or not self._complete(fitted):
            return False
        self.rows.append(TableRow(fitted, self.host.current_section, lines=list(self.broken)))
        self.broken = []
        return True

    def _section_row(self, cells: list[MappedText], line: Line) -> bool:
        """一 | 提升政务服务效能 | | |, or a row holding only 一、…: open a section; return whether it was one."""
        filled = [c for c in cells if c.text.strip()]
        if not filled or len(filled) > 2:
            return False
        first = fold(filled[0].text).strip()
        ordinal = _ORDINAL_CELL.match(first)
        if ordinal and len(filled) == 2:
            level = 2 if ordinal.group(1) else 1
            self._open_section(level, ordinal.group(1) or ordinal.group(2), filled[1], line)
            return True
        return len(filled) == 1 and self._heading_cell(filled[0], line)

    def _heading_cell(self, cell: MappedText, line: Line) -> bool:
        folded = fold(cell.text)
        if len(folded) > _MAX_SECTION_ROW or "。" in folded:
            return False
        for level, pattern in ((1, HEADING1), (2, HEADING2)):
            m = pattern.match(folded)
            if m:
                self._open_section(level, m.group(1), cell.slice(m.end(), len(cell.text)), line)
                return True
        return False

    def _open_section(self, level: int, number: str, title: MappedText, line: Line) -> None:
        self.host.table_section(level, number, title.strip(), line)
        self.restart = True

    def _take_cell(self, line: Line, text: MappedText) -> None:
        if is_row_separator(line):
            return
        cell = text.slice(line.start, line.start) if is_empty_cell(line) else line_cell(line, text)
        if cell.text and self._heading_cell(cell, line):
            return
        folded = fold(cell.text).strip()
        if _ROW_NUMBER.match(folded) and (self._is_next(int(folded)) or self._skips_ahead(int(folded))):
            self.numbered_cells = True
            self._start_row(str(int(folded)), [cell], line)
            return
        item = ITEM.match(folded)
        if (
            item
            and not self.numbered_cells
            and not self.has_number_column
            and self._is_next(int(item.group(1)))
        ):
            self._start_row(item.group(1), [cell.slice(item.end(), len(cell.text))], line)
            return
        row = self.rows[-1] if self.rows else self.pending
        row.cells.append(cell)
        row.lines.append(line)

    def _is_next(self, number: int) -> bool:
        return self.expected is None or number == self.expected or (self.restart and number == 1)

    def _skips_ahead(self, number: int) -> bool:
        """True for a later row number after a row that has filled every column read from: a table of
        selected tasks (6, 52, 53 …) skips numbers, and an amount cell never comes after the last one."""
        if self.expected is None or number <= self.expected or not self.rows:
            return False
        read = [k for k, role in enumerate(self.roles) if role is not None]
        return bool(read) and len(self.rows[-1].cells) > read[-1]

    def _start_row(self, number: str, cells: list[MappedText], line: Line) -> None:
        self._split_category(self.rows[-1] if self.rows else self.pending)
        self.rows.append(TableRow(cells, self.host.current_section, number, [line]))
        self.expected = int(number) + 1
        self.restart = False

    def _split_category(self, row: TableRow) -> None:
        """Take a category cell off the end of ``row`` and open it as a section."""
        roles = [r for r in self.roles if r]
        if not row.cells or not roles or roles[-1] not in (*UNIT_ROLES, "deadline"):
            return  # columns after the units (progress, remarks) would hold such a cell
        shapes = [cell_shape(c.text) for c in row.cells]
        last = row.cells[-1]
        folded = fold(last.text).strip()
        before = shapes[-2] if len(shapes) > 1 else ("deadline" if row is self.pending else "")
        if (
            shapes[-1] == "text"
            and before in ("units", "deadline")
            and len(folded) <= _MAX_CATEGORY
            and "。" not in folded
        ):
            row.cells.pop()
            line = row.lines.pop()
            self._open_section(_CATEGORY_LEVEL, "", last, line)
