"""Plain text from the text layer of a PDF (a scanned PDF has none: :class:`NoTextLayerError`)."""

from __future__ import annotations

import io
import logging

from policykg.errors import InputError

MAX_PAGES = 2000


class NoTextLayerError(InputError):
    """A PDF whose pages hold no text, only images: a scan, for OCR to read."""


def pdf_to_text(data: bytes, path: str) -> str:
    """Return the text of every page, pages separated by blank lines, or raise :class:`InputError`."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(path, "encrypted PDF: cannot read its text")
        if len(reader.pages) > MAX_PAGES:
            raise InputError(path, f"PDF has {len(reader.pages)} pages, over the {MAX_PAGES} page limit")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(path, f"cannot read PDF: {exc}") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise NoTextLayerError(path, "PDF has no text layer (a scanned image?)")
    return text + "\n"
