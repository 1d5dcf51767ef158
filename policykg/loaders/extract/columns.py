"""What a measure table's header cells name: the number, the task, the units, the time, or nothing we read.

Header cells are matched by the vocabulary's words *inside* the cell (``主要工作举措`` is a task
column, ``牵头责任单位`` a lead column, ``1-11月推进情况`` a column we ignore), first kind first, so
``完成情况`` is ignored before ``完成`` could read as anything else and ``目标任务`` is a task.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.loaders.extract.vocabulary import (
    BASIS_LABELS,
    CO,
    COLUMN_DEADLINE_WORDS,
    COLUMN_IGNORED_WORDS,
    COLUMN_LEADER_WORDS,
    COLUMN_PLACE_WORDS,
    COLUMN_TASK_STEMS,
    COLUMN_UNIT_STEMS,
    INDICATOR_HEADER_WORDS,
    LEAD,
    NUMBER_COLUMN_WORDS,
    RESPONSIBLE,
    alternation,
)
from policykg.text.folding import folded_key, folded_key_length

UNIT_ROLES = ("lead", "responsible", "co")
"""Column roles whose cells name departments."""
IGNORED = "ignored"
"""The role of a column a row is not read from (progress, remarks, places, money)."""
PLACE = "place"
"""The role of a column naming where a project is built (建设地点): its cells, though place-named, are no units."""
LEADER = "leader"
"""The role of a column naming persons (责任领导): its cells are dropped."""
_NUMBER_WORDS = tuple(w for w in NUMBER_COLUMN_WORDS if len(w) > 1)
_MAX_HEADER_CELL = 14  # a longer cell is text, not a column header
_MIN_HEADER_COLUMNS = 3  # a header names at least this many columns
_KNOWN_CELLS = 8192  # short cells whose kind is remembered
_RESPONSIBLE_WORDS = (
    *RESPONSIBLE.column_headers,
    *(RESPONSIBLE.zh + s for s in COLUMN_UNIT_STEMS),
    "实施主体",
)
# Checked in this order; the first kind whose words occur in the cell names the column.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(alternation(words)))
    for role, words in (
        ("number", _NUMBER_WORDS),
        (LEADER, COLUMN_LEADER_WORDS),
        (PLACE, COLUMN_PLACE_WORDS),
        ("lead", LEAD.column_headers),
        ("co", CO.column_headers),
        ("responsible", _RESPONSIBLE_WORDS),
        ("deadline", COLUMN_DEADLINE_WORDS),
        (IGNORED, COLUMN_IGNORED_WORDS),
        ("basis", BASIS_LABELS),
        ("task", COLUMN_TASK_STEMS),
    )
)
_INDICATOR_HEADER = re.compile(alternation(INDICATOR_HEADER_WORDS))
_BARE_NUMBER_HEADERS = frozenset(("序", "号"))
# a header cell that only says what its column counts in: （单位）, (万元)
BRACKETED_NOTE = re.compile(r"^\([^()]{1,6}\)$")


def column_kind(cell: str) -> str | None:
    """Return what a header cell names: number, leader, lead, co, responsible, deadline, ignored,
    basis, task, place — or None when it is no header word (or too long to be one)."""
    if len(cell) > _MAX_HEADER_CELL and folded_key_length(cell) > _MAX_HEADER_CELL:
        return None  # a line of text, told without folding it
    return _short_cell_kind(cell)


@lru_cache(maxsize=_KNOWN_CELLS)
def _short_cell_kind(cell: str) -> str | None:
    """:func:`column_kind` of a cell short enough to be a header; unit and time cells recur in every row."""
    compact = folded_key(cell)
    if not compact or len(compact) > _MAX_HEADER_CELL:
        return None
    if compact in _BARE_NUMBER_HEADERS:
        return "number"
    for role, pattern in _KINDS:
        if pattern.search(compact):
            return role
    return None


def column_role(cell: str) -> str | None:
    """Return the role a row's cell under this header has: number, task, lead, responsible, co,
    deadline, basis, leader — or None for columns that are not read (备注, 完成情况) or unknown."""
    kind = column_kind(cell)
    return None if kind == IGNORED else kind


def is_header_cell(text: str) -> bool:
    """True when a line on its own could be a measure-table header cell (序号, 牵头单位, 主要工作举措 …)."""
    return column_kind(text) is not None


def header_roles(cells: list[str]) -> list[str | None] | None:
    """Return the role of each column when the cells head a measure table, else None.

    A header names a task column and a unit or time column, and at least three columns in all
    (two when the cells were separated by the source, as tab-separated rows are).
    """
    if any(_INDICATOR_HEADER.search(folded_key(c)) for c in cells):
        return None  # an indicator table's header
    kinds = [column_kind(c) for c in cells]
    known = [k for k in kinds if k]
    has_units = any(k in UNIT_ROLES or k == "deadline" for k in known)
    if "task" in known and has_units and len(known) >= 2 and len(known) * 2 >= len(cells):
        return [None if k == IGNORED else k for k in kinds]
    return None


def is_full_header(roles: list[str | None] | None, cells: int) -> bool:
    """True when header roles read from cells on lines of their own make a header: three or more."""
    return roles is not None and cells >= _MIN_HEADER_COLUMNS
