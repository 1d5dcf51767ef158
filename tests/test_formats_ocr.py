"""Scanned PDFs and images read by Tesseract: the rendered notice gives the measures and roles of its .txt.

scan_notice.pdf and scan_notice.tif are scan_notice.txt rendered at 300 dpi (tests/data/formats/
scan_make.py): a PDF of page images with no text layer, and the same pages as TIFF frames. Tests that
need Tesseract skip without it, and fail under CI=1, where .ci/run installs it.
"""

from __future__ import annotations

import io
import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read.ocr import recognise_image, recognise_pdf
from policykg.loaders.read.sources import SOURCE_SUFFIXES, read_source

from .components import component_missing
from .formats import measures_and_roles

FORMATS = Path(__file__).parent / "data" / "formats"
NOTICE = FORMATS / "scan_notice.txt"
SCANNED_PDF = FORMATS / "scan_notice.pdf"
SCANNED_TIFF = FORMATS / "scan_notice.tif"
MIN_MATCHED = 0.95


def require_tesseract() -> None:
    """Skip (or, in CI, fail) when Tesseract or its Simplified Chinese model is not installed."""
    missing = None
    if shutil.which("tesseract") is None:
        missing = "Tesseract is not installed (Debian: tesseract-ocr-chi-sim; .ci/run installs it)"
    else:
        import pytesseract

        if "chi_sim" not in pytesseract.get_languages():
            missing = "Tesseract has no chi_sim model (Debian: tesseract-ocr-chi-sim; .ci/run installs it)"
    if missing:
        component_missing(missing)


@pytest.fixture(scope="module")
def expected() -> set[tuple]:
    facts = measures_and_roles(parse_file(NOTICE))
    assert len(facts) > 15, "the notice's own measures and roles must be read from the .txt"
    return facts


@pytest.fixture(scope="module")
def scanned_pdf():
    require_tesseract()
    return parse_file(SCANNED_PDF)


def _matched(found: set[tuple], expected: set[tuple]) -> float:
    """Return the share of expected facts found, counting a wrong fact found against it."""
    return (len(found & expected) - len(found - expected)) / len(expected)


def test_scanned_pdf_gives_the_measures_and_roles_of_its_text(scanned_pdf, expected):
    assert _matched(measures_and_roles(scanned_pdf), expected) >= MIN_MATCHED
    rows = [m for d in scanned_pdf.documents if d.kind == "task_list" for m in d.measures]
    assert [m.number for m in rows] == ["1", "2"], "the ruled task table is read as a table"


def test_scanned_pdf_says_its_text_was_recognised_page_by_page(scanned_pdf):
    source = scanned_pdf.source
    assert source.kind == "pdf"
    text = source.text
    first_page, second_page = recognise_pdf(SCANNED_PDF.read_bytes(), "scan.pdf").pages
    assert first_page[2] == 1 and second_page[2] == 2
    assert "栖梧县人民政府" in text[first_page[0] : first_page[1]]
    assert "重点任务清单" in text[second_page[0] : second_page[1]]


def test_tiff_frames_are_pages(expected):
    require_tesseract()
    parsed = parse_file(SCANNED_TIFF)
    assert _matched(measures_and_roles(parsed), expected) >= MIN_MATCHED


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_one_page_image_gives_that_page(tmp_path, suffix, expected):
    require_tesseract()
    from PIL import Image

    with Image.open(SCANNED_TIFF) as tiff:
        tiff.seek(1)  # the second page: the end of the measures and the task table
        page = tiff.convert("L")
    target = tmp_path / f"page{suffix}"
    page.save(target, dpi=(300, 300), **({"quality": 85} if suffix == ".jpg" else {}))
    found = measures_and_roles(parse_file(target))
    table_facts = {f for f in expected if f[0] == "task_list"}
    assert _matched({f for f in found if f[0] == "task_list"}, table_facts) >= MIN_MATCHED
    assert suffix in SOURCE_SUFFIXES


def _blank_pdf(pages: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def test_a_500_page_scan_is_refused_at_once(tmp_path):
    require_tesseract()
    scan = tmp_path / "archive.pdf"
    scan.write_bytes(_blank_pdf(500))
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_source(scan)
    assert time.monotonic() - started < 10
    assert (
        str(caught.value)
        == f"{scan}: scan has 500 pages, over the 200 pages recognised in one file: split it"
    )


def test_recognition_stops_when_its_time_is_spent():
    require_tesseract()
    started = time.monotonic()
    with pytest.raises(
        InputError, match=r"recognising the scan took over 0\.5 s; stopped at page [12] of 2$"
    ):
        recognise_pdf(SCANNED_PDF.read_bytes(), "slow.pdf", budget=0.5)
    assert time.monotonic() - started < 10


def _png_header_only(width: int, height: int) -> bytes:
    """Return a tiny PNG claiming ``width`` x ``height`` pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("torn.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "cannot read image"),
        ("bomb.png", _png_header_only(100_000, 100_000), "image is over 120000000 pixels: refused"),
        ("cut.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 30, "cannot read image"),
        ("torn.tif", b"II*\x00" + b"\xff" * 40, "cannot read image"),
    ],
)
def test_a_broken_image_is_one_clear_line(tmp_path, name, data, says):
    require_tesseract()
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and says in message and "\n" not in message


def test_without_tesseract_one_line_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    with pytest.raises(InputError) as caught:
        recognise_image(SCANNED_TIFF.read_bytes(), "page.tif")
    assert str(caught.value).startswith("page.tif: reading a scan needs Tesseract: install")
    assert "tesseract-ocr-chi-sim" in str(caught.value)


def test_pages_show_a_progress_bar_only_when_asked(capsys):
    require_tesseract()
    from PIL import Image

    from policykg.loaders.read.ocr import page_progress

    with Image.open(SCANNED_TIFF) as tiff:
        strip = tiff.convert("L").crop((0, 250, tiff.width, 700))  # the title lines only
    buffer = io.BytesIO()
    strip.save(buffer, format="PNG")
    assert "栖梧县" in recognise_image(buffer.getvalue(), "strip.png").text
    assert "recognising" not in capsys.readouterr().err
    with page_progress(True):
        recognise_image(buffer.getvalue(), "strip.png")
    assert "recognising" in capsys.readouterr().err


def _skewed_noisy_pdf(degrees: float) -> bytes:
    """Return the scanned notice as if fed in at ``degrees`` and scanned grainy: grey, noisy pages."""
    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(7)
    pages = []
    with Image.open(SCANNED_TIFF) as tiff:
        for index in range(tiff.n_frames):
            tiff.seek(index)
            page = tiff.convert("L").rotate(degrees, resample=Image.BILINEAR, fillcolor=255)
            grainy = np.asarray(page, dtype=np.int16) + noise.normal(0, 25, (page.height, page.width))
            pages.append(Image.fromarray(np.clip(grainy, 0, 255).astype(np.uint8)))
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=300)
    return buffer.getvalue()


def test_skew_is_measured_on_the_page():
    from PIL import Image

    from policykg.loaders.read.deskew import skew_angle

    with Image.open(SCANNED_TIFF) as tiff:
        page = tiff.convert("L")
    assert skew_angle(page) == 0.0
    assert skew_angle(page.rotate(2.0, fillcolor=255)) == pytest.approx(-2.0, abs=0.11)
    assert skew_angle(page.rotate(-0.7, fillcolor=255)) == pytest.approx(0.7, abs=0.11)


def test_a_skewed_grainy_scan_still_gives_the_measures_and_roles(tmp_path, expected):
    require_tesseract()
    scan = tmp_path / "skewed.pdf"
    scan.write_bytes(_skewed_noisy_pdf(1.5))
    assert _matched(measures_and_roles(parse_file(scan)), expected) >= MIN_MATCHED


def test_the_graph_says_which_text_was_recognised_and_on_which_page(tmp_path):
    require_tesseract()
    from policykg.graph.build import build
    from policykg.graph.store import open_store
    from policykg.ontology.terms import POL

    report = build([SCANNED_PDF], tmp_path / "store")
    assert report.ok and report.built, report.failed
    with open_store(tmp_path / "store", read_only=True) as store:
        methods = {
            str(m["method"].value)
            for m in store.select(f"SELECT ?method {{ GRAPH ?g {{ ?f <{POL.readMethod}> ?method }} }}")
        }
        rows = store.select(
            f"SELECT ?number ?where {{ GRAPH ?g {{ ?m <{POL.number}> ?number ; <{POL.sourceRegion}> ?where }} }}"
        )
        pages = {(str(r["number"].value), str(r["where"].value)) for r in rows}
    assert methods == {"recognised by Tesseract"}
    assert ("一", "page 1, recognised") in pages
    assert ("2", "page 2, recognised") in pages  # the task table's second row


def _half_scanned_pdf(target: Path) -> None:
    """Write a PDF whose first page has a text layer (the notice's opening) and whose second is a scan."""
    pytest.importorskip("reportlab", reason="reportlab writes the half-scanned PDF")
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(target), pagesize=A4)
    page.setFont("STSong-Light", 12)
    opening = NOTICE.read_text(encoding="utf-8").split("（一）")[0]
    for k, line in enumerate(line for line in opening.splitlines() if line.strip()):
        page.drawString(50, 800 - 20 * k, line)
    page.showPage()
    with Image.open(SCANNED_TIFF) as tiff:
        tiff.seek(1)  # the scanned attachment: the task table
        page.drawImage(ImageReader(tiff.convert("L")), 0, 0, *A4)
    page.showPage()
    page.save()


def test_a_pdf_with_a_scanned_attachment_reads_one_page_and_recognises_the_other(tmp_path, expected):
    require_tesseract()
    target = tmp_path / "notice-with-scan.pdf"
    _half_scanned_pdf(target)
    parsed = parse_file(target)
    source = parsed.source
    assert source.method == "partly recognised by Tesseract"
    assert [where for _, _, where in source.regions] == ["page 2, recognised"]
    start = source.regions[0][0]
    assert "栖梧县促进夜间经济发展若干措施" in source.text[:start].replace(" ", "")  # the text layer
    table = {f for f in measures_and_roles(parsed) if f[0] == "task_list"}
    assert _matched(table, {f for f in expected if f[0] == "task_list"}) >= MIN_MATCHED
    rows = [m for d in parsed.documents if d.kind == "task_list" for m in d.measures]
    assert rows and all(source.region_at(m.span[0]) == "page 2, recognised" for m in rows)
