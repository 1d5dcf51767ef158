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
    if re.search(r"年底|年末", text) and year:
        return f"{year}-12-31", False
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
    """Return the measure's deadline: its 完成时限 field if it has one, else the latest date due in its text."""
    for m in _FIELD.finditer(folded):
        date, ongoing = resolve(m.group(1), year)
        if date or ongoing:
            return Deadline(
                text=body.text[m.start(1) : m.end(1)].strip(),
                span=body.span(m.start(1), m.end(1)),
                date=date,
                ongoing=ongoing,
            )
    best: Deadline | None = None
    for m in _IN_TEXT.finditer(folded):
        date = f"{m.group(4)}-12-31" if m.group(4) else resolve(m.group(0), year)[0]
        if date and (best is None or date > (best.date or "")):
            best = Deadline(
                text=body.text[m.start() : m.end()], span=body.span(m.start(), m.end()), date=date
            )
    m = _ONGOING_CLAUSE.search(folded) if best is None else None
    if m:
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(",;，；(（:： "))
        end = start + len(_ONGOING_PHRASE.match(folded, start).group(0))
        return Deadline(text=body.text[start:end], span=body.span(start, end), ongoing=True)
    return best
