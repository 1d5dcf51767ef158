"""Find source files and turn each into plain text: .txt, .html, .docx and text-layer .pdf read;
.doc, .wps and .rtf converted by LibreOffice; scanned .pdf, .png, .jpg and .tif recognised by Tesseract.

The kind of a file is read from its bytes, not guessed from its extension.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.read.convert import LEGACY_KINDS, word_kind
from policykg.loaders.read.encoding import decode_bytes

MAX_FILE_BYTES = 50 * 1024 * 1024
CONVERTED_SUFFIXES = {".doc", ".wps", ".rtf"}  # converted to .docx by LibreOffice
SCANNED_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}  # recognised by Tesseract
SOURCE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".docx", ".pdf"}
SOURCE_SUFFIXES |= CONVERTED_SUFFIXES | SCANNED_SUFFIXES
# the first bytes of the image formats a scan comes in
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg", b"II*\x00": "tif", b"MM\x00*": "tif"}
IMAGE_KINDS = frozenset(IMAGE_MAGIC.values())
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<table)", re.I)


@dataclass(frozen=True)
class SourceText:
    """The plain text of one source file: what every offset in the graph points into."""

    path: str
    name: str
    sha256: str
    kind: str  # "text", "html", "docx", "pdf", "doc", "wps", "rtf", "png", "jpg" or "tif"
    encoding: str | None
    text: str
    url: str | None = None  # the URL it was fetched from, for a file policykg fetched
    # or "converted by LibreOffice", "recognised by Tesseract", "extracted from a web page"
    method: str = "read"
    regions: tuple[tuple[int, int, str], ...] = ()  # (start, end, where): "page 3, recognised"

    def region_at(self, offset: int) -> str | None:
        """Return where in the original file the text at ``offset`` came from ("page 3, recognised"), or None."""
        index = bisect.bisect_right(self.regions, offset, key=lambda region: region[0]) - 1
        if index >= 0 and offset < self.regions[index][1]:
            return self.regions[index][2]
        return None


def iter_source_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Yield the files named, and the source files below the directories named, in sorted order.

    Files named directly are taken whatever their extension; inside directories only files with a
    known source extension are taken, and hidden files are skipped.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SOURCE_SUFFIXES
                    and not any(part.startswith(".") for part in child.relative_to(p).parts)
                ):
                    yield child
        else:
            yield p


UNREAD_FORMATS = {
    "ole": "a legacy Office file policykg does not read (not Word 97 or WPS): save it as .docx or .txt first",
}


def sniff_kind(data: bytes) -> str:
    """Return "pdf", "docx", "html", "text", or "ole"/"rtf" (refused) from the first bytes of a file."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    for magic, image_kind in IMAGE_MAGIC.items():
        if data.startswith(magic):
            return image_kind
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    try:
        head_text = head.decode("utf-8", errors="ignore")
    except Exception:  # pragma: no cover - decode with errors="ignore" does not raise
        head_text = ""
    if _HTML_START.match(head_text):
        return "html"
    return "text"


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Return the plain text of the file at ``path``, or raise :class:`InputError`."""
    p = Path(path)
    shown = str(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(shown, f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(shown, "file is empty")
    kind = sniff_kind(data)
    if kind == "ole":
        kind = word_kind(data, p.suffix) or kind
    if kind in UNREAD_FORMATS:
        raise InputError(shown, UNREAD_FORMATS[kind])
    encoding: str | None = None
    method, regions = "read", ()
    if kind == "pdf":
        from policykg.loaders.read.pdf import NoTextLayerError, pdf_to_text

        try:
            text = pdf_to_text(data, shown)
        except NoTextLayerError:
            text, method, regions = _converted_or_recognised(data, shown, kind)
    elif kind in LEGACY_KINDS or kind in IMAGE_KINDS:
        text, method, regions = _converted_or_recognised(data, shown, kind)
    elif kind == "docx":
        from policykg.loaders.read.docx import docx_to_text

        text = docx_to_text(data, shown)
    else:
        text, encoding = decode_bytes(data, shown)
        if kind == "html" or (kind == "text" and _HTML_START.match(text)):
            from policykg.loaders.read.webpage import METHOD, page_to_text

            kind = "html"
            page = page_to_text(text, shown)
            text, method = page.text, METHOD if page.extracted else method
    if not text.strip():
        raise InputError(shown, f"no text in this {kind} file")
    return SourceText(
        path=shown,
        name=p.name,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        encoding=encoding,
        text=text,
        url=_fetched_from(p),
        method=method,
        regions=regions,
    )


def _converted_or_recognised(data: bytes, shown: str, kind: str) -> tuple[str, str, tuple]:
    """Return the text of a legacy word-processor file or a scan, how it was got, and its page regions."""
    if kind in LEGACY_KINDS:
        from policykg.loaders.read.convert import METHOD, legacy_to_text

        return legacy_to_text(data, shown, kind), METHOD, ()
    from policykg.loaders.read.ocr import METHOD, recognise_image, recognise_pdf

    recognised = recognise_pdf(data, shown) if kind == "pdf" else recognise_image(data, shown)
    return recognised.text, METHOD, recognised.regions()


def _fetched_from(path: Path) -> str | None:
    """Return the URL policykg fetched ``path`` from, or None."""
    from policykg.loaders.read.fetch import recorded_url

    return recorded_url(path)
