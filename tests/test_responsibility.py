"""Responsibility clauses in every format the genre uses."""

import pytest

from policykg.loaders.extract.actors import default_recognizer
from policykg.loaders.extract.responsibility import ClauseParser, says_first_listed_leads
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText


def roles(text: str, first_listed: bool = False) -> dict[str, list[str]]:
    parser = ClauseParser(default_recognizer(), first_listed_leads=first_listed)
    out: dict[str, list[str]] = {}
    for clause in parser.find(MappedText.identity(text), fold(text)):
        for a in clause.assignments:
            key = a.role if a.actor.kind == "dept" else "generic"
            out.setdefault(key, []).append(a.actor.name)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进改革（市市场监管局、市政务办牵头负责）。", {"lead": ["市市场监管局", "市政务办"]}),
        ("推进改革。（市法院负责）", {"responsible": ["市法院"]}),
        (
            "（市司法局牵头，市相关部门及各县区（板块）按职责分工负责）",
            {"lead": ["市司法局"], "generic": ["市相关部门", "各县区（板块）"]},
        ),
        (
            "（市发改委、市商务局等相关部门及各县区（板块）按职责分工负责）",
            {"responsible": ["市发改委", "市商务局"], "generic": ["各县区（板块）"]},
        ),
        ("（市财政局、市工信局等市相关部门按职责分工负责）", {"responsible": ["市财政局", "市工信局"]}),
        (
            "〔牵头单位：市发展改革委；责任单位：市市场监管局、市财政局〕",
            {"lead": ["市发展改革委"], "co": ["市市场监管局", "市财政局"]},
        ),
        (
            "（市政务办、市发展改革委牵头，市公安局、市人社局配合）",
            {"lead": ["市政务办", "市发展改革委"], "co": ["市公安局", "市人社局"]},
        ),
        (
            "推进改革。\n牵头单位：市住建局\n配合单位：江州供电公司\n完成时限：2024年6月底前",
            {"lead": ["市住建局"], "co": ["江州供电公司"]},
        ),
        ("推进改革。市发改委牵头，市财政局参与。", {"lead": ["市发改委"], "co": ["市财政局"]}),
        (
            "（责任单位：县政务办、县委编办，各镇，县各相关单位按职责分工负责。依据：《政策100条》，完成时限：10月31日）",
            {"responsible": ["县政务办", "县委编办"], "generic": ["各镇", "县各相关单位"]},
        ),
        (
            "（牽頭單位：市司法局；責任單位：市政務辦、市公安局）",
            {"lead": ["市司法局"], "co": ["市政務辦", "市公安局"]},
        ),
        (
            "（市政府推进政府职能转变和“放管服”改革协调小组办公室牵头）",
            {"lead": ["市政府推进政府职能转变和“放管服”改革协调小组办公室"]},
        ),
        (
            "（责任单位：市发展改革委（牵头）、市财政局、市自然资源局）",
            {"lead": ["市发展改革委"], "co": ["市财政局", "市自然资源局"]},
        ),
        (
            "推进改革。牵头单位：国网某市供电公司，配合单位：市发展改革委。时间：2023年底",
            {"lead": ["国网某市供电公司"], "co": ["市发展改革委"]},
        ),
        (
            "推进改革。（牵头：市发改委；配合：市财政局、市商务局）",
            {"lead": ["市发改委"], "co": ["市财政局", "市商务局"]},
        ),
        (
            "优化服务（责任：县政务办，县直各部门，各镇）。",
            {"responsible": ["县政务办"], "generic": ["县直各部门", "各镇"]},
        ),
        ("加强协作，配合市发改委做好工作。", {}),
        ("推动健全党委政法委牵头的执行联动机制。", {}),
        (
            "在某某高新区、某某经济开发区等地全面推行登记确认制改革（市市场监管局牵头负责）。",
            {"lead": ["市市场监管局"]},
        ),
        ("各地各部门要高度重视，负责同志亲自抓。", {}),
        (
            "（牵头单位：市教育局；责任单位：市委农办，各县<市、区>人民政府，各镇〈街道〉）",
            {"lead": ["市教育局"], "co": ["市委农办"], "generic": ["各县<市、区>人民政府", "各镇〈街道〉"]},
        ),
        (
            "（牵头单位：区发改局；责任单位：青樾经济开发区，全区经济运行各专班，全县各乡镇）",
            {"lead": ["区发改局"], "co": ["青樾经济开发区"], "generic": ["全区经济运行各专班", "全县各乡镇"]},
        ),
        (
            "（牵头单位：青樾市创城工作专班；配合单位：各专班，举办培训班）",
            {"lead": ["青樾市创城工作专班"], "generic": ["各专班"]},
        ),
    ],
)
def test_clause_roles(text, expected):
    assert roles(text) == expected


def test_alias_in_brackets_stays_one_department():
    parser = ClauseParser(default_recognizer())
    text = "（责任单位：县发改委（县信用办）、县政务办）"
    clause = parser.find(MappedText.identity(text), fold(text))[0]
    first = clause.assignments[0].actor
    assert (first.name, first.aliases) == ("县发改委", ("县信用办",))


def test_first_listed_unit_leads_when_the_notice_says_so():
    text = "（责任单位：县财政局、县工信局，县各相关单位按职责分工负责）"
    assert roles(text, first_listed=True) == {
        "lead": ["县财政局"],
        "co": ["县工信局"],
        "generic": ["县各相关单位"],
    }
    assert says_first_listed_leads("清单中责任单位列第一位者为牵头单位")
    assert not says_first_listed_leads("各责任单位要按时完成")


def test_clause_spans_point_at_the_clause(parsed_examples):
    parsed = parsed_examples["jiangzhou_city_notice"]
    clause = parsed.measures[1].clauses[0]
    start, end = clause.span
    assert parsed.source.text[start:end] == "（市政务办、市发展改革委牵头，市公安局、市人社局配合）"


def named(text: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(role, name, aliases, the text its span points at) of every actor the clauses of ``text`` name."""
    parser = ClauseParser(default_recognizer())
    return [
        (a.role, a.actor.name, a.actor.aliases, text[a.actor.span[0] : a.actor.span[1]])
        for clause in parser.find(MappedText.identity(text), fold(text))
        for a in clause.assignments
    ]


def test_a_suffix_written_once_is_shared_as_an_alias_of_the_written_name():
    assert named("（济南、青岛、烟台市政府负责）") == [
        ("responsible", "济南", ("济南市政府",), "济南"),
        ("responsible", "青岛", ("青岛市政府",), "青岛"),
        ("responsible", "烟台市政府", (), "烟台市政府"),
    ]
    assert named("（省发展改革委牵头，济南、青岛市政府配合）")[1:] == [
        ("co", "济南", ("济南市政府",), "济南"),
        ("co", "青岛市政府", (), "青岛市政府"),
    ]


def test_zones_listed_before_a_zones_body_share_the_body_as_an_alias():
    assert named("（市发改委牵头，青樾高新区、苇塘经开区管委会配合）")[1:] == [
        ("co", "青樾高新区", ("青樾高新区管委会",), "青樾高新区"),
        ("co", "苇塘经开区管委会", (), "苇塘经开区管委会"),
    ]
    assert named("（市发改委牵头，市财政局、苇塘经开区管委会配合）")[1][2] == ()  # no zone: nothing shared


def test_a_whole_place_in_an_elliptical_list_keeps_its_level_once():
    assert named("（甲市交通局牵头，银川市、石嘴山市、吴忠市人民政府配合）")[1:] == [
        ("co", "银川市", ("银川市人民政府",), "银川市"),
        ("co", "石嘴山市", ("石嘴山市人民政府",), "石嘴山市"),
        ("co", "吴忠市人民政府", (), "吴忠市人民政府"),
    ]
    assert [n[:3] for n in named("（省外贸厅牵头，广东、深圳、珠海检验检疫局配合）")[1:3]] == [
        ("co", "广东", ("广东检验检疫局",)),
        ("co", "深圳", ("深圳检验检疫局",)),
    ]


def test_a_department_acting_in_the_text_is_responsible_when_no_clause_names_anyone():
    from policykg.loaders.extract.acting_subjects import acting_subjects

    text = "畅通投诉渠道。对企业反映的问题线索，县营商办将及时受理、跟踪督办，及时移交纪检监察机关依法查处。"
    found = acting_subjects(MappedText.identity(text), fold(text), default_recognizer())
    assert [(a.role, a.actor.name) for c in found for a in c.assignments] == [("responsible", "县营商办")]
    assert found[0].text == "县营商办将及时受理、跟踪督办"


def test_names_glued_together_split_into_names_the_document_wrote_on_their_own():
    parser = ClauseParser(default_recognizer())
    first, glued = "（责任单位：县文化股、县文化馆）", "（责任单位：县文化股县文化馆）"
    parser.find(MappedText.identity(first), fold(first))
    clause = parser.find(MappedText.identity(glued), fold(glued))[0]
    assert [a.actor.name for a in clause.assignments] == ["县文化股", "县文化馆"]
    parser.start_document()  # another document: nothing known, the run stays one name
    clause = parser.find(MappedText.identity(glued), fold(glued))[0]
    assert [a.actor.name for a in clause.assignments] == ["县文化股县文化馆"]
