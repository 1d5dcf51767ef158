"""A task table a document-sharing page glued into running text, with no cell or row separators:
``…分工表序号工作内容目标任务责任单位备注1将生活垃圾…。市委宣传部、市城管委,各区(市)县政府(管委会)2完善…``.

Such pages write a .docx table as one run of text (repair has already joined their pages). The
header is a run of column words after 序号 right before row 1, naming one unit column and after it
only columns no row is read from (备注); a row starts at the next row number written right after a
name's ending; its unit cell is the list of names after its last sentence, the rest is its task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.extract.columns import UNIT_ROLES, column_kind
from policykg.loaders.extract.lines import Line
from policykg.loaders.extract.tables import cell_shape
from policykg.loaders.extract.vocabulary import (
    NUMBER_COLUMN_WORDS,
    ORG_NAME_ENDINGS,
    PLACE_CHARS,
    ROLE_FIELD_LABEL_PATTERN,
    alternation,
)
from policykg.text.mapped_text import MappedText

_MAX_HEADER = 40  # characters of column words between 序号 and row 1
# 序号 and the glued column words after it, right before row 1: 序号工作内容目标任务责任单位备注1将…
GLUED_HEADER = re.compile(
    rf"(?:{alternation(w for w in NUMBER_COLUMN_WORDS if len(w) > 1)})([\u4e00-\u9fff]{{4,{_MAX_HEADER}}}?)1(?=[\u4e00-\u9fff])"
)
_UNIT_COLUMN = re.compile(ROLE_FIELD_LABEL_PATTERN)
# what a unit cell ends with, right before the next row number: a name's last character or a bracket
_NAME_ENDS = re.escape("".join(ORG_NAME_ENDINGS) + PLACE_CHARS + ")）")
_SENTENCE_END = "。"
_MAX_ROWS = 200


@dataclass(frozen=True)
class GluedTable:
    """A glued table: its column roles and its rows' cells (number, task, units)."""

    roles: list[str | None]
    rows: list[list[MappedText]]


def find_glued_table(lines: list[Line], i: int, text: MappedText) -> GluedTable | None:
    """Return the glued table whose header and rows are on line ``i``, or None."""
    m = GLUED_HEADER.search(lines[i].folded)
    if m is None:
        return None
    unit_role = _unit_role(m.group(1))
    if unit_role is None:
        return None
    region = text.slice(lines[i].start + m.end() - 1, lines[i].end)  # from the 1 of row 1
    rows = [cells for piece in _row_pieces(region) if (cells := _row_cells(piece)) is not None]
    return GluedTable(["number", "task", unit_role], rows) if rows else None


def _unit_role(columns: str) -> str | None:
    """Return the role of the one unit column the glued header names, when only columns no row is
    read from follow it (备注); else None."""
    units = list(_UNIT_COLUMN.finditer(columns))
    if len(units) != 1:
        return None
    role = column_kind(units[0].group())
    rest = columns[units[0].end() :]
    if role not in UNIT_ROLES or (rest and column_kind(rest) != "ignored"):
        return None
    return role


def _row_pieces(region: MappedText) -> list[tuple[str, MappedText]]:
    """Return (number, rest of the row) for rows 1, 2, 3 … where each next number follows a name."""
    pieces: list[tuple[str, MappedText]] = []
    start, number = 0, 1
    while number <= _MAX_ROWS:
        following = str(number + 1)
        nxt = re.compile(rf"(?<=[{_NAME_ENDS}]){following}(?=[\u4e00-\u9fff])").search(region.text, start)
        end = nxt.start() if nxt else len(region.text)
        pieces.append((str(number), region.slice(start + len(str(number)), end)))
        if nxt is None:
            break
        start, number = end, number + 1
    return pieces


def _row_cells(piece: tuple[str, MappedText]) -> list[MappedText] | None:
    """Return the (number, task, units) cells of a row, or None when it ends in no list of names."""
    number, row = piece
    cut = row.text.rfind(_SENTENCE_END) + 1
    task, units = row.slice(0, cut).strip(), row.slice(cut, len(row.text)).strip()
    if not task.text or cell_shape(units.text) != "units":
        return None
    at = row.origin[0]
    return [MappedText(number, (at,) * (len(number) + 1)), task, units]
