"""Text-layer PDFs whose measures sit in a ruled task table: each row read as one line of cells.

pdf_table_notice.pdf and pdf_table_notice.txt were written from one invented notice by
tests/data/formats/pdf_make.py (python-docx, then LibreOffice): wrapped paragraphs, a right-aligned
signature, and a task table whose cells wrap, whose section rows are merged across, whose lead unit
is merged down over two rows, whose header is printed on top of each page, and two of whose rows a
page break splits. The PDF must give the
measures and roles of the .txt.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read import pdf
from policykg.loaders.read.ocr_layout import Line
from policykg.loaders.read.pdf import pdf_pages, read_pdf
from policykg.loaders.read.pdf_layout import LaidOutPage
from policykg.loaders.read.pdf_wrap import pages_text
from policykg.loaders.read.sources import read_source

from .formats import measures_and_roles

FORMATS = Path(__file__).parent / "data" / "formats"
PDF = FORMATS / "pdf_table_notice.pdf"
ROW_SPLIT_BY_A_PAGE = "4\t在乡镇便民服务中心设立帮办代办窗口，为企业和群众提供免费帮办代办服务。\t县行政审批局\t各乡镇人民政府\t长期坚持\n"


def test_the_pdf_gives_the_measures_and_roles_of_its_text():
    expected = measures_and_roles(parse_file(FORMATS / "pdf_table_notice.txt"))
    assert len(expected) > 40
    parsed = parse_file(PDF)
    assert parsed.source.kind == "pdf" and parsed.source.method == "read"
    assert measures_and_roles(parsed) == expected


def test_each_table_row_is_one_line_of_tab_separated_cells():
    text = read_source(PDF).text
    assert (
        "1\t推行企业开办“一窗通办”，将企业登记、公章刻制、发票申领、社保登记等事项整合为一个环节办理，"
        "全程办理时间压缩至1个工作日以内。\t县市场监管局\t县公安局、县税务局、县人社局\t2025年6月底前\n"
    ) in text
    assert (
        "\n序号\t主要任务\t牵头单位\t配合单位\t完成时限\n一、提升政务服务水平\n1\t" in text
    )  # merged across: one cell
    assert ROW_SPLIT_BY_A_PAGE in text  # the lead merged down over rows 3 and 4 is written in each


def test_a_row_split_by_a_page_break_is_whole_on_its_first_page_and_the_header_is_read_once():
    pages = [text for text, _ in pdf_pages(PDF.read_bytes(), "notice.pdf")]
    holding = [number for number, text in enumerate(pages) if ROW_SPLIT_BY_A_PAGE in text]
    assert holding and holding[0] + 1 < len(pages)
    following = pages[holding[0] + 1]
    assert following.startswith("二、加强要素保障\n")  # the rest of row 4 is no row of its own
    assert "".join(pages).count("序号\t主要任务\t牵头单位") == 1  # printed on top of each page, read once
    assert not any(line.startswith("\t") for page in pages for line in page.splitlines())
    assert "10\t开展拖欠中小企业账款清理行动，建立防范和化解拖欠长效机制，做到应清尽清。\t" in "".join(pages)


def test_wrapped_paragraphs_are_joined_and_a_signature_keeps_its_lines():
    text = read_source(PDF).text
    assert (
        "现将《桐岭县2025年优化营商环境重点任务分工方案》印发给你们，请结合实际认真贯彻落实。"
        "各牵头单位要于每季度末将任务推进情况报送县发展改革局，县发展改革局汇总后报县人民政府。\n"
        "桐岭县人民政府办公室\n2025年4月8日\n"
    ) in text
    assert "（县发展改革局牵头，县政府督查室配合）\n（二）加强督促检查。" in text


def test_a_pdf_pdfminer_cannot_parse_is_read_by_pypdf(monkeypatch):
    from pdfminer.pdfparser import PDFSyntaxError

    def refuse(data: bytes) -> None:
        raise PDFSyntaxError("no /Root object")

    monkeypatch.setattr("policykg.loaders.read.pdf_layout.read_pages", refuse)
    text, method, _ = read_pdf(PDF.read_bytes(), "notice.pdf")
    assert method == "read"
    assert "桐岭县人民政府办公室" in text and "县市场监管局" in text  # pypdf's loose lines, as before


def _locked(tmp_path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(PDF))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    target = tmp_path / f"locked-{bool(user_password)}.pdf"
    writer.write(target)
    return target


def test_a_pdf_locked_only_against_copying_is_read_like_any_other(tmp_path):
    """An owner password alone (printing or copying restricted) opens in any viewer: read it."""
    locked = _locked(tmp_path, "")
    assert measures_and_roles(parse_file(locked)) == measures_and_roles(parse_file(PDF))


def test_a_pdf_that_needs_a_password_to_open_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="encrypted PDF: it needs a password to open"):
        read_source(_locked(tmp_path, "secret"))


def test_a_truncated_pdf_is_one_clear_error(tmp_path):
    target = tmp_path / "cut.pdf"
    target.write_bytes(PDF.read_bytes()[: PDF.stat().st_size // 3])
    with pytest.raises(InputError, match="cut.pdf"):
        read_source(target)


def test_a_pdf_over_the_page_limit_is_refused(tmp_path, monkeypatch):
    from pypdf import PdfWriter

    monkeypatch.setattr(pdf, "MAX_PAGES", 20)  # the limit's check, without writing 2,001 pages
    writer = PdfWriter()
    for _ in range(21):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="21 pages, over the 20 page limit"):
        pdf_pages(buffer.getvalue(), "long.pdf")


def _grid_pdf(rules: int, words: list[str]) -> bytes:
    """Return a one-page PDF ruled as a grid of ``rules`` by ``rules`` cells, ``words`` in its first column."""
    pytest.importorskip("reportlab", reason="reportlab writes the ruled PDF")
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842))
    page.setLineWidth(0.5)
    step_x, step_y = 550 / rules, 800 / rules
    for k in range(rules + 1):
        page.line(20, 20 + k * step_y, 570, 20 + k * step_y)
        page.line(20 + k * step_x, 20, 20 + k * step_x, 820)
    for k, word in enumerate(words):
        page.drawString(22, 820 - (k + 1) * step_y + 2, word)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_small_ruled_grid_is_read_as_rows():
    text, _, _ = read_pdf(_grid_pdf(5, ["1", "2"]), "grid.pdf")
    assert text.startswith("1\t\t\t\t\n2\t\t\t\t\n")


def test_a_page_of_a_huge_grid_is_read_as_lines_not_searched_for_a_table():
    # 60 by 60 cells: their rules cross 3,721 times, and the search grows with the square of that
    text, _, _ = read_pdf(_grid_pdf(60, ["first", "second"]), "hatched.pdf")
    assert text == "first\nsecond\n"  # as lines: no row of 60 cells


def _page(*lines: tuple[str, int, int], width: int = 5950) -> LaidOutPage:
    """Return a page of prose lines, each given as (text, left, right) in tenths of a point, 110 high."""
    placed = [Line(text, 700 + 150 * k, right, 110, left=left) for k, (text, left, right) in enumerate(lines)]
    return LaidOutPage(tuple(placed), False, width)


def test_a_line_the_page_wrapped_is_joined_and_one_ending_a_clause_is_not():
    page = _page(
        ("1. 优化水电气报装，办理时间压缩至5个工作日以内。〔牵头单位：县住建局；责任", 900, 5200),
        ("单位：县工信局〕", 900, 5190),  # reaches the margin after a closing bracket: its own paragraph
        ("各单位要按照分工抓好落实，确保按期完成。", 900, 4000),
        ("桐岭县人民政府办公室", 4000, 5200),  # a right-aligned signature
        ("2025年4月8日", 4200, 5200),
    )
    assert pages_text([page]) == [
        "1. 优化水电气报装，办理时间压缩至5个工作日以内。〔牵头单位：县住建局；责任单位：县工信局〕\n"
        "各单位要按照分工抓好落实，确保按期完成。\n"
        "桐岭县人民政府办公室\n2025年4月8日\n"
    ]


def test_a_pipe_row_ending_at_the_margin_is_not_joined_to_the_next_row():
    page = _page(
        (
            "1 | 推行企业开办“一窗通办”，全程办理时间压缩至1个工作日以内。 | 县市场监管局 | 县税务局 |",
            900,
            5200,
        ),
        ("2 | 推广“不见面审批”。 | 县行政审批局 | 县大数据中心 | 长期坚持 |", 900, 3000),
    )
    assert pages_text([page])[0].count("\n") == 2


def test_short_lines_show_no_margin_and_are_never_joined():
    page = _page(("附件", 900, 1300), ("桐岭县重点任务分工方案", 900, 2100))
    assert pages_text([page]) == ["附件\n桐岭县重点任务分工方案\n"]


UNRULED_ROWS = [
    ("序号", "主要任务", "牵头单位", "配合单位", "完成时限"),
    ("1", "编制县域充电设施布局规划。", "县发展改革局", "县住建局", "2025年6月底前"),
    ("2", "建成乡镇公共充电站12座。", "县工信局", "各乡镇人民政府", "2025年12月底前"),
]


def test_an_unruled_table_gives_rows_of_cells_from_its_gaps(tmp_path):
    pytest.importorskip("reportlab", reason="reportlab writes the unruled table")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    target = tmp_path / "unruled.pdf"
    page = canvas.Canvas(str(target), pagesize=(842, 595))  # a landscape attachment
    page.setFont("STSong-Light", 11)
    page.drawString(60, 540, "桐岭县充电基础设施建设任务分工")
    columns = (60, 110, 330, 450, 580)
    for k, row in enumerate(UNRULED_ROWS):
        for x, cell in zip(columns, row, strict=True):
            page.drawString(x, 500 - 24 * k, cell)
    page.showPage()
    page.save()
    typed = tmp_path / "unruled.txt"
    typed.write_text("桐岭县充电基础设施建设任务分工\n" + "".join("\t".join(r) + "\n" for r in UNRULED_ROWS))
    source = read_source(target)
    assert source.text == typed.read_text()
    expected = measures_and_roles(parse_file(typed))
    assert len(expected) >= 6 and measures_and_roles(parse_file(target)) == expected
