"""Measure tables: 序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限, as tab-separated rows or one cell per line.

Each row becomes a measure whose body is its task text followed by its other cells as labelled
lines (``牵头单位：…``, ``完成时限：…``), so the ordinary field extraction reads them; every
character still maps back to the cell it came from.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.vocabulary import (
    BASIS_LABELS,
    CO,
    DEADLINE_COLUMN_WORDS,
    LEAD,
    NUMBER_COLUMN_WORDS,
    ONGOING_STEMS,
    ORG_NAME_ENDINGS,
    RESPONSIBLE,
    TABLE_FIELD_LABELS,
    TASK_COLUMN_WORDS,
    ZONE_ENDINGS,
    alternation,
)
from policykg.text.folding import fold, folded_key
from policykg.text.mapped_text import MappedText, concat

COLUMN_ROLES = (
    ("number", NUMBER_COLUMN_WORDS),
    ("lead", LEAD.column_headers),
    ("co", CO.column_headers),
    ("responsible", RESPONSIBLE.column_headers),
    ("deadline", DEADLINE_COLUMN_WORDS),
    ("basis", BASIS_LABELS),
    ("task", TASK_COLUMN_WORDS),
)
"""What each column of a measure table may be headed with."""
_COLUMN_PATTERNS = tuple((role, re.compile(alternation(words))) for role, words in COLUMN_ROLES)
# a cell that is nothing but a header word
_HEADER_CELL = re.compile(rf"^(?:{alternation(w for _, words in COLUMN_ROLES for w in words)})$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
# a list of names ending like an organisation (…局, …办, …开发区), each followed by a separator or the end
_DEPT_LIKE = re.compile(rf"(?:[{''.join(ORG_NAME_ENDINGS)}]|[{''.join(ZONE_ENDINGS)}]区)(?:[、,，;；\s]|$)")
# a short cell that reads as a date or as ongoing: 2022年底前, 6月30日, 长期坚持
_DEADLINE_LIKE = re.compile(rf"^.{{0,16}}(?:年|月|日|底|前|{alternation(ONGOING_STEMS)})[^。]{{0,10}}$")
_MAX_DEPT_CELL = 60  # a cell of department names longer than this is task text


def column_role(cell: str) -> str | None:
    """Return what a header cell names: number, task, lead, responsible, co, deadline, basis, or None."""
    compact = folded_key(cell)
    for role, pattern in _COLUMN_PATTERNS:
        if pattern.fullmatch(compact):
            return role
    return None


def is_header_cell(text: str) -> bool:
    """True when a line on its own is a measure-table header cell (序号, 牵头单位 …)."""
    return bool(_HEADER_CELL.match(folded_key(text)))


def header_roles(cells: list[str]) -> list[str | None] | None:
    """Return the role of each column when the cells head a measure table, else None."""
    roles = [column_role(c) for c in cells]
    known = [r for r in roles if r]
    if (
        "task" in known
        and any(r in known for r in ("lead", "responsible", "co", "deadline"))
        and len(known) >= 2
    ):
        return roles
    return None


def is_row_number(text: str) -> bool:
    """True for a cell holding only a row number."""
    return bool(_ROW_NUMBER.match(fold(text).strip()))


def assign_cells(cells: list[MappedText], roles: list[str | None]) -> dict[str, list[MappedText]]:
    """Return the cells of one row by role.

    With as many cells as columns the header decides; a row flattened one cell per line loses its
    empty cells, so then each cell goes to the next column whose role fits its shape.
    """
    out: dict[str, list[MappedText]] = {}
    if len(cells) == len(roles):
        for cell, role in zip(cells, roles, strict=True):
            if role and cell.text.strip():
                out.setdefault(role, []).append(cell)
        return out
    column = 0
    for cell in cells:
        text = fold(cell.text).strip()
        if not text:
            continue
        wanted = _shape(text)
        k = column
        while k < len(roles) and not _fits(roles[k], wanted):
            k += 1
        if k == len(roles):  # nothing fits further on: it continues the task text
            out.setdefault("task", []).append(cell)
            continue
        out.setdefault(roles[k] or "task", []).append(cell)
        column = k + 1
    return out


def _shape(text: str) -> str:
    if is_row_number(text):
        return "number"
    if _DEADLINE_LIKE.match(text) and not _DEPT_LIKE.search(text):
        return "deadline"
    if len(text) <= _MAX_DEPT_CELL and _DEPT_LIKE.search(text) and "。" not in text:
        return "dept"
    return "text"


def _fits(role: str | None, shape: str) -> bool:
    if role in ("lead", "responsible", "co"):
        return shape == "dept"
    if role == "deadline":
        return shape == "deadline"
    if role == "number":
        return shape == "number"
    return shape == "text" or role is None


def row_body(parts: dict[str, list[MappedText]]) -> MappedText | None:
    """Return a measure body: the task cells, then the other cells as labelled lines."""
    task = parts.get("task")
    if not task:
        return None
    pieces: list[MappedText] = []
    for cell in task:
        pieces.append(cell.strip())
    for role in ("lead", "responsible", "co", "basis", "deadline"):
        for cell in parts.get(role, []):
            cell = cell.strip()
            o = cell.origin[0]
            label = f"\n{TABLE_FIELD_LABELS[role]}："
            pieces.append(MappedText(label, (o,) * (len(label) + 1)))
            pieces.append(cell)
    return concat(pieces)
