"""Text recognised by Tesseract in scanned PDFs (pages without a text layer) and images.

Pages are recognised one at a time (a PDF page is rendered at 300 dpi by pdfium), so memory stays
that of one page however long the scan is; a scan over :data:`MAX_SCANNED_PAGES` pages is refused
before any work, and recognition stops with a clear error once a file has taken
:data:`TIME_BUDGET_SECONDS`. Lines a page wraps at its right margin are joined again, so a clause
broken over two printed lines reads as one; every page's range in the text is kept, because offsets
into recognised text need the page to be found again.
"""

from __future__ import annotations

import io
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from policykg.errors import InputError
from policykg.loaders.read.deskew import straightened
from policykg.loaders.read.ocr_layout import Line, page_lines, page_text, repair_misreadings
from policykg.loaders.read.ocr_tables import find_grids

METHOD = "recognised by Tesseract"
PARTLY_METHOD = "partly recognised by Tesseract"  # a PDF whose other pages have a text layer
RENDER_DPI = 300
PDF_POINTS_PER_INCH = 72
MAX_SCANNED_PAGES = 200
TIME_BUDGET_SECONDS = 1800.0
MAX_PAGE_PIXELS = 120_000_000  # an A3 page at 600 dpi is 70 million pixels
LANGUAGES = ("chi_sim",)
# one uniform block of text: the page layout analysis of the default mode drops short heading lines
TESSERACT_CONFIG = "--psm 6"
TESSERACT_HINT = (
    "install Tesseract with its Chinese models "
    "(Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra)"
)

_page_progress = False


@contextmanager
def page_progress(enabled: bool) -> Iterator[None]:
    """Within this block, show a progress bar over the pages being recognised when ``enabled``."""
    global _page_progress
    previous, _page_progress = _page_progress, enabled
    try:
        yield
    finally:
        _page_progress = previous


@dataclass(frozen=True)
class Recognised:
    """The text recognised in a scan, and where each page lies in it: ``(start, end, page)``, page from 1."""

    text: str
    pages: tuple[tuple[int, int, int], ...]

    def regions(self) -> tuple[tuple[int, int, str], ...]:
        """Return ``(start, end, where)`` for each page: where is "page 3, recognised"."""
        return tuple((start, end, f"page {page}, recognised") for start, end, page in self.pages)


@dataclass(frozen=True)
class _Page:
    image: object  # a grey PIL image
    dpi: float
    number: int  # from 1


def tesseract_installed() -> bool:
    """True when Tesseract and its Chinese models are installed."""
    try:
        require_tesseract("")
    except InputError:
        return False
    return True


def require_tesseract(path: str, what: str = "a scan") -> None:
    """Raise :class:`InputError` naming ``path`` unless Tesseract and its Chinese models are installed."""
    try:
        import pytesseract

        installed = set(pytesseract.get_languages(config=""))
    except ImportError:
        raise InputError(path, f"reading {what} needs pytesseract: pip install pytesseract") from None
    except (OSError, RuntimeError, pytesseract.TesseractNotFoundError, pytesseract.TesseractError):
        raise InputError(path, f"reading {what} needs Tesseract: {TESSERACT_HINT}") from None
    missing = [lang for lang in LANGUAGES if lang not in installed]
    if missing:
        raise InputError(path, f"Tesseract has no {'/'.join(missing)} model: {TESSERACT_HINT}")


def recognise_pdf(
    data: bytes, path: str, max_pages: int = MAX_SCANNED_PAGES, budget: float = TIME_BUDGET_SECONDS
) -> Recognised:
    """Return the text Tesseract reads on each page of a scanned PDF, or raise :class:`InputError`."""
    import pypdfium2

    require_tesseract(path, "a PDF with no text layer (a scan)")
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError(path, f"cannot open PDF to recognise its pages: {exc}") from None
    try:
        count = len(document)
        _check_page_count(count, max_pages, path)
        recognised = _recognise_pages(_rendered_pages(document, path, range(count)), count, path, budget)
    finally:
        document.close()
    if not recognised.text.strip():
        raise InputError(
            path, f"PDF has no text layer, and Tesseract recognised no text on its {count} page(s)"
        )
    return recognised


def recognise_image(
    data: bytes, path: str, max_pages: int = MAX_SCANNED_PAGES, budget: float = TIME_BUDGET_SECONDS
) -> Recognised:
    """Return the text Tesseract reads in a .png, .jpg or .tif image (each frame of a TIFF a page)."""
    require_tesseract(path)
    image = _open_image(data, path)
    count = getattr(image, "n_frames", 1)
    _check_page_count(count, max_pages, path)
    recognised = _recognise_pages(_frames(image, count, path), count, path, budget)
    if not recognised.text.strip():
        raise InputError(path, "Tesseract recognised no text in this image")
    return recognised


def _check_page_count(count: int, max_pages: int, path: str) -> None:
    if count == 0:
        raise InputError(path, "scan has no pages")
    if count > max_pages:
        raise InputError(
            path, f"scan has {count} pages, over the {max_pages} pages recognised in one file: split it"
        )


def _open_image(data: bytes, path: str):  # noqa: ANN202 - a PIL image
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PIL's complaints about metadata (EXIF) are not the page
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(path, f"image is over {MAX_PAGE_PIXELS} pixels: refused") from None
    except UnidentifiedImageError:
        raise InputError(path, "cannot read image: damaged, or not a PNG, JPEG or TIFF") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise InputError(path, f"cannot read image: {exc}") from None
    return image


def _frames(image, count: int, path: str) -> Iterator[_Page]:  # noqa: ANN001 - a PIL image
    dpi = image.info.get("dpi", (RENDER_DPI, RENDER_DPI))[0] or RENDER_DPI
    for index in range(count):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                image.seek(index)
                if image.width * image.height > MAX_PAGE_PIXELS:  # each frame has a size of its own
                    raise InputError(path, f"page {index + 1} is over {MAX_PAGE_PIXELS} pixels: refused")
                frame = image.convert("L")
        except (OSError, ValueError, EOFError, SyntaxError) as exc:
            raise InputError(path, f"cannot read page {index + 1} of the image: {exc}") from None
        yield _Page(frame, float(dpi), index + 1)


def _rendered_pages(document, path: str, indexes: Iterable[int]) -> Iterator[_Page]:  # noqa: ANN001
    """Yield the pages of a pypdfium2 ``document`` at ``indexes`` (from 0) rendered grey at 300 dpi."""
    import pypdfium2

    for index in indexes:
        try:
            page = document[index]
            width, height = page.get_size()
            scale = RENDER_DPI / PDF_POINTS_PER_INCH
            pixels = width * height * scale * scale
            if pixels > MAX_PAGE_PIXELS:  # an outsized page is rendered smaller, not refused
                scale *= (MAX_PAGE_PIXELS / pixels) ** 0.5
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
        except pypdfium2.PdfiumError as exc:
            raise InputError(path, f"cannot render page {index + 1} of the PDF: {exc}") from None
        yield _Page(image, scale * PDF_POINTS_PER_INCH, index + 1)


def _recognise_pages(images: Iterator[_Page], count: int, path: str, budget: float) -> Recognised:
    """Recognise each image in turn, within ``budget`` seconds for all of them; join their texts."""
    parts: list[str] = []
    pages: list[tuple[int, int, int]] = []
    offset = 0
    for number, text in _page_texts(images, count, path, budget):
        if parts and parts[-1].endswith("\n"):  # a page whose last line runs on is joined to the next
            offset += 1  # the blank line between pages
            parts.append("\n")
        pages.append((offset, offset + len(text), number))
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    return Recognised(
        text=repair_misreadings(text if text.endswith("\n") else text + "\n"), pages=tuple(pages)
    )


def _page_texts(images: Iterator[_Page], count: int, path: str, budget: float) -> Iterator[tuple[int, str]]:
    """Yield each page's number and recognised text, stopping once ``budget`` seconds are spent."""
    from tqdm import tqdm

    started = time.monotonic()
    bar = tqdm(images, total=count, unit="page", desc="recognising", disable=not _page_progress, leave=False)
    for page in bar:
        left = budget - (time.monotonic() - started)
        if left <= 0:
            raise _over_budget(path, budget, page.number, count)
        yield page.number, page_text(_recognise_lines(page, path, left, page.number, count, budget))


def recognise_pdf_pages(
    data: bytes, path: str, numbers: list[int], budget: float = TIME_BUDGET_SECONDS
) -> dict[int, str]:
    """Return the text Tesseract reads on the PDF pages ``numbers`` (from 1), by page number.

    For a PDF whose other pages have a text layer: each page's text stands alone, ending in a line break.
    """
    import pypdfium2

    require_tesseract(path)
    _check_page_count(len(numbers), MAX_SCANNED_PAGES, path)
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError(path, f"cannot open PDF to recognise its pages: {exc}") from None
    try:
        pages = _rendered_pages(document, path, [n - 1 for n in numbers])
        return {
            n: repair_misreadings(t.rstrip("\n") + "\n")
            for n, t in _page_texts(pages, len(numbers), path, budget)
        }
    finally:
        document.close()


def _over_budget(path: str, budget: float, number: int, count: int) -> InputError:
    return InputError(
        path, f"recognising the scan took over {budget:g} s; stopped at page {number} of {count}"
    )


def _recognise_lines(
    page: _Page, path: str, left: float, number: int, count: int, budget: float
) -> list[Line]:
    """Return the lines Tesseract reads on one page image, top to bottom, ruled tables as rows."""
    import numpy as np
    import pytesseract
    from PIL import Image

    grids, cleaned = find_grids(np.asarray(straightened(page.image)), page.dpi)
    try:
        data = pytesseract.image_to_data(
            Image.fromarray(cleaned),
            lang="+".join(LANGUAGES),
            config=TESSERACT_CONFIG,
            output_type=pytesseract.Output.DICT,
            timeout=left,
        )
    except RuntimeError as exc:  # pytesseract raises RuntimeError when its timeout kills Tesseract
        if "timeout" in str(exc).lower():
            raise _over_budget(path, budget, number, count) from None
        raise InputError(path, f"Tesseract failed on page {number}: {exc}") from None
    except pytesseract.TesseractError as exc:
        raise InputError(path, f"Tesseract failed on page {number}: {exc.message}") from None
    return page_lines(data, grids)
