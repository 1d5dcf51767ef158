"""Measure tables: tab-separated rows (HTML, DOCX) and tables flattened one cell per line (PDF)."""

from decimal import Decimal

from policykg.loaders.extract.pipeline import parse_source
from policykg.loaders.extract.tables import column_role, header_roles
from policykg.loaders.read.sources import SourceText


def parse_text(text: str):
    return parse_source(SourceText("t.txt", "t.txt", "0" * 64, "text", "utf-8", text))


def summary(parsed):
    return [
        (
            m.number,
            [a.name for a in m.actors("lead")],
            [a.name for a in m.actors("co")],
            m.deadline.date if m.deadline else None,
            m.deadline.ongoing if m.deadline else None,
        )
        for m in parsed.measures
    ]


def test_header_cells_name_column_roles():
    assert [column_role(c) for c in ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "备注"]] == [
        "number",
        "task",
        "lead",
        "co",
        "deadline",
        None,
    ]
    assert header_roles(["一级指标", "二级指标", "分值"]) is None


def test_tab_separated_measure_table():
    text = (
        "某市重点任务分工表\n\n序号\t重点任务\t牵头单位\t责任单位\t完成时限\n"
        "1\t推进企业开办一网通办。\t市市场监管局\t市公安局、市税务局\t2023年6月底前\n"
        "2\t优化纳税服务。\t市税务局\t\t长期坚持\n"
    )
    assert summary(parse_text(text)) == [
        ("1", ["市市场监管局"], ["市公安局", "市税务局"], "2023-06-30", False),
        ("2", ["市税务局"], [], None, True),
    ]


def test_one_cell_per_line_table_with_an_empty_cell(parsed_examples):
    parsed = parsed_examples["nanping_county_table"]
    assert summary(parsed) == [
        ("1", ["县市场监管局"], ["县公安局", "县税务局", "人行南坪支行"], "2023-06-30", False),
        ("2", ["县自然资源局"], ["县税务局"], None, True),
        ("3", ["县工商联"], [], "2023-12-31", False),
    ]
    first = parsed.measures[0]
    assert [(t.value, t.unit, t.comparator) for t in first.targets] == [(Decimal("1"), "个工作日", "<=")]
    start, end = first.clauses[0].span
    assert "县市场监管局" in parsed.source.text[start:end]


def test_html_table_and_heading_that_names_a_lead(tmp_path):
    from policykg.loaders.extract.pipeline import parse_file

    from .conftest import EXAMPLES

    parsed = parse_file(EXAMPLES / "beihai_district_tasks.html")
    assert parsed.source.kind == "html"
    assert summary(parsed) == [
        ("1", ["区行政审批局"], [], None, None),
        ("2", ["区行政审批局"], [], None, None),
        ("3", ["区住建局"], ["北海供电公司", "区水务局"], "2023-09-30", False),
        ("4", ["区工商联"], ["区发改局", "区司法局"], None, True),
        ("5", ["区市场监管局"], [], "2023-12-31", False),
    ]
    assert parsed.measures[0].inherited  # （由区行政审批局牵头实施） on the heading
    assert parsed.jurisdiction == "北海区"
