"""Spreadsheets (.xlsx, .xls, .ods, WPS .et, .csv) read as tables through the same table layer as text.

The fixtures were written from one invented task-division table (tests/data/formats/sheet_make.py):
a title row and section rows merged across, a lead unit merged down over two tasks, a deadline
stored as a date and a second table below blank rows. sheet_notice.txt is the same notice typed as
text; every sheet must give its measures and roles.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read.sources import SOURCE_SUFFIXES, iter_source_paths, read_source
from policykg.loaders.read.spreadsheet import cell_name, sheet_to_text

from .formats import assert_refused_in_one_line, measures_and_roles
from .test_formats_office import require_libreoffice

FORMATS = Path(__file__).parent / "data" / "formats"
NOTICE = FORMATS / "sheet_notice.txt"
SHEETS = [FORMATS / f"sheet_notice.{suffix}" for suffix in ("xlsx", "ods", "xls", "csv")]


@pytest.fixture(scope="module")
def expected() -> set[tuple]:
    facts = measures_and_roles(parse_file(NOTICE))
    assert len(facts) > 15, "the notice's own measures and roles must be read from the .txt"
    return facts


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.suffix)
def test_each_sheet_gives_the_measures_and_roles_of_its_text(path, expected):
    parsed = parse_file(path)
    assert parsed.source.kind == path.suffix.lstrip(".")
    assert measures_and_roles(parsed) == expected
    assert [d.title for d in parsed.documents] == ["岚溪县2025年农村人居环境整治重点任务分工表"]


def test_a_lead_merged_down_leads_every_row_it_covers(expected):
    parsed = parse_file(FORMATS / "sheet_notice.xlsx")
    first_table = parsed.documents[0].measures[:2]
    assert [[a.name for a in m.actors("lead")] for m in first_table] == [["县住建局"], ["县住建局"]]
    assert ("task_list", "2", "lead", "县住建局") in expected


def test_a_wps_et_file_is_read_as_the_xls_inside(tmp_path, expected):
    et = tmp_path / "分工表.et"
    shutil.copy(FORMATS / "sheet_notice.xls", et)
    parsed = parse_file(et)
    assert parsed.source.kind == "et"
    assert measures_and_roles(parsed) == expected


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.suffix)
def test_each_cell_is_a_region_naming_its_sheet_and_cell(path):
    source = read_source(path)
    sheet = "" if path.suffix == ".csv" else "分工表!"
    for start, end, where in source.regions:
        assert source.text[start:end].strip(), where
    task = source.text.index("开展村庄清洁行动")
    assert source.region_at(task) == f"{sheet}B5"
    second_lead = source.text.index("县住建局", task)
    merged = "C4:C5" if sheet else "C5"  # CSV has no merged cells: the lead was typed again
    assert source.region_at(second_lead) == f"{sheet}{merged}"
    assert source.region_at(source.text.index("2025年9月30日")) == f"{sheet}E7"  # a date cell
    title = "A11:E11" if sheet else "A11"  # merged across the table
    assert source.region_at(source.text.index("附表")) == f"{sheet}{title}"


def test_the_graph_says_in_which_cell_each_measure_starts(tmp_path):
    from policykg.graph.build import build
    from policykg.graph.store import open_store
    from policykg.ontology.terms import POL

    report = build([FORMATS / "sheet_notice.xlsx"], tmp_path / "store")
    assert report.ok and report.built, report.failed
    with open_store(tmp_path / "store", read_only=True) as store:
        rows = store.select(
            f"SELECT ?number ?where {{ GRAPH ?g {{ ?m <{POL.number}> ?number ; <{POL.sourceRegion}> ?where }} }}"
        )
        cells = {(str(r["number"].value), str(r["where"].value)) for r in rows}
    assert {("1", "分工表!B4"), ("4", "分工表!B8"), ("2", "分工表!B14")} <= cells  # the task cell


def _workbook(tmp_path: Path, fill) -> bytes:  # noqa: ANN001 - fill(book) writes the sheets
    import openpyxl

    book = openpyxl.Workbook()
    fill(book)
    path = tmp_path / "made.xlsx"
    book.save(path)
    return path.read_bytes()


def test_a_table_away_from_a1_keeps_its_cell_names_and_hidden_sheets_are_skipped(tmp_path):
    def fill(book) -> None:  # noqa: ANN001
        sheet = book.active
        sheet.title = "任务"
        sheet["C3"], sheet["D3"], sheet["F3"] = "序号", "工作任务", "责任单位"
        sheet["C4"], sheet["D4"], sheet["F4"] = 1, "建立台账", "县统计局"
        hidden = book.create_sheet("代码")
        hidden["A1"] = "隐藏的对照表"
        hidden.sheet_state = "hidden"
        book.create_sheet("说明")["B2"] = "填表说明"

    text, regions = sheet_to_text(_workbook(tmp_path, fill), "made.xlsx", "xlsx")
    assert text == "序号\t工作任务\t责任单位\n1\t建立台账\t县统计局\n\n填表说明\n"  # column E empty: dropped
    assert [where for _, _, where in regions] == [
        "任务!C3",
        "任务!D3",
        "任务!F3",
        "任务!C4",
        "任务!D4",
        "任务!F4",
        "说明!B2",
    ]


def test_cell_names_run_past_z():
    assert [cell_name(0, 0), cell_name(3, 2), cell_name(9, 25), cell_name(0, 26), cell_name(0, 701)] == [
        "A1",
        "C4",
        "Z10",
        "AA1",
        "ZZ1",
    ]


def test_a_csv_in_gb18030_with_semicolons_is_read(tmp_path, expected):
    text = NOTICE.read_text(encoding="utf-8").replace("\t", ";")
    path = tmp_path / "分工.csv"
    path.write_bytes(text.encode("gb18030"))
    source = read_source(path)
    assert source.kind == "csv" and source.encoding == "gb18030"
    assert measures_and_roles(parse_file(path)) == expected


def test_spreadsheets_in_a_folder_are_found():
    assert {".xlsx", ".xls", ".ods", ".et", ".csv"} <= SOURCE_SUFFIXES
    found = {p.name for p in iter_source_paths([FORMATS])}
    assert {p.name for p in SHEETS} <= found


def _xlsx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr(
            "xl/worksheets/sheet1.xml", "<worksheet>" + " " * (50 * 1024 * 1024) + "</worksheet>"
        )
    return buffer.getvalue()


def _locked_xlsx() -> bytes:
    """Return the .xlsx fixture saved with a password (an OLE file holding the encrypted package)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with (FORMATS / "sheet_notice.xlsx").open("rb") as plain:
        OOXMLFile(plain).encrypt("岚溪", out)
    return out.getvalue()


def _locked_xls() -> bytes:
    """Return the .xls fixture with a FILEPASS record among its globals, as Excel writes a password."""
    import struct

    import olefile

    data = io.BytesIO((FORMATS / "sheet_notice.xls").read_bytes())
    with olefile.OleFileIO(data, write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        _, length = struct.unpack_from("<HH", stream, 0)  # BOF first, then the record made FILEPASS
        struct.pack_into("<H", stream, 4 + length, 0x002F)
        ole.write_stream("Workbook", bytes(stream))
    return data.getvalue()


HOSTILE = {
    "locked.xls": (_locked_xls, r"locked\.xls: password-protected \.xls file: cannot read it$"),
    "bomb.xlsx": (_xlsx_bomb, r"bomb\.xlsx: refused: this \.xlsx file unpacks to \d+ bytes \(zip bomb\?\)$"),
    "locked.xlsx": (_locked_xlsx, r"locked\.xlsx: password-protected file: cannot read it"),
    "torn.xlsx": (
        lambda: (FORMATS / "sheet_notice.xlsx").read_bytes()[:3000],
        r"torn\.xlsx: damaged \.xlsx file",
    ),
    "torn.xls": (
        lambda: (FORMATS / "sheet_notice.xls").read_bytes()[:2600],
        r"torn\.xls: damaged \.xls file",
    ),
    "torn.ods": (
        lambda: (FORMATS / "sheet_notice.ods").read_bytes()[:4000],
        r"torn\.ods: damaged \.ods file",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_sheet_is_one_clear_line(tmp_path, name):
    make, message = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    assert_refused_in_one_line(path, message)


def test_a_mixed_folder_build_ends_with_a_line_per_format(tmp_path):
    from .test_cli import run

    folder = tmp_path / "附件"
    folder.mkdir()
    for path in (*SHEETS, FORMATS / "ofd_notice.ofd", NOTICE):
        shutil.copy(path, folder / path.name)
    (folder / "torn.xlsx").write_bytes((FORMATS / "sheet_notice.xlsx").read_bytes()[:3000])
    outcome = run(tmp_path / "store", "build", str(folder), check=False)
    assert outcome.returncode == 1  # one file refused
    lines = outcome.stderr.splitlines()
    assert [line for line in lines if line.startswith("format ")] == [
        "format .csv: 1 read",
        "format .ods: 1 read",
        "format .ofd: 1 read",
        "format .txt: 1 read",
        "format .xls: 1 read",
        "format .xlsx: 1 read, 1 refused",
    ]
    assert [line for line in lines if line.startswith("policykg: error:")] == [
        f"policykg: error: {folder / 'torn.xlsx'}: damaged .xlsx file: not a readable zip archive (File is not a zip file)"
    ]


def test_cell_values_read_as_a_notice_prints_them():
    import datetime

    from policykg.loaders.read.spreadsheet import cell_text

    assert cell_text(3.0) == "3"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(datetime.date(2025, 6, 30)) == "2025年6月30日"
    assert cell_text(datetime.datetime(2025, 6, 30)) == "2025年6月30日"
    assert cell_text("县住建局\n县财政局 ") == "县住建局 县财政局"


PERCENT_TEXT = "指标名称\t目标值\t基数\n行政村生活垃圾收运覆盖率\t90%\t0.72\n农村卫生厕所普及率\t95.5%\t120\n"


def _indicators(book) -> None:  # noqa: ANN001
    sheet = book.active
    sheet.title = "指标"
    sheet.append(["指标名称", "目标值", "基数"])
    sheet.append(["行政村生活垃圾收运覆盖率", 0.9, 0.72])
    sheet.append(["农村卫生厕所普及率", 0.955, 120])
    sheet["B2"].number_format = "0%"
    sheet["B3"].number_format = "0.0%"
    sheet["C2"].number_format = '0.00"%"'  # a percent sign as literal text: the value as it is


def test_a_cell_showing_a_percentage_reads_as_one(tmp_path):
    text, _ = sheet_to_text(_workbook(tmp_path, _indicators), "made.xlsx", "xlsx")
    assert text == PERCENT_TEXT


def test_an_ods_cell_showing_a_percentage_reads_as_one(tmp_path):
    import subprocess

    require_libreoffice()
    _workbook(tmp_path, _indicators)
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods"]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(tmp_path / "made.xlsx")], check=True, timeout=120
    )
    assert sheet_to_text((tmp_path / "made.ods").read_bytes(), "made.ods", "ods")[0] == PERCENT_TEXT


def test_a_new_header_row_starts_a_second_table_with_its_own_columns(tmp_path):
    def fill(book) -> None:  # noqa: ANN001
        sheet = book.active
        sheet.title = "分工表"
        for row in [
            ("青禾县2025年河道整治任务分工表",),
            ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
            (1, "开展河道清淤疏浚", "县水利局", "县财政局", "2025年6月底前"),
            ("序号", "工作任务", "责任单位", "完成时限"),  # no blank row above: the header alone parts them
            (2, "建立河湖长制信息台账", "县河长办", "2025年12月底前"),
        ]:
            sheet.append(row)

    path = tmp_path / "two.xlsx"
    path.write_bytes(_workbook(tmp_path, fill))
    parsed = parse_file(path)
    roles = ("lead", "responsible", "co")
    found = [(m.number, *(tuple(a.name for a in m.actors(r)) for r in roles)) for m in parsed.measures]
    assert found == [("1", ("县水利局",), (), ("县财政局",)), ("2", (), ("县河长办",), ())]
    assert [m.deadline.date for m in parsed.measures] == ["2025-06-30", "2025-12-31"]
    second = parsed.measures[1]
    assert parsed.source.region_at(second.span[0]) == "分工表!B5"  # the task cell it starts in
