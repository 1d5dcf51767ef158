"""Make the legacy word-processor fixtures from legacy_notice.txt with LibreOffice.

The notice is laid out as a .docx (paragraphs, tab-separated lines as a table) with python-docx,
then LibreOffice writes it as .odt and from that legacy_notice.doc (MS Word 97), legacy_notice.rtf
and legacy_notice.wps.
LibreOffice has no Kingsoft WPS export; Kingsoft WPS Writer's .wps is a Word 97 binary (an OLE file
with a WordDocument stream), which LibreOffice registers for the .wps extension, so the .wps is the
Word 97 filter's output under that name. Run from any folder:
    python tests/data/formats/legacy_make.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx

HERE = Path(__file__).parent
TARGETS = {"doc": "doc:MS Word 97", "wps": "wps:MS Word 97", "rtf": "rtf:Rich Text Format"}


def write_docx(source: Path, target: Path) -> None:
    """Write the notice in ``source`` as a .docx at ``target``, tab-separated lines as table rows."""
    document = docx.Document()
    table = None
    for line in source.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            for cell, text in zip(table.add_row().cells, cells, strict=True):
                cell.text = text
        elif line.strip():
            table = None
            document.add_paragraph(line)
    document.save(target)


def convert(source: Path, target: str, folder: Path, profile: Path) -> None:
    """Have LibreOffice write ``source`` as ``target`` ("suffix:filter") into ``folder``."""
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    command += ["--convert-to", target, "--outdir", str(folder), str(source)]
    subprocess.run(command, check=True, timeout=300)


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder, profile = Path(work), Path(work) / "profile"
        write_docx(HERE / "legacy_notice.txt", folder / "legacy_notice.docx")
        # through OpenDocument: LibreOffice's Word 97 filter drops a table python-docx wrote directly
        convert(folder / "legacy_notice.docx", "odt", folder, profile)
        for target in TARGETS.values():
            convert(folder / "legacy_notice.odt", target, HERE, profile)


if __name__ == "__main__":
    main()
