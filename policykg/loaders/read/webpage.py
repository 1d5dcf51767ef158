"""The notice's own content in a government web page, without the site around it.

A page wraps a notice in banners, menus, breadcrumbs, page fields (发布时间, 字号 大 中 小), share
buttons, related links and footers. trafilatura decides which blocks of the page are its content;
but its own output drops what a notice needs (the title, which sits outside the content; link-heavy
lines such as ``附件：<a>分工表</a>``) and rewrites tables. So its blocks are only used to find the
page element that holds them, and that element of the page itself is flattened as every HTML file
is (:func:`policykg.loaders.read.html.html_to_text`): bold, line breaks and tables stay as they are,
and the same page always gives the same text, so offsets into it are stable. The title as the page
shows it, and the page fields printed under it (发布机构：…), are put before that element's text.

When trafilatura finds nothing (a page that is all notice, a hostile one), or the page is too long
for it to read in reasonable time, the whole page is read.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from policykg.loaders.read.html import html_to_text

METHOD = "extracted from a web page"  # how a page's text was got when the site around it was cut away
# share of the content's characters the chosen element must hold: a stray block trafilatura also
# kept (a footer line) must not widen the choice to the whole page
CONTENT_SHARE = 0.9
# below this share of the content found in the page, the match is not trusted and the page is read whole
MIN_MATCHED_SHARE = 0.5
# content shorter than this is not a notice (trafilatura found a menu item on a page too deep for it)
MIN_CONTENT_CHARS = 20
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HIDDEN_FIELDS = _NOT_TEXT | {"a", "button", "select"}  # what a page field's value never is
_HEADINGS = ("h1", "h2", "h3")
_CELLS = ("td", "th")
_TABLE_PARTS = ("tbody", "thead", "tfoot", "tr")
_LAYOUT_BLOCKS = frozenset({"p", "div", "table", "h1", "h2", "h3", "ul", "ol", "section", "article"})
# a page field: a label of Chinese characters, a colon, a value up to a space or bracket (来源：某市人民政府)
_PAGE_FIELD = re.compile(r"([\u4e00-\u9fff]{2,6})\s*[:：]\s*([^\s\x00【】\[\]()（）|｜]+)")
_BARRIER = "\x00"  # stands between a page field's label and any text it must not take for its value
_INLINE = frozenset({"span", "font", "b", "strong", "em", "i", "u", "label", "small", "big", "sup", "sub"})
# marks that end or split a sentence: a notice's paragraphs have them, menus and footers do not
SENTENCE_MARKS = ("。", "，", "；", "、", "！", "？")
# pages longer than this are read whole: trafilatura took 3-6 s on a page of half a million characters
# in short paragraphs (a notice's page is rarely a fifth of that), the plain reader under 1 s
MAX_EXTRACTED_CHARS = 500_000
MIN_TITLE_CHARS = 4  # a block shorter than this is never taken for the title it opens
TITLE_SHARE = 0.6  # of trafilatura's title a block must show to be taken for it
MAX_REWINDS = 100  # searches of the whole page for a piece not found after the one before it
# what a page's 附件 links point to: documents and sheets, never other pages
ATTACHMENT_SUFFIXES = frozenset(
    {".doc", ".docx", ".wps", ".rtf", ".odt", ".pdf", ".ofd", ".xls", ".xlsx", ".et", ".ods", ".csv", ".txt"}
)


@dataclass(frozen=True)
class PageText:
    """What a web page gives: its text, and whether site furniture was cut away."""

    text: str
    extracted: bool  # True when only the notice's own element (and its title) was read


def page_to_text(html: str, path: str) -> PageText:
    """Return the text of the notice in a web page: its title, the page fields printed with it (发布机构：…,
    whose publisher may be the only place the notice names) and its content element; else the whole page.

    Raises :class:`policykg.errors.InputError` (from the HTML reader) on markup it cannot parse.
    """
    found = _content_element(html) if len(html) <= MAX_EXTRACTED_CHARS else None
    if found is None:
        return PageText(html_to_text(html, path), extracted=False)
    title, fields, fragment = found
    text = html_to_text(fragment, path)
    head = [title] if title and _squeeze(title) not in _squeeze(text) else []
    return PageText("".join(line + "\n" for line in [*head, *fields]) + text, extracted=True)


def _content_element(html: str) -> tuple[str, list[str], str] | None:
    """Return the page's title, its page fields and the HTML of the element holding its content, or None."""
    import lxml.html

    extracted = _extract(html)
    if extracted is None:
        return None
    title, pieces = extracted
    root = _parse(html)
    if root is None:
        return None
    element = _holder(root, pieces)
    if element is None or element.tag in ("html", "body"):
        return None
    heading = _title_heading(root, title)
    fields: list[str] = []
    if heading is not None:
        title = " ".join(heading.text_content().split())
        fields = _page_fields(heading, element)
    return title, fields, lxml.html.tostring(element, encoding="unicode", with_tail=False)


def _extract(html: str) -> tuple[str, list[str]] | None:
    """Return trafilatura's title and the squeezed text pieces of the content it keeps, or None."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every page it cannot read
    try:
        document = trafilatura.bare_extraction(
            html, include_tables=True, favor_precision=True, deduplicate=False, with_metadata=True
        )
    except Exception:  # noqa: BLE001 - any failure of the extractor means: read the whole page
        return None
    if document is None or document.body is None:
        return None
    lines = (line for text in document.body.itertext() for line in text.splitlines())
    pieces = [p for p in map(_squeeze, lines) if p]
    if sum(map(len, pieces)) < MIN_CONTENT_CHARS:
        return None
    return (document.title or "").strip(), pieces


def _holder(root, pieces: list[str]):  # noqa: ANN001, ANN202 - lxml elements
    """Return the deepest element of ``root`` holding CONTENT_SHARE of ``pieces``' characters, or None.

    When that element lays the page out in table cells (old sites: menu in one cell, notice in
    another, trafilatura keeping all), the deepest cell holding CONTENT_SHARE of the sentences is
    taken instead: menus, breadcrumbs and footers are not written in sentences.
    """
    weights, sentences = _weigh(root, pieces)
    if not weights:
        return None
    prose = sentences.get(root, 0)
    # elements holding more than half of anything lie on one line from the root down: the deepest
    # is the one with the most ancestors among them
    cells = [e for e, w in sentences.items() if e.tag in _CELLS and prose and w >= CONTENT_SHARE * prose]
    cells = [e for e in cells if _is_layout(e)]
    holders = cells or [e for e, w in weights.items() if w >= CONTENT_SHARE * weights[root]]
    holder = max(holders, key=lambda e: sum(1 for _ in _ancestors(e)))
    while holder.tag in _TABLE_PARTS or (holder.tag in _CELLS and not _is_layout(holder)):
        holder = holder.getparent()  # a task table is read whole, header row and all
    parent = holder.getparent()
    if holder.tag == "table" and parent is not None and parent.tag != "body" and not _links_beside(holder):
        holder = parent  # the lines around a task table (文号, its title) when nothing there is a link
    return holder


def _links_beside(element) -> bool:  # noqa: ANN001
    """True when ``element``'s parent holds a link outside ``element``."""
    return any(not any(a is element for a in _ancestors(link)) for link in element.getparent().iter("a"))


def _weigh(root, pieces: list[str]) -> tuple[dict, dict]:  # noqa: ANN001
    """Return how many characters of ``pieces`` each element of ``root`` holds, in all and in
    sentences; empty when too few of them are found in the page to trust the match."""
    page, starts, owners = _page_text(root)
    weights: dict = {}
    sentences: dict = {}
    cursor = rewinds = 0
    for piece in pieces:
        at = page.find(piece, cursor)
        if at < 0 and rewinds < MAX_REWINDS:  # trafilatura moved it up (a footer it kept, say)
            rewinds += 1
            at = page.find(piece)
        if at < 0:
            continue
        cursor = at + len(piece)
        prose = any(mark in piece for mark in SENTENCE_MARKS)
        node = bisect.bisect_right(starts, at) - 1
        while node < len(starts) and starts[node] < cursor:  # each text node the piece covers
            end = starts[node + 1] if node + 1 < len(starts) else len(page)
            covered = min(end, cursor) - max(starts[node], at)
            weights[owners[node]] = weights.get(owners[node], 0) + covered
            sentences[owners[node]] = sentences.get(owners[node], 0) + covered * prose
            node += 1
    if sum(weights.values()) < MIN_MATCHED_SHARE * sum(map(len, pieces)):
        return {}, {}
    return _add_up(root, weights), _add_up(root, sentences)


def _add_up(root, own: dict) -> dict:  # noqa: ANN001
    """Return, for each element, the sum of ``own`` over it and everything below it."""
    total = dict(own)
    for element in reversed(list(root.iter())):  # children before their parents
        parent = element.getparent()
        if element in total and parent is not None:
            total[parent] = total.get(parent, 0) + total[element]
    return total


def _is_layout(cell) -> bool:  # noqa: ANN001
    """True when a table cell holds blocks (paragraphs, divisions, tables): the page is laid out in it."""
    return any(isinstance(child.tag, str) and child.tag in _LAYOUT_BLOCKS for child in cell)


def _page_text(root) -> tuple[str, list[int], list]:  # noqa: ANN001
    """Return the page's visible text squeezed of whitespace, where each text node starts in it, and
    the element each text node belongs to (walked once, in document order)."""
    from lxml import etree

    parts: list[str] = []
    starts: list[int] = []
    owners: list = []
    length = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):  # a comment or processing instruction: only its tail shows
            text, owner = (element.tail if event == "end" else None), element.getparent()
        elif event == "start":
            text, owner = (None if element.tag in _NOT_TEXT else element.text), element
        else:
            text, owner = element.tail, element.getparent()
        squeezed = _squeeze(text) if text and owner is not None else ""
        if squeezed:
            parts.append(squeezed)
            starts.append(length)
            owners.append(owner)
            length += len(squeezed)
    return "".join(parts), starts, owners


def _ancestors(element) -> Iterator:  # noqa: ANN001
    """Yield ``element`` and each element above it, nearest first."""
    while element is not None:
        yield element
        element = element.getparent()


def _title_heading(root, title: str):  # noqa: ANN001, ANN202 - an lxml element or None
    """Return the element showing the page's title, or None: a heading whose text is in trafilatura's
    title or holds it, else any block whose text is most of it (trafilatura's title may carry the
    site's name: 关于…的通知_某市人民政府, where the page shows 关于…的通知 in a styled block)."""
    wanted = _squeeze(title)
    if not wanted:
        return None
    for heading in root.iter(*_HEADINGS):
        squeezed = _squeeze(heading.text_content())
        if squeezed and (squeezed in wanted or wanted in squeezed):
            return heading
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
            continue
        opening = _squeeze(element.text or "")
        if len(opening) >= MIN_TITLE_CHARS and wanted.startswith(opening):
            shown = _squeeze(element.text_content())
            if shown in wanted and len(shown) >= TITLE_SHARE * len(wanted):
                return element
    return None


def _page_fields(heading, content) -> list[str]:  # noqa: ANN001
    """Return the page fields (``发布机构：澄湾市人民政府办公室``) printed between the notice's title and
    its content, inside the element holding both, as one line (or none): what links say (字号 大 中 小,
    打印) and counters (浏览次数：1024, which change at every visit) are left out."""
    from lxml import etree

    ancestors = set(_ancestors(content))
    common = next((a for a in _ancestors(heading) if a in ancestors), None)
    if common is None or heading in ancestors:
        return []
    texts: list[str] = []
    hidden = 0  # depth inside links, scripts and the title itself
    for event, element in etree.iterwalk(common, events=("start", "end")):
        if element is content:
            break
        tag = element.tag if isinstance(element.tag, str) else ""
        hides = element is heading or tag in _HIDDEN_FIELDS
        if tag not in _INLINE:  # a value never runs on past a link or a block: 字号：<a>大</a></div><p>…
            texts.append(_BARRIER)
        if event == "start":
            hidden += hides
            if not hidden and tag:
                texts.append(element.text or "")
        else:
            hidden -= hides
            if not hidden:
                texts.append(element.tail or "")
    kept = [f"{label}：{value}" for label, value in _PAGE_FIELD.findall(" ".join(texts)) if _worth(value)]
    return [" ".join(kept)] if kept else []


def _worth(value: str) -> bool:
    """True when a page field's value says something lasting: words or a date, not a counter."""
    return bool(re.search(r"\w", value)) and not value.isdigit()


def _squeeze(text: str) -> str:
    """Return ``text`` without any whitespace (pages and extractors differ only in it)."""
    return "".join(text.split())


def attachment_links(page: str, base_url: str) -> list[str]:
    """Return the absolute http(s) URLs of the documents a web page links to, once each, in page order.

    A link is an attachment when its path, or the text it shows (``<a href="download.jsp?id=3">
    分工表.xlsx</a>``), ends in one of ATTACHMENT_SUFFIXES; fragments are dropped.
    """
    from posixpath import splitext
    from urllib.parse import urldefrag, urljoin, urlsplit

    root = _parse(page)
    if root is None:
        return []
    links: dict[str, None] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        try:
            url = urldefrag(urljoin(base_url, href)).url if href else ""
            parts = urlsplit(url)
        except ValueError:  # a malformed link (http://[x): nothing to fetch
            continue
        named = (splitext(parts.path)[1], splitext(anchor.text_content().strip())[1])
        if parts.scheme.lower() in ("http", "https") and any(s.lower() in ATTACHMENT_SUFFIXES for s in named):
            links[url] = None
    return list(links)


def _parse(html: str):  # noqa: ANN202 - an lxml element, or None
    """Return the page's element tree, or None when lxml cannot make one.

    The text goes to lxml as UTF-8 with the encoding said, so a page's own ``<?xml encoding=…?>``
    or ``<meta charset>`` cannot make it decode the text a second time.
    """
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(
            html.encode("utf-8", "surrogatepass"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):
        return None
