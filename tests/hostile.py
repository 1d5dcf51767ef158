"""Hostile and malformed source files, written on demand (nothing binary is kept in the repository)."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

NOTICE = "某市优化营商环境实施方案\n\n一、重点任务\n\n1. 推进改革。（市政务办牵头，市财政局配合）\n"


@functools.cache  # compressing 50 MB takes half a second; every caller gets the same bytes
def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document>" + " " * (50 * 1024 * 1024) + "</w:document>")
    return buffer.getvalue()


@functools.cache
def _zip_bomb(first: str, member: str) -> bytes:
    """Return a zip holding ``first`` (what names its kind) and ``member``: 50 MB of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(first, "<x/>")
        z.writestr(member, " " * (50 * 1024 * 1024))
    return buffer.getvalue()


def _locked_xlsx() -> bytes:
    """Return a one-cell workbook saved with a password (an OLE file holding the encrypted package)."""
    import openpyxl
    from msoffcrypto.format.ooxml import OOXMLFile

    plain, locked = io.BytesIO(), io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = NOTICE
    book.save(plain)
    plain.seek(0)
    OOXMLFile(plain).encrypt("secret", locked)
    return locked.getvalue()


def _fake_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("notes.txt", "not a word document")
    return buffer.getvalue()


# name -> (content, "error" when the build must refuse it, "ok" when it must build)
def hostile_files() -> dict[str, tuple[bytes, str]]:
    """Return hostile inputs by file name with whether they must be refused or built."""
    return {
        "empty.txt": (b"", "error"),
        "only-spaces.txt": ("  \n\u3000\n\t".encode(), "error"),
        "binary.txt": (bytes(range(256)) * 64, "error"),
        "nul-late.txt": (NOTICE.encode() * 300 + b"\x00" * 10, "error"),
        "undecodable.txt": (bytes(range(0x80, 0x100)) * 16, "error"),
        "truncated.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "error"),
        "scan.pdf": (b"", "error"),  # replaced below by a page-only PDF
        "fake.docx": (_fake_docx(), "error"),
        "bomb.docx": (_docx_bomb(), "error"),
        "not-a-zip.docx": (b"PK\x03\x04garbage", "error"),
        "bomb.xlsx": (_zip_bomb("xl/workbook.xml", "xl/worksheets/sheet1.xml"), "error"),
        "locked.xlsx": (_locked_xlsx(), "error"),
        "bomb.ofd": (_zip_bomb("OFD.xml", "Doc_0/Pages/Page_0/Content.xml"), "error"),
        "sheet.csv": (NOTICE.replace("（", ",").encode("gb18030"), "ok"),
        "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "error"),
        "notice.rtf.txt": (b"{\\rtf1\\ansi \\par }", "error"),  # an RTF holding no text
        "torn.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "error"),
        "deep.html": (
            ("<html><body>" + "<div>" * 50000 + NOTICE + "</div>" * 50000 + "</body></html>").encode(),
            "ok",
        ),
        "entities.html": (
            (
                "<!DOCTYPE html [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                "<html><body><p>&b;&b;&b;</p><p>" + NOTICE + "</p></body></html>"
            ).encode(),
            "ok",
        ),
        "script.html": (
            (
                "<html><body><script>alert(1)</script><p>" + NOTICE + "<img src=x onerror=alert(1)></p>"
                "</body></html>"
            ).encode(),
            "ok",
        ),
        "link-maze.html": (  # a notice under 20,000 menu links
            (
                "<html><body><ul>"
                + "<li><a href='/p.html'>栏目</a></li>" * 20000
                + "</ul><div><p>"
                + NOTICE.replace("\n\n", "</p><p>")
                + "</p></div></body></html>"
            ).encode(),
            "ok",
        ),
        "deep-layout.html": (  # a notice in the innermost of 200 layout tables, each with a menu cell
            (
                "<html><body>"
                + "<table><tr><td><a href='/'>首页</a></td><td>" * 200
                + "<p>"
                + NOTICE.replace("\n\n", "</p><p>")
                + "</p>"
                + "</td></tr></table>" * 200
                + "</body></html>"
            ).encode(),
            "ok",
        ),
        "long-line.txt": (
            (
                "某市实施方案\n\n1. 推进改革（市政务办牵头，" + "市财政局、" * 100000 + "市商务局配合）。\n"
            ).encode(),
            "ok",
        ),
        "huge-number.txt": (
            ("某市实施方案\n\n1. 压缩至" + "9" * 20000 + "个工作日以内。（市政务办负责）\n").encode(),
            "ok",
        ),
        "brackets.txt": (
            ("某市实施方案\n\n一、任务\n\n" + "1. 推进《改革（市政务办牵头**负责〔\n" * 3000).encode(),
            "ok",
        ),
        "deep-headings.txt": (
            (
                "某市实施方案\n\n"
                + "".join(
                    f"（{'一' * (k % 3 + 1)}）标题{k}\n\n{k}. 推进。（市政务办负责）\n\n"
                    for k in range(1, 2000)
                )
            ).encode(),
            "ok",
        ),
        "twice.txt": ((NOTICE * 2).encode("gb18030"), "ok"),
        "utf16.txt": (NOTICE.encode("utf-16"), "ok"),
        "cr-only.txt": (NOTICE.replace("\n", "\r").encode(), "ok"),
        "crlf-fullwidth.txt": (NOTICE.replace("1.", "１．").replace("\n", "\r\n").encode("utf-8-sig"), "ok"),
        "pdf-named.txt.pdf": (NOTICE.encode(), "ok"),  # a text file with the wrong extension
        "no-measures.txt": ("关于召开会议的通知\n\n各单位：\n\n请准时参加。\n".encode(), "ok"),
    }


def write_hostile(folder: Path) -> dict[Path, str]:
    """Write every hostile file into ``folder``; return path -> expected outcome."""
    from pypdf import PdfWriter

    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (content, outcome) in hostile_files().items():
        path = folder / name
        if name == "scan.pdf":
            writer = PdfWriter()
            writer.add_blank_page(width=100, height=100)
            with open(path, "wb") as f:
                writer.write(f)
        else:
            path.write_bytes(content)
        out[path] = outcome
    return out
