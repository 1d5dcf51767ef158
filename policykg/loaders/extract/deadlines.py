"""When a measure is due: a 完成时限 field, a date written in its text (2022年底前), or ongoing (长年坚持)."""

from __future__ import annotations

import calendar
import re

from policykg.loaders.extract.model import Deadline
from policykg.loaders.extract.vocabulary import (
    DEADLINE_INLINE_LABELS,
    ONGOING_CONTINUING,
    ONGOING_PHRASES,
    ONGOING_STEADFAST,
    ONGOING_WORDS,
    POLICY_PERIOD_VERBS,
    alternation,
)
from policykg.text.mapped_text import MappedText

# a deadline field and its value up to the next stop: 完成时限：2022年底前
_FIELD = re.compile(rf"(?:{alternation(DEADLINE_INLINE_LABELS)})\s*:\s*([^,;，；。\n)]*)")
_ONGOING = re.compile(alternation(ONGOING_WORDS))
_ONGOING_PHRASE = re.compile(alternation(ONGOING_PHRASES))
_FULL = re.compile(r"(?:(20\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|(底|末|中旬|上旬|下旬))?")
_YEAR_END = re.compile(r"(20\d{2})\s*年\s*(?:年底|底|末|年末)")
# 2023年上半年 / 第三季度 / 三季度末: the end of the period
_PERIOD = re.compile(r"(?:(20\d{2})\s*年\s*)?(上半年|下半年|第?[一二三四1-4]季度)")
_PERIOD_END_MONTH = {
    "上半年": 6,
    "下半年": 12,
    **{
        f"{p}{q}季度": m
        for p in ("", "第")
        for q, m in (("一", 3), ("二", 6), ("三", 9), ("四", 12), ("1", 3), ("2", 6), ("3", 9), ("4", 12))
    },
}
_IN_TEXT = re.compile(
    r"(20\d{2})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|底|末)?|年底|底|年末|末)\s*(?:前|以前|之前)"
    r"|(?:到|至)\s*(20\d{2})\s*年(?![\d初上下第一二三四])"
    r"|(20\d{2})\s*年\s*(?:上半年|下半年|第?[一二三四1-4]季度)\s*(?:末|底)?\s*(?:前|以前|之前|完成)"
)
# a time with no year, due in the notice's year: …，6月底完成）, 5月底前动工, 年底前, 年内 (not 三年内)
_IN_YEAR = re.compile(
    r"(?<![\d年])(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)\s*(?:前|以前|之前)?"
    r"(?=\s*(?:完成|动工|开工|建成|投用|投入使用|到位|上线)?\s*(?:[,;，；。)）]|$)))"
    r"|(?<![\d一二两三四五六七八九十几多])年(?:底前|底|末前|内)(?![\d])"
)
# a year range a measure runs over: 2013-2015年, 2024—2026年 (its end is the deadline)
_YEAR_RANGE = re.compile(r"20\d{2}\s*[-—–~～至到]\s*(20\d{2})\s*年")
# a time column's value that is a year alone: 2024, 2024年
_BARE_YEAR = re.compile(r"^\s*(20\d{2})\s*年?\s*$")
# a line that is a time alone (a time cell of a flattened table row): 12月底前
_TIME_LINE = re.compile(
    r"^\s*(?:20\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)?|年底|年内)\s*(?:前|以前|之前)?\s*$"
)
# 长年坚持 as a clause of its own (（…，长期坚持）), not as an adjective (可长期坚持的政策)
_ONGOING_CLAUSE = re.compile(
    rf"(?:^|[,;，；(（:：])\s*(?:(?:{alternation(ONGOING_STEADFAST)})\s*(?:[)）;；。,，]|$)"
    rf"|(?:{alternation(ONGOING_CONTINUING)})\s*(?:[)）]|$))"
)


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def resolve(text: str, year: int | None) -> tuple[str | None, bool]:
    """Return ``(iso_date, ongoing)`` for a written deadline, the year taken from the notice if absent.

    >>> resolve("10月31日", 2022)
    ('2022-10-31', False)
    >>> resolve("2023年6月底前", 2022)
    ('2023-06-30', False)
    >>> resolve("长年坚持，每季度不少于一次", 2022)
    (None, True)
    """
    if _ONGOING.search(text):
        return None, True
    m = _PERIOD.search(text)
    if m and (m.group(1) or year):
        y = int(m.group(1) or year)
        month = _PERIOD_END_MONTH[m.group(2)]
        return _month_end(y, month), False
    m = _YEAR_END.search(text)
    if m:
        return f"{m.group(1)}-12-31", False
    if re.search(r"年底|年末|(?<![\d一二两三四五六七八九十几多])年内", text) and year:
        return f"{year}-12-31", False
    m = _BARE_YEAR.match(text)
    if m:
        return f"{m.group(1)}-12-31", False
    m = _FULL.search(text)
    if m and (m.group(1) or year):
        y = int(m.group(1) or year)
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None, False
        if m.group(3):
            day = int(m.group(3))
            if 1 <= day <= calendar.monthrange(y, month)[1]:
                return f"{y:04d}-{month:02d}-{day:02d}", False
            return None, False
        return _month_end(y, month), False
    m = re.search(r"(20\d{2})\s*年", text)
    if m and re.search(r"前|内|完成", text):
        return f"{m.group(1)}-12-31", False
    return None, False


def find_deadline(body: MappedText, folded: str, year: int | None) -> Deadline | None:
    """Return the measure's deadline: its 完成时限 field if it has one, else the latest date due in its text.

    A year range the measure runs over (2013-2015年) is due at the end of its last year; a time written
    without a year (6月底完成, 年底前, 年内) in the notice's year; ``持续推进`` is ongoing. A row whose
    time field and a time cell of its own disagree (12月底前 / 5月底前动工) has no one deadline.
    """
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", folded)]
    field = _field_deadline(body, folded, year)
    if field is not None:
        if field.date and any(d != field.date for d in _time_cells(folded, year)):
            return None
        return field
    best: Deadline | None = None
    for pattern in (_IN_TEXT, _YEAR_RANGE, _IN_YEAR):
        for m in pattern.finditer(folded):
            if any(s <= m.start() < e for s, e in titles):
                continue  # 《…规划（2021—2035年）》 names a document, not a time
            date = _date_of(pattern, m, year)
            if date and (best is None or date > (best.date or "")):
                best = Deadline(
                    text=body.text[m.start() : m.end()], span=body.span(m.start(), m.end()), date=date
                )
        if best is not None:
            return best
    return _ongoing(body, folded)


def _date_of(pattern: re.Pattern[str], m: re.Match[str], year: int | None) -> str | None:
    """Return the date a match of one of the in-text patterns stands for, or None."""
    if pattern is _YEAR_RANGE:
        return f"{m.group(1)}-12-31"
    if pattern is _IN_TEXT and m.group(4):
        if m.string.endswith(POLICY_PERIOD_VERBS, 0, m.start()):
            return None  # 延续执行至2027年底: how long a policy holds
        return f"{m.group(4)}-12-31"
    return resolve(m.group(0), year)[0]


def _field_deadline(body: MappedText, folded: str, year: int | None) -> Deadline | None:
    """Return the deadline a 完成时限 field gives; with no year known, 年底前 is kept as written, undated."""
    for m in _FIELD.finditer(folded):
        date, ongoing = resolve(m.group(1), year)
        text = body.text[m.start(1) : m.end(1)].strip()
        if date or ongoing or (text and _TIME_LINE.match(m.group(1))):
            return Deadline(text=text, span=body.span(m.start(1), m.end(1)), date=date, ongoing=ongoing)
    return None


def _time_cells(folded: str, year: int | None) -> set[str]:
    """Return the dates of the lines of a body that are a time alone (the time cells of a table row)."""
    dates = (resolve(line, year)[0] for line in folded.splitlines() if _TIME_LINE.match(line))
    return {d for d in dates if d}


def _ongoing(body: MappedText, folded: str) -> Deadline | None:
    """Return an ongoing deadline when a clause of its own says so (（…，长期坚持）), else None."""
    m = _ONGOING_CLAUSE.search(folded)
    if m is None:
        return None
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(",;，；(（:： "))
    end = start + len(_ONGOING_PHRASE.match(folded, start).group(0))
    return Deadline(text=body.text[start:end], span=body.span(start, end), ongoing=True)
