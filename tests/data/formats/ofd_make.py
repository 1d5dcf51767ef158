"""Write the OFD fixture (GB/T 33190) and the same notice as text, from a notice written for these tests.

Run ``python tests/data/formats/ofd_make.py`` to rewrite ofd_notice.ofd and ofd_notice.txt. The
place and departments are invented. The OFD is laid out as a typeset notice: one text object per
line, each character placed by its advance (TextCode DeltaX), paragraphs wrapped at the right
margin with a two-character indent, and a task table drawn with ruling lines (thin path objects),
its cells wrapped inside their columns; it runs to a second page.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent
NAME = "ofd_notice"
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4, in millimetres as OFD measures
LEFT, TOP, TEXT_WIDTH, BOTTOM = 28.0, 37.0, 156.0, 262.0
BODY_SIZE, TITLE_SIZE, CELL_SIZE = 5.6, 7.4, 4.2  # 三号, 二号 and 小四 type, in millimetres
LINE_SPACING = 1.6  # a line is this many type sizes high
COLUMNS = (12.0, 62.0, 30.0, 30.0, 22.0)  # the task table's column widths, summing to TEXT_WIDTH
CELL_PADDING = 1.5
SIGNATURE_INSET = 4  # the issuer and date stand four characters in from the right margin (GB/T 9704)
NS = "http://www.ofdspec.org/2016"

TITLE = ["澄江市人民政府办公室", "关于印发澄江市2025年数字政府建设工作要点的通知"]
NUMBER = "澄政办发〔2025〕12号"
BODY = [
    "各区人民政府，市政府各部门：",
    "  现将《澄江市2025年数字政府建设工作要点》印发给你们，请结合实际认真贯彻落实。",
    "澄江市2025年数字政府建设工作要点",
    "一、夯实数字基础设施",
    "  （一）推进政务云资源整合。2025年6月底前完成市级部门业务系统迁移上云，建立云资源统一调度机制。（市大数据局牵头，市财政局、市委网信办配合）",
    "  （二）提升电子政务外网支撑能力。实现外网覆盖到村（社区），2025年9月底前完成骨干网络扩容。（市大数据局负责）",
    "二、提升政务服务效能",
    "  （三）深化“一网通办”改革。推动高频政务服务事项全程网办，年底前网办率达到90%以上。（市政务服务中心牵头，各区人民政府配合）",
    "  （四）推进电子证照应用。2025年10月底前实现常用证照免提交。（市政务服务中心、市公安局按职责分工负责）",
    "三、重点任务分工",
]
TABLE = [
    ("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
    ("1", "建成全市统一的公共数据开放平台，发布开放数据目录。", "市大数据局", "市发改委", "2025年9月底前"),
    (
        "2",
        "建设城市运行管理中心，接入交通、应急等重点领域数据。",
        "市城管局",
        "市交通运输局、市应急管理局",
        "2025年12月底前",
    ),
    ("3", "开展数字政府建设培训，提升干部数字素养。", "市委组织部", "市人社局", "长期坚持"),
]
SIGNATURE = ["澄江市人民政府办公室", "2025年3月10日"]


def advance(char: str, size: float) -> float:
    """Return how far a character moves the pen: a full em for Chinese, half for Latin and digits."""
    return size / 2 if char.isascii() else size


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Return ``text`` cut into lines no wider than ``width``, the first indented by ``indent``."""
    lines, current, used = [], "", indent
    for char in text:
        if used + advance(char, size) > width + 0.01:
            lines.append(current)
            current, used = "", 0.0
        current += char
        used += advance(char, size)
    return [*lines, current] if current else lines


class Pages:
    """Lays out text objects and ruling lines page by page."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.y = TOP
        self.next_id = 10

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def room_for(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.pages.append([])
            self.y = TOP

    def text(self, x: float, y: float, text: str, size: float) -> None:
        """Place ``text`` with its baseline at ``y``, starting at ``x``."""
        deltas = " ".join(f"{advance(c, size):g}" for c in text[:-1])
        width = sum(advance(c, size) for c in text)
        self.pages[-1].append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:g} {y - size:g} {width:g} {size * 1.2:g}" '
            f'Font="3" Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}" DeltaX="{deltas}">'
            f"{escape(text)}</ofd:TextCode></ofd:TextObject>"
        )

    def rule(self, x: float, y: float, width: float, height: float) -> None:
        self.pages[-1].append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{x:g} {y:g} {width:g} {height:g}" LineWidth="0.25">'
            f"<ofd:AbbreviatedData>M 0 0 L {width:g} {height:g}</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def paragraph(self, text: str, size: float = BODY_SIZE, align: str = "left") -> None:
        indent = 2 * size if text.startswith("  ") else 0.0
        for k, line in enumerate(wrap(text.strip(), TEXT_WIDTH, size, indent)):
            self.room_for(size * LINE_SPACING)
            self.y += size * LINE_SPACING
            width = sum(advance(c, size) for c in line)
            x = {"left": LEFT + (indent if k == 0 else 0.0), "centre": LEFT + (TEXT_WIDTH - width) / 2}.get(
                align, LEFT + TEXT_WIDTH - width - SIGNATURE_INSET * size
            )
            self.text(x, self.y, line, size)

    def table(self, rows: list[tuple[str, ...]], columns: tuple[float, ...] = COLUMNS) -> None:
        """Draw ``rows`` as a ruled table whose columns are ``columns`` millimetres wide."""
        line = CELL_SIZE * LINE_SPACING
        self.y += BODY_SIZE / 2
        for row in rows:
            cells = [
                wrap(text, width - 2 * CELL_PADDING, CELL_SIZE)
                for text, width in zip(row, columns, strict=True)
            ]
            height = max(len(c) for c in cells) * line + 2 * CELL_PADDING
            self.room_for(height)
            top, x = self.y, LEFT
            self.rule(LEFT, top, TEXT_WIDTH, 0)
            for lines, width in zip(cells, columns, strict=True):
                self.rule(x, top, 0, height)
                for k, text in enumerate(lines):
                    self.text(
                        x + CELL_PADDING,
                        top + CELL_PADDING + (k + 1) * line - 0.3 * CELL_SIZE,
                        text,
                        CELL_SIZE,
                    )
                x += width
            self.rule(x, top, 0, height)
            self.rule(LEFT, top + height, TEXT_WIDTH, 0)
            self.y = top + height


def content_xml(objects: list[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def write_ofd(path: Path, pages: list[list[str]], title: str = "".join(TITLE)) -> None:
    """Write an OFD package: OFD.xml -> Doc_0/Document.xml -> one Content.xml per page."""
    page_list = "".join(
        f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" DocType="OFD" Version="1.0">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>6b1f0c2a9e3d4f5a8c7b0d1e2f3a4b5c</ofd:DocID>"
            f"<ofd:Title>{escape(title)}</ofd:Title></ofd:DocInfo>"
            f"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_WIDTH:g} {PAGE_HEIGHT:g}"
            f"</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        archive.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            f'<ofd:Font ID="3" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        )
        for n, objects in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", content_xml(objects))


def notice_text() -> str:
    """Return the notice as a plain-text file would hold it: a paragraph a line, the table tab-separated."""
    lines = [
        *TITLE,
        "",
        NUMBER,
        "",
        *(p.strip() for p in BODY),
        *("\t".join(row) for row in TABLE),
        "",
        *SIGNATURE,
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    pages = Pages()
    for line in TITLE:
        pages.paragraph(line, TITLE_SIZE, "centre")
    pages.y += BODY_SIZE
    pages.paragraph(NUMBER, align="centre")
    pages.y += BODY_SIZE
    for paragraph in BODY:
        pages.paragraph(paragraph)
    pages.table(TABLE)
    pages.y += BODY_SIZE
    for line in SIGNATURE:
        pages.paragraph(line, align="right")
    write_ofd(HERE / f"{NAME}.ofd", pages.pages)
    (HERE / f"{NAME}.txt").write_text(notice_text(), encoding="utf-8")
    print(f"{len(pages.pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
