import io

import pytest

from policykg.errors import InputError
from policykg.loaders.read.sources import read_source, sniff_kind

NOTICE = "关于印发某市优化营商环境措施的通知\n\n1. 推进改革。（市政务办牵头负责）\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "big5"])
def test_text_encodings_are_detected_not_guessed(tmp_path, encoding):
    text = (
        NOTICE
        if encoding != "big5"
        else "關於印發某市優化營商環境措施的通知\n\n1. 推進改革。（市政務辦牽頭負責）\n"
    )
    path = tmp_path / "notice.dat"
    path.write_bytes(text.encode(encoding))
    source = read_source(path)
    assert source.text == text
    assert source.kind == "text"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary file"),
        (bytes(range(0x80, 0x100)) * 8, "cannot decode"),
    ],
    ids=["empty", "binary", "undecodable"],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_html_blocks_become_lines_and_tables_tab_separated(tmp_path):
    html = (
        "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
        "<h1>某市实施方案</h1><p>1. <b>推进改革。</b>加快推进（市政务办牵头负责）</p>"
        "<table><tr><td>一级指标</td><td>分值</td></tr><tr><td>1.开办企业</td><td>9</td></tr></table>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    source = read_source(path)
    assert source.kind == "html"
    assert "alert" not in source.text
    assert "1. **推进改革。**加快推进（市政务办牵头负责）" in source.text
    assert "1.开办企业\t9" in source.text


def test_docx_paragraphs_tables_and_bold(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某县任务清单")
    p = document.add_paragraph("1. ")
    p.add_run("推进改革。").bold = True
    p.add_run("（责任单位：县政务办）")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "1.纳税"
    table.rows[0].cells[1].text = "9"
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "tasks.docx"
    path.write_bytes(buffer.getvalue())
    source = read_source(path)
    assert source.kind == "docx"
    assert "1. **推进改革。**（责任单位：县政务办）" in source.text
    assert "1.纳税\t9" in source.text


def test_zip_that_is_not_a_docx_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="not a .docx"):
        read_source(path)


def test_pdf_without_text_layer_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(InputError, match="no text layer"):
        read_source(path)


def test_pdf_text_layer_is_read(tmp_path):
    pytest.importorskip("reportlab", reason="reportlab writes the CJK test PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "notice.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(50, 800, "1. 推进改革。（市政务办牵头负责）")
    c.save()
    source = read_source(path)
    assert source.kind == "pdf"
    assert "市政务办牵头负责" in source.text.replace(" ", "")


def test_legacy_office_and_rtf_files_are_named_for_what_they_are(tmp_path):
    # read through LibreOffice (tests/test_formats_office.py); a damaged one is named for what it is
    old = tmp_path / "notice.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match=r"damaged \.doc file"):
        read_source(old)
    assert sniff_kind(b"{\\rtf1\\ansi hello}") == "rtf"  # whatever the file is called
