"""The document tree of a notice: notice → plans / task lists / indicator tables → sections → measures.

Works line by line on the repaired text. A line is a heading (``一、`` / ``（一）``), a numbered item
(``1.`` / ``1、`` / ``（1）``), a table row, an attachment marker, a title, or text that continues
whatever came before it. This module finds where documents start — the covering notice's header,
body and signature, attachment markers, titles — and hands each document's lines to a
:class:`~policykg.loaders.extract.document_state.DocState`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.extract.document_state import DocState, NoticeLines, clean_title
from policykg.loaders.extract.furniture import is_furniture, page_title
from policykg.loaders.extract.glued_rows import find_glued_table
from policykg.loaders.extract.grid import find_header
from policykg.loaders.extract.lines import (
    ATTACHMENT_LIST,
    ATTACHMENT_MARK,
    DATE_LINE,
    DOC_NUMBER,
    HEADING1,
    HEADING2,
    ITEM,
    NOTICE_TITLE_END,
    SENTENCE_PUNCT,
    TITLE_END,
    Line,
    cn_number,
    is_table_row,
    is_title_like,
)
from policykg.loaders.extract.model import Document
from policykg.loaders.extract.tables import is_header_cell
from policykg.loaders.extract.vocabulary import TASK_LIST_WORDS, alternation
from policykg.text.folding import fold, folded_key
from policykg.text.mapped_text import MappedText

__all__ = ["Outline", "clean_title", "document_kind", "parse_outline"]

# how a document's text opens after its title: 为…, 根据…, 各…, 一、…
_DOC_START = re.compile(r"^(?:为|根据|按照|依据|为了|近年来|当前|经|现将|现就|各|\(|一[、.])")
# a line naming an issuing body: …办公室, …人民政府, …局, …文件
_ORG_LINE_END = re.compile(r"(?:办公室|办公厅|政府|委员会|领导小组|局|委|厅|院|部|中心|公司|文件)$")
_TASK_LIST = re.compile(alternation(TASK_LIST_WORDS))
# the red header above a notice's title: 某某县人民政府文件, 沈河政发文件
_FILE_HEADER = re.compile(r"[\u4e00-\u9fff]{2,20}文件")
# a blank signature page's note: （此页无正文）
_NO_TEXT_PAGE = re.compile(r"[(（]?此页无正文[)）]?")
_MAX_HEADER_LINES = 14  # the notice's title is looked for in its first lines only
_MAX_TITLE_LINES = 3  # a notice title broken over more lines than this is not read as one
_TITLE_CANDIDATES = 3  # opening lines an untitled text's title is chosen from
_SECTION_LABEL = 6  # an opening line of this many characters or fewer is a page's section label
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MAX_SIGNATURE_LINE = 40  # a longer line is text, not the name of a signing body
_ABOUT_WITHIN = 20  # a title with 关于 this near its start, ending in 通知, is a notice


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
        or "关于" in compact[:_ABOUT_WITHIN]
        and compact.endswith("通知")
    ):
        return "notice"
    return "plan"


class _Builder(NoticeLines):
    def __init__(self, repaired: MappedText, folded: str) -> None:
        super().__init__(repaired, folded)
        self.documents: list[Document] = []
        self.year: int | None = None
        self.attachment_titles: list[str] = []

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
        found = self._notice_title(number_at)
        if found is None:
            return 0
        title_at, title_end = found
        title = page_title(clean_title("".join(ln.text for ln in lines[title_at : title_end + 1])))
        number_in_title = DOC_NUMBER.match(fold(title))  # 津政办规〔2023〕4号天津市人民政府…的通知
        notice = Document(
            index=0,
            kind="notice",
            title=title[number_in_title.end() :].strip() if number_in_title else title,
            span=self.span(lines[0].start, lines[title_end].end),
        )
        if number_in_title:
            notice.doc_number = title[: number_in_title.end()]
        header_issuers = [
            re.sub(r"文件$", "", clean_title(ln.text))
            for ln in lines[: number_at if number_at is not None else title_at]
            if _ORG_LINE_END.search(ln.compact)
            and not SENTENCE_PUNCT.search(ln.compact)
            and not is_furniture(ln.folded)
        ]
        if number_at is not None:
            notice.doc_number = clean_title(lines[number_at].text)
            self.year = int(DOC_NUMBER.search(lines[number_at].compact).group(1))
        end = self._notice_end(title_end)
        signature, last_body_line = self._signature(notice, title_end, end)
        notice.issuers = signature or header_issuers
        body_lines = lines[title_end + 1 : last_body_line + 1]
        if body_lines:
            notice.body = self.join(body_lines)
        notice.span = self.span(lines[0].start, lines[end - 1].end)
        if notice.issued and self.year is None:
            self.year = int(notice.issued[:4])
        self.documents.append(notice)
        return end

    def _notice_title(self, number_at: int | None) -> tuple[int, int] | None:
        """Return the first and last line of the notice's title (关于印发…的通知), or None.

        The title is looked for after the document number, then (a web page printing the title
        above its page fields and the number) before it; page furniture is never part of it.
        """
        after_number = (number_at or -1) + 1
        return self._title_from(after_number) or (self._title_from(0) if after_number else None)

    def _title_from(self, first: int) -> tuple[int, int] | None:
        lines = self.lines
        for k in range(first, min(_MAX_HEADER_LINES, len(lines))):
            if is_furniture(lines[k].folded) or _FILE_HEADER.fullmatch(lines[k].compact):
                continue  # a page field, or the red header 沈河政发文件 above the title
            joined = ""
            for j in range(k, min(k + _MAX_TITLE_LINES, len(lines))):
                if (
                    SENTENCE_PUNCT.search(lines[j].compact)
                    or is_table_row(lines[j])
                    or is_furniture(lines[j].folded)
                ):
                    break
                joined += lines[j].compact
                if NOTICE_TITLE_END.search(joined) and (
                    "关于" in joined or "印发" in joined or joined.endswith("通知")
                ):
                    return k, j
        return None

    def _notice_end(self, title_end: int) -> int:
        """Return the index of the line after the notice: the first document, heading or item."""
        k = title_end + 1
        while k < len(self.lines):
            c = self.lines[k].compact
            if (
                ATTACHMENT_MARK.match(c)
                or self.starts_document(k)
                or HEADING1.match(c)
                or ITEM.match(c)
                or HEADING2.match(c)
                or find_header(self.lines, k, self.repaired) is not None  # a task table, no 附件 line
            ):
                break
            k += 1
        return k

    def _signature(self, notice: Document, title_end: int, end: int) -> tuple[list[str], int]:
        """Read the signing bodies and date back from the notice's end; return them and the body's last line."""
        signature: list[str] = []
        j = end - 1
        while j > title_end:
            c = self.lines[j].compact
            date = DATE_LINE.match(c)
            if date:
                notice.issued = notice.issued or _iso_date(date)
            elif _ORG_LINE_END.search(c) and not SENTENCE_PUNCT.search(c) and len(c) <= _MAX_SIGNATURE_LINE:
                signature.insert(0, clean_title(self.lines[j].text))
            elif not _NO_TEXT_PAGE.fullmatch(c):
                break
            j -= 1
        return signature, j

    # -- documents, sections and items -------------------------------------------------------------
    def new_document(self, title_lines: list[Line]) -> Document:
        """Start a document titled by ``title_lines``, part of the covering notice if there is one."""
        title = page_title(clean_title("".join(ln.text for ln in title_lines)))
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
        """Read every line; return the documents found."""
        i = self.parse_notice()
        lines = self.lines
        state = DocState(self, self.documents[0]) if self.documents else None
        preamble: list[Line] = []
        while i < len(lines):
            line = lines[i]
            c = line.compact
            if ATTACHMENT_LIST.match(c):
                i = self._attachment_list(i)
                continue
            if ATTACHMENT_MARK.match(c) and i + 1 < len(lines):
                title_lines, i = self._attachment_title(i)
                state = self._switch(state, title_lines)
                continue
            if self.starts_document(i) and not (state and state.in_table(line)):
                state = self._switch(state, [line])
                i += 1
                continue
            if state is None:
                opens_table = (
                    find_header(lines, i, self.repaired) is not None
                    or find_glued_table(lines, i, self.repaired) is not None
                )
                if not (HEADING1.match(c) or ITEM.match(c) or HEADING2.match(c) or opens_table):
                    preamble.append(line)
                    i += 1
                    continue
                state = self._untitled(line, preamble)
                if opens_table:  # a table header with no document open: a task list
                    state.doc.kind = "task_list"
            state.feed(line)
            i += 1
        if state:
            state.close()
        return Outline(self.documents, self.year, self.attachment_titles)

    def _switch(self, state: DocState | None, title_lines: list[Line]) -> DocState:
        """Close the current document and start the one ``title_lines`` name."""
        if state:
            state.close()
        return DocState(self, self.new_document(title_lines))

    def _untitled(self, line: Line, preamble: list[Line]) -> DocState:
        """Start a document at the first heading of a text with no title: its first line, if any."""
        preamble = [ln for ln in preamble if not is_furniture(ln.folded)]
        titled = next((k for k, ln in enumerate(preamble) if is_title_like(ln)), None)
        if titled is None and preamble and len(_CJK.findall(preamble[0].compact)) <= _SECTION_LABEL:
            # the page's section label (全文, 政府信息公开) opens it: the next unpunctuated longer line
            longer = (
                k
                for k, ln in enumerate(preamble[1:_TITLE_CANDIDATES], start=1)
                if len(_CJK.findall(ln.compact)) > _SECTION_LABEL and not SENTENCE_PUNCT.search(ln.compact)
            )
            titled = next(longer, None)
        titled = titled or 0
        doc = self.new_document([preamble[titled]] if preamble else [Line(line.start, line.start, "", "")])
        if not preamble:
            doc.title = ""
        state = DocState(self, doc)
        state.preamble.extend(preamble[:titled] + preamble[titled + 1 :])
        return state

    def _attachment_list(self, i: int) -> int:
        """附件：1. A 2. B — record the titles listed; return the index of the line after the list."""
        lines = self.lines
        self.attachment_titles.append(clean_title(ATTACHMENT_LIST.match(lines[i].compact).group(1)))
        i += 1
        while (
            i < len(lines)
            and ITEM.match(lines[i].compact)
            and is_title_like(Line(0, 0, "", ITEM.sub("", lines[i].compact)))
        ):
            self.attachment_titles.append(clean_title(ITEM.sub("", lines[i].folded)))
            i += 1
        return i

    def _attachment_title(self, i: int) -> tuple[list[Line], int]:
        """附件1 on a line of its own: return the title lines after it and the index after them."""
        lines = self.lines
        title_lines = [lines[i + 1]]
        i += 2
        if (
            i < len(lines)
            and not TITLE_END.search(title_lines[0].compact)
            and is_title_like(Line(0, 0, "", title_lines[0].compact + lines[i].compact))
        ):
            title_lines.append(lines[i])
            i += 1
        return title_lines, i


def _iso_date(m: re.Match[str]) -> str | None:
    year, month, day = (cn_number(g) for g in m.groups())
    if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_outline(repaired: MappedText, folded: str | None = None) -> Outline:
    """Return the documents, sections and measures of a repaired notice (``folded``: its folded
    text, when the caller has it already)."""
    return _Builder(repaired, fold(repaired.text) if folded is None else folded).build()
