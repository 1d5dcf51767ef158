"""OFD (GB/T 33190, the national standard for fixed-layout documents): text in reading order.

An OFD is a zip of XML: OFD.xml names each document's Document.xml (DocBody/DocRoot), which lists
its pages (Pages/Page/@BaseLoc), each a Content.xml whose text objects (TextObject, Boundary
"x y w h" in millimetres) hold runs of characters (TextCode: X, Y of the first one's baseline,
DeltaX the advance to each next one). Characters are placed on the page, then read as lines: by
baseline top to bottom, left to right. A table is found from its ruling lines (thin path objects)
and each character put in the cell it stands in; a row is written as tab-separated cells, as the
other readers write table rows. A line reaching the right margin is joined to the next (the page
wrapped it) as for recognised pages. Each page's text is a region "page 2".
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from policykg.errors import InputError
from policykg.loaders.read.archive import check_archive, read_member
from policykg.loaders.read.ocr_layout import CELL_GAP_CHARS, Line, page_text
from policykg.loaders.read.ocr_tables import Grid

WHAT = ".ofd file"
ROOT_FILE = "OFD.xml"
UNITS_PER_MM = 10  # positions are kept in tenths of a millimetre, the layout helpers' integer units
MAX_PAGES = 5000
RULE_MM = 0.8  # a path object thinner than this is a ruling line
RULE_MERGE_MM = 1.0  # rules closer than this are one printed line, and touch when this near
BASELINE_SLACK = 0.4  # characters whose baselines differ by less than this many sizes share a line
DEFAULT_SIZE_MM = 3.5  # a text object's type size when it names none
MIN_TABLE_ROWS, MIN_TABLE_COLUMNS = 1, 2
MAX_RULES_PER_PAGE = 2000  # a page of tables has a few hundred ruling lines at most
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # a CTM that changes nothing
_ENCRYPTION_NAMES = frozenset({"Encryptions", "Encryption", "EncryptInfo"})
# DeltaX: numbers, and "g N d" standing for N advances of d
_DELTA_TOKEN = re.compile(r"g\s+(\d+)\s+(-?[\d.]+)|(-?[\d.]+(?:[eE]-?\d+)?)")


@dataclass(frozen=True)
class Glyph:
    """One character on a page: its left edge, baseline, type size and advance, in millimetres."""

    char: str
    x: float
    y: float
    size: float
    width: float


def ofd_to_text(data: bytes, path: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Return the text of an OFD file and each page's region ("page 2"), or raise :class:`InputError`."""
    with check_archive(data, path, WHAT) as archive:
        root = _xml(archive, ROOT_FILE, path)
        if _encrypted(root, archive):
            raise InputError(path, "encrypted .ofd file: cannot read it (save it without encryption)")
        pages = [
            _page_lines(*_objects_with_templates(archive, page, templates, path))
            for page, templates in _page_locations(archive, root, path)
        ]
    margins = _margins(pages)
    text, regions = "", []
    for number, lines in enumerate(pages, start=1):
        following = next((later[0] for later in pages[number:] if later), None)
        page_part = _page_part(lines, following, margins)
        if page_part.strip():
            regions.append((len(text), len(text) + len(page_part), f"page {number}"))
        text += page_part
    if regions and not text.endswith("\n"):  # the last page's last line ran on to no next page
        text += "\n"
        regions[-1] = (regions[-1][0], len(text), regions[-1][2])
    return text, tuple(regions)


def _page_part(lines: list[Line], following: Line | None, margins: tuple[int, int] | None) -> str:
    """Return a page's text, its last line joined to ``following`` (the next page's first line) when
    the page broke a paragraph there: a sentence can end at a page's foot with its paragraph going on."""
    if not lines:
        return ""
    if following is None:
        return page_text(lines, margins)
    text = page_text([*lines, following], margins)
    return text[: text.rindex(following.text)]


def _margins(pages: list[list[Line]]) -> tuple[int, int] | None:
    """Return the left and right margins of the text outside tables over all pages (a page of a table
    and a signature shows neither), or None when there is no such text."""
    prose = [line for lines in pages for line in lines if not line.table_row]
    if not prose:
        return None
    return min(line.left for line in prose), max(line.right for line in prose)


def _xml(archive: zipfile.ZipFile, name: str, path: str):  # noqa: ANN202 - an lxml element
    """Return the parsed root of member ``name`` (entities never resolved), or raise :class:`InputError`."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(read_member(archive, name, path, WHAT), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"damaged {WHAT}: {name}: {exc}") from None


def _local(element) -> str:  # noqa: ANN001 - an lxml element
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> Iterator:  # noqa: ANN001
    """Yield the descendants of ``element`` called ``name`` in any namespace (producers differ)."""
    return (e for e in element.iter() if _local(e) == name)


def _encrypted(root, archive: zipfile.ZipFile) -> bool:  # noqa: ANN001
    return any(_local(e) in _ENCRYPTION_NAMES for e in root.iter()) or any(
        posixpath.basename(name) == "Encryptions.xml" for name in archive.namelist()
    )


def _member(archive: zipfile.ZipFile, base: str, location: str) -> str:
    """Return the member a location names: absolute from the package root, else relative to ``base``."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return location.lstrip("/")
    relative = posixpath.normpath(posixpath.join(base, location))
    return relative if relative in archive.NameToInfo or location not in archive.NameToInfo else location


def _page_locations(archive: zipfile.ZipFile, root, path: str) -> list[tuple[str, dict[str, str]]]:  # noqa: ANN001
    """Return the Content.xml member of every page of every document, in order, each with its
    document's template pages (ID -> member)."""
    pages: list[tuple[str, dict[str, str]]] = []
    for doc_root in _children(root, "DocRoot"):
        document_name = _member(archive, "", doc_root.text or "")
        document = _xml(archive, document_name, path)
        base = posixpath.dirname(document_name)
        templates = {
            t.get("ID", ""): _member(archive, base, t.get("BaseLoc"))
            for t in _children(document, "TemplatePage")
            if t.get("BaseLoc")
        }
        for page in _children(document, "Page"):
            if page.get("BaseLoc"):
                pages.append((_member(archive, base, page.get("BaseLoc")), templates))
    if not pages:
        raise InputError(path, f"damaged {WHAT}: no pages (OFD.xml names no document with pages)")
    if len(pages) > MAX_PAGES:
        raise InputError(path, f"refused: {len(pages)} pages, over the {MAX_PAGES} page limit")
    return pages


def _objects_with_templates(
    archive: zipfile.ZipFile, page: str, templates: dict[str, str], path: str
) -> tuple[list[Glyph], list[tuple[float, float, float, float]]]:
    """Return the characters and ruling lines of a page, those of the template pages it uses included
    (a red header or a page number drawn once for every page)."""
    content = _xml(archive, page, path)
    used = [
        templates[t.get("TemplateID", "")]
        for t in _children(content, "Template")
        if t.get("TemplateID") in templates
    ]
    glyphs, rules = [], []
    for part in [*(_xml(archive, member, path) for member in used), content]:
        part_glyphs, part_rules = _page_objects(part)
        glyphs.extend(part_glyphs)
        rules.extend(part_rules)
    return glyphs, rules


def _numbers(text: str | None) -> list[float]:
    try:
        return [float(v) for v in (text or "").split()]
    except ValueError:
        return []


def _deltas(text: str | None) -> list[float]:
    """Return the advances a DeltaX attribute lists, its "g N d" runs expanded."""
    out: list[float] = []
    for repeat, value, single in _DELTA_TOKEN.findall(text or ""):
        out.extend([float(value)] * min(int(repeat), 100_000) if repeat else [float(single)])
    return out


def _page_objects(content) -> tuple[list[Glyph], list[tuple[float, float, float, float]]]:  # noqa: ANN001
    """Return the characters on a page and its ruling lines as boxes (x, y, width, height)."""
    glyphs: list[Glyph] = []
    rules: list[tuple[float, float, float, float]] = []
    for element in content.iter():
        name = _local(element)
        box = _numbers(element.get("Boundary"))
        if len(box) != 4:
            continue
        if name == "PathObject" and (box[2] < RULE_MM or box[3] < RULE_MM):
            rules.append((box[0], box[1], box[2], box[3]))
        elif name == "TextObject":
            size = (_numbers(element.get("Size")) or [DEFAULT_SIZE_MM])[0]
            ctm = _numbers(element.get("CTM"))
            place = _Placement(box[0], box[1], tuple(ctm) if len(ctm) == 6 else IDENTITY)
            for code in _children(element, "TextCode"):
                glyphs.extend(_code_glyphs(code, place, size))
    return glyphs, rules


@dataclass(frozen=True)
class _Placement:
    """Where a text object's own coordinates land on the page: its CTM, then its boundary's origin."""

    left: float
    top: float
    ctm: tuple[float, ...]  # a b c d e f: x' = a x + c y + e, y' = b x + d y + f

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return self.left + a * x + c * y + e, self.top + b * x + d * y + f

    @property
    def scale(self) -> float:
        """Return how much the CTM enlarges text (producers set Size 1 and scale it)."""
        return abs(self.ctm[3]) or abs(self.ctm[0]) or 1.0


def _code_glyphs(code, place: _Placement, size: float) -> Iterator[Glyph]:  # noqa: ANN001
    """Yield the characters of one TextCode, each at its place on the page."""
    text = code.text or ""
    x = (_numbers(code.get("X")) or [0.0])[0]
    y = (_numbers(code.get("Y")) or [size])[0]
    deltas = _deltas(code.get("DeltaX"))
    scaled = size * place.scale
    for k, char in enumerate(text):
        natural = size / 2 if char.isascii() else size
        advance = deltas[k] if k < len(deltas) else natural
        if not char.isspace():
            left, baseline = place.point(x, y)
            yield Glyph(char, left, baseline, scaled, natural * place.scale)
        x += advance


def _grids(rules: list[tuple[float, float, float, float]]) -> list[Grid]:
    """Return the ruled tables the ruling lines form (rules that touch belong to one table)."""
    if len(rules) > MAX_RULES_PER_PAGE:
        return []  # hatching or a drawing, not a table; grouping them would take quadratic time
    groups: list[list[tuple[float, float, float, float]]] = []
    for rule in sorted(rules, key=lambda r: (r[1], r[0])):
        touching = [g for g in groups if any(_touch(rule, other) for other in g)]
        merged = [rule, *(r for g in touching for r in g)]
        groups = [g for g in groups if g not in touching] + [merged]
    grids = []
    for group in groups:
        rows = _positions(r[1] + r[3] / 2 for r in group if r[3] < RULE_MM and r[2] >= RULE_MM)
        columns = _positions(r[0] + r[2] / 2 for r in group if r[2] < RULE_MM and r[3] >= RULE_MM)
        if len(rows) > MIN_TABLE_ROWS and len(columns) > MIN_TABLE_COLUMNS:
            grids.append(Grid(tuple(rows), tuple(columns)))
    return grids


def _touch(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (
        a[0] > b[0] + b[2] + RULE_MERGE_MM
        or b[0] > a[0] + a[2] + RULE_MERGE_MM
        or a[1] > b[1] + b[3] + RULE_MERGE_MM
        or b[1] > a[1] + a[3] + RULE_MERGE_MM
    )


def _positions(values: Iterator[float]) -> list[int]:
    """Return the distinct positions, in layout units, of rules (those closer than a millimetre are one)."""
    out: list[int] = []
    for value in sorted(values):
        if not out or value * UNITS_PER_MM - out[-1] > RULE_MERGE_MM * UNITS_PER_MM:
            out.append(round(value * UNITS_PER_MM))
    return out


def _page_lines(glyphs: list[Glyph], rules: list[tuple[float, float, float, float]]) -> list[Line]:
    """Return a page's lines top to bottom: text lines, and a line for each row of each ruled table."""
    grids = _grids(rules)
    free: list[Glyph] = []
    cells: dict[tuple[int, int, int], list[Glyph]] = {}
    for glyph in glyphs:
        centre = ((glyph.x + glyph.width / 2) * UNITS_PER_MM, (glyph.y - glyph.size / 3) * UNITS_PER_MM)
        place = next(
            ((g, grid.cell_of(*centre)) for g, grid in enumerate(grids) if grid.cell_of(*centre)), None
        )
        if place is None:
            free.append(glyph)
        else:
            cells.setdefault((place[0], *place[1]), []).append(glyph)
    lines = [_line(run) for run in _baselines(free)]
    lines.extend(_table_rows(grids, cells))
    return sorted(lines, key=lambda line: line.top)


def _baselines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Return the characters grouped into lines (sharing a baseline), each left to right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.y):
        if lines and abs(glyph.y - lines[-1][0].y) < BASELINE_SLACK * glyph.size:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [sorted(line, key=lambda g: g.x) for line in lines]


def _joined(glyphs: list[Glyph]) -> str:
    """Return the characters of one line, a tab where a gap shows a new cell, a space between Latin words."""
    out = []
    for before, glyph in zip([None, *glyphs], glyphs, strict=False):
        if before is not None:
            gap = glyph.x - (before.x + before.width)
            if gap > CELL_GAP_CHARS * glyph.size:
                out.append("\t")
            elif gap > glyph.size / 4 and before.char.isascii() and glyph.char.isascii():
                out.append(" ")
        out.append(glyph.char)
    return "".join(out)


def _line(glyphs: list[Glyph]) -> Line:
    size = max(g.size for g in glyphs)
    text = _joined(glyphs)
    return Line(
        text=text,
        top=round((glyphs[0].y - size) * UNITS_PER_MM),
        right=round((glyphs[-1].x + glyphs[-1].width) * UNITS_PER_MM),
        height=round(size * UNITS_PER_MM),
        table_row="\t" in text,  # cells set apart by gaps: a row of an unruled table, never wrapped
        left=round(glyphs[0].x * UNITS_PER_MM),
    )


def _table_rows(grids: list[Grid], cells: dict[tuple[int, int, int], list[Glyph]]) -> list[Line]:
    """Return a line for each row of each table that holds text, its cells joined by tabs."""
    rows = []
    for g, grid in enumerate(grids):
        for row in range(len(grid.rows) - 1):
            texts = [
                "".join(_joined(line) for line in _baselines(cells.get((g, row, column), [])))
                for column in range(len(grid.columns) - 1)
            ]
            if any(texts):
                height = grid.rows[row + 1] - grid.rows[row]
                rows.append(
                    Line("\t".join(texts), grid.rows[row], grid.columns[-1], height, True, grid.columns[0])
                )
    return rows
