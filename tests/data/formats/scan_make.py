"""Render scan_notice.txt as a scanned notice: A4 pages at 300 dpi, Song-style type, ruled tables.

Writes scan_notice.pdf (pages that are images only, no text layer) and scan_notice.tif (the same
pages, one frame each). Needs a Chinese serif font (Debian: fonts-noto-cjk). Run from any folder:
    python tests/data/formats/scan_make.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
FONT_INDEX = 2  # Noto Serif CJK SC in the collection
DPI = 300
PAGE = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN = DPI  # one inch
BODY_POINTS, CELL_POINTS = 16, 12  # 三号 body text, a smaller size in tables
LINE_SPACING = 1.8
CELL_PADDING = 12
COLUMN_SHARES = (0.08, 0.34, 0.18, 0.2, 0.2)
INDENT_CHARS = 2  # GB/T 9704: each paragraph's first line is indented two characters


def _pixels(points: float) -> int:
    return round(points * DPI / 72)


class Pages:
    """Pages being drawn, top to bottom."""

    def __init__(self) -> None:
        self.body = ImageFont.truetype(FONT, _pixels(BODY_POINTS), index=FONT_INDEX)
        self.cell = ImageFont.truetype(FONT, _pixels(CELL_POINTS), index=FONT_INDEX)
        self.pages: list[Image.Image] = []
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(Image.new("L", PAGE, 255))
        self.draw = ImageDraw.Draw(self.pages[-1])
        self.y = MARGIN

    def room_for(self, height: int) -> None:
        if self.y + height > PAGE[1] - MARGIN:
            self.new_page()

    def paragraph(self, text: str) -> None:
        """Draw a paragraph, its first line indented two characters as official documents are set."""
        step = round(_pixels(BODY_POINTS) * LINE_SPACING)
        indent = "\u3000" * INDENT_CHARS
        for k, line in enumerate(_wrapped(indent + text, self.body, PAGE[0] - 2 * MARGIN)):
            self.room_for(step)
            self.draw.text((MARGIN, self.y), line.lstrip("\u3000") if k else line, font=self.body, fill=0)
            self.y += step

    def table_row(self, cells: list[str]) -> None:
        width = PAGE[0] - 2 * MARGIN
        widths = [round(share * width) for share in COLUMN_SHARES]
        wrapped = [_wrapped(c, self.cell, w - 2 * CELL_PADDING) for c, w in zip(cells, widths, strict=True)]
        step = round(_pixels(CELL_POINTS) * 1.4)
        height = max(len(lines) for lines in wrapped) * step + 2 * CELL_PADDING
        self.room_for(height)
        x = MARGIN
        for lines, w in zip(wrapped, widths, strict=True):
            self.draw.rectangle([x, self.y, x + w, self.y + height], outline=0, width=3)
            for k, line in enumerate(lines):
                self.draw.text(
                    (x + CELL_PADDING, self.y + CELL_PADDING + k * step), line, font=self.cell, fill=0
                )
            x += w
        self.y += height


def _wrapped(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, current = [], ""
    for char in text:
        if current and font.getlength(current + char) > width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current or not lines else lines


def render(source: Path) -> list[Image.Image]:
    """Return the pages of the notice in ``source``, tab-separated lines drawn as table rows."""
    pages = Pages()
    in_table = False
    for line in source.read_text(encoding="utf-8").replace("**", "").splitlines():  # ** marks bold type
        if "\t" in line:
            pages.table_row(line.split("\t"))
            in_table = True
        elif line.strip():
            pages.paragraph(line)
            in_table = False
        elif not in_table:
            pages.y += _pixels(BODY_POINTS) // 2
    return [page.convert("1") for page in pages.pages]


def main() -> None:
    pages = render(HERE / "scan_notice.txt")
    pages[0].save(HERE / "scan_notice.pdf", save_all=True, append_images=pages[1:], resolution=DPI)
    pages[0].save(
        HERE / "scan_notice.tif", save_all=True, append_images=pages[1:], compression="group4", dpi=(DPI, DPI)
    )


if __name__ == "__main__":
    main()
