"""The document tree of a notice: notice → plans / task lists / indicator tables → sections → measures.

Works line by line on the repaired text. A line is a heading (``一、`` / ``（一）``), a numbered item
(``1.`` / ``1、`` / ``（1）``), a table row, an attachment marker, a title, or text that continues
whatever came before it — which is how sentences broken by page breaks are mended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.extract.lines import (
    ATTACHMENT_LIST,
    ATTACHMENT_MARK,
    DATE_LINE,
    DOC_NUMBER,
    FIELD_LABEL,
    HEADING1,
    HEADING2,
    ITEM,
    NOTICE_TITLE_END,
    SENTENCE_PUNCT,
    SUBITEM,
    TITLE_END,
    Line,
    cn_number,
    is_table_row,
    is_title_like,
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
from policykg.loaders.extract.vocabulary import FRAME_SECTION_WORDS, TASK_LIST_WORDS, alternation
from policykg.text.folding import fold, folded_key
from policykg.text.mapped_text import MappedText, concat

# Sections of a plan that frame it rather than assign tasks: their paragraphs are not measures.
FRAME_SECTIONS = re.compile(alternation(FRAME_SECTION_WORDS))
_DOC_START = re.compile(r"^(?:为|根据|按照|依据|为了|近年来|当前|经|现将|现就|各|\(|一[、.])")
_BOLD = re.compile(r"\*\*")
_TITLE_SENTENCE = re.compile(r"^(?:\*\*)?([^。;!?；！？]{2,40}?)[。.](?:\*\*)?")
_ORG_LINE_END = re.compile(r"(?:办公室|办公厅|政府|委员会|领导小组|局|委|厅|院|部|中心|公司|文件)$")
_TASK_LIST = re.compile(alternation(TASK_LIST_WORDS))
_MAX_HEADER_LINES = 14


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


@dataclass
class Outline:
    """The documents of one source, with measures' bodies ready for extraction."""

    documents: list[Document]
    year: int | None = None
    attachment_titles: list[str] = field(default_factory=list)


def document_kind(title: str, rows: int = 0) -> str:
    """Return the kind of document a title names: notice, task_list, indicator_table or plan."""
    compact = folded_key(title)
    if re.search(r"指标", compact) and re.search(r"表|一览", compact):
        return "indicator_table"
    if _TASK_LIST.search(compact):
        return "task_list"
    if (
        NOTICE_TITLE_END.search(compact)
        and compact.startswith(("关于", "印发"))
        or "关于" in compact[:20]
        and compact.endswith("通知")
    ):
        return "notice"
    return "plan"


def clean_title(text: str) -> str:
    """Return a title with bold markers and the spaces PDF extraction put inside it removed."""
    text = _BOLD.sub("", text)
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text).strip()


class _Builder:
    def __init__(self, repaired: MappedText, folded: str) -> None:
        self.repaired = repaired
        self.folded = folded
        self.lines = split_lines(repaired.text, folded)
        self.documents: list[Document] = []
        self.section_count = 0
        self.year: int | None = None
        self.attachment_titles: list[str] = []

    # -- helpers -------------------------------------------------------------------------------
    def mapped(self, start: int, end: int) -> MappedText:
        return self.repaired.slice(start, end)

    def span(self, start: int, end: int) -> tuple[int, int]:
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

    def next_line(self, i: int) -> Line | None:
        return self.lines[i + 1] if i + 1 < len(self.lines) else None

    def starts_document(self, i: int) -> bool:
        """True when line ``i`` is a title followed by what a document starts with."""
        line = self.lines[i]
        if not is_title_like(line):
            return False
        nxt = self.next_line(i)
        if nxt is None:
            return False
        c = nxt.compact
        return bool(
            _DOC_START.match(c)
            or HEADING1.match(c)
            or ITEM.match(c)
            or is_table_row(nxt)
            or DATE_LINE.match(c)
            or HEADING2.match(c)
            or is_header_cell(nxt.text)
        )

    # -- notice header ---------------------------------------------------------------------------
    def parse_notice(self) -> int:
        """Read a notice's header, body and signature; return the index of the first line after it."""
        lines = self.lines
        head = lines[:_MAX_HEADER_LINES]
        number_at = next((k for k, ln in enumerate(head) if DOC_NUMBER.fullmatch(ln.compact)), None)
        title_at = title_end = None
        for k in range((number_at or -1) + 1, len(head)):
            joined = ""
            for j in range(k, min(k + 3, len(lines))):
                if SENTENCE_PUNCT.search(lines[j].compact) or is_table_row(lines[j]):
                    break
                joined += lines[j].compact
                if NOTICE_TITLE_END.search(joined) and (
                    "关于" in joined or "印发" in joined or joined.endswith("通知")
                ):
                    title_at, title_end = k, j
                    break
            if title_at is not None:
                break
        if title_at is None:
            return 0
        title_lines = lines[title_at : title_end + 1]
        title = clean_title("".join(ln.text for ln in title_lines))
        notice = Document(
            index=0,
            kind="notice",
            title=title,
            span=self.span(lines[0].start, lines[title_end].end),
        )
        header_issuers = [
            re.sub(r"文件$", "", clean_title(ln.text))
            for ln in lines[: number_at if number_at is not None else title_at]
            if _ORG_LINE_END.search(ln.compact) and not SENTENCE_PUNCT.search(ln.compact)
        ]
        if number_at is not None:
            notice.doc_number = clean_title(lines[number_at].text)
            self.year = int(DOC_NUMBER.search(lines[number_at].compact).group(1))
        # the body runs to the first document that follows, or to the first heading or item
        k = title_end + 1
        while k < len(lines):
            c = lines[k].compact
            if (
                ATTACHMENT_MARK.match(c)
                or self.starts_document(k)
                or HEADING1.match(c)
                or ITEM.match(c)
                or HEADING2.match(c)
            ):
                break
            k += 1
        end = k
        signature: list[str] = []
        j = end - 1
        while j > title_end:
            c = lines[j].compact
            date = DATE_LINE.match(c)
            if date:
                notice.issued = notice.issued or _iso_date(date)
            elif _ORG_LINE_END.search(c) and not SENTENCE_PUNCT.search(c) and len(c) <= 40:
                signature.insert(0, clean_title(lines[j].text))
            elif not re.fullmatch(r"[(（]?此页无正文[)）]?", c):
                break
            j -= 1
        notice.issuers = signature or header_issuers
        body_lines = lines[title_end + 1 : j + 1]
        if body_lines:
            notice.body = self.join(body_lines)
        notice.span = self.span(lines[0].start, lines[end - 1].end)
        if notice.issued and self.year is None:
            self.year = int(notice.issued[:4])
        self.documents.append(notice)
        return end

    # -- documents, sections and items -------------------------------------------------------------
    def new_document(self, title_lines: list[Line]) -> Document:
        title = clean_title("".join(ln.text for ln in title_lines))
        parent = self.documents[0] if self.documents and self.documents[0].kind == "notice" else None
        doc = Document(
            index=len(self.documents),
            kind=document_kind(title),
            title=title,
            span=self.span(title_lines[0].start, title_lines[-1].end),
            parent=parent,
        )
        self.documents.append(doc)
        return doc

    def build(self) -> Outline:
        i = self.parse_notice()
        lines = self.lines
        doc: Document | None = self.documents[0] if self.documents else None
        state = _DocState(self, doc) if doc is not None else None
        preamble: list[Line] = []
        while i < len(lines):
            line = lines[i]
            c = line.compact
            listed = ATTACHMENT_LIST.match(c)
            if listed:
                self.attachment_titles.append(clean_title(listed.group(1)))
                i += 1
                while (
                    i < len(lines)
                    and ITEM.match(lines[i].compact)
                    and is_title_like(Line(0, 0, "", ITEM.sub("", lines[i].compact)))
                ):
                    self.attachment_titles.append(clean_title(ITEM.sub("", lines[i].folded)))
                    i += 1
                continue
            if ATTACHMENT_MARK.match(c) and i + 1 < len(lines):
                title_lines = [lines[i + 1]]
                i += 2
                if (
                    i < len(lines)
                    and not TITLE_END.search(title_lines[0].compact)
                    and is_title_like(Line(0, 0, "", title_lines[0].compact + lines[i].compact))
                ):
                    title_lines.append(lines[i])
                    i += 1
                if state:
                    state.close()
                doc = self.new_document(title_lines)
                state = _DocState(self, doc)
                continue
            if self.starts_document(i) and not (state and state.in_table(line)):
                if state:
                    state.close()
                doc = self.new_document([line])
                state = _DocState(self, doc)
                i += 1
                continue
            if state is None:
                if HEADING1.match(c) or ITEM.match(c) or HEADING2.match(c):
                    doc = self.new_document(
                        [preamble[0]] if preamble else [Line(line.start, line.start, "", "")]
                    )
                    if not preamble:
                        doc.title = ""
                    state = _DocState(self, doc)
                    state.preamble.extend(preamble[1:])
                else:
                    preamble.append(line)
                    i += 1
                    continue
            state.feed(line)
            i += 1
        if state:
            state.close()
        return Outline(self.documents, self.year, self.attachment_titles)


def _iso_date(m: re.Match[str]) -> str | None:
    year, month, day = (cn_number(g) for g in m.groups())
    if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


class _DocState:
    """Collects one document's sections and items as its lines arrive."""

    def __init__(self, builder: _Builder, doc: Document) -> None:
        self.b = builder
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
        return bool(self.table) and not self.items

    def new_section(self, level: int, number: str, line: Line, marker_end: int) -> Section:
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
            parent=self.stack[-1] if self.stack else None,
        )
        self.b.section_count += 1
        self.stack.append(section)
        self.doc.sections.append(section)
        self.section_lines[section.index] = [line]
        return section

    def feed(self, line: Line) -> None:
        if self.header_cells and not is_header_cell(line.text):
            cells, self.header_cells = self.header_cells, []
            roles = header_roles([ln.text for ln in cells])
            if roles and len(cells) >= 3:
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
        c = line.folded
        table = self._table()
        if is_table_row(line):
            self.close_item()
            cells = self._cells(line)
            roles = header_roles([cell.text for cell in cells])
            if roles:
                self.measure_tables.append(_MeasureTable(roles, one_cell_per_line=False))
            elif table is not None and not table.one_cell_per_line:
                table.rows.append(_TableRow(cells, self.stack[-1] if self.stack else None))
            else:
                self.table.append(line)
            return
        if table is not None and table.one_cell_per_line and not (HEADING1.match(c) or HEADING2.match(c)):
            cell = self.b.mapped(line.start, line.end)
            if is_row_number(line.text) or not table.rows:
                table.rows.append(_TableRow([cell], self.stack[-1] if self.stack else None))
            else:
                table.rows[-1].cells.append(cell)
            return
        if table is not None and table.one_cell_per_line:
            self.measure_tables.append(_MeasureTable(table.roles, one_cell_per_line=False))  # close the table
        m = HEADING1.match(c)
        if m:
            self.close_item()
            self.open_section = None
            self.new_section(1, m.group(1), line, line.start + m.end())
            return
        m = HEADING2.match(c)
        if m:
            self.close_item()
            self.open_section = self.new_section(2, m.group(1), line, line.start + m.end())
            return
        m = ITEM.match(c)
        if m:
            self.close_item()
            self.open_section = None
            self.item = _Item(
                m.group(1), line.start + m.end(), [line], self.stack[-1] if self.stack else None
            )
            return
        m = SUBITEM.match(c)
        if m:
            number = m.group(1) or str(ord(m.group(2)) - 0x245F)
            if self.item is not None and self.item.marker == "item" and self._item_is_heading(self.item):
                heading = self.item
                self.item = None
                self.new_section(3, heading.number, heading.lines[0], heading.number_end)
            if self.item is None or self.item.marker == "subitem":
                self.close_item()
                self.open_section = None
                self.item = _Item(
                    number,
                    line.start + m.end(),
                    [line],
                    self.stack[-1] if self.stack else None,
                    marker="subitem",
                )
                return
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
        return len(item.lines) == 1 and len(rest) <= 40 and not re.search(r"[。;；]|负责|牵头", rest)

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
        bold = re.match(r"^\s*\*\*(.+?)\*\*", body.text)
        if bold:
            title = clean_title(bold.group(1)).rstrip("。.")
        body = body.sub(_BOLD, "").strip()
        if title is None:
            title = _leading_title(body.text)
        return Measure(
            order=0,
            number=number,
            kind=kind,
            text=body.text,
            span=body.span(0, len(body.text)),
            section=section,
            title=title or None,
            body=body,
        )


def _has_task_text(body: str) -> bool:
    """True when a heading paragraph says more than its own title."""
    sentence = _TITLE_SENTENCE.match(fold(body))
    if sentence is None:  # no short title sentence: a paragraph that is task text from its first word
        return len(re.sub(r"\s", "", body)) >= 30 and bool(re.search(r"[，,；;。]", body))
    return len(re.sub(r"\s", "", body[sentence.end() :])) >= 10


def _leading_title(body: str) -> str | None:
    """Return the short phrase before the first 。 when more task text follows it."""
    folded = fold(body)
    m = re.match(r"^([^。;,，、:()《》]{2,30})。", folded)
    if not m:
        return None
    rest = folded[m.end() :].strip()
    rest = re.sub(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)[。.]?", "", rest)  # a lone clause is no task text
    if len(rest) < 4:
        return None
    return body[: m.end(1)].strip()


def parse_outline(repaired: MappedText) -> Outline:
    """Return the documents, sections and measures of a repaired notice."""
    return _Builder(repaired, fold(repaired.text)).build()
