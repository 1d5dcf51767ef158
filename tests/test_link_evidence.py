"""What makes two measures of different levels a link, on texts written for these tests: copies with a
word replaced, the genre's stock phrases, and headings that name the same task."""

from __future__ import annotations

from policykg.graph.links.align import Passage, extended
from policykg.graph.links.evidence import weigh
from policykg.graph.links.headings import heading, heading_agreement
from policykg.graph.links.matching import match_measures
from policykg.graph.links.weights import TrigramWeights, specific_trigrams
from policykg.text.folding import fold

# measures of neither pair, so that idf has a background (invented tasks of the genre)
BACKGROUND = [
    "开展农村生活污水治理。完成二十个行政村污水管网铺设，建立运维台账。",
    "实施老旧小区加装电梯工程。简化加装电梯审批，落实财政补助资金。",
    "推进中小学课后服务全覆盖。统筹校内外资源，开设科技、体育、艺术类课程。",
    "加强冷链食品追溯管理。建立进口冷链食品集中监管仓，实行赋码追溯。",
    "提升城乡公交一体化水平。新开通镇村公交线路八条，统一票价与换乘优惠。",
    "完善社区养老服务网络。建设嵌入式养老服务站，提供助餐、助浴、助医服务。",
]


def _weights(*texts: str) -> TrigramWeights:
    return TrigramWeights([*texts, *BACKGROUND])


def test_a_copy_whose_last_word_was_replaced_is_one_near_verbatim_passage():
    upper = "推进不动产登记便民改革。依托一网通办平台，推动实现存量房转移登记全流程网上办理。"
    lower = "深化不动产登记改革。依托一网通办平台，推动实现存量房转移登记全流程线上办理。"
    evidence = weigh(fold(lower), fold(upper), _weights(lower, upper))
    longest = max(evidence.passages, key=lambda p: p.passage.lower_length)
    # the stretch before 线/网 and the four characters after it are one passage, to the sentence's end
    assert fold(lower)[longest.passage.lower_start : longest.passage.lower_end].endswith("全流程线上办理。")
    assert fold(upper)[longest.passage.upper_start : longest.passage.upper_end].endswith("全流程网上办理。")
    assert evidence.copied


def test_extension_stops_where_the_texts_part_and_at_a_blanked_clause():
    lower, upper = "甲乙丙丁戊己庚辛壬癸子丑寅卯", "甲乙丙丁戊己庚辛壬癸午未申酉"
    grown = extended(lower, upper, Passage(2, 6, 2, 6, 4))
    assert (grown.lower_start, grown.lower_end, grown.matched) == (0, 10, 10)
    blanked = "甲乙丙丁戊己\x00\x00\x00\x00子丑寅卯"
    assert extended(blanked, upper, Passage(2, 6, 2, 6, 4)).lower_end == 6


def test_stock_phrases_weigh_nothing_even_in_a_tiny_store():
    upper = "坚持问题导向，建立长效机制。贯彻落实决策部署，推动各项工作取得实效。"
    lower = "坚持问题导向，健全长效机制，贯彻落实决策部署。"
    weights = _weights(lower, upper)
    assert "问题导" not in specific_trigrams(fold(lower))
    assert weights.weight("问题导") == 0.0 and weights.weight("效机制") == 0.0
    assert weights.weight("冷链食") > 0.0
    assert match_measures(weights, [0], [1]) == []


def test_headings_that_name_the_same_task_link_measures_whose_bodies_were_rewritten():
    upper = (
        "推行涉企行政检查“扫码入企”。执法人员入企检查前须扫码登记，检查事项、检查结果全程留痕，"
        "市司法局按月通报检查频次。"
    )
    lower = "推行涉企行政检查“扫码入企”。本县各执法单位登记每一次进企业现场核查的情况，季度末汇总报送。"
    weights = _weights(lower, upper)
    agreement = heading_agreement(weights, [0], [1])
    assert agreement.share[0, 0] == 1.0 and agreement.lighter[0, 0] >= 1.0
    (link,) = match_measures(weights, [0], [1, *range(2, 2 + len(BACKGROUND))])
    assert (link.lower, link.upper, link.relation) == (0, 1, "same")


def test_headings_sharing_only_a_stock_phrase_link_nothing():
    upper = "建立健全长效机制。每季度召开一次联席会议，研究解决跨部门难题。"
    lower = "建立健全长效机制。明确专人负责台账更新，每月报送进展。"
    weights = _weights(lower, upper)
    assert heading_agreement(weights, [0], [1]).lighter[0, 0] == 0.0
    assert match_measures(weights, [0], [1]) == []


def test_a_measure_that_opens_with_its_body_has_no_heading_to_agree_with():
    upper = "推行“扫码入企”。执法人员入企检查前须扫码登记。"
    lower = (
        "各执法单位入企检查前一律通过“扫码入企”平台登记检查事项、检查人员和检查结果，做到全程留痕、"
        "可查可溯。按季度汇总。"
    )
    assert heading(fold(lower)) == "" and heading(fold(upper)) == "推行“扫码入企”"
    assert heading_agreement(_weights(lower, upper), [0], [1]).lighter[0, 0] == 0.0
