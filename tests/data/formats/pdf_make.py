"""Write the text-layer PDF fixture from a notice with a ruled task table written for these tests.

Run ``python tests/data/formats/pdf_make.py`` to rewrite pdf_table_notice.txt and, from a .docx made
with python-docx, pdf_table_notice.pdf (LibreOffice, headless, through OpenDocument as
benchmarks/formats.py writes its PDFs). The county and its departments are invented. The notice has
paragraphs that wrap (first lines indented), a right-aligned signature, and a ruled task table whose
task cells wrap over several lines, whose section rows are merged across, whose lead unit is merged
down over two rows, whose header row is repeated on each page, and which runs on over pages, rows
split by the page breaks; pdf_table_notice.txt is the same notice
typed as text (table rows tab-separated, the merged lead written in each of its rows).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
NAME = "pdf_table_notice"
OPENING = [
    "桐岭县人民政府办公室",
    "关于印发桐岭县2025年优化营商环境重点任务分工方案的通知",
    "桐政办发〔2025〕21号",
]
ADDRESSEES = "各乡镇人民政府，县政府各部门："
BODY = [
    "现将《桐岭县2025年优化营商环境重点任务分工方案》印发给你们，请结合实际认真贯彻落实。各牵头单位要于每季度末将"
    "任务推进情况报送县发展改革局，县发展改革局汇总后报县人民政府。",
]
SIGNATURE = ["桐岭县人民政府办公室", "2025年4月8日"]
PLAN_TITLE = "桐岭县2025年优化营商环境重点任务分工方案"
PLAN = [
    "为持续优化营商环境，激发市场主体活力，现将2025年重点任务分工如下。",
    "一、工作要求",
    "（一）压实工作责任。各牵头单位要细化工作措施，明确时间节点和责任人，确保各项任务按期完成，"
    "重大事项及时向县人民政府报告。（县发展改革局牵头，县政府督查室配合）",
    "（二）加强督促检查。每季度对任务推进情况开展督查，督查结果纳入年度绩效考核，"
    "对工作推进不力的单位予以通报。（县政府督查室负责）",
    "二、重点任务分工",
]
HEADER = ("序号", "主要任务", "牵头单位", "配合单位", "完成时限")
MERGED_DOWN = None  # the lead cell of the row above runs on down into this row
# a one-cell row is a section heading merged across the table
TABLE: list[tuple] = [
    HEADER,
    ("一、提升政务服务水平",),
    (
        "1",
        "推行企业开办“一窗通办”，将企业登记、公章刻制、发票申领、社保登记等事项整合为一个环节办理，"
        "全程办理时间压缩至1个工作日以内。",
        "县市场监管局",
        "县公安局、县税务局、县人社局",
        "2025年6月底前",
    ),
    (
        "2",
        "深化工程建设项目审批制度改革，社会投资低风险小型项目从立项到不动产登记全流程审批时间"
        "不超过15个工作日。",
        "县住建局",
        "县自然资源局、县行政审批局",
        "2025年9月底前",
    ),
    (
        "3",
        "推广“不见面审批”，高频政务服务事项网上可办率达到95%以上，电子证照在政务服务中全面应用。",
        "县行政审批局",
        "县大数据中心",
        "2025年12月底前",
    ),
    (
        "4",
        "在乡镇便民服务中心设立帮办代办窗口，为企业和群众提供免费帮办代办服务。",
        MERGED_DOWN,
        "各乡镇人民政府",
        "长期坚持",
    ),
    ("二、加强要素保障",),
    (
        "5",
        "建立重点项目用地保障清单，新增建设用地计划指标优先保障重大产业项目，推行工业用地“标准地”出让。",
        "县自然资源局",
        "县发展改革局、县工信局",
        "2025年6月底前",
    ),
    (
        "6",
        "推行水电气网联合报装，低压小微企业用电报装实现零上门、零审批、零投资，办理时间压缩至5个工作日以内。",
        "县工信局",
        "县住建局、县行政审批局",
        "2025年10月底前",
    ),
    (
        "7",
        "落实普惠金融政策，引导县内银行机构扩大小微企业首贷、信用贷投放规模，开展“政银企”对接活动不少于4场。",
        "县财政局",
        "县工信局、县商务局",
        "2025年11月底前",
    ),
    ("三、强化法治保障",),
    (
        "8",
        "规范涉企行政检查，推行“综合查一次”，同一部门对同一企业的检查原则上每年不超过1次。",
        "县司法局",
        "县市场监管局、县应急管理局",
        "长期坚持",
    ),
    (
        "9",
        "建立涉企矛盾纠纷多元化解机制，在县商会设立商事调解室，调解成功率达到80%以上。",
        "县司法局",
        "县工商联",
        "2025年8月底前",
    ),
    (
        "10",
        "开展拖欠中小企业账款清理行动，建立防范和化解拖欠长效机制，做到应清尽清。",
        "县工信局",
        "县财政局、县审计局",
        "2025年12月底前",
    ),
    (
        "11",
        "设立营商环境投诉举报专线，对企业反映的问题实行限时办结和回访制度。",
        "县发展改革局",
        "县政务服务中心",
        "长期坚持",
    ),
]


def typed_rows() -> list[str]:
    """Return the table as typed text: cells tab-separated, a merged lead written in each of its rows."""
    lines, above = [], ()
    for row in TABLE:
        cells = tuple(above[k] if cell is MERGED_DOWN else cell for k, cell in enumerate(row))
        lines.append("\t".join(cells))
        above = cells
    return lines


def write_txt(path: Path) -> None:
    """Write the notice typed as text, one paragraph a line."""
    parts = [*OPENING, ADDRESSEES, *BODY, *SIGNATURE, "", "附件", PLAN_TITLE, *PLAN, *typed_rows()]
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def write_docx(path: Path) -> None:
    """Write the notice as a .docx: indented paragraphs, a right-aligned signature, the ruled table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    document = docx.Document()
    for line in OPENING:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(ADDRESSEES)
    for text in BODY:
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(22)
    for line in SIGNATURE:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("附件")
    document.add_paragraph(PLAN_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in PLAN:
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(22)
    _write_table(document)
    document.save(path)


def _write_table(document) -> None:  # noqa: ANN001 - a python-docx Document
    """Add the task table with ruling lines, section rows merged across, leads merged down and the
    header repeated on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=len(TABLE), cols=len(HEADER))
    table.style = "Table Grid"
    for cells, row in zip(table.rows, TABLE, strict=True):
        if len(row) == 1:
            merged = cells.cells[0].merge(cells.cells[-1])
            merged.text = row[0]
            continue
        for k, text in enumerate(row):
            if text is not MERGED_DOWN:
                cells.cells[k].text = text
    for r, row in enumerate(TABLE):
        for k, text in enumerate(row):
            if text is MERGED_DOWN:
                table.cell(r - 1, k).merge(table.cell(r, k))
    repeat = OxmlElement("w:tblHeader")  # the header row printed again on top of each page (重复标题行)
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


def convert(source: Path, target: str, folder: Path, profile: Path) -> None:
    """Have LibreOffice write ``source`` as ``target`` ("suffix" or "suffix:filter") into ``folder``."""
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(folder), str(source)], check=True, timeout=300
    )


def main() -> int:
    write_txt(HERE / f"{NAME}.txt")
    with tempfile.TemporaryDirectory() as work:
        folder, profile = Path(work), Path(work) / "profile"
        write_docx(folder / f"{NAME}.docx")
        convert(folder / f"{NAME}.docx", "odt", folder, profile)
        convert(folder / f"{NAME}.odt", "pdf:writer_pdf_Export", HERE, profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
