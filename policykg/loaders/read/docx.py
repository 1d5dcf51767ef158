"""Plain text from a Word .docx: paragraphs and tables in body order, bold runs as ``**``."""

from __future__ import annotations

import io
import zipfile

from policykg.errors import InputError
from policykg.loaders.read.archive import MAX_RATIO, MAX_UNPACKED_BYTES


def _check_archive(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"not a valid .docx (zip) file: {exc}") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise InputError(path, "zip archive without word/document.xml: not a .docx document")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        raise InputError(path, f"refused: archive unpacks to {unpacked} bytes (zip bomb?)")


def _paragraph_text(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = run.text
        if run.bold and text.strip():
            text = f"**{text}**"
        parts.append(text)
    return "".join(parts).replace("****", "")


def docx_to_text(data: bytes, path: str) -> str:
    """Return the text of a .docx file, or raise :class:`InputError`."""
    _check_archive(data, path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors …
        raise InputError(path, f"cannot read .docx: {exc}") from None
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(Paragraph(block, document)))
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append("\t".join(cells))
    return "\n\n".join(line for line in lines if line.strip()) + "\n"
