"""Responsibility clauses as task-division notices write them, on whole notices written for the tests.

Each ``tests/data/notices/NAME.txt`` has ``NAME.expected.json``: the measures it holds (by the first
words of their body) and the departments each gives each role, the generic actors, and whether the
roles are inherited from a heading.
"""

import json
import re
from pathlib import Path

import pytest

from policykg.loaders.extract.pipeline import parse_file

NOTICES = Path(__file__).parent / "data" / "notices"
CLAUSE_NOTICES = [
    "bare_unit_lists",
    "declared_leads_xiatong",
    "declared_leads_notice",
    "fenbie_qiantou",
    "role_chain",
    "generic_commas",
    "blanket_notes",
    "heading_leads",
    "pinyin_mirror",
    "labelled_lines",
    "target_headings",
    "target_list",
]
ROLES = ("lead", "responsible", "co")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parsed_measure(parsed, start: str):
    """Return the parsed measure whose text begins with ``start``."""
    found = [m for m in parsed.measures if compact(m.text).startswith(compact(start))]
    assert len(found) == 1, f"{start!r}: {len(found)} measures begin so"
    return found[0]


def roles_of(measure) -> dict[str, list[str]]:
    out = {role: sorted(compact(a.name) for a in measure.actors(role)) for role in ROLES}
    out["generic"] = sorted(compact(a.name) for a in measure.generic_actors())
    out["inherited"] = measure.inherited
    return out


@pytest.mark.parametrize("name", CLAUSE_NOTICES)
def test_every_measure_names_whom_the_notice_says(name):
    expected = json.loads((NOTICES / f"{name}.expected.json").read_text(encoding="utf-8"))
    parsed = parse_file(NOTICES / f"{name}.txt")
    assert len(parsed.measures) == len(expected["measures"])
    for want in expected["measures"]:
        wanted = {role: sorted(compact(n) for n in want[role]) for role in (*ROLES, "generic")}
        wanted["inherited"] = want["inherited"]
        assert roles_of(parsed_measure(parsed, want["start"])) == wanted, want["start"]


def all_actor_names(parsed) -> list[str]:
    return [a.actor.name for m in parsed.measures for c in m.clauses for a in c.assignments]


def test_notes_are_no_actors():
    for name in ("blanket_notes", "declared_leads_xiatong", "bare_unit_lists"):
        names = all_actor_names(parse_file(NOTICES / f"{name}.txt"))
        assert names and not [n for n in names if re.search("以下|不再|列第一位|下同|涉及", n)]


def test_a_blanket_note_names_its_actor_for_its_own_item_only():
    measures = parse_file(NOTICES / "blanket_notes.txt").measures
    assert [[a.name for a in m.generic_actors()] for m in measures] == [
        ["各街道办事处"],
        [],
        ["各银行业金融机构"],
    ]


def test_a_declaration_without_xiatong_holds_for_its_own_clause_only():
    measures = parse_file(NOTICES / "fenbie_qiantou.txt").measures
    declared, after = measures[4], measures[5]
    assert [a.name for a in declared.actors("lead")] == ["省委网信办"]
    assert after.actors("lead") == [] and len(after.actors("responsible")) == 2


def test_officials_are_neither_departments_nor_generic_actors():
    parsed = parse_file(NOTICES / "role_chain.txt")
    names = all_actor_names(parsed)
    assert not [n for n in names if n.endswith(("市长", "副市长"))]
    assert "省住房城乡建设厅" not in names  # whom the task reports to is no one responsible


def test_elliptical_names_keep_their_written_form_with_the_expanded_one_as_alias():
    measure = parse_file(NOTICES / "pinyin_mirror.txt").measures[3]
    co = {a.name: a.aliases for a in measure.actors("co")}
    assert co == {"東湖": ("東湖區政府",), "西嶺": ("西嶺區政府",), "南灣區政府": ()}


def test_a_whole_place_in_an_elliptical_list_stands_alone():
    measure = parse_file(NOTICES / "pinyin_mirror.txt").measures[4]
    co = {a.name: a.aliases for a in measure.actors("co")}
    assert co == {"鶴汀縣": ("鶴汀縣人民政府",), "葦塘區人民政府": ()}


def test_a_generic_list_cut_at_its_own_commas_points_at_all_of_it():
    parsed = parse_file(NOTICES / "generic_commas.txt")
    actor = parsed.measures[0].generic_actors()[0]
    assert parsed.source.text[actor.span[0] : actor.span[1]] == "各区、县级市政府"
