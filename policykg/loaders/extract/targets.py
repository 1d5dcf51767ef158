"""Quantitative targets: 95%以上, 80项以上, 压缩至1个工作日内, 由45天压缩为20天, 不超过15个工作日."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from policykg.loaders.extract.model import Target
from policykg.loaders.extract.vocabulary import alternation
from policykg.text.mapped_text import MappedText
from policykg.text.spans import SpanIndex

TARGET_UNITS = (
    *"个工作日 工作日 个小时 小时 分钟 个月 天 日 项 家 件 户 人次 人 次 个 类 所 座 条 亿元 万元 元".split(),
    *"% ‰ 个百分点 倍 折 公里 平方米 亩 万亩 万人 万人次 万户 亿美元 万美元 场 场次 处 株 位 只".split(),
    *"吨 万吨 辆 套 台 间 张 公顷 平方公里 万平方米 千瓦 万千瓦 兆瓦 个点位 所学校".split(),
)
UNITS = alternation(TARGET_UNITS)
_NUMBER = r"(\d+(?:\.\d+)?|半)"
_TARGET = re.compile(
    rf"(?P<before>压缩为|缩短为|减少为|降为|压减为|压缩至|压减至|压缩到|压减到|缩短至|缩短到|减少至|减少到|降至|降低至|降低到|控制在|压缩在|提高到|提高至|提升至|提升到|"
    rf"达到|达|不少于|不低于|不超过|超过|至少|力争|增加到|增长|实现|确保|为)?\s*"
    rf"{_NUMBER}\s*(?P<unit>{UNITS})(?P<after>以上|以下|以内|之内|内|左右|及以上)?"
)
# a verb whose clause makes the things it counts: 新建消防站5个, 完成18个分控中心建设, 壮大531个企业
_MAKING = re.compile(
    r"新建|新增|增加|扩充|建成|建设|改造|改建|改扩建|搬迁|培育|壮大|打造|创建|引进|启动|实施|完成|提供|开展|举办"
)
# after a bounded amount, what makes it a condition on who qualifies: 总投资1000万元以上的(项目), 不超过200万元部分
_CONDITION_AFTER = re.compile(r"(?:的|且|部分|之间)")
# what a description counts (5个方面, 3个环节): aspects of the work, not things it makes
_ASPECT_AFTER = re.compile(r"(?:方面|领域|环节|维度|层面|阶段|步骤|原则|机制|目标|任务|问题|要求|板块|专项)")
_CLAUSE_STOPS = ",;，；。(（)）\n"
_NOT_A_TARGET_AFTER = re.compile(r"^(?:年|月|日前|号|条》|条”|号文)")
_LESS = {
    "压缩为",
    "缩短为",
    "减少为",
    "降为",
    "压减为",
    "压缩至",
    "压减至",
    "压缩到",
    "压减到",
    "缩短至",
    "缩短到",
    "减少至",
    "减少到",
    "降至",
    "降低至",
    "降低到",
    "控制在",
    "压缩在",
    "不超过",
}
_MORE = {"达到", "达", "不少于", "不低于", "至少", "提高到", "提高至", "提升至", "提升到", "增加到"}


def _comparator(before: str | None, after: str | None) -> str:
    if after in {"以内", "之内", "内", "以下"} or before in _LESS:
        return "<="
    if after in {"以上", "及以上"} or before in _MORE:
        return ">="
    if before == "超过":
        return ">"
    return "="


def find_targets(body: MappedText, folded: str, exclude: list[tuple[int, int]] = ()) -> list[Target]:
    """Return the quantities the measure aims at, skipping dates, titles in 《》 and ``exclude`` spans."""
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", folded)]
    skip = SpanIndex(titles + list(exclude))
    targets: list[Target] = []
    for m in _TARGET.finditer(folded):
        start, end = m.start(), m.end()
        if skip.covers(m.start(2)):
            continue
        unit = m.group("unit")
        written_unit = body.text[m.start("unit") : m.end("unit")]  # 萬畝 stays as written
        if unit in {"日", "天"} and re.match(r"\d{1,2}\s*月\s*$", folded[max(0, start - 4) : m.start(2)]):
            continue  # 10月31日 is a date
        if unit == "日" and re.search(r"月\s*$", folded[max(0, m.start(2) - 3) : m.start(2)]):
            continue
        if _NOT_A_TARGET_AFTER.match(folded[end : end + 3]) or re.match(r"^\d", folded[end : end + 1]):
            continue
        bounded = m.group("after") or m.group("before") in {"不超过", "超过", "不低于", "不少于"}
        if bounded and _CONDITION_AFTER.match(folded, end):
            continue  # an eligibility threshold, not an aim
        raw = m.group(2)
        try:
            value = Decimal("0.5") if raw == "半" else Decimal(raw)
        except InvalidOperation:
            continue
        if re.search(r"(?:由|从)\s*$", folded[max(0, m.start(2) - 2) : m.start(2)]):
            continue  # 由45天压缩为20天: 45天 is where it starts, not the target
        if unit == "个" and not m.group("before") and not m.group("after") and not _counted_output(folded, m):
            continue  # a bare count (3个方面) is description, not a target
        text_start = m.start("before") if m.group("before") else m.start(2)
        targets.append(
            Target(
                text=body.text[text_start:end],
                span=body.span(text_start, end),
                value=value,
                unit=written_unit,
                comparator=_comparator(m.group("before"), m.group("after")),
            )
        )
    return targets


def _counted_output(folded: str, m: re.Match[str]) -> bool:
    """True when a bare count (N个) stands in a clause whose verb makes what it counts (新建1个农贸市场);
    3个方面 in a clause with no such verb is description."""
    if _ASPECT_AFTER.match(folded, m.end()):
        return False
    start = max(folded.rfind(p, 0, m.start(2)) for p in _CLAUSE_STOPS) + 1
    ends = [i for i in (folded.find(p, m.end()) for p in _CLAUSE_STOPS) if i >= 0]
    return bool(_MAKING.search(folded, start, min(ends, default=len(folded))))
