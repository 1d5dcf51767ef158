"""The source view: a notice's text with every fact the graph holds of it marked where it was read.

The notices are written for these tests; counts are checked against the graph itself (SPARQL written
here, not the view's own queries), and marks against the text they cover.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .conftest import CORPUS, needs_corpus
from .test_cli import run
from .test_views import DATA, FINANCE, MEASURE, NOTICE, POLICE, REFORM, SERVICE

LEAD, RESPONSIBLE, CO = "#b2182b", "#ef8a62", "#999999"

# a name, a cited title and a deadline cut by a page break; a heading with a script in it
BROKEN = """青溪县人民政府办公室关于印发青溪县营商环境提升行动方案的通知

各乡镇人民政府，县各有关部门：

现将《青溪县营商环境提升行动方案》印发给你们，请认真贯彻执行。

青溪县营商环境提升行动方案

一、重点任务<script>window.pwned=1</script>

1. 推行企业开办一日办结。依据《青溪县优化营商
环境若干规定》精简材料。（县市场监管局牵头，县税务局、县人
社局配合，2024年9月
底前完成）

2. 建设惠企政策兑现平台。（县发改委负责，县市场监管局配合）
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both notices built into one store; the store and the folder holding them."""
    from policykg.graph.build import build

    folder = tmp_path_factory.mktemp("source")
    (folder / "liuan.txt").write_text(NOTICE, encoding="utf-8")
    (folder / "qingxi.txt").write_text(BROKEN, encoding="utf-8")
    report = build([folder / "liuan.txt", folder / "qingxi.txt"], folder / "store")
    assert report.ok
    return folder


@pytest.fixture(scope="module")
def store(built):
    from policykg.graph.store import open_store

    with open_store(built / "store", read_only=True) as s:
        yield s


def view_of(store, folder, name):
    from policykg.loaders.read.sources import read_source
    from policykg.viz.views.source import source_view

    text = read_source(folder / name)
    return source_view(store, text.text, name, text.sha256), text.text


def marked(view, kind):
    return [r for r in view.nodes if r["kind"] == kind]


class _Nesting(HTMLParser):
    """Checks that every element closes in the order it opened."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.bad = 0

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.bad += 1


def test_every_measure_and_named_unit_is_marked_in_its_clause(store, built):
    view, text = view_of(store, built, "liuan.txt")
    measures = marked(view, "measure")
    assert [r["id"] for r in measures] == [MEASURE[k] for k in range(1, 6)]
    html = view.html
    for k in range(1, 6):
        assert f'id="m1-{k}"' in html
    units = {(r["id"], r["role"]): text[r["start"] : r["end"]] for r in marked(view, "unit")}
    assert units == {
        (DATA, "lead"): "市大数据局",
        (FINANCE, "co"): "市财政局",
        (REFORM, "co"): "市发展改革委",
        (DATA, "responsible"): "市大数据局",
        (SERVICE, "lead"): "市政务服务中心",
        (POLICE, "co"): "市公安局",
        (SERVICE, "responsible"): "市政务服务中心",
    } | {(FINANCE, "co"): "市财政局"}
    assert len(marked(view, "unit")) == 8  # 市财政局 is co-operating on two measures
    for colour, role in ((LEAD, "牵头 lead"), (RESPONSIBLE, "负责 responsible"), (CO, "配合 co")):
        assert re.search(f'background: {colour}[^"]*">市[^<]+<span class="tail">{role}</span></mark>', html)
    for r in marked(view, "clause"):
        assert text[r["start"]] == "（" and text[r["end"] - 1] == "）"
    assert view.note == "" and view.summary.startswith("5 measures, 8 named units, 4 clauses")


def test_citations_deadlines_and_targets_are_marked(store, built):
    view, text = view_of(store, built, "liuan.txt")
    cited = {(text[r["start"] : r["end"]], r["role"]) for r in marked(view, "citation")}
    assert ("《江东省政务服务条例》", "basis") in cited
    assert ("《柳岸市推进数字政务建设实施方案》", "produces") in cited
    (deadline,) = marked(view, "deadline")
    assert text[deadline["start"] : deadline["end"]] == "2024年6月底前"
    assert "时限 due 2024-06-30" in view.html


def test_names_titles_and_deadlines_cut_by_a_break_are_found(store, built):
    view, text = view_of(store, built, "qingxi.txt")
    units = sorted((text[r["start"] : r["end"]], r["role"]) for r in marked(view, "unit"))
    assert units == sorted(
        [
            ("县人\n社局", "co"),
            ("县市场监管局", "co"),
            ("县市场监管局", "lead"),
            ("县发改委", "responsible"),
            ("县税务局", "co"),
        ]
    )
    cited = [text[r["start"] : r["end"]] for r in marked(view, "citation") if r["item"].endswith("measure/1")]
    assert cited == ["《青溪县优化营商\n环境若干规定》"]
    (deadline,) = marked(view, "deadline")
    assert text[deadline["start"] : deadline["end"]] == "2024年9月\n底前"


def test_the_page_is_escaped_and_well_nested(store, built):
    view, _ = view_of(store, built, "qingxi.txt")
    assert "<script>window.pwned" not in view.html and "&lt;script&gt;window.pwned" in view.html
    checker = _Nesting()
    checker.feed(view.html)
    assert checker.bad == 0 and checker.stack == []


def test_a_changed_file_is_refused(store, built, tmp_path):
    from policykg.errors import PolicyKGError
    from policykg.viz.views.source import source_view

    with pytest.raises(PolicyKGError, match="changed since it was built"):
        source_view(store, NOTICE, "liuan.txt", sha256="0" * 64)


def test_crossing_marks_nest_and_write_head_and_tail_once():
    from policykg.viz.marked_text import Mark, render_marked

    text = "甲乙丙丁戊"
    html = render_marked(
        text,
        [
            Mark(0, 3, 0, "span", "outer", anchor="a", head="1"),
            Mark(2, 5, 1, "mark", "inner", tail="T"),
        ],
    )
    assert html == (
        '<span class="outer" id="a"><span class="head">1</span>甲乙<mark class="inner">丙</mark></span>'
        '<mark class="inner">丁戊<span class="tail">T</span></mark>'
    )
    assert render_marked("<b>", []) == "&lt;b&gt;"


def test_cli_writes_the_page_where_views_link(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(built / "store", "viz", "source", str(built / "liuan.txt"))
    page = tmp_path / "source-liuan.txt.html"
    assert page.is_file() and "5 measures" in result.stderr
    # by a document's title, the file found in a folder given
    out = tmp_path / "by-title.html"
    run(
        built / "store",
        "viz",
        "source",
        "柳岸市推进数字政务建设实施方案",
        "--sources",
        str(built),
        "-o",
        str(out),
    )
    assert out.read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
    changed = tmp_path / "liuan.txt"
    changed.write_text(NOTICE.replace("柳岸市", "柳西市"), encoding="utf-8")
    bad = run(built / "store", "viz", "source", str(changed), check=False)
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "changed since it was built" in bad.stderr
    missing = run(built / "store", "viz", "source", "没有这个文件", check=False)
    assert (
        missing.returncode != 0 and "no source file" in missing.stderr and "Traceback" not in missing.stderr
    )


def test_views_and_report_link_measures_to_their_place(store, built, tmp_path):
    from policykg.viz import overview_view
    from policykg.viz.report import write_report

    hrefs = {
        n["id"]: n.get("href") for n in overview_view(store).nodes if n["kind"] in ("measure", "document")
    }
    assert hrefs[MEASURE[3]] == "source-liuan.txt.html#m1-3"
    assert hrefs["https://w3id.org/policykg/id/doc/liuan.txt/2"] == "source-liuan.txt.html#d2"
    out = tmp_path / "report.html"
    files = write_report(
        store, out, with_views=False, texts={"https://w3id.org/policykg/id/source/liuan.txt": NOTICE}
    )
    assert [f.name for f in files] == ["report.html", "source-liuan.txt.html"]
    html = out.read_text(encoding="utf-8")
    assert (
        '<a href="source-liuan.txt.html#m1-5" title="'
        + MEASURE[5]
        + '">5 总结推广基层经验：总结推广基层经验。各区结合实际抓好落实。</a>'
        in html
    )
    assert f">{MEASURE[5]}<" not in html
    assert 'id="m1-5"' in (tmp_path / "source-liuan.txt.html").read_text(encoding="utf-8")


COUNTS = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?source (COUNT(DISTINCT ?m) AS ?measures) (COUNT(DISTINCT ?naming) AS ?namings) WHERE {
  ?m a pol:Measure ; prov:wasDerivedFrom ?source .
  OPTIONAL {
    ?c pol:aboutMeasure ?m ; ?p ?unit .
    VALUES ?p { pol:statesLead pol:statesResponsible pol:statesCo pol:statesGeneric }
    BIND(CONCAT(STR(?c), STR(?p), STR(?unit)) AS ?naming)
  }
}
GROUP BY ?source
"""


@needs_corpus
@pytest.mark.parametrize("notice", sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
def test_every_corpus_notice_marks_every_measure_and_named_unit(corpus_store, notice):
    from pyoxigraph import NamedNode

    from policykg.graph.store import open_store
    from policykg.loaders.read.sources import read_source
    from policykg.viz.views.source import source_view

    text = read_source(CORPUS / notice)
    with open_store(corpus_store, read_only=True) as s:
        view = source_view(s, text.text, notice, text.sha256)
        source = NamedNode(f"https://w3id.org/policykg/id/source/{notice}")
        (row,) = list(s.query(COUNTS, {"source": source}))
    measures, namings = int(row["measures"].value), int(row["namings"].value)
    assert len(marked(view, "measure")) == measures > 100
    units = marked(view, "unit")
    assert len(units) == namings > 300
    lost = [r["label"] for r in view.nodes if r["start"] is None]
    assert lost == [], lost
    for r in units:  # each highlight covers one of the unit's spellings, page breaks aside
        assert "".join(text.text[r["start"] : r["end"]].split())


def test_report_writes_the_source_pages_its_findings_link_to(built, tmp_path):
    out = tmp_path / "audit" / "report.html"
    run(
        built / "store",
        "report",
        "-o",
        str(out),
        "--no-views",
        "--sources",
        str(built),
        "--as-of",
        "2024-07-01",
    )
    pages = sorted(p.name for p in out.parent.iterdir())
    assert pages == ["report.html", "source-liuan.txt.html", "source-qingxi.txt.html"]
    html = out.read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="(source-[^"#]+)#(m\d+-\d+)"', html))
    assert ("source-liuan.txt.html", "m1-5") in links  # 5 names no one: an orphan finding
    for page, anchor in links:
        assert f'id="{anchor}"' in (out.parent / page).read_text(encoding="utf-8")


TABLE = """临川市2024年口岸营商环境重点任务清单

序号\t工作任务\t牵头单位\t配合单位\t完成时限
1\t推进口岸通关便利化改革。\t市商务局\t海关临川分署，临川、江口检验检疫局\t6月底前
2\t压缩进出口环节合规成本。\t市发改委\t市财政局\t
3\t建设国际贸易单一窗口。\t市商务局\t市大数据局\t12月底前
"""


def test_a_table_row_marks_its_cells_and_a_filled_down_deadline(tmp_path):
    from policykg.graph.build import build
    from policykg.graph.store import open_store
    from policykg.viz.views.source import source_view

    (tmp_path / "linchuan.txt").write_text(TABLE, encoding="utf-8")
    assert build([tmp_path / "linchuan.txt"], tmp_path / "store").ok
    with open_store(tmp_path / "store", read_only=True) as s:
        view = source_view(s, TABLE, "linchuan.txt")
    units = {
        r["id"].rsplit("/", 1)[-1]: (TABLE[r["start"] : r["end"]], r["start"]) for r in marked(view, "unit")
    }
    # the short spelling 临川 (of 临川检验检疫局, from the shared ending) never cuts 海关临川分署
    assert units["海关临川分署"][0] == "海关临川分署"
    assert units["临川检验检疫局"] == ("临川", TABLE.index("临川、江口"))
    assert units["江口检验检疫局"][0] == "江口检验检疫局"
    deadlines = {r["id"][-1]: r["start"] for r in marked(view, "deadline")}
    # row 2's deadline is row 1's cell, filled down: both point at it, and it is drawn once
    assert deadlines == {
        "1": TABLE.index("6月底前"),
        "2": TABLE.index("6月底前"),
        "3": TABLE.index("12月底前"),
    }
    assert view.html.count("时限 due 2024-06-30") == 1
    assert view.note == ""
