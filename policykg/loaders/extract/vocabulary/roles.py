"""Roles and the words that name them: 牵头 / 负责 / 配合, field-label stems, table columns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UNIT_WORDS = ("单位", "部门", "科室", "股室", "处室")
"""What a field label ends with after its role stem: 牵头 + 单位 → 牵头单位, 责任 + 科室 → 责任科室."""


@dataclass(frozen=True)
class Role:
    """A role a department can have in a measure."""

    key: str  # "lead", "responsible", "co": the name used in facts, JSON and CLI options
    zh: str  # the genre's word: 牵头, 负责, 配合
    en: str  # a reader's word for it: leads, is responsible for, co-operates on
    department_property: str  # local name of the measure -> department property in the ontology
    clause_property: str  # local name of the clause -> department property in the ontology
    cues: tuple[str, ...] = ()  # words after a list of names that give them the role: X牵头, Y配合
    label_stems: tuple[str, ...] = ()  # field labels are a stem + 单位/部门: 牵头单位：, 主责部门：
    short_labels: tuple[str, ...] = ()  # labels used bare before a colon: （牵头：X；配合：Y）
    column_words: tuple[str, ...] = ()  # table header words beyond the field labels: 责任主体

    @property
    def label(self) -> str:
        """The bilingual label views and reports show, e.g. ``牵头 lead``."""
        return f"{self.zh} {self.key}"

    @property
    def field_labels(self) -> tuple[str, ...]:
        """Return the labels of a field naming this role's units: 牵头单位, 牵头部门, 主办单位 …"""
        return tuple(stem + unit for stem in self.label_stems for unit in UNIT_WORDS)

    @property
    def column_headers(self) -> tuple[str, ...]:
        """Return the header words of a table column listing this role's units."""
        return self.field_labels + self.short_labels + self.column_words


LEAD = Role(
    "lead",
    "牵头",
    "leads",
    "leadDepartment",
    "statesLead",
    cues=("牵头负责", "总牵头", "牵头", "负总责", "主责", "主办"),
    label_stems=("牵头", "主办", "主责", "牵头责任", "主要责任"),
    short_labels=("牵头", "主办"),
)
RESPONSIBLE = Role(
    "responsible",
    "负责",
    "is responsible for",
    "responsibleDepartment",
    "statesResponsible",
    cues=("负责",),
    label_stems=("责任", "实施", "承办", "负责"),  # 负责单位：, a 负责部门 column
    short_labels=("责任", "责任主体"),
    column_words=("责任主体",),
)
CO = Role(
    "co",
    "配合",
    "co-operates on",
    "coDepartment",
    "statesCo",
    cues=("配合", "参与", "参加", "协助", "协办"),
    label_stems=(
        "配合",
        "参与",
        "协办",
        "协助",
        "协同责任",
        "协同",
        "其他责任",
        "协作",
        "主要协作",
        "主要配合",
    ),
    short_labels=("配合", "协办", "参与"),
)

ROLES: tuple[Role, ...] = (LEAD, RESPONSIBLE, CO)
"""The department roles, strongest first: lists and views order roles this way."""

ROLE_KEYS: tuple[str, ...] = tuple(r.key for r in ROLES)
ROLE_BY_KEY: dict[str, Role] = {r.key: r for r in ROLES}
GENERIC = "generic"
"""The role key of a named but non-specific actor (市相关部门, 各县区)."""


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, escaped, without repeats, longest first.

    >>> alternation(["牵头", "牵头单位", "时限"])
    '牵头单位|牵头|时限'
    """
    unique = list(dict.fromkeys(words))
    return "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True))
