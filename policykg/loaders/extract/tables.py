"""Measure tables: one row's cells given to its columns, and the row read as a measure body.

Each row becomes a measure whose body is its task cells followed by its unit and time cells as
labelled lines (``牵头单位：…``, ``完成时限：…``), so the ordinary field extraction reads them; every
character still maps back to the cell it came from. What a header cell names is decided in
:mod:`policykg.loaders.extract.columns`; how a line is cut into cells in
:mod:`policykg.loaders.extract.cells`; how rows are found in :mod:`policykg.loaders.extract.grid`.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.columns import (
    LEADER,
    PLACE,
    UNIT_ROLES,
    column_role,
    header_roles,
    is_header_cell,
)
from policykg.loaders.extract.vocabulary import (
    GENERIC_BODIES,
    GENERIC_MARKS,
    ONGOING_STEMS,
    ORG_NAME_ENDINGS,
    ORG_NAME_WORD_ENDINGS,
    TABLE_FIELD_LABELS,
    ZONE_ENDINGS,
    alternation,
)
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText, concat

__all__ = ["assign_cells", "column_role", "header_roles", "is_header_cell", "is_row_number", "row_body"]

_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_UNIT_END = "".join(ORG_NAME_ENDINGS) + "股镇乡"
# a list of names ending like an organisation (…局, …办, …股, …镇, …开发区, …街道), each followed by a
# separator, a bracket or the end
_DEPT_LIKE = re.compile(
    rf"(?:[{_UNIT_END}]|[{''.join(ZONE_ENDINGS)}]区|街道|{alternation(ORG_NAME_WORD_ENDINGS)})(?:[、,，;；\s()]|等|$)"
)
# a short cell that reads as a date or as ongoing: 2022年底前, 6月30日, 9月投入使用, 长期坚持, 2024
_DEADLINE_LIKE = re.compile(
    rf"^(?:.{{0,16}}(?:年|月|日|底|前|{alternation(ONGOING_STEMS)})[^。]{{0,10}}|(?:19|20)\d{{2}}年?)$"
)
# how a time cell opens: a number, a month or year word, or an ongoing word (not 城北小学门前…)
_TIME_OPENING = re.compile(
    rf"^(?:[\d一二三四五六七八九十]|年|月|底|上半|下半|本年|今年|明年|{alternation(ONGOING_STEMS)})"
)
# a cell saying how far a task has come: 80%（…）, 已完成…
_PROGRESS = re.compile(r"^(?:\d+(?:\.\d+)?%|已)")
# a person's name: two to four Chinese characters (a space may stand inside: 李 明)
_PERSON = re.compile(r"^[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$")
_GENERIC = re.compile(alternation(GENERIC_MARKS))
_ITEM_SEPARATOR = re.compile(r"[、,，;；\s]+")
# a bracketed aside inside a unit list: 各县（市、区）, 各镇(办)
_BRACKETED = re.compile(r"\([^()]*\)")
_MAX_DEPT_CELL = 160  # a cell of department names longer than this is task text (ten units fit)
_EMPTY = ""  # the shape of an empty cell
_LIST_SEPARATOR = "、"  # what joins the cells of one unit column into one list


def is_row_number(text: str) -> bool:
    """True for a cell holding only a row number."""
    return bool(_ROW_NUMBER.match(fold(text).strip()))


def cell_shape(text: str) -> str:
    """Return what a cell's text looks like: number, deadline, units, person, progress, text, or ""."""
    text = fold(text).strip()
    if not text:
        return _EMPTY
    if is_row_number(text):
        return "number"
    if _DEADLINE_LIKE.match(text) and _TIME_OPENING.match(text) and not _DEPT_LIKE.search(text):
        return "deadline"
    if len(text) <= _MAX_DEPT_CELL and "。" not in text and _all_units(text):
        return "units"
    if _PROGRESS.match(text):
        return "progress"
    if _PERSON.match(text) and not text.endswith(tuple(_UNIT_END)):
        return "person"
    return "text"


def _all_units(text: str) -> bool:
    """True when every item of a list reads as a unit: an organisation's name or a non-specific actor."""
    items = _ITEM_SEPARATOR.split(_BRACKETED.sub("", text))
    return all(
        not item or _DEPT_LIKE.search(item + "、") or _GENERIC.search(item) or item.endswith(GENERIC_BODIES)
        for item in items
    )


def _fits(role: str | None, shape: str) -> bool:
    if shape == _EMPTY:
        return True
    if role in UNIT_ROLES:
        return shape == "units"
    if role in ("deadline", "number"):
        return shape == role
    if role == LEADER:
        return shape == "person"
    if role == PLACE:
        return shape in ("units", "text", "person")
    if role is None:  # a column not read: anything but units and row numbers
        return shape not in ("units", "number")
    return shape in ("text", "person")


def assign_cells(
    cells: list[MappedText], roles: list[str | None], by_position: bool = True
) -> dict[str, list[MappedText]]:
    """Return the cells of one row by role (a role whose cell is present but empty maps to ``[]``).

    With as many cells as columns, written where empty cells stay (``by_position``), the header
    decides; a row flattened one cell per line or by runs of spaces loses its
    empty cells, and a unit cell may have been cut in two, so then each cell goes to the next column
    whose role fits its shape, and units past the last unit column join that column.
    """
    out: dict[str, list[MappedText]] = {}
    if by_position and len(cells) == len(roles):
        for cell, role in zip(cells, roles, strict=True):
            if role:
                out.setdefault(role, [])
                if cell.text.strip():
                    out[role].append(cell)
        return out
    unit_columns = [k for k, r in enumerate(roles) if r in UNIT_ROLES]
    # the column a row's first cell after its number is in: its task when the header says so, whatever
    # its shape (现代化美丽城镇 ends like a town's name)
    first = next((k for k, r in enumerate(roles) if r and r != "number"), None)
    task_first = first is not None and roles[first] == "task"
    column = 0
    for cell in cells:
        shape = cell_shape(cell.text)
        k = next((j for j in range(column, len(roles)) if _fits(roles[j], shape)), None)
        if task_first and column <= first and shape not in ("number", _EMPTY):
            k = first
        if k is None and shape == "units" and unit_columns:
            k = unit_columns[-1]  # more unit cells than unit columns: they share the last one
        if k is None and shape == "number":  # a row number in a table with no number column
            out.setdefault("number", []).append(cell)
            continue
        if k is None:  # nothing fits further on: it continues the task text
            if shape != _EMPTY:
                out.setdefault("task", []).append(cell)
            continue
        role = roles[k]
        if role and role not in (LEADER, PLACE):
            out.setdefault(role, [])
            if shape != _EMPTY:
                out[role].append(cell)
        column = max(column, k + 1)
    return out


def row_body(parts: dict[str, list[MappedText]]) -> MappedText | None:
    """Return a measure body: the task cells, then the other cells as labelled lines."""
    task = parts.get("task")
    if not task:
        return None
    pieces: list[MappedText] = []
    for k, cell in enumerate(task):
        cell = cell.strip()
        if k > 0:  # cells of two task columns (指标, 工作任务), each on a line as in the source
            o = cell.origin[0]
            pieces.append(MappedText("\n", (o, o)))
        pieces.append(cell)
    if len({fold(c.text).strip() for c in parts.get("deadline", [])}) > 1:
        parts = {**parts, "deadline": []}  # two times in one row: neither is the row's deadline
    for role in ("lead", "responsible", "co", "basis", "deadline"):
        cells = [c.strip() for c in parts.get(role, []) if c.text.strip()]
        if role in UNIT_ROLES:
            cells = [piece for c in cells for line in _cell_lines(c) for piece in _split_at_gaps(line)]
        for k, cell in enumerate(cells):
            o = cell.origin[0]
            # one labelled line per column: cells of one column (units on lines of their own, or
            # cut at a gap) are one list
            sep = f"\n{TABLE_FIELD_LABELS[role]}：" if k == 0 else _LIST_SEPARATOR
            pieces.append(MappedText(sep, (o,) * (len(sep) + 1)))
            pieces.append(cell)
    return concat(pieces)


def _cell_lines(cell: MappedText) -> list[MappedText]:
    """Return the lines of a cell that runs over several lines (one unit a line), each stripped."""
    if "\n" not in cell.text:
        return [cell]
    lines, start = [], 0
    for k, ch in enumerate(cell.text + "\n"):
        if ch == "\n":
            piece = cell.slice(start, k).strip()
            if piece.text:
                lines.append(piece)
            start = k + 1
    return lines


def _split_at_gaps(cell: MappedText) -> list[MappedText]:
    """Return a unit cell cut where the source had whitespace after an organisation's name.

    Repair removes the space in ``县教体局 各相关乡镇政府``; the offsets still show it.
    """
    pieces, start = [], 0
    written = cell.written_as
    for k in range(len(cell.text) - 1):
        gap = cell.origin[k + 1] - cell.origin[k] > 1 and (written is None or written[k] == cell.text[k])
        if gap and cell.text[k] in _UNIT_END:
            pieces.append(cell.slice(start, k + 1))
            start = k + 1
    pieces.append(cell.slice(start, len(cell.text)))
    return [p for p in pieces if p.text.strip()]
