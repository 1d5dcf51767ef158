"""Lines of a repaired notice, each with the kind of line it is (heading, item, table row …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.extract.vocabulary import (
    COLUMN_TASK_STEMS,
    DEADLINE_LABELS,
    DOC_TYPES,
    NOTICE_TYPES,
    ROLE_FIELD_LABEL_PATTERN,
    alternation,
)

CN_NUM = "一二三四五六七八九十百零〇两"
# Patterns run on the folded view: half-width brackets and colons, Simplified characters.
HEADING1 = re.compile(rf"^(?:\*\*)?([{CN_NUM}]{{1,4}})\s*[、.,，]\s*")
HEADING2 = re.compile(rf"^(?:\*\*)?\(([{CN_NUM}]{{1,4}})\)\s*[、.]?\s*")
# 1. / 1、 / 1﹒ (a small full stop folding leaves as it is) opening an item
ITEM = re.compile(r"^(?:\*\*)?(\d{1,3})\s*[.、﹒](?![\d.])\s*")
SUBITEM = re.compile(r"^(?:\*\*)?(?:\((\d{1,3})\)|([\u2460-\u2473]))\s*[、.]?\s*")
ATTACHMENT_MARK = re.compile(r"^[-•·]?\s*附件\s*(\d{0,2})\s*[:]?\s*$")
ATTACHMENT_LIST = re.compile(r"^[-•·]?\s*附件\s*[:]\s*(.+)$")
DATE_LINE = re.compile(
    rf"^((?:19|20)\d{{2}}|[{CN_NUM}]{{4}})\s*年\s*([\d{CN_NUM}]{{1,3}})\s*月\s*([\d{CN_NUM}]{{1,3}})\s*日$"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,16}\s*[〔\[(（]\s*((?:19|20)\d{2})\s*[〕\])）]\s*\d{1,4}\s*号")
# a line that opens a labelled field of its own: 牵头单位：, 配合部门：, 完成时限：
FIELD_LABEL = re.compile(rf"^(?:{ROLE_FIELD_LABEL_PATTERN}|{alternation(DEADLINE_LABELS)})\s*:")
# a document title: ends in a document type, perhaps followed by a bracketed period: 实施方案（2022—2024年）
TITLE_END = re.compile(rf"(?:{alternation(DOC_TYPES)})(?:\s*\([^()]{{1,24}}\))?(?:\*\*)?$")
# the title of a covering notice: ends in 通知, 意见, 函 …
NOTICE_TITLE_END = re.compile(rf"(?:{alternation(NOTICE_TYPES)})(?:\*\*)?$")
SENTENCE_PUNCT = re.compile(r"[。;:!?！？；：]")
_MAX_LABEL_QUALIFIER = 4  # 重点工作, 年度重点任务: characters a task label may hold before its stem
# a form flattened to rows of two cells, whose label cell names the task and whose value cell opens an
# item: 重点工作: | 135.统筹违法建设治理… | — the value is the item's line
FORM_TASK_ROW = re.compile(
    rf"[\u4e00-\u9fff]{{0,{_MAX_LABEL_QUALIFIER}}}?(?:{alternation(COLUMN_TASK_STEMS)})\s*:?\s*[|\t]\s*"
    r"(?=\d{1,3}\s*[.、](?![\d.]))"
)


@dataclass(frozen=True)
class Line:
    """One non-empty line: where it is in the repaired text, its text and its folded text."""

    start: int
    end: int
    text: str
    folded: str

    @property
    def compact(self) -> str:
        """Return the folded text without whitespace and bold markers."""
        return re.sub(r"\s+", "", self.folded).replace("**", "")


def split_lines(text: str, folded: str) -> list[Line]:
    """Return the non-blank lines of ``text`` (``folded`` is its same-length matching view)."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            start, end = _form_task_value(folded, start, end)
            lines.append(Line(start, end, text[start:end], folded[start:end]))
    return lines


def _form_task_value(folded: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of a form row's task value on (135.统筹… | in 重点工作: | 135.统筹… |), else the
    line's. The closing bar stays, as on the form's other rows, so the item's text is its source's."""
    m = FORM_TASK_ROW.match(folded, start, end)
    return (m.end(), end) if m else (start, end)


def is_table_row(line: Line) -> bool:
    """True for a table row flattened to tab-separated cells."""
    return "\t" in line.text


def is_title_like(line: Line, max_len: int = 80) -> bool:
    """True when the line reads as a document title: short, unpunctuated, ending in 方案/清单/…"""
    compact = line.compact
    if not 5 <= len(compact) <= max_len or is_table_row(line):
        return False
    if compact.startswith(("《", "(", "附件")) or SENTENCE_PUNCT.search(compact):
        return False
    if HEADING1.match(compact) or HEADING2.match(compact) or ITEM.match(compact):
        return False
    return bool(TITLE_END.search(compact))


def cn_number(text: str) -> int | None:
    """Return the value of a small Chinese or Arabic numeral (``十二`` → 12, ``二〇二二`` → 2022)."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    if all(c in digits for c in text) and len(text) > 1:
        return int("".join(str(digits[c]) for c in text))
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
