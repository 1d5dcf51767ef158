"""The query, look-up, audit and network commands: outputs, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest

from .conftest import DATA_DIR
from .test_cli import run


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
    led_by = next(q for q in listed if q["name"] == "measures-led-by")
    assert led_by["parameters"] == "dept (department)" and led_by["answers"].startswith("Every measure")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "sparql-json", "sparql-csv", "sparql-tsv"])
def test_query_formats(store, fmt):
    out = run(store, "query", "measures-led-by", "--param", "dept=市政务办", "--format", fmt).stdout
    measure = "https://w3id.org/policykg/id/doc/ganquan_city_plan.txt/1/measure/2"
    if fmt == "json":  # an array of objects with whole values
        rows = json.loads(out)
        assert [(r["number"], r["measure"]) for r in rows] == [("2", measure)]
        assert rows[0]["text"].endswith("（市政务服务管理办公室、市市场监管局、市公安局牵头负责）")
    elif fmt == "sparql-json":
        bindings = json.loads(out)["results"]["bindings"]
        assert [b["number"]["value"] for b in bindings] == ["2"]
        assert bindings[0]["measure"] == {"type": "uri", "value": measure}
    elif fmt in ("csv", "sparql-csv"):
        table = list(csv.DictReader(io.StringIO(out)))
        assert [(r["number"], r["measure"]) for r in table] == [("2", measure)]
    elif fmt == "tsv":
        assert out.splitlines()[0].split("\t")[:2] == ["dept", "document"]
        assert out.splitlines()[1].split("\t")[5] == "推行电子证照"
    elif fmt == "sparql-tsv":
        assert out.splitlines()[0].startswith("?dept\t")
        assert '"推行电子证照"' in out
    else:
        assert "推行电子证照" in out.splitlines()[2]


def test_query_errors_are_one_line(store):
    result = run(store, "query", "measures-led-by", check=False)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "policykg: error: query 'measures-led-by' needs a value for dept (department)"
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
        ("ASK { ?m a <https://w3id.org/policykg/ontology#Measure> }", "json", "true\n"),
        (
            "ASK { ?m a <https://w3id.org/policykg/ontology#Nothing> }",
            "sparql-json",
            '{"head":{},"boolean":false}',
        ),
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
    query = "SELECT ?t WHERE { ?d a <https://w3id.org/policykg/ontology#Notice> ; <http://purl.org/dc/terms/title> ?t }"
    out = run(store, "sparql", "-", "--format", "csv", input=query).stdout
    assert out.splitlines() == ["t", "关于印发甘泉市营商环境提升行动方案的通知"]


def test_sparql_graph_formats_are_for_graphs(store):
    result = run(store, "sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--format", "nt", check=False)
    assert result.returncode == 2
    assert "--format nt is for CONSTRUCT and DESCRIBE" in result.stderr


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
    # whole values: the measure's IRI and text, its document's IRI and title
    assert rows[1] == {
        "jurisdiction": "甘泉市",
        "department": "市税务局",
        "role": "co",
        "document": "甘泉市营商环境提升行动方案",
        "number": "1",
        "title": "压缩开办时间",
        "text": "压缩开办时间。企业开办时间压缩至1个工作日以内。（市市场监管局牵头，市公安局、市税务局配合，2024年6月底前完成）",
        "inherited": False,
        "measure": "https://w3id.org/policykg/id/doc/ganquan_city_plan.txt/1/measure/1",
        "document IRI": "https://w3id.org/policykg/id/doc/ganquan_city_plan.txt/1",
    }
    only_co = list(
        csv.DictReader(
            io.StringIO(run(store, "involves", "市税务局", "--role", "co", "--format", "csv").stdout)
        )
    )
    assert [(r["number"], r["text"][:6]) for r in only_co] == [("1", "压缩开办时间")]
    table = run(store, "involves", "市税务局").stdout
    assert "is responsible for 1 measure(s)" in table and "推行非接触式办税 (from its heading)" in table
    led = json.loads(run(store, "leads", "市市场监管局", "--format", "json").stdout)
    assert [(r["role"], r["number"]) for r in led] == [("lead", "1"), ("lead", "2")]


def test_unknown_department_exits_nonzero_with_suggestions(store):
    result = run(store, "leads", "市市场监督管理局", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "policykg: error: no department named '市市场监督管理局'; nearest: 市市场监管局"
    )


def test_departments_table(store):
    rows = list(csv.DictReader(io.StringIO(run(store, "departments", "--format", "csv").stdout)))
    assert [(r["department"], r["lead"], r["co"]) for r in rows[:4]] == [
        ("市市场监管局", "2", "0"),
        ("市公安局", "1", "1"),
        ("市政务办", "1", "0"),
        ("市税务局", "0", "1"),
    ]
    assert rows[0]["iri"] == "https://w3id.org/policykg/id/dept/甘泉市/市市场监管局"


@pytest.mark.parametrize("subject", ["orphans", "coverage", "indicators", "deadlines", "citations"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_audit_formats(store, subject, fmt):
    sections = {
        "orphans": ["unassigned", "generic-only"],
        "coverage": ["coverage", "never-lead", "many-leads"],
        "indicators": ["unserved"],
        "deadlines": ["overdue", "no-deadline"],
        "citations": ["by-form-and-level", "most-cited", "citing-nothing"],
    }[subject]
    out = run(store, "audit", subject, "--as-of", "2024-07-01", "--format", fmt).stdout
    if fmt == "json":  # one object per row, its section named
        assert sorted({r["section"] for r in json.loads(out)}) == sorted(sections)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert out.startswith("section,") and sorted({r["section"] for r in rows}) == sorted(sections)
    else:  # a title line "Title: N" per section, empty ones included
        titles = [line for line in out.splitlines() if re.fullmatch(r"\S.*: \d+", line)]
        assert len(titles) == {"orphans": 2, "coverage": 3, "indicators": 2}.get(subject, 3)


def test_audit_fail_on_findings(store):
    result = run(store, "audit", "orphans", "--fail-on-findings", check=False)
    assert result.returncode == 1 and result.stderr == "policykg: 2 finding(s)\n"
    rows = json.loads(run(store, "audit", "deadlines", "--as-of", "2024-07-01", "--format", "json").stdout)
    assert [(r["number"], r["deadline"]) for r in rows if r["section"] == "overdue"] == [("1", "2024-06-30")]
    assert (
        run(store, "audit", "indicators", "--fail-on-findings", "--format", "csv", check=False).returncode
        == 1
    )
    clean = run(
        store,
        "audit",
        "deadlines",
        "--as-of",
        "2024-01-01",
        "--within",
        "0",
        "--fail-on-findings",
        check=False,
    )
    assert clean.returncode == 1  # measures without a deadline are findings too


@pytest.mark.parametrize(
    ("command", "column", "top"),
    [
        (["centrality"], "degree", [("市公安局", 4.0), ("市市场监管局", 4.0)]),
        (
            ["centrality", "--measure", "betweenness"],
            "betweenness",
            [("市公安局", 0.05), ("市市场监管局", 0.05)],
        ),
    ],
)
def test_network_centrality(store, command, column, top):
    rows = json.loads(run(store, "network", *command, "--top", "2", "--format", "json").stdout)
    assert [(r["department"], r[column]) for r in rows] == top
    assert rows[0]["iri"] == "https://w3id.org/policykg/id/dept/甘泉市/市公安局"


def test_network_communities_and_bridges(store):
    groups = json.loads(run(store, "network", "communities", "--format", "json").stdout)
    assert [g["community"] for g in groups] == list(range(1, len(groups) + 1))
    members = [d for g in groups for d in g["departments"].split("、")]
    assert sorted(members) == sorted(set(members)) and "市公安局" in members
    assert sum(g["size"] for g in groups) == len(members)
    bridges = list(csv.DictReader(io.StringIO(run(store, "network", "bridges", "--format", "csv").stdout)))
    assert all(float(b["score"]) >= 1 for b in bridges)  # each reaches at least one other community


@pytest.mark.parametrize("graph", ["departments", "bipartite", "citations"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export(store, tmp_path, graph, fmt):
    import networkx as nx

    out = tmp_path / f"g.{fmt}"
    result = run(store, "network", "export", "--graph", graph, "--format", fmt, "--output", str(out))
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    written = read(out)
    assert result.stderr == (
        f"wrote {written.number_of_nodes()} nodes and {written.number_of_edges()} edges to {out}\n"
    )
    from policykg.cli.network import GRAPHS
    from policykg.graph.store import open_store
    from policykg.queries import network as nw

    with open_store(store, read_only=True) as s:
        expected = getattr(nw, GRAPHS[graph])(s)
    assert set(written.nodes) == set(expected.nodes) and expected.number_of_nodes() > 0
    assert {frozenset(e) for e in written.edges()} == {frozenset(e) for e in expected.edges()}


@pytest.mark.parametrize("view", ["overview", "network", "citations", "indicators"])
def test_viz_views_write_a_page_and_say_what_they_drew(store, tmp_path, view):
    out = tmp_path / f"{view}.html"
    result = run(store, "viz", view, "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype html>")
    assert result.stderr.startswith("wrote ") and result.stderr.endswith(f" to {out}\n")
    assert " nodes and " in result.stderr


def test_viz_department_and_report(store, tmp_path):
    out = tmp_path / "d.html"
    result = run(store, "viz", "department", "市政务服务管理办公室", "--depth", "2", "-o", str(out))
    assert "市政务办" in out.read_text(encoding="utf-8") and result.stderr.endswith(f" to {out}\n")
    missing = run(store, "viz", "department", "市市场监督管理局", "-o", str(out), check=False)
    assert missing.returncode == 1 and "nearest: 市市场监管局" in missing.stderr
    report = tmp_path / "audit" / "report.html"
    result = run(store, "report", "-o", str(report), "--as-of", "2024-07-01")
    written = result.stderr.removeprefix("wrote ").strip().split(", ")
    assert written[0] == str(report) and len(written) == 5
    assert all((tmp_path / "audit" / name).exists() for name in map(os.path.basename, written))
    only = tmp_path / "only" / "report.html"
    assert run(store, "report", "-o", str(only), "--no-views").stderr == f"wrote {only}\n"


# two cities of one province, each with its own 市数据局: one name, two departments
TWO_CITIES = {
    "qingxi_city_plan.txt": """青溪市人民政府办公室关于印发青溪市数字政府建设方案的通知

青溪市数字政府建设方案

一、夯实数据底座

1. 建设城市数据平台。年内汇聚全市公共数据。（市数据局牵头，市财政局配合）

2. 推进电子档案归档。（市档案馆牵头，市数据局配合）
""",
    "shiqiao_city_plan.txt": """石桥市人民政府办公室关于印发石桥市数据要素行动方案的通知

石桥市数据要素行动方案

一、培育数据市场

1. 开展公共数据授权运营试点。（市数据局牵头，市发展改革委配合）
""",
}


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-cities")
    for name, text in TWO_CITIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = folder / "store"
    run(store, "build", str(folder))
    return store


def test_a_name_used_in_two_places_lists_each_place_under_its_heading(two_cities):
    result = run(two_cities, "leads", "市数据局")
    out = result.stdout
    assert out.splitlines()[0].startswith(
        "市数据局 names 2 departments, one per place below (石桥市, 青溪市)"
    )
    qingxi, shiqiao = out.index("== 青溪市 =="), out.index("== 石桥市 ==")
    assert "建设城市数据平台" in out[qingxi:] and "建设城市数据平台" not in out[shiqiao:qingxi]
    assert "开展公共数据授权运营试点" in out[shiqiao:qingxi]
    involved = run(two_cities, "involves", "市数据局").stdout
    assert involved.count("== ") == 2 and "推进电子档案归档" in involved


def test_jurisdiction_narrows_an_ambiguous_name_to_one_place(two_cities):
    out = run(two_cities, "leads", "市数据局", "--jurisdiction", "石桥市").stdout
    assert out.splitlines()[0] == "市数据局 (石桥市)" and "==" not in out
    assert "开展公共数据授权运营试点" in out and "建设城市数据平台" not in out
    missing = run(two_cities, "leads", "市数据局", "--jurisdiction", "甘泉市", check=False)
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        "policykg: error: no department named '市数据局' in 甘泉市; it names departments in 石桥市, 青溪市"
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_output_carries_the_place_on_each_row(two_cities, fmt):
    out = run(two_cities, "involves", "市数据局", "--format", fmt).stdout
    rows = json.loads(out) if fmt == "json" else list(csv.DictReader(io.StringIO(out)))
    assert sorted((r["jurisdiction"], r["role"], r["number"]) for r in rows) == [
        ("石桥市", "lead", "1"),
        ("青溪市", "co", "2"),
        ("青溪市", "lead", "1"),
    ]
    assert {r["department"] for r in rows} == {"市数据局"}


def test_viz_department_of_a_name_used_in_two_places_writes_a_page_for_each(two_cities, tmp_path):
    out = tmp_path / "d.html"
    result = run(two_cities, "viz", "department", "市数据局", "-o", str(out))
    pages = {place: tmp_path / f"d-{place}.html" for place in ("石桥市", "青溪市")}
    assert sorted(line.rsplit(" to ", 1)[1] for line in result.stderr.splitlines()) == sorted(
        str(p) for p in pages.values()
    )
    assert not out.exists()
    assert "开展公共数据授权运营试点" in pages["石桥市"].read_text(encoding="utf-8")
    assert "建设城市数据平台" not in pages["石桥市"].read_text(encoding="utf-8")
    assert "建设城市数据平台" in pages["青溪市"].read_text(encoding="utf-8")
    one = run(two_cities, "viz", "department", "市数据局", "--jurisdiction", "石桥市", "-o", str(out))
    assert one.stderr.endswith(f" to {out}\n") and out.exists()
