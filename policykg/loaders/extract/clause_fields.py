"""Labelled fields and sentences of a clause's text: 牵头单位：…, 责任单位：…, where sentences end.

Pure functions on folded text, used by :mod:`policykg.loaders.extract.responsibility`.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.vocabulary import (
    BASIS_LABELS,
    DEADLINE_INLINE_LABELS,
    DIVISION_LABELS,
    LEADER_LABEL_PATTERN,
    RESPONSIBLE,
    ROLE_FIELD_LABEL_PATTERN,
    ROLE_SHORT_LABELS,
    ROLES,
    alternation,
)

CLAUSE_END = "。;；.\n"
_FIELD_LABELS = BASIS_LABELS + DEADLINE_INLINE_LABELS + ROLE_SHORT_LABELS  # besides role and leader labels
# a labelled field, its label captured: 牵头单位：, 依据：, 完成时限：, 配合：, 部门分工：
FIELD = re.compile(
    rf"({ROLE_FIELD_LABEL_PATTERN}|{LEADER_LABEL_PATTERN}|{alternation(_FIELD_LABELS + DIVISION_LABELS)})\s*:"
)
# the role a field label gives; "responsible*" is responsible, or co when the clause names a lead
FIELD_ROLES: dict[str, str | None] = {
    label: "responsible*" if role is RESPONSIBLE else role.key
    for role in ROLES
    for label in role.field_labels + role.short_labels
}
FIELD_ROLES.update(dict.fromkeys(DIVISION_LABELS))  # the value is a clause of its own


def field_groups(content: str) -> list[tuple[int, int, str | None]]:
    """Return the stretches of a clause and the role each gives by default: one per role field
    (牵头单位：…), the text before the first field, or the whole clause when it has no field."""
    fields = list(FIELD.finditer(content))
    if not fields:
        return [(0, len(content), None)]
    groups: list[tuple[int, int, str | None]] = []
    if fields[0].start() > 0:
        groups.append((0, fields[0].start(), None))
    for k, f in enumerate(fields):
        value_end = fields[k + 1].start() if k + 1 < len(fields) else len(content)
        if f.group(1) in FIELD_ROLES:
            groups.append((f.end(), value_end, FIELD_ROLES[f.group(1)]))
    return groups


def in_field_line(text: str, at: int) -> bool:
    """True when ``text[at]`` stands on a line opening with a labelled field: 责任单位：市安委办（工作专班）
    — a bracket there is an alias of the name before it, and the field is read as a whole."""
    line_start = text.rfind("\n", 0, at) + 1
    return bool(FIELD.match(text[line_start:at].lstrip()))


def own_line(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a line of its own."""
    return text[start - 1] == "\n" and (end == len(text) or text[end] == "\n")


def closes_sentence(text: str, close: int) -> bool:
    """True when the bracket closing at ``close`` ends a sentence or the text: （市发改委）。"""
    rest = text[close + 1 : close + 3].lstrip(" ")
    return not rest or rest[0] in CLAUSE_END


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of ``text`` (split at 。, ；, and line ends)."""
    spans = []
    start = 0
    for m in re.finditer(r"[。;；\n]", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def field_runs(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge consecutive sentences that each open with a labelled field (牵头单位：… 责任单位：…)."""
    merged: list[tuple[int, int]] = []
    for start, end in sentences:
        opens_field = bool(FIELD.match(text[start:end].lstrip()))
        if opens_field and merged and FIELD.match(text[merged[-1][0] : merged[-1][1]].lstrip()):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
