"""Spreadsheets (.xlsx, .xls, .ods, WPS .et, .csv) flattened to text the table layer reads.

Every visible sheet is read with python-calamine. A cell merged down is filled into every row it
covers (a lead unit merged over three tasks leads all three); a cell merged across keeps its text
in its first column and leaves the others empty, so a section row merged over the table becomes a
line of its own. Blank rows split a sheet into blocks (a title, a table, a second table); inside a
block each row is one line of tab-separated cells, as the .docx and HTML readers write tables, so
its header (序号, 牵头单位, 完成时限 …) is found by the extractor like any other table's. Each
cell's range in the text is a region naming its sheet and cell ("分工表!C4", "分工表!C4:C5" for a
merged cell).
"""

from __future__ import annotations

import csv
import datetime
import io
import struct
from dataclasses import dataclass

from policykg.errors import InputError
from policykg.loaders.read.archive import check_archive
from policykg.loaders.read.encoding import decode_bytes
from policykg.loaders.read.sheet_formats import Merge, SheetLayout, sheet_layout

SHEET_KINDS = frozenset({"xlsx", "xls", "ods", "et"})  # read by calamine; "csv" is read as text
FLOAT_DIGITS = 15  # the significant digits a spreadsheet shows of a number
MAX_CELLS = 2_000_000  # a sheet larger than this is data, not a notice, and would fill the memory
# BIFF8 record types (MS-XLS 2.3): FILEPASS says the rest of the stream is encrypted; it comes
# among the first records of the workbook globals, which EOF ends
XLS_FILEPASS, XLS_EOF = 0x002F, 0x000A
XLS_HEAD_BYTES = 64 * 1024
WORKBOOK_STREAMS = ("Workbook", "Book")  # Excel 97-2003 and Excel 5 workbooks inside an OLE file
_CSV_DELIMITERS = ",\t;"
_CSV_SNIFF_CHARS = 8192  # the separator is chosen from the lines in this many characters


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it is: "C4", or "C4:C5" for a merged cell."""

    text: str
    where: str


def sheet_kind(data: bytes, suffix: str) -> str | None:
    """Return "xls" (or "et", for WPS Spreadsheets' file so named) for an OLE file holding an Excel
    workbook, None for other OLE files."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            workbook = any(ole.exists(stream) for stream in WORKBOOK_STREAMS)
    except (OSError, ValueError, IndexError, struct.error):
        return "et" if suffix.lower() == ".et" else "xls" if suffix.lower() == ".xls" else None
    if not workbook:
        return None
    return "et" if suffix.lower() == ".et" else "xls"


def _xls_encrypted(data: bytes) -> bool:
    """True when an Excel 97 workbook's globals hold a FILEPASS record: it was saved with a password."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = next((name for name in WORKBOOK_STREAMS if ole.exists(name)), None)
            head = ole.openstream(stream).read(XLS_HEAD_BYTES) if stream else b""
    except (OSError, ValueError, IndexError, struct.error):
        return False  # damaged: calamine says how
    offset = 0
    while offset + 4 <= len(head):
        record, length = struct.unpack_from("<HH", head, offset)
        if record == XLS_FILEPASS:
            return True
        if record == XLS_EOF:
            return False
        offset += 4 + length
    return False


def column_letters(column: int) -> str:
    """Return the spreadsheet name of a 0-based column: 0 -> "A", 27 -> "AB"."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """Return the A1 reference of a 0-based cell: (3, 2) -> "C4"."""
    return f"{column_letters(column)}{row + 1}"


def cell_text(value: object, percent: bool = False) -> str:
    """Return a cell's value as a notice would print it: 3 not 3.0, a date as 2025年9月30日, 0.9 as
    90% when the cell shows a ``percent``."""
    if percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value * 100, f".{FLOAT_DIGITS}g") + "%"
    if isinstance(value, float):
        # 3 not 3.0; 0.3 not 0.30000000000000004 (binary noise past the 15 digits a sheet keeps)
        return str(int(value)) if value.is_integer() else format(value, f".{FLOAT_DIGITS}g")
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return " ".join(str(value).split())


def sheet_to_text(data: bytes, path: str, kind: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Return the text of a workbook's visible sheets and each cell's region, or raise :class:`InputError`."""
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        SheetTypeEnum,
        SheetVisibleEnum,
    )

    what = f".{kind} file"
    if kind in ("xls", "et") and _xls_encrypted(data):
        raise InputError(path, f"password-protected {what}: cannot read it")
    layout = SheetLayout()
    if kind in ("xlsx", "ods"):
        with check_archive(data, path, what) as archive:
            layout = sheet_layout(archive, kind, path)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.visible != SheetVisibleEnum.Visible or meta.typ != SheetTypeEnum.WorkSheet:
                continue  # a hidden sheet holds lookups, a chart sheet no text
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.height * sheet.width > MAX_CELLS:
                raise InputError(
                    path, f"sheet {meta.name} has {sheet.height * sheet.width} cells, over {MAX_CELLS}"
                )
            merges = layout.merges.get(meta.name, []) if kind == "ods" else sheet.merged_cell_ranges or []
            sheets.append((meta.name, sheet.start, sheet.to_python(), merges))
    except PasswordError:
        raise InputError(path, f"password-protected {what}: cannot read it") from None
    except (CalamineError, ValueError, OSError) as exc:  # calamine's errors on a damaged file
        raise InputError(path, f"damaged {what}: {exc}") from None
    writer = _Writer()
    for name, start, rows, merges in sheets:
        grid = _grid(rows, start or (0, 0), merges, layout.percents.get(name, set()))
        writer.write_sheet(grid, f"{name}!")
    return writer.text(), tuple(writer.regions)


def csv_to_text(data: bytes, path: str) -> tuple[str, str, tuple[tuple[int, int, str], ...]]:
    """Return the text of a CSV file, its encoding and each cell's region ("B3"), or raise :class:`InputError`."""
    decoded, encoding = decode_bytes(data, path)
    head = decoded[:_CSV_SNIFF_CHARS].splitlines()
    # the separator most lines hold (csv.Sniffer gives up on a title line above the table); commas on a tie
    delimiter = max(_CSV_DELIMITERS, key=lambda d: sum(d in line for line in head))
    try:
        rows = list(csv.reader(io.StringIO(decoded), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(path, f"damaged .csv file: {exc}") from None
    grid = [
        [Cell(cell_text(value), cell_name(r, c)) if value.strip() else None for c, value in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    writer = _Writer()
    writer.write_sheet(grid, "")
    return writer.text(), encoding, tuple(writer.regions)


def _grid(
    rows: list[list[object]], start: tuple[int, int], merges: list[Merge], percents: set[tuple[int, int]]
) -> list[list[Cell | None]]:
    """Return the cells of a sheet with merged cells filled down and emptied across (None: no text)."""
    top, left = start
    grid: list[list[Cell | None]] = [
        [
            Cell(text, cell_name(top + r, left + c))
            if (text := cell_text(v, (top + r, left + c) in percents))
            else None
            for c, v in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    for (r0, c0), (r1, c1) in merges:
        r0, r1, c0, c1 = r0 - top, r1 - top, c0 - left, c1 - left
        if not (0 <= r0 < len(grid) and 0 <= c0 < len(grid[r0])) or grid[r0][c0] is None:
            continue
        where = f"{grid[r0][c0].where}:{cell_name(top + r1, left + c1)}"
        merged = Cell(grid[r0][c0].text, where)
        for r in range(r0, min(r1 + 1, len(grid))):
            row = grid[r]
            for c in range(c0, min(c1 + 1, len(row))):
                row[c] = merged if c == c0 else None
    return grid


class _Writer:
    """Writes sheets as blocks of tab-separated lines and records where each cell's text landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.regions: list[tuple[int, int, str]] = []

    def text(self) -> str:
        return "".join(self.parts)

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def write_sheet(self, grid: list[list[Cell | None]], prefix: str) -> None:
        """Write each block of non-blank rows of ``grid``, a blank line before it."""
        for block in _blocks(grid):
            if self.length:
                self._write("\n")
            for row in block:
                self._write_row(row, prefix)

    def _write_row(self, row: list[Cell | None], prefix: str) -> None:
        while row and row[-1] is None:
            row = row[:-1]
        for k, cell in enumerate(row):
            if k:
                self._write("\t")
            if cell is not None:
                self.regions.append((self.length, self.length + len(cell.text), prefix + cell.where))
                self._write(cell.text)
        self._write("\n")


def _blocks(grid: list[list[Cell | None]]) -> list[list[list[Cell | None]]]:
    """Return the runs of non-blank rows of ``grid``, each without the columns empty in all its rows."""
    blocks: list[list[list[Cell | None]]] = []
    current: list[list[Cell | None]] = []
    for row in [*grid, []]:
        if any(cell is not None for cell in row):
            current.append(row)
        elif current:
            used = sorted({c for r in current for c, cell in enumerate(r) if cell is not None})
            blocks.append([[r[c] if c < len(r) else None for c in used] for r in current])
            current = []
    return blocks
