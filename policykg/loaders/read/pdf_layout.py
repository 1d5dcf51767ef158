"""A text-layer PDF's pages as placed lines: ruled tables found by pdfplumber, each row one line.

pypdf gives a ruled table's cells as runs of loose lines (a task cell wrapped six times comes out as
six lines before the row's departments), so the pages are read here from their characters' boxes:
pdfplumber (pdfminer.six) finds each table from its ruling lines, and a row becomes one line of
tab-separated cells as the other readers write table rows, a cell's wrapped lines joined. The text
outside tables is read line by line, a wide gap between characters a tab (a row of an unruled table,
as the OFD reader reads one); :mod:`pdf_wrap` joins the lines the page wrapped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from policykg.loaders.read.ocr_layout import CELL_GAP_CHARS, Line

UNITS_PER_POINT = 10  # positions are kept in tenths of a point, the layout helpers' integer units
# a page of tables has a few hundred crossings of ruling lines (40 rows of 6 cells: under 300)
MAX_CROSSINGS_PER_PAGE = 2500
MAX_CROSSINGS = 200_000  # for a whole document: a dense grid on every page takes 30 s at most
SPAN_SLACK_POINTS = 1.0  # a cell above whose bottom is this near a row's top ends there: it spans no further
SPACE_GAP_POINTS = 3.0  # and further apart than this, in different words
# the settings pdfplumber's table finder is given: tables from ruling lines only (text alone aligned
# in columns is a typed table, left to the extractor), the page's text boxes as pdfplumber defaults
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(frozen=True)
class LaidOutPage:
    """One page: its lines top to bottom, and whether it holds an image (a scanned page has no lines)."""

    lines: tuple[Line, ...]
    has_image: bool
    width: int  # in the lines' units: pages of one width share their margins


def read_pages(data: bytes) -> list[LaidOutPage]:
    """Return every page of the PDF ``data`` as lines; raises pdfminer's or pdfplumber's errors.

    Tables are looked for on a page whose ruling lines cross at most ``MAX_CROSSINGS_PER_PAGE``
    times, while the document's pages searched so far cross at most ``MAX_CROSSINGS`` times: the
    search grows with the square of the crossings, and a page past either bound is read as lines.
    """
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages, spent = [], 0
        for page in pdf.pages:
            crossings = _crossings(page)
            searched = crossings <= MAX_CROSSINGS_PER_PAGE and spent + crossings <= MAX_CROSSINGS
            spent += crossings if searched else 0
            lines = page_lines(page, find_tables=searched)
            # an image is asked for only where the page has no text: listing images walks its objects
            has_image = not lines and len(page.images) > 0
            pages.append(LaidOutPage(tuple(lines), has_image, _units(page.width)))
            page.close()  # drop the page's parsed objects: memory stays one page
        return pages


def _crossings(page) -> int:  # noqa: ANN001 - a pdfplumber Page
    """Return how many times the page's ruling lines can cross: horizontal ones times vertical ones."""
    edges = page.edges
    horizontal = sum(1 for edge in edges if edge["orientation"] == "h")
    return horizontal * (len(edges) - horizontal)


def page_lines(page, find_tables: bool = True) -> list[Line]:  # noqa: ANN001 - a pdfplumber Page
    """Return a page's lines top to bottom: text lines, and a line for each row of each ruled table
    (none when ``find_tables`` is false: the whole page is read as lines)."""
    tables = page.find_tables(TABLE_SETTINGS) if find_tables else []
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = [_text_line(found) for found in outside.extract_text_lines(return_chars=True)]
    for table in tables:
        lines.extend(_table_rows(table))
    return sorted(lines, key=lambda line: line.top)


def _inside(char: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """True when the centre of ``char`` lies in one of ``boxes`` (x0, top, x1, bottom)."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _units(points: float) -> int:
    return round(points * UNITS_PER_POINT)


def _text_line(found: dict) -> Line:
    """Return the line pdfplumber found (its characters, x0, x1, top, bottom in points) as a placed
    line; one whose characters a wide gap parts is a row of an unruled table, never wrapped."""
    text = _gapped_text(found["chars"]) or found["text"]
    return Line(
        text=text,
        top=_units(found["top"]),
        right=_units(found["x1"]),
        height=_units(found["bottom"] - found["top"]),
        table_row="\t" in text,
        left=_units(found["x0"]),
    )


def _gapped_text(chars: list[dict]) -> str:
    """Return the text of a line's characters, left to right: a tab where a gap wider than
    ``CELL_GAP_CHARS`` characters parts two cells, a space where the PDF has one or a gap of over
    ``SPACE_GAP_POINTS`` does (pdfplumber's own rule), nothing between characters set close."""
    out: list[str] = []
    before, spaced = None, False
    for char in sorted(chars, key=lambda c: c["x0"]):
        if char["text"].isspace():
            spaced = True
            continue
        if before is not None:
            gap = char["x0"] - before["x1"]
            if gap > CELL_GAP_CHARS * char["size"]:
                out.append("\t")
            elif spaced or gap > SPACE_GAP_POINTS:
                out.append(" ")
        out.append(char["text"])
        before, spaced = char, False
    return "".join(out)


def _table_rows(table) -> list[Line]:  # noqa: ANN001 - a pdfplumber Table
    """Return a line for each row of ``table`` holding text, its cells joined by tabs.

    A merged cell is written as the .docx reader writes it: once in its row when it spans columns,
    again in each row it spans down.
    """
    rows = []
    for row, texts in zip(table.rows, _cell_texts(table), strict=True):
        if any(texts):
            x0, top, x1, bottom = row.bbox
            rows.append(
                Line("\t".join(texts), _units(top), _units(x1), _units(bottom - top), True, _units(x0))
            )
    return rows


def _cell_texts(table) -> list[list[str]]:  # noqa: ANN001 - a pdfplumber Table
    """Return the texts of each row's cells, merged cells repeated down and written once across."""
    columns = sorted({cell[0] for cell in table.cells})
    # the cell last begun over each column, with its text: a cell spanning down covers the rows below
    covering: dict[float, tuple[tuple[float, ...], str]] = {}
    out = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            if cell is not None:
                covering.update(
                    {x: (cell, join_wrapped(text or "")) for x in columns if cell[0] <= x < cell[2]}
                )
        top, cells, last = row.bbox[1], [], None
        for x in columns:
            cell, text = covering.get(x, ((), ""))
            if cell and cell[3] > top + SPAN_SLACK_POINTS and cell != last:
                cells.append(text)
                last = cell
        out.append(cells)
    return out


def join_wrapped(text: str) -> str:
    """Return a cell's text on one line: lines the cell wrapped joined, a space only between two Latin
    words (a Chinese sentence wraps anywhere, with no space)."""
    parts = [part.strip() for part in text.splitlines() if part.strip()]
    out = parts[:1]
    for part in parts[1:]:
        out.append(" " if out[-1][-1].isascii() and out[-1][-1].isalpha() and part[0].isascii() else "")
        out.append(part)
    return "".join(out)
