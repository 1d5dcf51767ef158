"""The genre's vocabulary, written once: roles, and the words that signal them.

Every other module (the extractors, the actor patterns, the graph, the queries, the views and the
command line) reads what it knows of the genre from here, so adding a cue word is a one-line change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """A role a department can have in a measure."""

    key: str  # "lead", "responsible", "co": the name used in facts, JSON and CLI options
    zh: str  # the genre's word: 牵头, 负责, 配合
    en: str  # a reader's word for it: leads, is responsible for, co-operates on
    department_property: str  # local name of the measure -> department property in the ontology
    clause_property: str  # local name of the clause -> department property in the ontology

    @property
    def label(self) -> str:
        """The bilingual label views and reports show, e.g. ``牵头 lead``."""
        return f"{self.zh} {self.key}"


LEAD = Role("lead", "牵头", "leads", "leadDepartment", "statesLead")
RESPONSIBLE = Role("responsible", "负责", "is responsible for", "responsibleDepartment", "statesResponsible")
CO = Role("co", "配合", "co-operates on", "coDepartment", "statesCo")

ROLES: tuple[Role, ...] = (LEAD, RESPONSIBLE, CO)
"""The department roles, strongest first: lists and views order roles this way."""

ROLE_KEYS: tuple[str, ...] = tuple(r.key for r in ROLES)
ROLE_BY_KEY: dict[str, Role] = {r.key: r for r in ROLES}
GENERIC = "generic"
"""The role key of a named but non-specific actor (市相关部门, 各县区)."""
