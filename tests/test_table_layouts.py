"""A task table read the same however it was flattened: one test per flattening.

The fixtures in tests/data/notices are invented notices written for these tests (places and
departments do not exist); each has a NAME.expected.json with what a reader finds in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policykg.loaders.extract.cells import gap_cells, pipe_cells
from policykg.loaders.extract.columns import column_kind, header_roles
from policykg.loaders.extract.lines import split_lines
from policykg.loaders.extract.pipeline import parse_file
from policykg.text.folding import fold
from policykg.text.repair import repair

NOTICES = Path(__file__).parent / "data" / "notices"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read(name: str):
    """Parse a fixture; return the parse and its expectation."""
    parsed = parse_file(NOTICES / f"{name}.txt")
    expected = json.loads((NOTICES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return parsed, expected


def row(measure) -> dict:
    """What a reader checks of a measure: number, where its body starts, roles, deadline, path."""
    deadline = measure.deadline and ("ongoing" if measure.deadline.ongoing else measure.deadline.date)
    return {
        "number": measure.number,
        "lead": [a.name for a in measure.actors("lead")],
        "responsible": [a.name for a in measure.actors("responsible")],
        "co": [a.name for a in measure.actors("co")],
        "generic": [a.name for a in measure.generic_actors()],
        "deadline": deadline,
        "inherited": measure.inherited,
        "path": [s.title for s in measure.section.path] if measure.section else [],
    }


def assert_as_expected(name: str, fields: tuple[str, ...]) -> list:
    """Check every expected measure of a fixture, field by field; return the measures."""
    parsed, expected = read(name)
    measures = parsed.measures
    assert [m.number for m in measures] == [e["number"] for e in expected["measures"]]
    for measure, want in zip(measures, expected["measures"], strict=True):
        assert squeeze(measure.text).startswith(squeeze(want["start"])), measure.text
        got = row(measure)
        for key in fields:
            assert (
                sorted(got[key]) == sorted(want[key])
                if isinstance(want[key], list)
                else got[key] == want[key]
            ), (
                measure.number,
                key,
                got[key],
            )
    for text in expected.get("not_measures", []):
        assert not any(squeeze(m.text).startswith(squeeze(text)) for m in measures)
    return measures


ALL_FIELDS = ("lead", "responsible", "co", "generic", "deadline", "inherited", "path")


def test_header_words_name_columns_by_containment():
    cells = [
        "序号",
        "主要工作举措",
        "牵头责任单位",
        "协同责任单位",
        "时间节点",
        "分管领导",
        "1-11月推进情况",
        "备注",
    ]
    assert [column_kind(c) for c in cells] == [
        "number",
        "task",
        "lead",
        "co",
        "deadline",
        "leader",
        "ignored",
        "ignored",
    ]
    assert header_roles(["序号", "目标任务", "责任单位", "完成情况"]) == [
        "number",
        "task",
        "responsible",
        None,
    ]
    assert header_roles(["一级指标", "二级指标", "分值", "责任部门"]) is None  # an indicator table
    assert header_roles(["序号", "姓名", "职务"]) is None


def test_pipe_rows_with_section_rows_and_steps_inside_a_task_cell():
    measures = assert_as_expected("pipe_table", ALL_FIELDS)
    assert [s.title for s in measures[2].section.path] == ["加强要素保障"]
    first_target = measures[0].targets[0]
    assert (first_target.value, first_target.unit, first_target.comparator) == (1, "个工作日", "<=")


def test_pipe_cells_one_per_line_with_a_category_before_the_row_number():
    parsed, _ = read("pipe_cell_per_line")
    assert parsed.documents[0].kind == "task_list"  # the header opened a document
    assert_as_expected("pipe_cell_per_line", ("responsible", "generic", "path"))
    deadlines = [m.deadline and (m.deadline.ongoing or m.deadline.date) for m in parsed.measures]
    assert deadlines[1] is True and deadlines[2] is None  # 持续推进; an empty ‘||’ time carries nothing down


def test_one_cell_per_line_with_merged_cells_carried_down():
    measures = assert_as_expected("cell_per_line_table", ("deadline", "inherited", "path"))
    bodies = [m.text for m in measures]
    # the unit cells on lines of their own are one list; the leader's name is no unit
    assert "责任单位：种植业股、农技中心" in bodies[0]
    assert "李" not in bodies[0] and "赵海燕" not in bodies[3]
    assert "责任单位：农田建设股农经站" in bodies[2]  # carried down from row 2
    assert [a.name for a in measures[0].actors("responsible")][-1] == "农技中心"
    assert [a.name for a in measures[4].generic_actors()][0] == "各股室"


def test_a_table_of_selected_tasks_skips_row_numbers():
    assert_as_expected("skipped_row_numbers", ("lead", "responsible", "co", "deadline"))


def test_one_space_cells_right_after_the_covering_notice():
    assert_as_expected("one_space_table", ("lead", "responsible", "co", "generic"))


def test_unit_cells_glued_together_are_cut_into_names():
    assert_as_expected("glued_cells", ("lead", "responsible", "co", "generic"))


def test_header_words_spaced_letter_by_letter_and_two_cell_section_rows():
    assert_as_expected("spaced_header_words", ("lead", "co", "generic", "deadline", "path"))


def test_rows_separated_by_runs_of_spaces():
    measures = assert_as_expected("space_table", ("lead", "co", "generic", "path"))
    assert [m.deadline and (m.deadline.ongoing or m.deadline.date) for m in measures[:3]] == [
        "2024-09-30",
        "2024-12-31",
        True,
    ]


def test_gaps_removed_by_repair_are_found_in_the_offsets():
    text = repair("1   推进审批改革。   市住建局   市应急局 市工信局\n")
    line = split_lines(text.text, fold(text.text))[0]
    cells = [c.text for c in gap_cells(line, text)]
    assert cells == ["1", "推进审批改革。", "市住建局", "市应急局市工信局"]  # one space stays inside


def test_a_line_with_one_bar_is_no_pipe_row():
    text = repair("市场主体满意度 | 达到95%\n")
    line = split_lines(text.text, fold(text.text))[0]
    assert pipe_cells(line, text) is None


def write_docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("青樾市2024年营商环境重点任务清单")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ("序号", "主要工作举措", "牵头责任单位", "协同责任单位", "时间节点"),
        ("1", "推行涉企经营许可事项告知承诺制。", "市审批局", "市市场监管局", "2024年9月底前"),
        ("2", "建立企业诉求快速响应机制。", "市发改委", "市工信局", "长期坚持"),
    ]
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    document.save(path)


def test_docx_and_html_tables_go_through_the_same_layer(tmp_path):
    write_docx(tmp_path / "list.docx")
    html = (
        "<html><body><h3>青樾市2024年营商环境重点任务清单</h3><table>"
        "<tr><td>序号</td><td>主要工作举措</td><td>牵头责任单位</td><td>协同责任单位</td><td>时间节点</td></tr>"
        "<tr><td>1</td><td>推行涉企经营许可事项告知承诺制。</td><td>市审批局</td><td>市市场监管局</td>"
        "<td>2024年9月底前</td></tr>"
        "<tr><td>2</td><td>建立企业诉求快速响应机制。</td><td>市发改委</td><td>市工信局</td><td>长期坚持</td></tr>"
        "</table></body></html>"
    )
    (tmp_path / "list.html").write_text(html, encoding="utf-8")
    for name in ("list.docx", "list.html"):
        rows = [row(m) for m in parse_file(tmp_path / name).measures]
        assert [(r["number"], r["lead"], r["co"], r["deadline"]) for r in rows] == [
            ("1", ["市审批局"], ["市市场监管局"], "2024-09-30"),
            ("2", ["市发改委"], ["市工信局"], "ongoing"),
        ], name


def test_a_one_space_row_whose_unit_cell_runs_over_several_lines():
    assert_as_expected("broken_space_rows", ("lead", "responsible", "co", "generic", "deadline"))


def test_a_progress_form_of_two_cell_rows_opens_an_item_at_its_task_row():
    measures = assert_as_expected("form_rows", ("lead", "responsible", "co", "generic"))
    assert "重点工作" not in measures[0].text  # the task row's label is no part of the task


def test_a_table_a_sharing_page_glued_into_one_run_of_text():
    measures = assert_as_expected("glued_share_table", ("lead", "responsible", "co", "generic", "deadline"))
    assert "市水务局" not in measures[0].text.split("\n")[0]  # the unit list is no part of the task


def test_header_cells_cut_by_a_line_break_and_a_task_shaped_like_a_name_or_a_time():
    measures = assert_as_expected("split_header_words", ("lead", "responsible", "co", "generic"))
    assert all("周明远" not in m.text and "陈思齐" not in m.text for m in measures)  # leaders are no task


def test_bars_on_lines_of_their_own_and_a_column_headed_fuze_bumen():
    assert_as_expected("bar_line_cells", ("lead", "responsible", "co", "generic"))


def test_a_pipe_rows_cell_running_onto_the_next_line():
    assert_as_expected("pipe_cell_over_lines", ("lead", "responsible", "co", "generic"))
