"""`policykg explain`: every measure with the clause that named its units, the role each got, and offsets."""

from __future__ import annotations

import json

from click.testing import CliRunner

from policykg.cli import cli
from policykg.loaders.extract.explain import explain, names_no_one
from policykg.loaders.extract.pipeline import parse_file

from .conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "notices" / "explain_sample.txt"


def test_rows_name_each_unit_its_role_and_the_clause_it_came_from():
    parsed = parse_file(SAMPLE)
    text = parsed.source.text
    rows = explain(parsed)
    assert [(r.number, r.role, r.unit, r.inherited) for r in rows] == [
        ("1", "lead", "市政务办", False),
        ("1", "co", "市大数据局", False),
        ("2", "", "", False),
        ("3", "responsible", "市民政局", True),
    ]
    first = rows[0]
    assert text[first.clause_start : first.clause_end] in first.clause
    assert text[first.unit_start : first.unit_end] == "市政务办"
    assert text[first.measure_start : first.measure_end].startswith("建设统一受理平台")
    assert [m.number for m in names_no_one(parsed)] == ["2"]


def test_the_command_prints_rows_for_scripts_and_a_readable_tree_for_people():
    runner = CliRunner()
    result = runner.invoke(cli, ["explain", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["number"], r["role"], r["unit"]) for r in rows] == [
        ("1", "lead", "市政务办"),
        ("1", "co", "市大数据局"),
        ("2", "", ""),
        ("3", "responsible", "市民政局"),
    ]
    people = runner.invoke(cli, ["explain", str(SAMPLE)]).stdout
    assert "牵头 lead" in people and "names no one" in people and "heading 「" in people


def test_a_missing_file_is_a_usage_error():
    result = CliRunner().invoke(cli, ["explain", "no-such-file.txt"])
    assert result.exit_code == 2
