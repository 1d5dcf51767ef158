"""Write the spreadsheet fixtures from a task-division table written for these tests.

Run ``python tests/data/formats/sheet_make.py`` to rewrite sheet_notice.xlsx (openpyxl), and from it
sheet_notice.ods and sheet_notice.xls (LibreOffice, headless) and sheet_notice.csv. The place and
departments are invented. The sheet has a title row merged across, a header row, section rows
merged across, a lead unit merged down over two rows, a deadline stored as a date, and a second
table below two blank rows; sheet_notice.txt is the same notice typed as text.
"""

from __future__ import annotations

import csv
import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
NAME = "sheet_notice"
SHEET = "分工表"
TITLE = "岚溪县2025年农村人居环境整治重点任务分工表"
WIDTH = 5  # columns of the first table
FIRST_TABLE = [
    ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
    ("一、农村生活垃圾治理",),
    (
        1,
        "健全村收集、镇转运、县处理的生活垃圾收运体系，实现行政村全覆盖。",
        "县住建局",
        "各乡镇人民政府",
        "2025年6月底前",
    ),
    (2, "开展村庄清洁行动，每季度组织一次集中整治并通报结果。", None, "县农业农村局、县妇联", "长期坚持"),
    ("二、农村生活污水治理",),
    (
        3,
        "编制县域农村生活污水治理专项规划，明确治理模式和时序。",
        "县生态环境分局",
        "县住建局、县水利局",
        datetime.date(2025, 9, 30),
    ),
    (
        4,
        "推进农村厕所粪污与生活污水协同治理，建立管护台账。",
        "县农业农村局",
        "县卫生健康局",
        "2025年12月底前",
    ),
]
SECOND_TITLE = "附表：美丽乡村示范村建设任务"
SECOND_TABLE = [
    ("序号", "工作任务", "责任单位", "完成时间"),
    (1, "打造省级美丽乡村示范村2个，市级示范村5个。", "县农业农村局", "2025年11月底前"),
    (2, "完成示范村道路硬化和村庄绿化提升工程。", "县交通运输局", "2025年10月底前"),
]
LEAD_MERGED_DOWN = "C4:C5"  # 县住建局 leads tasks 1 and 2


def sheet_rows() -> list[tuple]:
    """Return the rows of the sheet as written, None where a merged cell hides its value."""
    return [(TITLE,), *FIRST_TABLE, (), (), (SECOND_TITLE,), *SECOND_TABLE]


def write_xlsx(path: Path) -> None:
    """Write the sheet with its merged cells to ``path``."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    for number, row in enumerate(sheet_rows(), start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(number, column, value)
        if len(row) == 1:  # a title or section row spans the table
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=WIDTH)
    sheet.merge_cells(LEAD_MERGED_DOWN)
    for cell in sheet["E"]:
        if isinstance(cell.value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
    book.save(path)


def write_csv(path: Path) -> None:
    """Write the sheet as CSV (UTF-8 with a BOM, as spreadsheet programs save it), merged cells repeated."""
    rows = [list(row) for row in sheet_rows()]
    rows[4][2] = rows[3][2]  # CSV has no merged cells: the lead is typed again in the second row
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(
            [
                "" if v is None else v.strftime("%Y年%-m月%-d日") if isinstance(v, datetime.date) else v
                for v in row
            ]
            for row in rows
        )


def convert(source: Path, suffix: str) -> None:
    """Write ``source`` again as ``suffix`` (ods, xls) next to it with LibreOffice."""
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work, "profile").as_uri()
        command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", suffix]
        subprocess.run([*command, "--outdir", work, str(source)], check=True, capture_output=True)
        shutil.copyfile(Path(work, f"{source.stem}.{suffix}"), source.with_suffix(f".{suffix}"))


def main() -> int:
    xlsx = HERE / f"{NAME}.xlsx"
    write_xlsx(xlsx)
    write_csv(HERE / f"{NAME}.csv")
    for suffix in ("ods", "xls"):
        convert(xlsx, suffix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
