"""One document of a notice, built as its lines arrive: sections, numbered items, measure tables.

:class:`DocState` is the line-by-line state machine: a heading opens a section, a numbered item
opens a measure, a table header opens a measure table, and any other line continues whatever is
open — which is how sentences broken by page breaks are mended. :meth:`DocState.close` turns what
was collected into the document's sections and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.extract.lines import (
    FIELD_LABEL,
    HEADING1,
    HEADING2,
    ITEM,
    SUBITEM,
    Line,
    is_table_row,
    split_lines,
)
from policykg.loaders.extract.model import Document, Measure, Section
from policykg.loaders.extract.tables import (
    assign_cells,
    header_roles,
    is_header_cell,
    is_row_number,
    row_body,
)
from policykg.loaders.extract.vocabulary import FRAME_SECTION_WORDS, LEAD, RESPONSIBLE, alternation
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText, concat

# Sections of a plan that frame it rather than assign tasks: their paragraphs are not measures.
FRAME_SECTIONS = re.compile(alternation(FRAME_SECTION_WORDS))
_BOLD = re.compile(r"\*\*")
# a short first sentence that titles a heading's paragraph: （一）优化审批流程。…
_TITLE_SENTENCE = re.compile(r"^(?:\*\*)?([^。;!?；！？]{2,40}?)[。.](?:\*\*)?")
# a numbered item that is a heading over sub-items: short, unpunctuated, naming no role
_NOT_A_HEADING = re.compile(rf"[。;；]|{alternation((RESPONSIBLE.zh, LEAD.zh))}")
# a short phrase closed by 。 opening a measure's text: its title
_LEADING_TITLE = re.compile(r"^([^。;,，、:()《》]{2,30})。")
# one bracketed clause, with one level of brackets inside, and a stop after it
_LONE_CLAUSE = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)[。.]?")
_BOLD_TITLE = re.compile(r"^\s*\*\*(.+?)\*\*")
_CIRCLED_ONE = 0x2460  # ①: circled numbers run ① … ⑳ from here
_MIN_TABLE_HEADER_CELLS = 3  # fewer header words on lines of their own are no table header
_MAX_ITEM_HEADING = 40  # a numbered item longer than this is a task, not a heading over sub-items
_MIN_TASK_PARAGRAPH = 30  # characters a heading paragraph without a title sentence needs to be a task
_MIN_TASK_AFTER_TITLE = 10  # characters after a heading's title sentence that make it a task
_MIN_TEXT_AFTER_TITLE = 4  # characters after a leading title that make it a title, not the whole text


def clean_title(text: str) -> str:
    """Return a title with bold markers and the spaces PDF extraction put inside it removed."""
    text = _BOLD.sub("", text)
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text).strip()


class NoticeLines:
    """The lines of a repaired notice, and the pieces of text documents are made of."""

    def __init__(self, repaired: MappedText, folded: str) -> None:
        self.repaired = repaired
        self.folded = folded
        self.lines = split_lines(repaired.text, folded)
        self.section_count = 0

    def mapped(self, start: int, end: int) -> MappedText:
        """Return the repaired text between two offsets, mapped to the source."""
        return self.repaired.slice(start, end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the source span of the repaired text between two offsets."""
        return self.repaired.span(start, end)

    def join(self, lines: list[Line], first_start: int | None = None) -> MappedText:
        """Join lines into one body: page breaks mended, labelled fields kept on lines of their own."""
        parts: list[MappedText] = []
        for k, line in enumerate(lines):
            start = first_start if k == 0 and first_start is not None else line.start
            if k > 0 and FIELD_LABEL.match(line.compact):
                o = self.repaired.origin[line.start]
                parts.append(MappedText("\n", (o, o)))
            parts.append(self.mapped(start, line.end))
        return concat(parts)


@dataclass
class _Item:
    number: str
    number_end: int  # where the body starts in the repaired text
    lines: list[Line]
    section: Section | None
    marker: str = "item"  # "item" for 1. / 1、, "subitem" for （1） / ①


@dataclass
class _TableRow:
    cells: list[MappedText]
    section: Section | None


@dataclass
class _MeasureTable:
    roles: list[str | None]
    one_cell_per_line: bool
    rows: list[_TableRow] = field(default_factory=list)


class DocState:
    """Collects one document's sections and items as its lines arrive."""

    def __init__(self, notice: NoticeLines, doc: Document) -> None:
        self.b = notice
        self.doc = doc
        self.stack: list[Section] = []
        self.item: _Item | None = None
        self.items: list[_Item] = []
        self.section_lines: dict[int, list[Line]] = {}
        self.open_section: Section | None = None  # a heading whose paragraph is still being read
        self.preamble: list[Line] = []
        self.table: list[Line] = []
        self.measure_tables: list[_MeasureTable] = []
        self.header_cells: list[Line] = []  # header cells of a table flattened one cell per line

    def in_table(self, line: Line) -> bool:
        """True while the document is a table that no numbered item has interrupted."""
        return bool(self.table) and not self.items

    def new_section(self, level: int, number: str, line: Line, marker_end: int) -> Section:
        """Open a section at ``level`` headed by ``line``; return it."""
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        heading = line.text[marker_end - line.start :]
        sentence = _TITLE_SENTENCE.match(fold(heading))
        title_text = sentence.group(1) if sentence and level >= 2 else heading
        section = Section(
            index=self.b.section_count,
            level=level,
            number=number,
            title=clean_title(title_text),
            span=self.b.span(line.start, line.end),
            parent=self.current_section,
        )
        self.b.section_count += 1
        self.stack.append(section)
        self.doc.sections.append(section)
        self.section_lines[section.index] = [line]
        return section

    @property
    def current_section(self) -> Section | None:
        """The innermost open section, or None before the first heading."""
        return self.stack[-1] if self.stack else None

    def feed(self, line: Line) -> None:
        """Take the next line of the document."""
        if self.header_cells and not is_header_cell(line.text):
            cells, self.header_cells = self.header_cells, []
            roles = header_roles([ln.text for ln in cells])
            if roles and len(cells) >= _MIN_TABLE_HEADER_CELLS:
                self.close_item()
                self.measure_tables.append(_MeasureTable(roles, one_cell_per_line=True))
            else:
                for cell in cells:
                    self._feed(cell)
        elif is_header_cell(line.text) and not is_table_row(line):
            self.header_cells.append(line)
            return
        self._feed(line)

    def _table(self) -> _MeasureTable | None:
        return self.measure_tables[-1] if self.measure_tables else None

    def _feed(self, line: Line) -> None:
        if is_table_row(line):
            self._feed_table_row(line)
            return
        table = self._table()
        if table is not None and table.one_cell_per_line:
            if not (HEADING1.match(line.folded) or HEADING2.match(line.folded)):
                self._feed_cell(line, table)
                return
            self.measure_tables.append(_MeasureTable(table.roles, one_cell_per_line=False))  # close the table
        if not self._feed_marker(line):
            self._continue(line)

    def _feed_table_row(self, line: Line) -> None:
        """A tab-separated row: a measure table's header, one of its rows, or a row of another table."""
        self.close_item()
        cells = self._cells(line)
        roles = header_roles([cell.text for cell in cells])
        table = self._table()
        if roles:
            self.measure_tables.append(_MeasureTable(roles, one_cell_per_line=False))
        elif table is not None and not table.one_cell_per_line:
            table.rows.append(_TableRow(cells, self.current_section))
        else:
            self.table.append(line)

    def _feed_cell(self, line: Line, table: _MeasureTable) -> None:
        """One cell of a table flattened one cell per line: a row number starts a new row."""
        cell = self.b.mapped(line.start, line.end)
        if is_row_number(line.text) or not table.rows:
            table.rows.append(_TableRow([cell], self.current_section))
        else:
            table.rows[-1].cells.append(cell)

    def _feed_marker(self, line: Line) -> bool:
        """Open a section or an item if the line starts with a marker; return whether it did."""
        c = line.folded
        m = HEADING1.match(c)
        if m:
            self.close_item()
            self.open_section = None
            self.new_section(1, m.group(1), line, line.start + m.end())
            return True
        m = HEADING2.match(c)
        if m:
            self.close_item()
            self.open_section = self.new_section(2, m.group(1), line, line.start + m.end())
            return True
        m = ITEM.match(c)
        if m:
            self.close_item()
            self.open_section = None
            self.item = _Item(m.group(1), line.start + m.end(), [line], self.current_section)
            return True
        m = SUBITEM.match(c)
        return bool(m) and self._feed_subitem(line, m)

    def _feed_subitem(self, line: Line, m: re.Match[str]) -> bool:
        """（1） / ①: a sub-item; the short numbered item above it becomes a heading."""
        number = m.group(1) or str(ord(m.group(2)) - _CIRCLED_ONE + 1)
        if self.item is not None and self.item.marker == "item" and self._item_is_heading(self.item):
            heading = self.item
            self.item = None
            self.new_section(3, heading.number, heading.lines[0], heading.number_end)
        if self.item is None or self.item.marker == "subitem":
            self.close_item()
            self.open_section = None
            self.item = _Item(number, line.start + m.end(), [line], self.current_section, marker="subitem")
            return True
        return False

    def _continue(self, line: Line) -> None:
        """A line with no marker continues the open item, the open heading, or the preamble."""
        if self.item is not None:
            self.item.lines.append(line)
        elif self.open_section is not None:
            self.section_lines[self.open_section.index].append(line)
        elif self.stack:
            self.section_lines[self.stack[-1].index].append(line)
        else:
            self.preamble.append(line)

    def _cells(self, line: Line) -> list[MappedText]:
        cells, start = [], line.start
        for part in line.text.split("\t"):
            cells.append(self.b.mapped(start, start + len(part)))
            start += len(part) + 1
        return cells

    def _table_measures(self) -> list[Measure]:
        measures = []
        for table in self.measure_tables:
            for row in table.rows:
                parts = assign_cells(row.cells, table.roles)
                body = row_body(parts)
                if body is None or not body.text.strip():
                    continue
                numbers = parts.get("number")
                number = fold(numbers[0].text).strip() if numbers else str(len(measures) + 1)
                measures.append(self._measure(number, "numbered", body, row.section, []))
        return measures

    @staticmethod
    def _item_is_heading(item: _Item) -> bool:
        first = item.lines[0]
        rest = first.folded[item.number_end - first.start :]
        return len(item.lines) == 1 and len(rest) <= _MAX_ITEM_HEADING and not _NOT_A_HEADING.search(rest)

    def close_item(self) -> None:
        if self.item is not None:
            self.items.append(self.item)
            self.item = None

    def close(self) -> None:
        if self.header_cells:
            cells, self.header_cells = self.header_cells, []
            for cell in cells:
                self._feed(cell)
        self.close_item()
        b = self.b
        doc = self.doc
        if self.preamble:
            doc.body = b.join(self.preamble)
        doc.table_rows = [b.mapped(ln.start, ln.end) for ln in self.table]
        sections_with_items = {id(s) for it in self.items for s in (it.section.path if it.section else [])}
        measures: list[Measure] = []
        for section in doc.sections:
            lines = self.section_lines[section.index]
            first = lines[0]
            marker = (HEADING1 if section.level == 1 else HEADING2 if section.level == 2 else ITEM).match(
                first.folded
            )
            body = b.join(lines, first.start + (marker.end() if marker else 0))
            section.body = body
            if (
                section.level == 2
                and id(section) not in sections_with_items
                and _has_task_text(body.text)
                and not any(FRAME_SECTIONS.search(fold(s.title)) for s in section.path)
            ):
                measures.append(self._measure(section.number, "paragraph", body, section.parent, lines))
        for item in self.items:
            body = b.join(item.lines, item.number_end)
            measures.append(self._measure(item.number, "numbered", body, item.section, item.lines))
        measures.extend(self._table_measures())
        measures.sort(key=lambda m: m.span[0])
        for order, m in enumerate(measures, start=1):
            m.order = order
        doc.measures = measures
        if doc.sections or doc.measures:
            last = max([m.span[1] for m in measures] + [s.span[1] for s in doc.sections])
            doc.span = (doc.span[0], max(doc.span[1], last))
        if self.table:
            doc.span = (doc.span[0], max(doc.span[1], b.span(self.table[-1].start, self.table[-1].end)[1]))

    def _measure(
        self, number: str, kind: str, body: MappedText, section: Section | None, lines: list[Line]
    ) -> Measure:
        title = None
        bold = _BOLD_TITLE.match(body.text)
        if bold:
            title = clean_title(bold.group(1)).rstrip("。.")
        body = body.sub(_BOLD, "").strip()
        if title is None:
            title = _leading_title(body.text)
        return Measure(
            order=0,
            number=number,
            kind=kind,
            text=body.written(),
            span=body.span(0, len(body.text)),
            section=section,
            title=title or None,
            body=body,
        )


def _has_task_text(body: str) -> bool:
    """True when a heading paragraph says more than its own title."""
    sentence = _TITLE_SENTENCE.match(fold(body))
    if sentence is None:  # no short title sentence: a paragraph that is task text from its first word
        return len(re.sub(r"\s", "", body)) >= _MIN_TASK_PARAGRAPH and bool(re.search(r"[，,；;。]", body))
    return len(re.sub(r"\s", "", body[sentence.end() :])) >= _MIN_TASK_AFTER_TITLE


def _leading_title(body: str) -> str | None:
    """Return the short phrase before the first 。 when more task text follows it."""
    folded = fold(body)
    m = _LEADING_TITLE.match(folded)
    if not m:
        return None
    rest = folded[m.end() :].strip()
    rest = _LONE_CLAUSE.sub("", rest)  # a lone clause is no task text
    if len(rest) < _MIN_TEXT_AFTER_TITLE:
        return None
    return body[: m.end(1)].strip()
