"""The query, look-up, audit and network commands: outputs, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import DATA_DIR
from .test_cli import ENV, run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-queries") / "store"
    run(path, "build", str(DATA_DIR / "ganquan_city_plan.txt"))
    return path


def test_queries_lists_every_named_query(store):
    out = run(store, "queries").stdout
    assert "measures-led-by" in out and "[parameters: dept (department)]" in out
    listed = json.loads(run(store, "queries", "--format", "json").stdout)
    assert {q["name"] for q in listed} >= {"orphan-measures", "departments-by-load"}


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(store, fmt):
    out = run(store, "query", "measures-led-by", "--param", "dept=市政务办", "--format", fmt).stdout
    if fmt == "json":
        bindings = json.loads(out)["results"]["bindings"]
        assert [b["number"]["value"] for b in bindings] == ["2"]
    elif fmt == "csv":
        table = list(csv.DictReader(io.StringIO(out)))
        assert [r["number"] for r in table] == ["2"]
    elif fmt == "tsv":
        assert out.splitlines()[0].startswith("?dept\t")
        assert '"推行电子证照"' in out
    else:
        assert "推行电子证照" in out.splitlines()[2]


def test_query_errors_are_one_line(store):
    result = run(store, "query", "measures-led-by", check=False)
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "policykg: error: query 'measures-led-by' needs --param dept=… (department)"
    )
    result = run(store, "query", "nope", check=False)
    assert result.returncode == 1 and "no query named 'nope'" in result.stderr


@pytest.mark.parametrize(
    ("query", "fmt", "expected"),
    [
        (
            "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/policykg/ontology#Measure> }",
            "csv",
            "n\n6\n",
        ),
        ("ASK { ?m a <https://w3id.org/policykg/ontology#Measure> }", "table", "true\n"),
        ("ASK { ?m a <https://w3id.org/policykg/ontology#Nothing> }", "json", '{"head":{},"boolean":false}'),
    ],
)
def test_sparql_select_and_ask(store, query, fmt, expected):
    assert run(store, "sparql", query, "--format", fmt).stdout == expected


def test_sparql_construct_describe_and_file(store, tmp_path):
    construct = "CONSTRUCT { ?m a <https://w3id.org/policykg/ontology#Measure> } WHERE { ?m a <https://w3id.org/policykg/ontology#Measure> }"
    nt = run(store, "sparql", construct, "--format", "nt").stdout
    assert len(nt.splitlines()) == 6
    assert "pol:Measure" in run(store, "sparql", construct, "--format", "ttl").stdout
    query_file = tmp_path / "q.rq"
    query_file.write_text(
        "DESCRIBE <https://w3id.org/policykg/id/doc/ganquan_city_plan.txt/1/measure/1>", encoding="utf-8"
    )
    assert "压缩开办时间" in run(store, "sparql", str(query_file), "--format", "nt").stdout


def test_sparql_from_stdin(store):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "policykg", "--store", str(store), "sparql", "-", "--format", "csv"],
        input="SELECT ?t WHERE { ?d a <https://w3id.org/policykg/ontology#Notice> ; <http://purl.org/dc/terms/title> ?t }",
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    assert result.stdout.splitlines()[1] == "关于印发甘泉市营商环境提升行动方案的通知"


def test_sparql_syntax_error_gives_position(store):
    result = run(store, "sparql", "SELECT ?x WHERE { ?x ?y }", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("policykg: error: SPARQL syntax error at 1:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_sparql_updates_need_permission(store, tmp_path):
    import shutil

    # each source file is a named graph: an update says which graphs it touches
    update = (
        "PREFIX pol: <https://w3id.org/policykg/ontology#> DELETE WHERE { GRAPH ?g { ?m pol:deadline ?d } }"
    )
    result = run(store, "sparql", update, check=False)
    assert result.returncode == 1 and "--allow-update" in result.stderr
    assert run(store, "query", "measures-by-deadline", "--format", "csv").stdout.count("\n") == 3
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    run(copy, "sparql", update, "--allow-update")
    assert run(copy, "query", "measures-by-deadline", "--format", "csv").stdout.count("\n") == 1


def test_leads_and_involves(store):
    out = run(store, "leads", "市政务服务管理办公室").stdout
    assert out.splitlines()[0] == "市政务办 (甘泉市; also written 市政务服务管理办公室)"
    assert "leads 1 measure(s)" in out and "推行电子证照" in out
    rows = json.loads(run(store, "involves", "市税务局", "--format", "json").stdout)
    assert [(r["role"], r["number"], r["inherited"]) for r in rows] == [
        ("responsible", "5", True),
        ("co", "1", False),
    ]
    only_co = list(
        csv.DictReader(
            io.StringIO(run(store, "involves", "市税务局", "--role", "co", "--format", "csv").stdout)
        )
    )
    assert [r["number"] for r in only_co] == ["1"]


def test_unknown_department_exits_nonzero_with_suggestions(store):
    result = run(store, "leads", "市市场监督管理局", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "policykg: error: no department named '市市场监督管理局'; nearest: 市市场监管局"
    )


def test_departments_table(store):
    rows = list(csv.DictReader(io.StringIO(run(store, "departments", "--format", "csv").stdout)))
    assert [(r["department"], r["lead"], r["co"]) for r in rows] == [
        ("市市场监管局", "2", "0"),
        ("市公安局", "1", "1"),
        ("市政务办", "1", "0"),
        ("市税务局", "0", "1"),
    ]


@pytest.mark.parametrize("subject", ["orphans", "coverage", "indicators", "deadlines", "citations"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_audit_formats(store, subject, fmt):
    out = (
        run(store, "audit", subject, "--as-of", "2024-07-01", "--format", fmt).stdout
        if subject == "deadlines"
        else run(store, "audit", subject, "--format", fmt).stdout
    )
    if fmt == "json":
        data = json.loads(out)
        assert data["audit"] == subject and data["sections"]
    elif fmt == "csv":
        assert out.splitlines()[0].startswith("section,")
    else:
        assert ": " in out.splitlines()[0]


def test_audit_fail_on_findings(store):
    result = run(store, "audit", "orphans", "--fail-on-findings", check=False)
    assert result.returncode == 1 and "policykg: 2 finding(s)" in result.stderr
    data = json.loads(run(store, "audit", "deadlines", "--as-of", "2024-07-01", "--format", "json").stdout)
    overdue = next(s for s in data["sections"] if s["name"] == "overdue")
    assert [r["number"] for r in overdue["rows"]] == ["1"]


@pytest.mark.parametrize(
    "command", [["centrality"], ["centrality", "--measure", "betweenness"], ["communities"], ["bridges"]]
)
def test_network_commands(store, command):
    out = run(store, "network", *command, "--format", "csv").stdout
    assert out.count("\n") >= 1


@pytest.mark.parametrize("graph", ["departments", "bipartite", "citations"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export(store, tmp_path, graph, fmt):
    import networkx as nx

    out = tmp_path / f"g.{fmt}"
    run(store, "network", "export", "--graph", graph, "--format", fmt, "--output", str(out))
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    assert read(out).number_of_nodes() > 0
