"""Plain text from the text layer of a PDF (a scanned PDF has none: :class:`NoTextLayerError`);
ruled tables come out as rows of tab-separated cells (:mod:`policykg.loaders.read.pdf_layout`)."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from policykg.errors import InputError

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_PAGES = 2000


class NoTextLayerError(InputError):
    """A PDF whose pages hold no text, only images: a scan, for OCR to read."""


def pdf_to_text(data: bytes, path: str) -> str:
    """Return the text of every page, pages separated by blank lines, or raise :class:`InputError`."""
    return _joined_pages([text for text, _ in pdf_pages(data, path)], path)


def _joined_pages(texts: list[str], path: str) -> str:
    """Return the pages' texts separated by blank lines, or raise :class:`NoTextLayerError` when empty."""
    text = "\n\n".join(text.strip("\n") for text in texts)
    if not text.strip():
        raise NoTextLayerError(path, "PDF has no text layer (a scanned image?)")
    return text + "\n"


def pdf_pages(data: bytes, path: str) -> list[tuple[str, bool]]:
    """Return each page's text layer ("" when it has none) and whether the page holds an image.

    A page is read from its characters' places (:mod:`pdf_layout`: ruled tables as rows of cells,
    wrapped lines joined); a PDF whose content pdfminer cannot parse is read by pypdf, line by line.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise InputError(path, "encrypted PDF: it needs a password to open")
        if len(reader.pages) > MAX_PAGES:
            raise InputError(path, f"PDF has {len(reader.pages)} pages, over the {MAX_PAGES} page limit")
        laid_out = _laid_out_pages(data)
        if laid_out is not None:
            return laid_out
        texts = [page.extract_text() or "" for page in reader.pages]
        # an image is asked for only where the text layer is empty: listing images walks the page's resources
        return [
            (text, not text.strip() and len(page.images) > 0)
            for text, page in zip(texts, reader.pages, strict=True)
        ]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(path, f"cannot read PDF: {exc}") from None


def _opens_without_password(reader: PdfReader) -> bool:
    """Open a PDF locked only against printing or copying (an owner password, no user password: it
    opens in any viewer, and governments publish many so); return False if it needs a password."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except DependencyError:  # AES without a cryptography library
        return False


def _laid_out_pages(data: bytes) -> list[tuple[str, bool]] | None:
    """Return each page's text and whether it holds an image, read from the characters' places, or
    None when pdfminer cannot parse the PDF (pypdf, more forgiving, reads it instead)."""
    from policykg.loaders.read.pdf_layout import read_pages
    from policykg.loaders.read.pdf_wrap import pages_text

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pages = read_pages(data)
    except Exception:  # noqa: BLE001 - pdfminer raises a dozen kinds on damaged content; pypdf reads it as before
        return None
    return list(zip(pages_text(pages), (page.has_image for page in pages), strict=True))


def read_pdf(data: bytes, path: str) -> tuple[str, str, tuple[tuple[int, int, str], ...]]:
    """Return a PDF's text, how it was got and the regions recognised: pages with a text layer are read,
    and pages that are only an image are recognised by Tesseract (all of a scan; some of a notice whose
    attachment was scanned in), where it is installed."""
    from policykg.loaders.read import ocr

    pages = pdf_pages(data, path)
    if not any(text.strip() for text, _ in pages):
        recognised = ocr.recognise_pdf(data, path)
        return recognised.text, ocr.METHOD, recognised.regions()
    scanned = [number for number, (_, image) in enumerate(pages, start=1) if image]
    if scanned and ocr.tesseract_installed():  # else the text layer is read alone, as before
        found = ocr.recognise_pdf_pages(data, path, scanned)
        return _with_recognised_pages([text for text, _ in pages], found)
    return _joined_pages([text for text, _ in pages], path), "read", ()


def _with_recognised_pages(
    texts: list[str], found: dict[int, str]
) -> tuple[str, str, tuple[tuple[int, int, str], ...]]:
    """Return the pages' texts joined as :func:`pdf_to_text` joins them, recognised ones put in."""
    from policykg.loaders.read.ocr import PARTLY_METHOD

    parts, regions, offset = [], [], 0
    for number, text in enumerate(texts, start=1):
        page = found[number].strip("\n") if number in found else text.strip("\n")
        if parts:
            parts.append("\n\n")
            offset += 2
        if number in found:
            regions.append((offset, offset + len(page), f"page {number}, recognised"))
        parts.append(page)
        offset += len(page)
    return "".join(parts) + "\n", PARTLY_METHOD, tuple(regions)
