"""Indicator tables (一级指标 / 二级指标 / 分值 / 责任部门), flattened to tab-separated rows.

A row that opens with an ordinal (``1.开办企业``) starts a level-1 indicator; the rows after it,
whose merged cells were lost in flattening, list its level-2 indicators. Numbers are weights, a cell
of department names is the responsible departments (a merged cell applies to the rows below it).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.extract.model import Actor, Indicator
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText

_ORDINAL = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、]\s*(?=\S)")
_HEADER = re.compile(r"指标|分值|权重|责任部门|责任单位")


def _number(cell: str) -> Decimal | None:
    try:
        return Decimal(fold(cell).strip().rstrip("分"))
    except InvalidOperation:
        return None


def _cells(row: MappedText) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in row.text.split("\t"):
        end = start + len(part)
        lead = len(part) - len(part.lstrip())
        trail = len(part) - len(part.rstrip())
        spans.append((start + lead, end - trail))
        start = end + 1
    return spans


def _departments(row: MappedText, span: tuple[int, int], recognizer: ActorRecognizer) -> list[Actor] | None:
    text = row.text[span[0] : span[1]]
    parts = [p for p in re.split(r"[、,，;；/]", text) if p.strip()]
    if not parts or not all(recognizer.kind(fold(p.strip())) == "dept" for p in parts):
        return None
    actors, pos = [], span[0]
    for p in parts:
        start = row.text.index(p, pos)
        pos = start + len(p)
        name = p.strip()
        s = start + (len(p) - len(p.lstrip()))
        actors.append(Actor(name=name, kind="dept", span=row.span(s, s + len(name))))
    return actors


def parse_indicator_rows(rows: list[MappedText], recognizer: ActorRecognizer) -> list[Indicator]:
    """Return the indicators of a flattened table, level-1 ones before their level-2 children."""
    indicators: list[Indicator] = []
    current: Indicator | None = None
    current_depts: list[Actor] = []
    for row in rows:
        spans = [s for s in _cells(row) if s[1] > s[0]]
        if not spans:
            continue
        texts = [row.text[s:e] for s, e in spans]
        if _HEADER.search(texts[0]) and all(_number(t) is None for t in texts):
            continue
        names: list[tuple[int, int]] = []
        weights: list[Decimal] = []
        depts: list[Actor] | None = None
        for span, text in zip(spans, texts, strict=True):
            value = _number(text)
            if value is not None:
                weights.append(value)
                continue
            found = _departments(row, span, recognizer) if names else None
            if found:
                depts = found
            else:
                names.append(span)
        if not names:
            continue
        first = row.text[names[0][0] : names[0][1]]
        ordinal = _ORDINAL.match(first)
        if ordinal or current is None:
            s = names[0][0] + (ordinal.end() if ordinal else 0)
            current = Indicator(
                order=len(indicators) + 1,
                name=row.text[s : names[0][1]].strip(),
                level=1,
                span=row.span(s, names[0][1]),
                weight=weights[0] if weights else None,
            )
            indicators.append(current)
            current_depts = depts or []
            current.responsible = list(current_depts)
            names = names[1:]
            weights = weights[1:] if len(weights) > 1 or names else []
        elif depts is None:
            depts = current_depts
        for span in names[:1]:
            child = Indicator(
                order=len(indicators) + 1,
                name=row.text[span[0] : span[1]],
                level=2,
                span=row.span(*span),
                weight=weights[0] if weights else None,
                parent=current,
                responsible=list(depts if depts is not None else current_depts),
            )
            indicators.append(child)
    return indicators
