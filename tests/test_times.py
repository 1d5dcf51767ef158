"""When measures are due and what they aim at: times inside clauses, year ranges, targets with units."""

from decimal import Decimal
from pathlib import Path

from policykg import parse_file
from policykg.loaders.extract.deadlines import find_deadline, resolve
from policykg.loaders.extract.targets import find_targets
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText

NOTICES = Path(__file__).parent / "data" / "notices"


def _deadline(text: str, year: int | None = 2024):
    return find_deadline(MappedText.identity(text), fold(text), year)


def _targets(text: str):
    return [(t.value, t.unit, t.comparator) for t in find_targets(MappedText.identity(text), fold(text))]


def test_times_inside_clauses_take_the_notice_year():
    parsed = parse_file(NOTICES / "deadlines_in_clauses.txt")
    assert parsed.year == 2024
    got = [(m.deadline.date, m.deadline.ongoing) if m.deadline else None for m in parsed.measures]
    assert got == [
        ("2024-06-30", False),  # （市住建局牵头，6月底完成）
        ("2024-12-31", False),  # 年底前完成
        ("2024-12-31", False),  # 年内新建
        (None, True),  # 持续推进
        ("2026-12-31", False),  # 2024—2026年: the end of the range
        None,  # （2022—2030年） inside a cited title is no time
    ]


def test_year_within_a_period_is_no_deadline_and_policy_periods_are_not_due_dates():
    assert _deadline("三年内完成改造。") is None
    assert _deadline("减半征收政策延续执行至2027年底。") is None
    assert _deadline("确保到2027年建成。").date == "2027-12-31"


def test_time_field_with_a_year_alone_is_due_at_its_end():
    assert resolve("2024", None) == ("2024-12-31", False)
    assert _deadline("建设运动场。\n完成时限：2024", None).date == "2024-12-31"


def test_year_end_without_a_known_year_is_kept_as_written_undated():
    deadline = _deadline("清理文件目录。\n完成时限：年底前", None)
    assert deadline is not None and deadline.text == "年底前" and deadline.date is None


def test_a_row_whose_time_cells_disagree_has_no_deadline():
    assert _deadline("开工建设养护楼。\n12月底前\n完成时限：5月底前动工") is None
    assert _deadline("开工建设养护楼。\n5月底前\n完成时限：5月底前").date == "2024-05-31"


def test_targets_about_above_within_and_missing_units():
    assert _targets("地区生产总值增长6%左右。") == [(Decimal("6"), "%", "=")]
    assert _targets("城镇新增就业1.2万人以上。") == [(Decimal("1.2"), "万人", ">=")]
    assert _targets("失业率控制在5.5%以内。") == [(Decimal("5.5"), "%", "<=")]
    assert _targets("能耗比上年下降3%。") == [(Decimal("3"), "%", "=")]
    assert _targets("力爭達到1800億美元。") == [(Decimal("1800"), "億美元", ">=")]
    assert _targets("實施田塊整治500畝，修復堰塘30處。") == [
        (Decimal("500"), "畝", "="),
        (Decimal("30"), "處", "="),
    ]


def test_counts_of_things_made_are_targets_counts_of_aspects_and_thresholds_are_not():
    assert _targets("年内新建小型消防站5个。") == [(Decimal("5"), "个", "=")]
    assert _targets("完成18个乡镇分控中心建设。") == [(Decimal("18"), "个", "=")]
    assert _targets("围绕政务环境等5个方面制定实施方案。") == []
    assert _targets("从3个层面推进。") == []
    assert _targets("对总投资1000万元以上的项目给予补助。") == []
    assert _targets("对年应纳税所得额不超过200万元部分减半征收。") == []


def test_target_list_items_keep_their_comparators():
    parsed = parse_file(NOTICES / "target_list.txt")
    got = [[(t.value, t.unit, t.comparator) for t in m.targets] for m in parsed.measures]
    assert got == [
        [(Decimal("6"), "%", "=")],
        [(Decimal("5"), "%", ">=")],
        [(Decimal("5.5"), "%", "<=")],
        [(Decimal("1.2"), "万人", ">=")],
        [(Decimal("6"), "%", "=")],
        [(Decimal("3"), "%", "=")],
    ]
