"""One document of a notice, built as its lines arrive: sections, numbered items, measure tables.

:class:`DocState` is the line-by-line state machine: a heading opens a section, a numbered item
opens a measure, a table header opens a measure table, and any other line continues whatever is
open — which is how sentences broken by page breaks are mended. :meth:`DocState.close` turns what
was collected into the document's sections and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.extract.columns import UNIT_ROLES
from policykg.loaders.extract.glued_rows import find_glued_table
from policykg.loaders.extract.grid import Header, MeasureTable, TableRow, find_header
from policykg.loaders.extract.lines import (
    HEADING1,
    HEADING2,
    ITEM,
    SUBITEM,
    Line,
    is_table_row,
    split_lines,
)
from policykg.loaders.extract.model import Document, Measure, Section
from policykg.loaders.extract.paragraphs import (
    TITLE_SENTENCE,
    assigns_units,
    has_task_text,
    is_label_line,
    leading_title,
    value_is_whole,
)
from policykg.loaders.extract.tables import assign_cells, row_body
from policykg.loaders.extract.vocabulary import (
    FRAME_SECTION_WORDS,
    LEAD,
    RESPONSIBLE,
    alternation,
)
from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText, concat

# Sections of a plan that frame it rather than assign tasks: their paragraphs are not measures.
FRAME_SECTIONS = re.compile(alternation(FRAME_SECTION_WORDS))
_BOLD = re.compile(r"\*\*")
# a numbered item that is a heading over sub-items: short, unpunctuated, naming no role
_NOT_A_HEADING = re.compile(rf"[。;；]|{alternation((RESPONSIBLE.zh, LEAD.zh))}")
_BOLD_TITLE = re.compile(r"^\s*\*\*(.+?)\*\*")
_CIRCLED_ONE = 0x2460  # ①: circled numbers run ① … ⑳ from here
_MAX_ITEM_HEADING = 40  # a numbered item longer than this is a task, not a heading over sub-items


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
        self.index = {line.start: k for k, line in enumerate(self.lines)}
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
        labelled = False  # the line before opens with a label
        for k, line in enumerate(lines):
            start = first_start if k == 0 and first_start is not None else line.start
            label = is_label_line(line)
            if k > 0 and (label or labelled and value_is_whole(lines[k - 1])):
                o = self.repaired.origin[line.start]
                parts.append(MappedText("\n", (o, o)))
            parts.append(self.mapped(start, line.end))
            labelled = label
        return concat(parts)


@dataclass
class _Item:
    number: str
    number_end: int  # where the body starts in the repaired text
    lines: list[Line]
    section: Section | None
    marker: str = "item"  # "item" for 1. / 1、, "subitem" for （1） / ①


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
        self.measure_tables: list[MeasureTable] = []
        self.active: MeasureTable | None = None  # the measure table lines are read into
        self.skip_to = 0  # index of the first line after a header already read
        self.table_sections: set[int] = set()  # sections opened by a table's section rows

    def in_table(self, line: Line) -> bool:
        """True while the document is a table that no numbered item has interrupted."""
        if self.active is not None and self.active.layout == "cells":
            return True
        return bool(self.table) and not self.items

    def new_section(self, level: int, number: str, line: Line, marker_end: int) -> Section:
        """Open a section at ``level`` headed by ``line``; return it."""
        heading = line.text[marker_end - line.start :]
        sentence = TITLE_SENTENCE.match(fold(heading))
        title_text = sentence.group(1) if sentence and level >= 2 else heading
        return self._open(level, number, title_text, line)

    def table_section(self, level: int, number: str, title: MappedText, line: Line) -> Section:
        """Open a section for a table's section row or category cell; return it."""
        section = self._open(level, number, title.text, line)
        self.table_sections.add(section.index)
        return section

    def _open(self, level: int, number: str, title_text: str, line: Line) -> Section:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
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
        at = self.b.index[line.start]
        if at < self.skip_to:
            return  # a line of a header already read
        if self._glued_table(line, at):
            return
        header = find_header(self.b.lines, at, self.b.repaired)
        if header is not None:
            self.close_item()
            self.open_section = None
            self.active = MeasureTable(header, self)
            self.measure_tables.append(self.active)
            self.skip_to = header.end
            return
        if self.active is not None:
            if self.active.take(line, self.b.repaired):
                return
            if self.active.layout != "tab":  # a tab table goes on after lines between its rows
                self.active = None
        if is_table_row(line):
            self.close_item()
            self.table.append(line)
            return
        if not self._feed_marker(line):
            self._continue(line)

    def _glued_table(self, line: Line, at: int) -> bool:
        """Read a table a shared document glued into running text (see :mod:`glued_rows`)."""
        glued = find_glued_table(self.b.lines, at, self.b.repaired)
        if glued is None:
            return False
        self.close_item()
        self.open_section = None
        table = MeasureTable(Header(glued.roles, "glued", at + 1), self)
        table.rows = [TableRow(cells, self.current_section, cells[0].text, [line]) for cells in glued.rows]
        self.measure_tables.append(table)
        self.active = None
        return True

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

    def _table_measures(self) -> list[Measure]:
        measures = []
        for table in self.measure_tables:
            carried: dict[str, list] = {}
            section: Section | None = None
            for row in table.rows:
                if row.section is not section:  # merged cells never reach over a section row
                    carried, section = {}, row.section
                parts = assign_cells(
                    row.cells, table.roles, by_position=table.layout in ("tab", "pipe", "space", "glued")
                )
                inherited = _carry_down(parts, carried, table.roles)
                body = row_body(parts)
                if body is None or not body.text.strip():
                    continue
                numbers = parts.get("number")
                number = fold(numbers[0].text).strip() if numbers else row.number or str(len(measures) + 1)
                span = _row_span(row, body.strip().span(0, 1)[0])
                measure = self._measure(number, "numbered", body, row.section, [], span)
                measure.inherited = inherited
                measures.append(measure)
        return measures

    @staticmethod
    def _item_is_heading(item: _Item) -> bool:
        first = item.lines[0]
        rest = first.folded[item.number_end - first.start :].rstrip().rstrip("。")  # 推进义务教育优质均衡。
        return len(item.lines) == 1 and len(rest) <= _MAX_ITEM_HEADING and not _NOT_A_HEADING.search(rest)

    def close_item(self) -> None:
        if self.item is not None:
            self.items.append(self.item)
            self.item = None

    def close(self) -> None:
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
                and section.index not in self.table_sections
                and (
                    assigns_units(body.text)
                    or has_task_text(body.text)
                    and not any(FRAME_SECTIONS.search(fold(s.title)) for s in section.path)
                )
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
        self,
        number: str,
        kind: str,
        body: MappedText,
        section: Section | None,
        lines: list[Line],
        span: tuple[int, int] | None = None,
    ) -> Measure:
        title = None
        bold = _BOLD_TITLE.match(body.text)
        if bold:
            title = clean_title(bold.group(1)).rstrip("。.")
        body = body.sub(_BOLD, "").strip()
        if title is None:
            title = leading_title(body.text)
        return Measure(
            order=0,
            number=number,
            kind=kind,
            text=body.written(),
            span=span or body.span(0, len(body.text)),
            section=section,
            title=title or None,
            body=body,
        )


def _carry_down(
    parts: dict[str, list[MappedText]], carried: dict[str, list], roles: list[str | None]
) -> bool:
    """Fill a row's merged (absent) unit and time cells from the row above; return whether units were.

    ``carried`` holds the last units and time seen and is updated with this row's own.
    """
    units = {r: parts[r] for r in UNIT_ROLES if r in parts}
    inherited = False
    if any(r in UNIT_ROLES for r in roles):
        if units:
            carried["units"] = [(r, c) for r, cells in units.items() for c in cells]
        elif carried.get("units"):
            for role, cell in carried["units"]:
                parts.setdefault(role, []).append(cell)
            inherited = True
    if "deadline" in roles:
        if "deadline" in parts:
            carried["deadline"] = parts["deadline"]
        elif carried.get("deadline"):
            parts["deadline"] = list(carried["deadline"])
    return inherited


def _row_span(row: TableRow, body_start: int) -> tuple[int, int] | None:
    """Return the source span of a row's own cells from its body's first (task) cell on.

    The number and category cells before the task are the measure's number and path, not its text.
    """
    cells = [c for c in row.cells if c.text]
    if not cells:
        return None
    return max(body_start, cells[0].span(0, len(cells[0].text))[0]), cells[-1].span(0, len(cells[-1].text))[1]
