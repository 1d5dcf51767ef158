"""Find source files and turn each into plain text: .txt, .html, .docx, text-layer .pdf, spreadsheets
(.xlsx, .xls, .ods, .et, .csv) and .ofd read; .doc, .wps and .rtf converted by LibreOffice; scanned
.pdf, .png, .jpg and .tif recognised by Tesseract.

The kind of a file is read from its bytes, not guessed from its extension.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import os
import re
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.read.archive import zip_names
from policykg.loaders.read.convert import LEGACY_KINDS, word_kind
from policykg.loaders.read.encoding import decode_bytes
from policykg.loaders.read.spreadsheet import SHEET_KINDS, sheet_kind

MAX_FILE_BYTES = 50 * 1024 * 1024
CONVERTED_SUFFIXES = {".doc", ".wps", ".rtf"}  # converted to .docx by LibreOffice
SCANNED_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}  # recognised by Tesseract
SOURCE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".docx", ".pdf"}
SHEET_SUFFIXES = {".xlsx", ".xls", ".ods", ".et", ".csv"}  # each sheet read as tables
SOURCE_SUFFIXES |= CONVERTED_SUFFIXES | SCANNED_SUFFIXES | SHEET_SUFFIXES | {".ofd"}
CSV_SUFFIXES = {".csv", ".tsv"}  # text whose lines are rows of cells: read as a sheet
ZIP_SUFFIX_KINDS = {".xlsx": "xlsx", ".ods": "ods", ".ofd": "ofd"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"  # stored first in an .ods
# an Office file saved with a password: an OLE file holding the encrypted package (MS-OFFCRYPTO)
ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")
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
    # "text", "html", "docx", "pdf", "doc", "wps", "rtf", "png", "jpg", "tif", "xlsx", "xls", "ods",
    # "et", "csv" or "ofd"
    kind: str
    encoding: str | None
    text: str
    url: str | None = None  # the URL it was fetched from, for a file policykg fetched
    # or "converted by LibreOffice", "recognised by Tesseract", "extracted from a web page"
    method: str = "read"
    # (start, end, where): "page 3, recognised", "分工表!C4" (a sheet's cell)
    regions: tuple[tuple[int, int, str], ...] = ()

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
    "ole": (
        "a legacy Office file policykg does not read (not Word 97, WPS or an Excel workbook):"
        " save it as .docx or .txt first"
    ),
}


def sniff_kind(data: bytes, suffix: str = "") -> str:
    """Return "pdf", "docx", "xlsx", "ods", "ofd", "rtf", an image kind, "html", "text", or "ole"
    (a legacy Office file, told apart by its streams) from the first bytes of a file; ``suffix``, the
    file's extension, only names a zip archive too damaged to list."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, suffix)
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


def _zip_kind(data: bytes, suffix: str) -> str:
    """Return "ods", "xlsx", "ofd" or "docx" (the docx reader refuses any other zip) for a zip archive;
    a damaged one is taken to be what its ``suffix`` says, so its own reader names the damage."""
    if data[30:].startswith(ODS_MIMETYPE):
        return "ods"
    names = zip_names(data)
    if not names:
        return ZIP_SUFFIX_KINDS.get(suffix.lower(), "docx")
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "docx"


def _ole_kind(data: bytes, suffix: str, shown: str) -> str:
    """Return "doc", "wps", "xls" or "et" for an OLE file, "ole" when policykg does not read it.

    Raises :class:`InputError` for an Office file saved with a password.
    """
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            encrypted = any(ole.exists(stream) for stream in ENCRYPTED_STREAMS)
    except (OSError, ValueError, IndexError, struct.error):
        encrypted = False  # damaged: the reader of its kind says so
    if encrypted:
        raise InputError(shown, "password-protected file: cannot read it (save it without a password)")
    return word_kind(data, suffix) or sheet_kind(data, suffix) or "ole"


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
    kind = sniff_kind(data, p.suffix)
    if kind == "ole":
        kind = _ole_kind(data, p.suffix, shown)
    elif kind == "text" and p.suffix.lower() in CSV_SUFFIXES:
        kind = "csv"
    if kind in UNREAD_FORMATS:
        raise InputError(shown, UNREAD_FORMATS[kind])
    encoding: str | None = None
    method, regions = "read", ()
    if kind in SHEET_KINDS or kind in ("csv", "ofd"):
        text, encoding, regions = _read_laid_out(data, shown, kind)
    elif kind == "pdf":
        from policykg.loaders.read.pdf import read_pdf

        text, method, regions = read_pdf(data, shown)  # pages that are only an image are recognised
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


def _read_laid_out(data: bytes, shown: str, kind: str) -> tuple[str, str | None, tuple]:
    """Return the text of a spreadsheet, a CSV file or an OFD, its encoding (CSV) and its cell or page regions."""
    if kind == "csv":
        from policykg.loaders.read.spreadsheet import csv_to_text

        return csv_to_text(data, shown)
    if kind == "ofd":
        from policykg.loaders.read.ofd import ofd_to_text

        text, regions = ofd_to_text(data, shown)
        return text, None, regions
    from policykg.loaders.read.spreadsheet import sheet_to_text

    text, regions = sheet_to_text(data, shown, kind)
    return text, None, regions


def _converted_or_recognised(data: bytes, shown: str, kind: str) -> tuple[str, str, tuple]:
    """Return the text of a legacy word-processor file or a scan, how it was got, and its page regions."""
    if kind in LEGACY_KINDS:
        from policykg.loaders.read.convert import METHOD, legacy_to_text

        return legacy_to_text(data, shown, kind), METHOD, ()
    from policykg.loaders.read.ocr import METHOD, recognise_image

    recognised = recognise_image(data, shown)
    return recognised.text, METHOD, recognised.regions()


def _fetched_from(path: Path) -> str | None:
    """Return the URL policykg fetched ``path`` from, or None."""
    from policykg.loaders.read.fetch import recorded_url

    return recorded_url(path)
