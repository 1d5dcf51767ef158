"""Citations, deadlines, targets, indicators and departments of the example notices."""

from decimal import Decimal

import pytest

from policykg.loaders.extract.citations import legal_form
from policykg.loaders.extract.deadlines import resolve


def test_citation_roles_by_governing_verb(parsed_examples):
    parsed = parsed_examples["jiangzhou_city_notice"]
    notice, plan = parsed.documents
    assert [(c.title, c.role) for c in notice.citations] == [
        ("江州市提升政务服务效能实施方案（2023-2025年）", "produces")
    ]
    assert [(c.title, c.role) for c in plan.citations] == [
        ("优化营商环境条例", "implements"),
        ("江州市优化营商环境行动计划", "basis"),
    ]
    first, second = parsed.measures[:2]
    assert [(c.title, c.role, c.form) for c in first.citations] == [
        ("江州市告知承诺制实施办法", "produces", "实施办法")
    ]
    assert second.citations[0].role == "implements"


def test_lost_opening_bracket_is_recovered():
    from policykg.loaders.extract.citations import find_citations
    from policykg.text.folding import fold
    from policykg.text.mapped_text import MappedText

    text = "贯彻江苏省电子印章服务平台建设规范》，制定落实方案。"
    found = find_citations(MappedText.identity(text), fold(text))
    assert [(c.title, c.role) for c in found] == [("江苏省电子印章服务平台建设规范", "implements")]


@pytest.mark.parametrize(
    ("written", "year", "expected"),
    [
        ("10月31日", 2022, ("2022-10-31", False)),
        ("2022年底前", None, ("2022-12-31", False)),
        ("2023年6月底前", 2022, ("2023-06-30", False)),
        ("长年坚持", 2022, (None, True)),
        ("长期坚持，每季度不少于一次", 2022, (None, True)),
        ("2月30日", 2023, (None, False)),
        ("2023年上半年", 2022, ("2023-06-30", False)),
        ("第三季度", 2023, ("2023-09-30", False)),
        ("2024年下半年", None, ("2024-12-31", False)),
    ],
)
def test_deadlines_resolve_against_the_notice_year(written, year, expected):
    assert resolve(written, year) == expected


def test_measure_deadlines(parsed_examples):
    tasks = parsed_examples["qinghe_county_tasks"].measures
    assert tasks[2].deadline.date == "2023-10-31"
    assert tasks[3].deadline.ongoing
    city = parsed_examples["jiangzhou_city_notice"].measures
    assert city[1].deadline.date == "2023-12-31"  # 2023年底前 in the text
    assert city[3].deadline.date == "2024-06-30"  # a 完成时限 line of its own


def test_targets_value_unit_comparator(parsed_examples):
    city = parsed_examples["jiangzhou_city_notice"].measures
    assert [(t.value, t.unit, t.comparator) for t in city[0].targets] == [
        (Decimal("1"), "个工作日", "<="),
        (Decimal("20"), "天", "<="),
    ]
    assert [(t.value, t.unit, t.comparator) for t in city[1].targets] == [(Decimal("95"), "%", ">=")]
    assert all(t.unit != "日" for m in parsed_examples["qinghe_county_tasks"].measures for t in m.targets)


def test_indicator_table_weights_hierarchy_and_departments(parsed_examples):
    parsed = parsed_examples["qinghe_county_tasks"]
    indicators = parsed.documents[2].indicators
    assert [(i.name, i.level, i.weight) for i in indicators] == [
        ("开办企业", 1, Decimal("10")),
        ("开办企业流程", 2, Decimal("5")),
        ("开办企业耗时", 2, Decimal("5")),
        ("政务服务", 1, Decimal("8")),
        ("网上政务服务能力", 2, Decimal("8")),
    ]
    assert indicators[2].parent is indicators[0]
    assert [a.name for a in indicators[4].responsible] == ["县政务办", "县综合指挥中心"]
    assert [a.name for a in indicators[2].responsible] == ["县行政审批局"]  # merged cell
    # measures under the 开办企业 heading serve that indicator and inherit its department
    first = parsed.measures[0]
    assert first.indicator == "开办企业"
    # the notice says the first listed unit leads, but a heading naming one unit leaves it responsible
    assert first.inherited and [a.name for a in first.actors("responsible")] == ["县行政审批局"]
    assert first.actors("lead") == []


def test_traditional_notice(parsed_examples):
    parsed = parsed_examples["dongshan_traditional_notice"]
    assert parsed.documents[0].doc_number == "東政辦發〔2023〕5號"
    m = parsed.measures[0]
    assert [a.name for a in m.actors("lead")] == ["市司法局"]
    assert [a.name for a in m.actors("co")] == ["市政務辦", "市公安局"]
    assert m.deadline.date == "2023-12-31"
    assert [(t.value, t.unit) for t in m.targets] == [(Decimal("80"), "項")]  # the unit as written


@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("江苏省优化营商环境条例", "条例"),
        ("某某管理办法（试行）", "管理办法"),
        ("关于营造法治化营商环境的实施意见", "实施意见"),
        ("某某要求", None),
    ],
)
def test_legal_form(title, form):
    assert legal_form(title) == form


def test_departments_resolve_aliases_within_a_jurisdiction(parsed_examples):
    from policykg.graph.departments import DepartmentRegistry, abbreviates

    registry = DepartmentRegistry()
    for parsed in parsed_examples.values():
        registry.add(parsed)
    city = parsed_examples["jiangzhou_city_notice"]
    assert registry.resolve("市应急局", city) is registry.resolve("市应急管理局", city)
    assert registry.resolve("市政务办", city) is registry.resolve("市政务服务管理办公室", city)
    county = parsed_examples["qinghe_county_tasks"]
    assert registry.resolve("县信用办", county) is registry.resolve("县发改委", county)
    assert registry.resolve("市应急局", city) is not registry.resolve("市财政局", city)
    assert not abbreviates("县委办", "县委编办")
    assert not abbreviates("市政府办公室", "市政府推进政府职能转变和“放管服”改革协调小组办公室")


def test_recognizer_by_shape_not_by_list():
    from policykg.loaders.extract.actors import default_recognizer

    kind = default_recognizer().kind
    assert [
        kind(n)
        for n in ["甘州区农业农村局", "县融媒体中心", "国网某某供电公司", "市相关部门", "各乡镇", "推进改革"]
    ] == ["dept", "dept", "dept", "generic", "generic", None]


def test_recognizer_takes_a_users_pipeline():
    import spacy

    from policykg.loaders.extract.actors import ActorRecognizer

    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "某某研究会"}])
    assert ActorRecognizer(nlp).kind("某某研究会") == "dept"
    assert ActorRecognizer(nlp).kind("市政务办") is None


def test_name_cache_remembers_kinds_and_spares_spacy(tmp_path):
    import json
    import subprocess
    import sys

    from policykg.loaders.extract.actors import CachedRecognizer

    from .test_cli import ENV

    with CachedRecognizer(tmp_path) as recognizer:
        assert recognizer.kind("县融媒体中心") == "dept"
        assert recognizer.kind("各乡镇") == "generic"
    (cache,) = tmp_path.glob("actor-kinds-*.json")
    assert json.loads(cache.read_text(encoding="utf-8")) == {"县融媒体中心": "dept", "各乡镇": "generic"}
    code = (
        "import sys; from policykg.loaders.extract.actors import CachedRecognizer;"
        f"r = CachedRecognizer({str(tmp_path)!r}); print(r.kind('县融媒体中心'), 'spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV
    ).stdout
    assert out.split() == ["dept", "False"]


def test_a_damaged_name_cache_is_ignored(tmp_path):
    from policykg.loaders.extract.actors import CachedRecognizer

    first = CachedRecognizer(tmp_path)
    first.path.parent.mkdir(parents=True, exist_ok=True)
    first.path.write_text("{not json", encoding="utf-8")
    with CachedRecognizer(tmp_path) as recognizer:
        assert recognizer.kind("市政务办") == "dept"
    assert CachedRecognizer(tmp_path)._known == {"市政务办": "dept"}


def test_ongoing_only_as_a_clause_of_its_own():
    from policykg.loaders.extract.deadlines import find_deadline
    from policykg.text.folding import fold
    from policykg.text.mapped_text import MappedText

    def deadline(text):
        return find_deadline(MappedText.identity(text), fold(text), 2022)

    assert deadline("推动将行之有效并可长期坚持的政策通过立法予以固化。") is None
    found = deadline("健全机制。（市发改委负责，长期坚持）")
    assert found.ongoing and found.text == "长期坚持"
    assert deadline("力争到2024年全市质押金额达30亿元。").date == "2024-12-31"
    assert deadline("2023年初开展评选。") is None
    assert deadline("完善信用体系。（市发改委负责，持续推进）").ongoing
    assert deadline("持续推进改革，常态化推进监管。（市发改委负责）") is None
    assert deadline("优化用电服务。时间：2023年底").date == "2023-12-31"
    assert deadline("推进改革，2023年上半年前完成试点。").date == "2023-06-30"
    assert deadline("建立机制，每季度召开一次会议。") is None


def test_citation_roles_from_the_verb_after_and_coordinated_verbs():
    from policykg.loaders.extract.citations import find_citations
    from policykg.text.folding import fold
    from policykg.text.mapped_text import MappedText

    def cited(text):
        return [(c.title, c.role) for c in find_citations(MappedText.identity(text), fold(text))]

    assert cited("持续抓好《甲条例》和《乙条例》的贯彻落实工作。") == [
        ("甲条例", "implements"),
        ("乙条例", "implements"),
    ]
    assert cited("制定和落实《丙办法》《丁办法》。") == [("丙办法", "produces"), ("丁办法", "produces")]
    assert cited("贯彻落实新修订的《戊实施办法》。") == [("戊实施办法", "implements")]
