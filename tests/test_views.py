"""The views drawn from a small notice: exactly the nodes, edges and colours the graph calls for.

The notice is written for these tests. Colours are spelled out here rather than read from the
views' own tables, so a view that swaps or drops a role's colour fails.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

NOTICE = """柳岸市人民政府办公室关于印发柳岸市推进数字政务建设实施方案的通知

柳政办发〔2024〕3号

各区人民政府，市政府各部门：

现将《柳岸市推进数字政务建设实施方案》印发给你们，请认真贯彻执行。

柳岸市人民政府办公室
2024年3月1日

柳岸市推进数字政务建设实施方案

一、夯实数据基础

1. 建设市级数据共享平台。整合各部门政务数据资源。（市大数据局牵头，市财政局、市发展改革委配合）

2. 完善公共数据目录。按季度更新目录清单。（市大数据局负责，2024年6月底前完成）

二、优化政务服务

3. 推行“一件事一次办”。依据《江东省政务服务条例》梳理事项清单。（市政务服务中心牵头，市公安局配合）

4. 开展政务服务满意度评价。（市政务服务中心负责，市财政局配合）

5. 总结推广基层经验。各区结合实际抓好落实。

附件

柳岸市数字政务建设评价指标

一级指标\t二级指标\t分值\t责任部门
1.数据共享\t数据共享平台接入率\t10\t市大数据局
2.政务服务\t一件事办理满意度\t10\t市政务服务中心
"""

ID = "https://w3id.org/policykg/id/"
NOTICE_DOC = f"{ID}doc/liuan.txt/0"
PLAN = f"{ID}doc/liuan.txt/1"
TABLE = f"{ID}doc/liuan.txt/2"
SECTION = [f"{PLAN}/section/{k}" for k in range(2)]
MEASURE = {k: f"{PLAN}/measure/{k}" for k in range(1, 6)}
INDICATOR = {k: f"{TABLE}/indicator/{k}" for k in range(1, 5)}
BASIS = f"{ID}basis/江东省政务服务条例"
ISSUED_PLAN = f"{ID}basis/柳岸市推进数字政务建设实施方案"  # the title the notice cites
ISSUER = f"{ID}dept/柳岸市/市人民政府办公室"  # 柳岸市 written as the level prefix
DATA = f"{ID}dept/柳岸市/市大数据局"
FINANCE = f"{ID}dept/柳岸市/市财政局"
REFORM = f"{ID}dept/柳岸市/市发展改革委"
SERVICE = f"{ID}dept/柳岸市/市政务服务中心"
POLICE = f"{ID}dept/柳岸市/市公安局"
DEPARTMENTS = {DATA, FINANCE, REFORM, SERVICE, POLICE}

LEAD, RESPONSIBLE, CO = "#b2182b", "#ef8a62", "#999999"
KIND_COLOURS = {
    "document": "#4e79a7",
    "section": "#76b7b2",
    "measure": "#f28e2b",
    "measure-group": "#f6b26b",
    "department": "#e15759",
    "basis": "#59a14f",
    "unserved": "#d62728",
    "orphan": "#7f7f7f",
}
ROLE_EDGES = {  # measure -> department: (colour, title)
    (MEASURE[1], DATA): (LEAD, "牵头 lead"),
    (MEASURE[1], FINANCE): (CO, "配合 co"),
    (MEASURE[1], REFORM): (CO, "配合 co"),
    (MEASURE[2], DATA): (RESPONSIBLE, "负责 responsible"),
    (MEASURE[3], SERVICE): (LEAD, "牵头 lead"),
    (MEASURE[3], POLICE): (CO, "配合 co"),
    (MEASURE[4], SERVICE): (RESPONSIBLE, "负责 responsible"),
    (MEASURE[4], FINANCE): (CO, "配合 co"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The notice built into a store, opened for reading."""
    from policykg.graph.build import build
    from policykg.graph.store import open_store

    folder = tmp_path_factory.mktemp("views")
    notice = folder / "liuan.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    report = build([notice], folder / "store")
    assert report.ok and report.measures == 5
    with open_store(folder / "store", read_only=True) as s:
        yield s


def nodes_by_id(view) -> dict[str, dict]:
    ids = [n["id"] for n in view.nodes]
    assert len(ids) == len(set(ids)), "a node drawn twice"
    return {n["id"]: n for n in view.nodes}


def edge_pairs(view) -> list[tuple[str, str]]:
    return [(e["from"], e["to"]) for e in view.edges]


def page_data(view) -> dict:
    """The nodes and edges the written page holds, read back from its HTML."""
    found = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', view.html, re.S)
    assert found
    return json.loads(found.group(1))


def assert_kind_colours(view) -> None:
    for n in view.nodes:
        if n["kind"] in KIND_COLOURS:
            assert n["color"] == KIND_COLOURS[n["kind"]], n["id"]


def test_overview_draws_every_node_and_edge(store):
    from policykg.viz import overview_view

    view = overview_view(store)
    nodes = nodes_by_id(view)
    assert set(nodes) == {
        NOTICE_DOC,
        PLAN,
        TABLE,
        *SECTION,
        *MEASURE.values(),
        *DEPARTMENTS,
        BASIS,
        ISSUED_PLAN,
    }
    assert {i: n["kind"] for i, n in nodes.items() if n["kind"] != "department"} == {
        NOTICE_DOC: "document",
        ISSUED_PLAN: "basis",
        PLAN: "document",
        TABLE: "document",
        SECTION[0]: "section",
        SECTION[1]: "section",
        **{m: "measure" for m in MEASURE.values()},
        BASIS: "basis",
    }
    assert nodes[SECTION[0]]["label"] == "夯实数据基础"
    assert nodes[MEASURE[1]]["label"] == "1 建设市级数据共享平台"
    assert nodes[DATA]["label"] == "市大数据局" and nodes[DATA]["kind"] == "department"
    assert_kind_colours(view)
    outline = {
        (PLAN, SECTION[0]),
        (PLAN, SECTION[1]),
        (SECTION[0], MEASURE[1]),
        (SECTION[0], MEASURE[2]),
        *((SECTION[1], MEASURE[k]) for k in (3, 4, 5)),
    }
    pairs = edge_pairs(view)
    notice = {(NOTICE_DOC, PLAN), (NOTICE_DOC, TABLE), (NOTICE_DOC, ISSUED_PLAN)}  # issues both, cites one
    assert sorted(pairs) == sorted(outline | notice | set(ROLE_EDGES) | {(MEASURE[3], BASIS)})
    for e in view.edges:
        if (e["from"], e["to"]) in ROLE_EDGES:
            assert (e["color"], e["title"]) == ROLE_EDGES[e["from"], e["to"]]
    (citation,) = [e for e in view.edges if e["to"] == BASIS]
    assert citation["dashes"] is True and citation["title"] == "basis"
    assert view.summary == "17 nodes and 19 edges" and view.note == ""
    assert page_data(view) == {"nodes": list(view.nodes), "edges": list(view.edges)}


def test_measure_tooltip_names_departments_by_role(store):
    from policykg.viz import overview_view

    tooltip = nodes_by_id(overview_view(store))[MEASURE[1]]["title"]
    assert "牵头 lead: 市大数据局" in tooltip
    assert re.search(r"配合 co: 市(发展改革委|财政局)、市(发展改革委|财政局)", tooltip)
    assert "柳岸市推进数字政务建设实施方案" in tooltip and "整合各部门政务数据资源" in tooltip
    assert "完成时限 due: 2024-06-30" in nodes_by_id(overview_view(store))[MEASURE[2]]["title"]


def test_large_overview_draws_a_node_per_section(store):
    from policykg.viz import overview_view

    view = overview_view(store, aggregate_above=4)
    nodes = nodes_by_id(view)
    first, second = f"{SECTION[0]}#measures", f"{SECTION[1]}#measures"
    assert not any(n["kind"] == "measure" for n in view.nodes)
    assert (nodes[first]["value"], nodes[second]["value"]) == (2, 3)
    assert nodes[first]["label"] == "2 项措施" and nodes[first]["color"] == KIND_COLOURS["measure-group"]
    weights = {(e["from"], e["to"]): e.get("value") for e in view.edges if e["from"] in (first, second)}
    assert weights == {
        (first, DATA): 2,
        (first, FINANCE): 1,
        (first, REFORM): 1,
        (second, SERVICE): 2,
        (second, POLICE): 1,
        (second, FINANCE): 1,
    }
    assert "5 measures are more than 4" in view.note and view.note in view.summary


def test_department_view_centres_one_department(store):
    from policykg.viz import department_view

    view = department_view(store, DATA)
    nodes = nodes_by_id(view)
    assert view.nodes[0]["id"] == DATA and view.nodes[0]["size"] == 32
    assert set(nodes) == {DATA, MEASURE[1], MEASURE[2], PLAN, FINANCE, REFORM}
    assert [n["id"] for n in view.nodes if n["kind"] == "measure"] == [MEASURE[1], MEASURE[2]]  # lead first
    roles = {(e["from"], e["to"]): (e["color"], e["width"]) for e in view.edges if "width" in e}
    assert roles == {
        (DATA, MEASURE[1]): (LEAD, 3),
        (FINANCE, MEASURE[1]): (CO, 1),
        (REFORM, MEASURE[1]): (CO, 1),
        (DATA, MEASURE[2]): (RESPONSIBLE, 3),
    }
    assert {(e["from"], e["to"]) for e in view.edges if "width" not in e} == {
        (MEASURE[1], PLAN),
        (MEASURE[2], PLAN),
    }
    assert view.title == "市大数据局 的措施 Measures of 市大数据局"


def test_department_view_at_depth_two_adds_the_partners_measures(store):
    from policykg.viz import department_view

    view = department_view(store, DATA, depth=2)
    assert {n["id"] for n in view.nodes if n["kind"] == "measure"} == {MEASURE[1], MEASURE[2], MEASURE[4]}
    into_four = {e["from"]: e.get("color") for e in view.edges if e["to"] == MEASURE[4]}
    assert into_four == {FINANCE: CO}  # the service centre is no partner of the data bureau


def test_network_view_links_departments_sharing_measures(store):
    from policykg.viz import network_view

    view = network_view(store)
    nodes = nodes_by_id(view)
    assert set(nodes) == DEPARTMENTS | {ISSUER}  # the notice's issuer shares no measure: no edge
    assert {frozenset(p) for p in edge_pairs(view)} == {
        frozenset(p)
        for p in ((DATA, FINANCE), (DATA, REFORM), (FINANCE, REFORM), (SERVICE, POLICE), (SERVICE, FINANCE))
    }
    assert all(e["value"] == 1 for e in view.edges)
    assert (nodes[DATA]["value"], nodes[SERVICE]["value"], nodes[POLICE]["value"]) == (2, 2, 1)
    assert nodes[DATA]["color"] == nodes[REFORM]["color"] != nodes[SERVICE]["color"] == nodes[POLICE]["color"]


def test_network_view_colours_communities_of_a_given_graph():
    import networkx as nx

    from policykg.viz import network_view

    g = nx.union(nx.complete_graph(["a", "b", "c"]), nx.complete_graph(["x", "y", "z"]))
    g.add_edge("c", "x")
    view = network_view(graph=g)
    colours = {n["id"]: n["color"] for n in view.nodes}
    assert colours["a"] == colours["b"] == colours["c"] != colours["x"] == colours["y"] == colours["z"]
    assert {colours["a"], colours["x"]} == {"#4e79a7", "#f28e2b"}
    assert len(view.edges) == 7 and "2 communities" in view.summary


def test_citations_view(store):
    from policykg.viz import citations_view

    view = citations_view(store)
    kinds = {n["id"]: n["kind"] for n in view.nodes}
    assert kinds == {MEASURE[3]: "measure", BASIS: "basis", NOTICE_DOC: "document", ISSUED_PLAN: "basis"}
    assert_kind_colours(view)
    assert sorted((e["from"], e["to"], e["color"], e["title"]) for e in view.edges) == [
        (NOTICE_DOC, ISSUED_PLAN, "#e6550d", "produces"),  # the notice issues the plan it names
        (MEASURE[3], BASIS, "#2b8cbe", "basis"),
    ]
    assert "江东省政务服务条例" in nodes_by_id(view)[BASIS]["title"]
    assert "provincial" in nodes_by_id(view)[BASIS]["title"]


def test_indicators_view_marks_unserved_indicators_and_orphan_measures(store):
    from policykg.viz import indicators_view

    view = indicators_view(store)
    kinds = {n["id"]: n["kind"] for n in view.nodes}
    assert kinds == {
        **{i: "unserved" for i in INDICATOR.values()},
        **{MEASURE[k]: "measure" for k in (1, 2, 3, 4)},
        MEASURE[5]: "orphan",
        **{d: "department" for d in DEPARTMENTS},
    }
    assert_kind_colours(view)
    assert nodes_by_id(view)[INDICATOR[2]]["label"] == "数据共享平台接入率"
    indicator_edges = {(e["from"], e["to"]) for e in view.edges if e["from"] in INDICATOR.values()}
    assert indicator_edges == {
        (INDICATOR[1], INDICATOR[2]),
        (INDICATOR[3], INDICATOR[4]),
        (INDICATOR[1], DATA),
        (INDICATOR[2], DATA),
        (INDICATOR[3], SERVICE),
        (INDICATOR[4], SERVICE),
    }
    roles = {(e["from"], e["to"]): e["color"] for e in view.edges if e["from"] in MEASURE.values()}
    assert roles == {pair: colour for pair, (colour, _) in ROLE_EDGES.items()}
    assert view.note == "4 indicators served by no measure; 1 measures with no department"


def test_view_writes_its_page_whole(store, tmp_path):
    from policykg.errors import PolicyKGError
    from policykg.viz import View, citations_view

    view = citations_view(store)
    assert isinstance(view, View)
    written = view.write(tmp_path / "out" / "citations.html")
    assert written.read_text(encoding="utf-8") == view.html
    assert "<title>引用依据 Citations</title>" in view.html
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(PolicyKGError, match="cannot write"):
        view.write(blocker / "citations.html")


def test_report_links_its_views_and_colours_roles(store, tmp_path):
    from policykg.viz.report import write_report

    out = tmp_path / "r" / "report.html"
    files = write_report(store, out, as_of=dt.date(2024, 7, 1))
    names = ["report-overview.html", "report-network.html", "report-citations.html", "report-indicators.html"]
    assert [f.name for f in files] == ["report.html", *names]
    html = out.read_text(encoding="utf-8")
    for name in names:
        assert f'href="{name}"' in html
    assert re.search(r"措施 measures</td><td class=\"num\">5<", html)
    for colour, label in ((LEAD, "牵头 lead"), (RESPONSIBLE, "负责 responsible"), (CO, "配合 co")):
        assert re.search(f'fill="{colour}"/><text [^>]*>{label}</text>', html), label
    # the data bureau leads one measure and is responsible for one: two segments of its bar
    assert f'fill="{LEAD}"><title>市大数据局 lead: 1</title>' in html
    assert f'fill="{RESPONSIBLE}"><title>市大数据局 responsible: 1</title>' in html
    assert f'fill="{CO}"><title>市财政局 co: 2</title>' in html


def test_namesakes_are_placed_by_iri_whatever_the_set_order():
    from policykg.queries.snapshot import Snapshot
    from policykg.viz.views.nodes import by_name

    snap = Snapshot()
    east, west, other = f"{ID}dept/东山市/市司法局", f"{ID}dept/江州市/市司法局", f"{ID}dept/江州市/市财政局"
    snap.label.update({east: "市司法局", west: "市司法局", other: "市财政局"})
    assert by_name(snap, {west, other, east}) == by_name(snap, [other, west, east]) == [east, west, other]


def test_separated_boxes_never_overlap_and_stay_put_when_free():
    import random

    from policykg.viz.boxes import Box, overlapping_pairs, separate

    rng = random.Random(7)
    boxes = {f"n{k}": Box(rng.uniform(20, 340), rng.uniform(20, 50), rng.uniform(0, 10)) for k in range(300)}
    crowded = {n: (rng.gauss(0, 200), rng.gauss(0, 200)) for n in boxes}
    assert len(overlapping_pairs(crowded, boxes)) > 300
    placed = separate(crowded, boxes)
    assert set(placed) == set(boxes) and overlapping_pairs(placed, boxes) == []
    assert placed == separate(crowded, boxes)  # deterministic
    apart = {n: (k * 400.0, 0.0) for k, n in enumerate(boxes)}
    assert separate(apart, boxes) == apart


def test_every_view_leaves_room_for_each_label(store):
    """The boxes the layouts reserve (shape and label, estimated as a CJK font draws them) do not overlap."""
    from policykg.viz import citations_view, department_view, indicators_view, network_view, overview_view
    from policykg.viz.boxes import node_boxes, overlapping_pairs, text_width

    assert text_width("市大数据局") == 5 * 14 and text_width("12") < 2 * 14
    for view in (
        overview_view(store),
        network_view(store),
        citations_view(store),
        indicators_view(store),
        department_view(store, DATA),
    ):
        pos = {n["id"]: (n["x"], n["y"]) for n in view.nodes}
        assert overlapping_pairs(pos, node_boxes(view.nodes), gap=1) == [], view.title


def test_network_legend_names_each_community_by_its_largest_members(store):
    from policykg.viz import network_view

    view = network_view(store)
    legend = re.findall(
        r'class="kind" value="(community-\d+)"[^<]*<span class="swatch" style="background: ([^"]+)"></span> ([^<]+)',
        view.html,
    )
    assert [(k, c) for k, c, _ in legend] == [
        ("community-1", "#4e79a7"),
        ("community-2", "#f28e2b"),
        ("community-3", "#e15759"),
    ]
    labels = [label.strip() for _, _, label in legend]
    # the data bureau and the service centre lead two measures each: each names its community first
    assert {labels[0].split(": ")[1].split("、")[0], labels[1].split(": ")[1].split("、")[0]} == {
        "市大数据局",
        "市政务服务中心",
    }
    assert labels[2] == "社区 3 community: 柳岸市人民政府办公室"  # its label as the notice writes it
    nodes = nodes_by_id(view)
    assert nodes[ISSUER]["legend"] == "community-3" and nodes[ISSUER]["color"] == "#e15759"


def test_legends_say_what_edge_colours_mean(store):
    from policykg.viz import citations_view, department_view, indicators_view, overview_view

    for view in (overview_view(store), department_view(store, DATA), indicators_view(store)):
        for colour, label in ((LEAD, "牵头 lead"), (RESPONSIBLE, "负责 responsible"), (CO, "配合 co")):
            assert f'border-top: 3px solid {colour}"></span> {label}' in view.html, view.title
    citations = citations_view(store).html
    for colour, label in (
        ("#2b8cbe", "依据 basis"),
        ("#31a354", "落实 implements"),
        ("#e6550d", "印发 produces"),
    ):
        assert f'border-top: 3px solid {colour}"></span> {label}' in citations
