"""Counterpart departments, the cascade audit, its named queries and the cross-level network.

The store holds a city plan and a county plan written for these tests (tests/data/cascade), with
links between them written by hand per the issue-14 graph contract (tests/cascade_pair.py): a copied
measure, a reworded one, one split in two, one taken up by another body, one added locally, and a
city measure the county dropped.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policykg.cli.main import cli
from policykg.errors import QueryError
from policykg.graph.links.counterparts import counterpart_pairs, document_counterparts, functional_core
from policykg.graph.store.embedded import GraphStore
from policykg.queries.cascade import audit_cascade
from policykg.queries.run import run_named

from .cascade_pair import (
    DRIFTED,
    LOCAL_ADDITIONS,
    LOWER,
    LOWER_DOC,
    LOWER_FILE,
    UNIMPLEMENTED,
    UPPER,
    UPPER_DOC,
    UPPER_FILE,
    build_cascade_store,
    link_iri,
)

ID = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_cascade_store(tmp_path_factory.mktemp("cascade") / "store")


@pytest.fixture(scope="module")
def store(store_path):
    s = GraphStore(store_path, read_only=True)
    yield s
    s.close()


def invoke(store_path, *args):
    return CliRunner().invoke(cli, ["--store", str(store_path), *args], prog_name="policykg")


# -- counterparts ------------------------------------------------------------------------------------


def test_functional_core_drops_place_level_and_ending():
    assert functional_core("连云港市市场监督管理局") == "市场监督管理"
    assert functional_core("县市场监管局") == "市场监管"  # 市场 opens the core: it is no level prefix
    assert functional_core("市场监督管理局") == "市场监督管理"
    assert functional_core("县发展和改革委员会") == "发展和改革"
    assert functional_core("中共灌南县委组织部") == "委组织"
    assert functional_core("县人民政府办公室") == functional_core("市政府办公室") == "政府"


def test_counterpart_pairs_match_function_across_names_and_levels():
    lower = [
        ("c/scjg", "县市场监管局", "青禾县"),
        ("c/fgw", ["县发改委", "县信用办"], "青禾县"),  # an alias does not hide the main name
        ("c/zwb", "县政务办", "青禾县"),
        ("c/jt", "县交通局", "青禾县"),
        ("c/gov", "县人民政府办公室", "青禾县"),
        ("c/sw", "县商务局", "青禾县"),  # the city names no 商务局: no counterpart
        ("c/spj", "县行政审批局", "青禾县"),
    ]
    upper = [
        ("u/scjg", "市市场监督管理局", "柳岸市"),
        ("u/fgw", "市发展和改革委员会", "柳岸市"),
        ("u/zwb", "市政务服务管理办公室", "柳岸市"),
        (
            "u/zwzx",
            "市政务服务中心",
            "柳岸市",
        ),  # a centre is not an office: 政务办 stays with 政务服务管理办公室
        ("u/jt", "市交通运输局", "柳岸市"),
        ("u/gov", "市政府办公室", "柳岸市"),
        ("u/cz", "市财政局", "柳岸市"),
        ("p/scjg", "省市场监督管理局", "江东省"),  # two levels up: the city's body is nearer
    ]
    assert counterpart_pairs(lower, upper) == [
        ("c/fgw", "u/fgw"),
        ("c/gov", "u/gov"),
        ("c/jt", "u/jt"),
        ("c/scjg", "u/scjg"),
        ("c/zwb", "u/zwb"),
    ]


def test_counterparts_run_upwards_only():
    city = [("u/scjg", "市市场监管局", "柳岸市")]
    county = [("c/scjg", "县市场监管局", "青禾县")]
    province = [("p/scjg", "省市场监督管理局", "江东省")]
    assert counterpart_pairs(city, county) == []  # the county is below the city, not above it
    assert counterpart_pairs(city, city) == []  # the same body is not its own counterpart
    assert counterpart_pairs(county, [("c2/scjg", "县市场监管局", "白沙县")]) == []  # same level
    assert counterpart_pairs(city, province) == [("u/scjg", "p/scjg")]  # 市 → 省 is one level up


def test_counterparts_of_a_document_pair_read_from_the_store(store):
    pairs = document_counterparts(store, LOWER_DOC, UPPER_DOC)
    dept = f"{ID}dept/"
    assert (f"{dept}青禾县/县市场监管局", f"{dept}柳岸市/市市场监督管理局") in pairs
    assert (f"{dept}青禾县/县发改委", f"{dept}柳岸市/市发展和改革委员会") in pairs
    assert (f"{dept}青禾县/县住建局", f"{dept}柳岸市/市住建局") in pairs
    lowers = {low for low, _ in pairs}
    assert f"{dept}青禾县/县行政审批局" not in lowers  # the city plan names no 行政审批局
    assert f"{dept}青禾县/县商务局" not in lowers
    assert all(up.startswith(f"{dept}柳岸市/") for _, up in pairs)


# -- the audit ---------------------------------------------------------------------------------------


def test_cascade_audit_finds_exactly_the_written_cases(store):
    audit = audit_cascade(store)
    assert audit.section("pairs").rows == [
        ["青禾县优化营商环境攻坚行动方案", "柳岸市优化营商环境三年行动方案", 6, 5, 5, 4]
    ]
    assert [r[-1] for r in audit.section("unimplemented").rows] == [UPPER[k] for k in UNIMPLEMENTED]
    assert audit.section("unimplemented").rows[0][:5] == [
        LOWER_FILE,
        "青禾县优化营商环境攻坚行动方案",
        "柳岸市优化营商环境三年行动方案",
        "5",
        "开展营商环境第三方评价",
    ]
    assert [r[-1] for r in audit.section("local-additions").rows] == [LOWER[k] for k in LOCAL_ADDITIONS]
    copies = audit.section("copies").rows
    assert [(r[1], r[3], r[-1]) for r in copies] == [("1", "1", link_iri(1, 1))]
    assert str(copies[0][4]) == "0.93" and copies[0][5].startswith("推行企业开办全程网上办理")
    drift = audit.section("drift").rows
    assert [r[-1] for r in drift] == [link_iri(low, up) for low, up in DRIFTED]
    assert drift[0][4:7] == ["市住建局", "县自然资源局", "县住建局"]  # expected the county's 住建局
    assert drift[1][4:7] == ["市政务办", "县行政审批局", None]  # the county has no 政务办 named
    assert audit.findings == 5


def test_cascade_audit_narrows_to_documents_and_files(store):
    assert audit_cascade(store, above=UPPER_FILE, below=LOWER_DOC).findings == 5
    # the county plan is above nothing: no pair, no finding
    assert audit_cascade(store, above=LOWER_FILE).findings == 0
    assert audit_cascade(store, below=UPPER_DOC).findings == 0
    with pytest.raises(QueryError, match="no document or source file named 'nowhere.txt'"):
        audit_cascade(store, above="nowhere.txt")


def test_cascade_queries_are_named_queries(store):
    rows = list(run_named(store, "cascade-unimplemented", {"below": LOWER_FILE}))
    assert [r["measure"].value for r in rows] == [UPPER[5]]
    rows = list(run_named(store, "cascade-drift", {"above": UPPER_DOC}))
    assert {r["link"].value for r in rows} == {link_iri(4, 3), link_iri(5, 4)}


def test_audit_cascade_command(store_path):
    result = invoke(store_path, "audit", "cascade", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    sections = [r["section"] for r in rows]
    assert sections.count("unimplemented") == 1 and sections.count("drift") == 2
    assert sections.count("copies") == 1 and sections.count("local-additions") == 1
    failing = invoke(store_path, "audit", "cascade", "--below", LOWER_FILE, "--fail-on-findings")
    assert failing.exit_code == 1 and "5 finding(s)" in failing.output
    clean = invoke(store_path, "audit", "cascade", "--above", LOWER_FILE, "--fail-on-findings")
    assert clean.exit_code == 0, clean.output


def test_audit_cascade_names_an_unknown_document_in_one_line(store_path):
    result = invoke(store_path, "audit", "cascade", "--above", "nowhere.txt")
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        "policykg: error: no document or source file named 'nowhere.txt' in the store"
    ]
    assert "Traceback" not in result.output
    assert invoke(store_path, "audit", "orphans", "--above", UPPER_FILE).exit_code == 2


def test_query_command_runs_a_cascade_query(store_path):
    result = invoke(
        store_path, "query", "cascade-local-additions", "-p", f"below={LOWER_FILE}", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert [r["measure"] for r in json.loads(result.output)] == [LOWER[6]]


# -- the network -------------------------------------------------------------------------------------


def test_cascade_network_weights_links_and_marks_drift(store):
    from policykg.queries.network import cascade_network

    graph = cascade_network(store)
    label = {n: d["label"] for n, d in graph.nodes(data=True)}
    edges = {(label[a], label[b]): (d["weight"], d["counterpart"]) for a, b, d in graph.edges(data=True)}
    assert edges[("县市场监管局", "市市场监督管理局")] == (1, True)
    assert edges[("县住建局", "市住建局")] == (1, True)
    assert edges[("县自然资源局", "市住建局")] == (1, False)  # drift
    assert edges[("县行政审批局", "市政务办")] == (1, False)
    assert edges[("县公安局", "市公安局")] == (0, True)  # counterparts, sharing no linked lead
    assert all(
        graph.nodes[a]["level"] == "county" and graph.nodes[b]["level"] == "city" for a, b in graph.edges
    )


def test_network_cascade_command(store_path, tmp_path):
    result = invoke(store_path, "network", "cascade", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {
        "lower department": "县自然资源局",
        "upper department": "市住建局",
        "counterpart": "no",
    }.items() <= next(
        r for r in rows if r["lower department"] == "县自然资源局" and r["upper department"] == "市住建局"
    ).items()
    out = tmp_path / "cascade.graphml"
    assert invoke(store_path, "network", "export", "--graph", "cascade", "-o", str(out)).exit_code == 0
    assert "县行政审批局" in out.read_text(encoding="utf-8")


def test_a_measure_taken_up_by_another_document_of_the_lower_notice_is_not_dropped(tmp_path):
    from pyoxigraph import NamedNode, Quad, RdfFormat, parse

    path = build_cascade_store(tmp_path / "store")
    # a task list attached to the county's notice, taking up the city's measure 5
    tasks = f"{ID}doc/{LOWER_FILE}/2"
    turtle = f"""@prefix pol: <https://w3id.org/policykg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
        <{tasks}> a pol:PolicyDocument ; dcterms:title "青禾县营商环境任务清单" ;
            <http://www.w3.org/ns/prov#wasDerivedFrom> <{ID}source/{LOWER_FILE}> ; pol:implementsDocument <{UPPER_DOC}> .
        <{tasks}/measure/1> a pol:Measure ; pol:inDocument <{tasks}> ; pol:number "1" ; pol:order 1 ;
            pol:implementsMeasure <{UPPER[5]}> ."""
    graph = NamedNode(f"{ID}graph/test-extra")
    with GraphStore(path) as store:
        store.replace_graph(
            graph.value,
            [Quad(t.subject, t.predicate, t.object, graph) for t in parse(turtle, format=RdfFormat.TURTLE)],
        )
        whole_notice = audit_cascade(store, below=LOWER_FILE).section("unimplemented").rows
        plan_alone = audit_cascade(store, below=LOWER_DOC).section("unimplemented").rows
        everything = audit_cascade(store).section("unimplemented").rows
    assert whole_notice == [] and everything == []
    assert [r[-1] for r in plan_alone] == [UPPER[5]]


def test_the_build_links_the_pair_and_the_audit_reads_its_links(tmp_path):
    """End to end: no hand-written link; the build's link step states them and their counterparts."""
    from policykg.graph.build import build

    from .cascade_pair import DATA

    path = tmp_path / "store"
    assert build([DATA / UPPER_FILE, DATA / LOWER_FILE], path).ok
    with GraphStore(path, read_only=True) as store:
        audit = audit_cascade(store, above=UPPER_FILE, below=LOWER_FILE)
    assert [r[-1] for r in audit.section("unimplemented").rows] == [UPPER[5]]
    assert [r[-1] for r in audit.section("local-additions").rows] == [LOWER[6]]
    drift = {r[-1]: r[4:7] for r in audit.section("drift").rows}
    assert drift[link_iri(4, 3)] == ["市住建局", "县自然资源局", "县住建局"]
    assert link_iri(1, 1) in {r[-1] for r in audit.section("copies").rows}
