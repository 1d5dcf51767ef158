"""One source file, end to end: read → repair → outline → extract every fact of every measure."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from policykg.loaders.extract.acting_subjects import acting_subjects
from policykg.loaders.extract.actors import ActorRecognizer, default_recognizer
from policykg.loaders.extract.citations import find_citations
from policykg.loaders.extract.deadlines import find_deadline
from policykg.loaders.extract.declared_leads import declaration_offsets
from policykg.loaders.extract.indicators import parse_indicator_rows
from policykg.loaders.extract.jurisdiction import find_parent_city, level_of, locate
from policykg.loaders.extract.lines import FIELD_LABEL
from policykg.loaders.extract.model import Clause, Document, Measure, ParsedSource
from policykg.loaders.extract.outline import parse_outline
from policykg.loaders.extract.responsibility import ClauseParser
from policykg.loaders.extract.targets import find_targets
from policykg.loaders.extract.vocabulary import PAGE_DATE_LABELS, alternation
from policykg.loaders.read.sources import SourceText, read_source
from policykg.text.folding import fold, folded_key
from policykg.text.mapped_text import MappedText
from policykg.text.repair import repair

_YEAR = re.compile(r"(20\d{2})\s*年")
# a year in the text that is no baseline or target of a comparison (比2015年, 到2020年, 较2019年)
_OWN_YEAR = re.compile(r"(?<![比较到至])(20\d{2})\s*年")
# a page field dating the notice: 发布日期：2018-07-09, 成文日期 | 2021年1月18日
_PAGE_DATE = re.compile(rf"(?:{alternation(PAGE_DATE_LABELS)})\s*[:|]?\s*(20\d{{2}})\s*[-年./]")
_YEAR_SEARCH_CHARS = 4000  # with no dated title, the year is looked for in the notice's opening
_MAX_GROUP_ITEM = 60  # a longer item is a task of its own, not one target of a group
_NUMBERS_SHOWN = 8  # measure numbers a warning lists before …
# a bracketed clause (with one level of brackets inside) closing a heading: 开办企业（县行政审批局牵头）
_TRAILING_CLAUSE = re.compile(r"[(（][^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*[)）]\s*$")


def parse_file(path: str | os.PathLike[str], recognizer: ActorRecognizer | None = None) -> ParsedSource:
    """Return the documents, measures and facts of the notice at ``path``.

    Raises :class:`policykg.errors.InputError` when the file cannot be read.
    """
    return parse_source(read_source(path), recognizer)


def parse_source(source: SourceText, recognizer: ActorRecognizer | None = None) -> ParsedSource:
    """Return the documents, measures and facts of an already read source."""
    recognizer = recognizer or default_recognizer()
    repaired = repair(source.text)
    folded_all = fold(repaired.text)
    outline = parse_outline(repaired, folded_all)
    documents = outline.documents
    year = outline.year
    if year is None:
        years = [int(y) for d in documents for y in _YEAR.findall(fold(d.title))]
        dated = _PAGE_DATE.search(folded_all[:_YEAR_SEARCH_CHARS])  # 发布日期：2018-07-09
        years = years or ([int(dated.group(1))] if dated else [])
        years = years or [int(y) for y in _OWN_YEAR.findall(folded_all[:_YEAR_SEARCH_CHARS])]
        year = min(years) if years else None
    jurisdiction = locate([i for d in documents for i in d.issuers], [d.title for d in documents], folded_all)
    parent = find_parent_city(folded_all, jurisdiction)
    parsed = ParsedSource(
        source=source,
        documents=documents,
        jurisdiction=jurisdiction,
        parent_jurisdiction=parent,
        parent_level=level_of(parent) if parent else None,
        year=year,
    )
    first_listed = _declared_outside_measures(folded_all, repaired.origin, parsed)
    parser = ClauseParser(recognizer, first_listed_leads=first_listed)
    for doc in documents:
        doc.first_listed_leads = first_listed
        parser.start_document()
        _extract_document(doc, parser, year, recognizer, source.text)
    _link_indicators(parsed)
    parsed.warnings.extend(_partly_understood(parsed))
    return parsed


def _declared_outside_measures(folded_all: str, origin: tuple[int, ...], parsed: ParsedSource) -> bool:
    """True when the notice declares, outside the text of any item, that the first listed unit leads:
    such a declaration holds for the whole file (one inside an item holds for that item)."""
    spans = [m.span for m in parsed.measures]
    return any(not any(s <= origin[i] < e for s, e in spans) for i in declaration_offsets(folded_all))


def _partly_understood(parsed: ParsedSource) -> list[str]:
    """Return what the summary should say about a file that was only partly understood."""
    if not parsed.measures:
        return [] if any(d.indicators for d in parsed.documents) else ["no measures found"]
    notes = []
    nobody = [
        m
        for m in parsed.measures
        if not any(a.actor.kind == "dept" for c in m.clauses for a in c.assignments)
    ]
    if nobody:
        numbers = _listed(m.number for m in nobody)
        notes.append(f"{len(nobody)} of {len(parsed.measures)} measures name no department ({numbers})")
    unclosed = [m for m in parsed.measures if _unbalanced(fold(m.text))]
    if unclosed:
        numbers = _listed(m.number for m in unclosed)
        notes.append(f"{len(unclosed)} measures have unbalanced brackets, read as best could be ({numbers})")
    return notes


def _listed(numbers: Iterable[str]) -> str:
    """Return the first few measure numbers, comma-separated, with … when there are more."""
    shown = list(numbers)
    return ", ".join(shown[:_NUMBERS_SHOWN]) + (" …" if len(shown) > _NUMBERS_SHOWN else "")


def _unbalanced(text: str) -> bool:
    return any(text.count(o) != text.count(c) for o, c in (("(", ")"), ("《", "》"), ("〔", "〕")))


def _extract_document(
    doc: Document, parser: ClauseParser, year: int | None, recognizer: ActorRecognizer, source_text: str
) -> None:
    if doc.body is not None:
        doc.citations = find_citations(doc.body, fold(doc.body.text))
    measure_sections = {id(m.section) for m in doc.measures if m.section is not None}
    enclosing = _enclosing_sections(doc)
    for section in doc.sections:
        if section.body is not None and id(section) in measure_sections or id(section) in enclosing:
            heading = section.body
            if heading is not None:
                section.clauses = parser.find(heading, fold(heading.text))
    for measure in doc.measures:
        _extract_measure(measure, parser, year, source_text)
    _share_group_units(doc.measures)
    if doc.table_rows and (doc.kind == "indicator_table" or not doc.measures):
        doc.indicators = parse_indicator_rows(doc.table_rows, recognizer)
        if doc.indicators and doc.kind != "indicator_table" and not doc.measures:
            doc.kind = "indicator_table"


def _share_group_units(measures: list[Measure]) -> None:
    """Give a one-line item naming no one the unit lines of the next item of its section: in a target
    list (3.城镇调查失业率… 4.城镇新增就业… 牵头单位：…) the lines after a group apply to each item of it."""
    source: Measure | None = None  # the item whose unit lines the group shares, once one is found
    nxt: Measure | None = None
    for measure in reversed(measures):
        sharing = (
            nxt is not None
            and not measure.clauses
            and measure.kind == "numbered"
            and measure.section is nxt.section
            and _one_line(measure)
        )
        if sharing and source is None and nxt.kind == "numbered" and _has_unit_lines(nxt):
            source = nxt
        if sharing and source is not None:
            measure.clauses = [Clause(c.text, c.span, list(c.assignments)) for c in source.clauses]
        else:
            source = None
        nxt = measure


def _one_line(measure: Measure) -> bool:
    body = measure.body.text.strip() if measure.body is not None else ""
    return "\n" not in body and len(body) <= _MAX_GROUP_ITEM


def _has_unit_lines(measure: Measure) -> bool:
    """True when the item's units stand on labelled lines after its text (牵头单位：… / 责任单位：…)."""
    lines = fold(measure.body.text).split("\n")[1:] if measure.body is not None else []
    return bool(measure.clauses) and any(FIELD_LABEL.match(line.strip()) for line in lines)


def _enclosing_sections(doc: Document) -> set[int]:
    """Return the ids of the sections that hold a measure, directly or further up its path.

    Computed once per document: asking each section in turn walked every measure's path (quadratic
    in a notice with thousands of headings). A document's sections have distinct indices, so
    identity is what equality meant.
    """
    return {id(s) for m in doc.measures if m.section is not None for s in m.section.path}


def _extract_measure(measure: Measure, parser: ClauseParser, year: int | None, source_text: str) -> None:
    body = measure.body
    if body is None:
        return
    folded = fold(body.text)
    measure.clauses = parser.find(body, folded, _joined_line_starts(body, source_text))
    if not measure.clauses and measure.section is not None:
        for section in reversed(measure.section.path):
            if section.clauses:
                measure.clauses = [Clause(c.text, c.span, list(c.assignments)) for c in section.clauses]
                measure.inherited = True
                break
    if not measure.clauses:
        measure.clauses = acting_subjects(body, folded, parser.recognizer)
    clause_spans = _folded_spans(body, measure.clauses) if not measure.inherited else []
    measure.citations = find_citations(body, folded, clause_spans)
    measure.deadline = find_deadline(body, folded, year)
    measure.targets = find_targets(body, folded, exclude=clause_spans)


def _joined_line_starts(body: MappedText, source_text: str) -> list[int]:
    """Return where in ``body`` a line of the source began that the outline joined to the one before."""
    origin, length = body.origin, len(body.text)
    if length < 2:
        return []
    pairs = zip(origin[: length - 1], origin[1:length], strict=True)
    # only where the outline skipped characters can a line break have been skipped
    return [i for i, (a, b) in enumerate(pairs, start=1) if b - a > 1 and "\n" in source_text[a + 1 : b]]


def _folded_spans(body, clauses: list[Clause]) -> list[tuple[int, int]]:
    """Return the spans of clauses as offsets into the measure body (not the source)."""
    spans = []
    for clause in clauses:
        start = body.text.find(clause.text)
        if start >= 0:
            spans.append((start, start + len(clause.text)))
    return spans


def _link_indicators(parsed: ParsedSource) -> None:
    """Tie each measure under a heading named like an indicator to that indicator."""
    names = {}
    for doc in parsed.documents:
        for ind in doc.indicators:
            names.setdefault(folded_key(ind.name), ind.name)
    if not names:
        return
    for measure in parsed.measures:
        if measure.section is None:
            continue
        for section in reversed(measure.section.path):
            key = folded_key(_TRAILING_CLAUSE.sub("", section.title))
            if key in names:
                measure.indicator = names[key]
                break
