"""What calamine does not report about a workbook: an .ods file's merged ranges, and which cells of
an .xlsx or .ods show their number as a percentage (it gives 0.9 for a cell showing 90%).

Cells are 0-based ``(row, column)`` pairs, by sheet name.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from policykg.errors import InputError
from policykg.loaders.read.archive import read_member

Merge = tuple[tuple[int, int], tuple[int, int]]  # (first row, first column), (last row, last column)
ODS_CONTENT = "content.xml"
XLSX_WORKBOOK, XLSX_RELS, XLSX_STYLES = "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"
PERCENT_FORMAT_IDS = frozenset({9, 10})  # Excel's built-in 0% and 0.00%
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# an A1 cell reference: its column letters and row number
_A1 = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
# a percent sign in a number format outside quoted literal text ("0%", not "\"%\"0")
_PERCENT = re.compile(r'^(?:[^"]|"[^"]*")*%')


@dataclass
class SheetLayout:
    """Merged ranges (of .ods sheets) and percentage cells, by sheet name."""

    merges: dict[str, list[Merge]] = field(default_factory=dict)
    percents: dict[str, set[tuple[int, int]]] = field(default_factory=dict)


def sheet_layout(archive: zipfile.ZipFile, kind: str, path: str) -> SheetLayout:
    """Return what calamine does not report of an "ods" or "xlsx" workbook; raise :class:`InputError`
    when a part it needs is damaged."""
    if kind == "ods":
        return _ods_layout(_parse(archive, ODS_CONTENT, path, kind), path)
    if kind == "xlsx" and XLSX_STYLES in archive.NameToInfo:
        return SheetLayout(percents=_xlsx_percents(archive, path))
    return SheetLayout()


def _parse(archive: zipfile.ZipFile, name: str, path: str, kind: str):  # noqa: ANN202 - an lxml element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(read_member(archive, name, path, f".{kind} file"), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"damaged .{kind} file: {name}: {exc}") from None


def _ods_layout(root, path: str) -> SheetLayout:  # noqa: ANN001 - an lxml element
    """Return the merged ranges and percentage cells of each sheet of an .ods file's content."""
    layout = SheetLayout()
    for sheet in root.iter(f"{_TABLE}table"):
        name = sheet.get(f"{_TABLE}name", "")
        merges, percents = layout.merges.setdefault(name, []), layout.percents.setdefault(name, set())
        row = 0
        for row_element in sheet.iter(f"{_TABLE}table-row"):
            column = 0
            for cell in row_element:
                across = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
                down = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
                if across > 1 or down > 1:
                    merges.append(((row, column), (row + down - 1, column + across - 1)))
                if cell.get(f"{_OFFICE}value-type") == "percentage":
                    percents.add((row, column))
                column += int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
            row += int(row_element.get(f"{_TABLE}number-rows-repeated", "1"))
    return layout


def _xlsx_percents(archive: zipfile.ZipFile, path: str) -> dict[str, set[tuple[int, int]]]:
    """Return the numeric cells of each sheet whose style shows a percentage."""
    styles = _parse(archive, XLSX_STYLES, path, "xlsx")
    percent_ids = set(PERCENT_FORMAT_IDS) | {
        int(f.get("numFmtId", "-1"))
        for f in styles.iter(f"{_MAIN}numFmt")
        if _PERCENT.match(f.get("formatCode", ""))
    }
    cell_formats = styles.find(f"{_MAIN}cellXfs")
    percent_styles = {
        str(k)
        for k, xf in enumerate(cell_formats if cell_formats is not None else [])
        if int(xf.get("numFmtId", "0")) in percent_ids
    }
    if not percent_styles:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in _parse(archive, XLSX_RELS, path, "xlsx")}
    out: dict[str, set[tuple[int, int]]] = {}
    for sheet in _parse(archive, XLSX_WORKBOOK, path, "xlsx").iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP_ID), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if member in archive.NameToInfo:
            out[sheet.get("name", "")] = _styled_numbers(
                _parse(archive, member, path, "xlsx"), percent_styles
            )
    return out


def _styled_numbers(sheet, styles: set[str]) -> set[tuple[int, int]]:  # noqa: ANN001 - an lxml element
    """Return the numeric cells of a worksheet whose style is one of ``styles``."""
    cells = set()
    for cell in sheet.iter(f"{_MAIN}c"):
        if cell.get("s") in styles and cell.get("t", "n") == "n":
            found = _A1.match(cell.get("r", ""))
            if found:
                column = 0
                for letter in found[1]:
                    column = column * 26 + ord(letter) - ord("A") + 1
                cells.add((int(found[2]) - 1, column - 1))
    return cells
