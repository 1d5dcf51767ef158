"""Every named query, look-up and audit against a fixture notice whose answers are known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from policykg.errors import QueryError
from policykg.queries.named import list_queries, load_query
from policykg.queries.values import term_value

from .conftest import DATA_DIR

PLAN = "甘泉市营商环境提升行动方案"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from policykg.graph.build import build
    from policykg.graph.store.embedded import GraphStore

    path = tmp_path_factory.mktemp("ganquan") / "store"
    assert build([DATA_DIR / "ganquan_city_plan.txt"], path).ok
    s = GraphStore(path, read_only=True)
    yield s
    s.close()


def rows(store, name, columns, **params):
    from policykg.queries.run import run_named

    return [[term_value(s[c]) for c in columns] for s in run_named(store, name, params)]


def test_every_query_file_has_a_header():
    for q in list_queries():
        assert q.title and q.answers, q.name
        assert q.sparql.lstrip().startswith("#")
    assert {q.name for q in list_queries()} >= {
        "measures-led-by",
        "measures-involving",
        "measures-of-plan",
        "orphan-measures",
        "departments-by-load",
        "legal-bases-by-citations",
        "measures-by-deadline",
        "indicators-with-measures",
        "department-pairs",
        "department-names",
    }


def test_measures_led_by_resolves_an_alias(store):
    # 市政务服务管理办公室 leads measure 2; the notice also writes it 市政务办
    for name in ("市政务办", "市政务服务管理办公室", " 市政务服务 管理办公室 "):
        assert rows(store, "measures-led-by", ["number", "title"], dept=name) == [["2", "推行电子证照"]]
    assert rows(store, "measures-led-by", ["number"], dept="市市场监管局") == [["1"], ["2"]]


def test_measures_involving_by_role(store):
    assert rows(store, "measures-involving", ["role", "number"], dept="市公安局") == [
        ["co", "1"],
        ["lead", "2"],
    ]
    assert rows(store, "measures-involving", ["role", "number"], dept="市税务局") == [
        ["co", "1"],
        ["responsible", "5"],
    ]


def test_department_names_lists_every_alias(store):
    got = rows(store, "department-names", ["label", "alias", "jurisdiction"])
    assert ["市政务办", "市政务服务管理办公室", "甘泉市"] in got
    assert len({r[0] for r in got}) == 6


def test_store_counts_in_listing_order(store):
    from policykg.queries.counts import COUNTED, store_counts

    counts = store_counts(store)
    assert list(counts) == [*COUNTED, "named graphs"]
    assert (counts["measures"], counts["departments"], counts["measures without a named department"]) == (
        6,
        6,
        2,
    )


def test_measures_of_plan(store):
    got = rows(store, "measures-of-plan", ["number", "title", "section", "leads"], plan=PLAN)
    assert [r[0] for r in got] == ["1", "2", "3", "4", "5", "6"]
    assert got[0] == ["1", "压缩开办时间", "开办企业", "市市场监管局"]
    assert got[4][2] == "纳税（责任部门：市税务局）"
    assert rows(store, "measures-of-plan", ["number"], plan="没有这个方案") == []


def test_orphan_measures(store):
    got = rows(store, "orphan-measures", ["number", "genericActors"])
    assert [[n, actors or None] for n, actors in got] == [["3", "市相关部门"], ["4", None]]


def test_departments_by_load(store):
    assert rows(store, "departments-by-load", ["name", "lead", "responsible", "cooperating", "measures"]) == [
        ["市市场监管局", 2, 0, 0, 2],
        ["市公安局", 1, 0, 1, 2],
        ["市政务办", 1, 1, 0, 2],
        ["市税务局", 0, 1, 1, 2],
    ]


def test_department_pairs(store):
    got = {(a, b): n for a, b, n in rows(store, "department-pairs", ["aName", "bName", "shared"])}
    assert sorted(tuple(sorted(k)) + (v,) for k, v in got.items()) == [
        ("市公安局", "市市场监管局", 2),
        ("市公安局", "市政务办", 1),
        ("市公安局", "市税务局", 1),
        ("市市场监管局", "市政务办", 1),
        ("市市场监管局", "市税务局", 1),
    ]


def test_legal_bases_by_citations(store):
    assert rows(
        store,
        "legal-bases-by-citations",
        ["title", "form", "citedBy", "asBasis", "asImplemented", "asProduced"],
    ) == [
        ["国务院关于加快推进电子证照扩大应用领域和全国互通互认的意见", "意见", 1, 0, 1, 0],
        ["江东省优化营商环境条例", "条例", 1, 1, 0, 0],
        [PLAN, "方案", 1, 0, 0, 1],
    ]
    assert rows(store, "legal-bases-by-form-and-level", ["form", "level", "bases"]) == [
        ["意见", "national", 1],
        ["方案", "municipal", 1],
        ["条例", "provincial", 1],
    ]


def test_measures_by_deadline(store):
    assert rows(store, "measures-by-deadline", ["number", "deadline"]) == [
        ["1", "2024-06-30"],
        ["5", "2024-12-31"],
    ]
    assert rows(store, "measures-by-deadline", ["number"], before="2024-07-01") == [["1"]]
    assert rows(store, "measures-due", ["number"], **{"from": "2024-07-01", "until": "2024-12-31"}) == [["5"]]


def test_indicators_with_measures(store):
    got = rows(
        store,
        "indicators-with-measures",
        ["name", "level", "weight", "parentName", "responsible", "measures"],
    )
    assert got == [
        ["开办企业", 1, Decimal(10), None, "市市场监管局", 4],
        ["开办企业耗时", 2, Decimal(10), "开办企业", "市市场监管局", 4],
        ["纳税", 1, Decimal(10), None, "市税务局", 2],
        ["纳税时间", 2, Decimal(10), "纳税", "市税务局", 2],
        ["获得电力", 1, Decimal(5), None, "甘泉市供电公司", 0],
        ["电力接入时长", 2, Decimal(5), "获得电力", "甘泉市供电公司", 0],
    ]


def test_many_leads_and_counts(store):
    assert rows(store, "measures-with-many-leads", ["number", "leads"]) == [["2", 3]]
    assert rows(store, "measures-with-many-leads", ["number"], minimum="4") == []
    assert rows(store, "measure-count", ["measures"]) == [[6]]
    assert rows(store, "measures-without-deadline", ["number"]) == [["2"], ["3"], ["4"]]
    assert rows(store, "measures-citing-nothing", ["number"]) == [["1"], ["3"], ["4"], ["5"], ["6"]]
    assert rows(store, "measures-without-indicator", ["number"]) == []


def test_parameters_are_checked(store):
    from policykg.queries.run import run_named

    with pytest.raises(QueryError, match="needs a value for dept"):
        run_named(store, "measures-led-by", {})
    with pytest.raises(QueryError, match="has no parameter 'who'"):
        run_named(store, "measures-led-by", {"dept": "市政务办", "who": "x"})
    with pytest.raises(QueryError, match="is not a date"):
        run_named(store, "measures-by-deadline", {"before": "next week"})
    with pytest.raises(QueryError, match="no query named"):
        load_query("../../etc/passwd")


@pytest.mark.parametrize(
    "hostile",
    [
        '市政务办" } ?s ?p ?o { "',
        "市政务办'> DROP ALL #",
        "}}}{{{",
        "# comment",
        '\\"; DELETE WHERE { ?s ?p ?o }',
        "<http://x>",
    ],
)
def test_injection_is_harmless(store, hostile):
    from policykg.queries.lookup import resolve_department

    assert rows(store, "measures-of-plan", ["number"], plan=hostile) == []
    with pytest.raises(QueryError, match="no department named"):
        resolve_department(store, hostile)
    assert rows(store, "measure-count", ["measures"]) == [[6]]  # nothing was changed


def test_unknown_department_suggests_nearest(store):
    from policykg.queries.lookup import resolve_department

    with pytest.raises(QueryError) as info:
        resolve_department(store, "市市场监督管理局")
    assert "nearest: 市市场监管局" in str(info.value)


def test_involvement_groups_by_role(store):
    from policykg.queries.lookup import involvement, resolve_department

    inv = involvement(store, resolve_department(store, "市税务局"))
    assert {r: [(m.number, m.inherited) for m in ms] for r, ms in inv.by_role.items()} == {
        "responsible": [("5", True)],
        "co": [("1", False)],
    }
    assert list(inv.by_role) == ["responsible", "co"]
    only_co = involvement(store, resolve_department(store, "市税务局"), roles=["co"])
    assert {r: [m.number for m in ms] for r, ms in only_co.by_role.items()} == {"co": ["1"]}
    with pytest.raises(QueryError, match="unknown role 'boss'"):
        involvement(store, resolve_department(store, "市税务局"), roles=["boss"])


def test_audit_orphans(store):
    from policykg.queries.audits import audit_orphans

    audit = audit_orphans(store)
    assert [r[1] for r in audit.section("unassigned").rows] == ["4"]
    assert [(r[1], r[3]) for r in audit.section("generic-only").rows] == [("3", "市相关部门")]
    assert audit.findings == 2


def test_audit_coverage(store):
    from policykg.queries.audits import audit_coverage

    audit = audit_coverage(store)
    assert [r[0] for r in audit.section("coverage").rows] == [
        "市市场监管局",
        "市公安局",
        "市政务办",
        "市税务局",
    ]
    assert audit.section("coverage").rows[0][-1] == Decimal("0.333")
    assert [r[0] for r in audit.section("never-lead").rows] == ["市税务局"]
    assert [(r[1], r[3]) for r in audit.section("many-leads").rows] == [("2", 3)]
    assert audit_coverage(store, many_leads=4).section("many-leads").rows == []


def test_audit_indicators(store):
    from policykg.queries.audits import audit_indicators

    audit = audit_indicators(store)
    assert [(r[0], r[2]) for r in audit.section("unserved").rows] == [
        ("获得电力", Decimal(5)),
        ("电力接入时长", Decimal(5)),
    ]
    assert audit.section("measures-without-indicator").rows == []


def test_audit_deadlines(store):
    from policykg.queries.audits import audit_deadlines

    audit = audit_deadlines(store, as_of=dt.date(2024, 7, 1))
    assert [r[2] for r in audit.section("overdue").rows] == ["1"]
    assert audit.section("due").rows == []
    assert [r[1] for r in audit.section("no-deadline").rows] == ["2", "3", "4"]
    later = audit_deadlines(store, as_of=dt.date(2024, 12, 1), within=30)
    assert [r[2] for r in later.section("due").rows] == ["5"]


def test_audit_citations(store):
    from policykg.queries.audits import audit_citations

    audit = audit_citations(store)
    assert [r[:2] for r in audit.section("by-form-and-level").rows] == [
        ["意见", "national"],
        ["方案", "municipal"],
        ["条例", "provincial"],
    ]
    assert [r[1] for r in audit.section("citing-nothing").rows] == ["1", "3", "4", "5", "6"]
