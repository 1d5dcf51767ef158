"""Department identity: scoped to its place (or its own file), and an IRI no other file can rename."""

from __future__ import annotations

import shutil

import pytest

from policykg.graph.build import build
from policykg.graph.store import open_store

from .conftest import ROOT

NOTICES = ROOT / "tests" / "data" / "notices"
ID = "https://w3id.org/policykg/id/"
DEPARTMENTS = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?dept ?label ?place WHERE {
  ?dept a pol:Department ; skos:prefLabel ?label .
  OPTIONAL { ?dept pol:jurisdiction/skos:prefLabel ?place }
}"""
LEADS = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?m ?dept WHERE { ?m pol:leadDepartment ?dept }"""


def departments(store) -> dict[str, tuple[str, str | None]]:
    """Return IRI -> (label, place) for every department in the store at ``store``."""
    with open_store(store, read_only=True) as s:
        rows = s.select(DEPARTMENTS)
        return {r["dept"].value: (r["label"].value, r["place"].value if r["place"] else None) for r in rows}


def copy(tmp_path, *names: str) -> list:
    """Copy the named fixture notices into ``tmp_path``; return their paths."""
    return [shutil.copy(NOTICES / f"{n}.txt", tmp_path / f"{n}.txt") for n in names]


def test_each_place_keeps_its_departments_and_an_unplaced_notice_keeps_its_own(tmp_path):
    files = copy(tmp_path, "identity_a", "identity_b", "identity_unplaced")
    build(files, tmp_path / "kg")
    found = departments(tmp_path / "kg")
    # an abbreviation merges with its full name inside one city only, named by the full name
    assert found[f"{ID}dept/岚溪市/市农业农村局"] in {("市农业农村局", "岚溪市"), ("市农业局", "岚溪市")}
    assert f"{ID}dept/岚溪市/市农业局" not in found
    assert found[f"{ID}dept/青樾市/市农业农村局"] == ("市农业农村局", "青樾市")
    # 岚溪市's 市科技局 is not 青樾市's 市科技和信息化局
    assert found[f"{ID}dept/岚溪市/市科技局"][1] == "岚溪市"
    assert found[f"{ID}dept/青樾市/市科技和信息化局"][1] == "青樾市"
    # no place: its departments belong to the file, keep its Traditional spelling and name no place
    unplaced = {iri: v for iri, v in found.items() if iri.startswith(f"{ID}dept/file/identity_unplaced.txt/")}
    assert sorted(unplaced.values()) == [("市審計局", None), ("市財政局", None)]
    assert sum(label == "市财政局" for label, _ in found.values()) == 2  # 岚溪市's and 青樾市's


def test_adding_files_renames_no_department(tmp_path):
    a, b, unplaced = copy(tmp_path, "identity_a", "identity_b", "identity_unplaced")
    build([a], tmp_path / "alone")
    build([a, b, unplaced], tmp_path / "together")
    alone, together = departments(tmp_path / "alone"), departments(tmp_path / "together")
    assert alone and set(alone) <= set(together)
    build([b, unplaced], tmp_path / "alone")  # added to the store later: the same IRIs still
    assert set(departments(tmp_path / "alone")) == set(together)


def test_a_store_keeps_an_iri_a_later_fuller_name_would_have_chosen(tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("澄江市应急工作方案\n一、任务\n1.开展隐患排查。（市应急局牵头）\n", encoding="utf-8")
    later = tmp_path / "later.txt"
    later.write_text("澄江市安全生产方案\n一、任务\n1.完善应急预案。（市应急管理局负责）\n", encoding="utf-8")
    build([first], tmp_path / "kg")
    build([later], tmp_path / "kg")
    kept = f"{ID}dept/澄江市/市应急局"
    assert set(departments(tmp_path / "kg")) == {kept}
    with open_store(tmp_path / "kg", read_only=True) as s:
        assert {r["dept"].value for r in s.select(LEADS)} == {kept}
    # built together, the group is named by its fullest name
    build([first, later], tmp_path / "fresh")
    assert set(departments(tmp_path / "fresh")) == {f"{ID}dept/澄江市/市应急管理局"}


@pytest.mark.parametrize("name", ["identity_a", "identity_b"])
def test_the_label_is_a_spelling_from_the_departments_own_notices(tmp_path, name):
    (path,) = copy(tmp_path, name)
    build([path], tmp_path / "kg")
    text = (NOTICES / f"{name}.txt").read_text(encoding="utf-8")
    assert all(label in text for label, _ in departments(tmp_path / "kg").values())
