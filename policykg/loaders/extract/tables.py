"""Measure tables: 序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限, as tab-separated rows or one cell per line.

Each row becomes a measure whose body is its task text followed by its other cells as labelled
lines (``牵头单位：…``, ``完成时限：…``), so the ordinary field extraction reads them; every
character still maps back to the cell it came from.
"""

from __future__ import annotations

import re

from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText, concat

COLUMN_ROLES = (
    ("number", r"序号|编号|号"),
    ("lead", r"牵头单位|牵头部门|主办单位|主责单位|牵头"),
    ("co", r"配合单位|配合部门|参与单位|协办单位|配合"),
    ("responsible", r"责任单位|责任部门|实施单位|承办单位|责任主体"),
    ("deadline", r"完成时限|完成时间|时间节点|时限要求|时限|时间安排|进度安排"),
    ("basis", r"政策依据|依据"),
    (
        "task",
        r"重点任务|主要任务|工作任务|任务内容|具体任务|具体措施|工作措施|改革事项|工作内容|主要内容|任务|措施|事项|内容",
    ),
)
FIELD_LABELS = {
    "lead": "牵头单位",
    "co": "配合单位",
    "responsible": "责任单位",
    "deadline": "完成时限",
    "basis": "依据",
}
_HEADER_CELL = re.compile(rf"^(?:{'|'.join(p for _, p in COLUMN_ROLES)})$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
# the final characters of an organisation name, as in patterns/actors.jsonl
_DEPT_LIKE = re.compile(
    r"(?:[局委办厅部院处室所站队馆行社团联府会署心司关组校科盟]|[发新开税贸园片验范港业]区)(?:[、,，;；\s]|$)"
)
_DEADLINE_LIKE = re.compile(r"^.{0,16}(?:年|月|日|底|前|长期|长年|持续|常态)[^。]{0,10}$")


def column_role(cell: str) -> str | None:
    """Return what a header cell names: number, task, lead, responsible, co, deadline, basis, or None."""
    compact = re.sub(r"\s+", "", fold(cell))
    for role, pattern in COLUMN_ROLES:
        if re.fullmatch(pattern, compact):
            return role
    return None


def is_header_cell(text: str) -> bool:
    """True when a line on its own is a measure-table header cell (序号, 牵头单位 …)."""
    return bool(_HEADER_CELL.match(re.sub(r"\s+", "", fold(text))))


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
    if len(text) <= 60 and _DEPT_LIKE.search(text) and "。" not in text:
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
            label = f"\n{FIELD_LABELS[role]}："
            pieces.append(MappedText(label, (o,) * (len(label) + 1)))
            pieces.append(cell)
    return concat(pieces)
