"""A folder of mixed attachments: time and memory to read each format, and a build of the whole folder.

    python benchmarks/formats.py [--files 200] [--measures 8] [--keep DIR]

Writes ``--files`` generated notices (benchmarks/make_corpus.py, every generator format in turn) as
attachments in the formats governments publish, in the shares ``SHARES`` gives (most .docx, .xlsx
and .pdf; few scans, which take seconds a page): .txt, web pages (benchmarks/web_pages.py), .docx,
text-layer .pdf, .xlsx, .xls, .ods, WPS .et, .csv, .ofd, .doc, .wps and .rtf (benchmarks/
legacy_scans.py), scanned .pdf and .png. Then, per format, reads its files in a fresh process and
prints the time a file, that process's peak memory above what it held after its imports, the peak
of the largest program it started (LibreOffice, Tesseract), and how many files give the same
measures and roles as their .txt (a .png is a notice's first page: its measures must be ones of the
.txt). Last, ``policykg build`` of the whole folder, with its by-format report line.

Writing needs LibreOffice (Writer and Calc) and a Chinese serif font (Debian: fonts-noto-cjk);
reading .doc/.wps/.rtf and scans needs LibreOffice and Tesseract.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "formats"))

# a share of the folder for each format, out of 200 (what a folder of real attachments might hold)
SHARES = {
    ".txt": 12,
    ".html": 18,
    ".docx": 28,
    ".pdf": 20,
    ".xlsx": 28,
    ".xls": 10,
    ".ods": 6,
    ".et": 4,
    ".csv": 8,
    ".ofd": 16,
    ".doc": 20,
    ".wps": 8,
    ".rtf": 6,
    ".scan.pdf": 10,
    ".png": 6,
}
SLOW_SUFFIXES = (".scan.pdf", ".png", ".doc", ".wps", ".rtf")  # seconds a file: not read twice
SHEET_NAME = "Sheet1"
SHEET_LABELS = (".xlsx", ".xls", ".ods", ".et", ".csv")
SPACED_FORMAT = "space_table"  # the generator's format whose table is aligned by runs of spaces
OFD_MIN_COLUMN_CHARS, OFD_MAX_COLUMN_CHARS = 3, 24  # a table column's width in characters, at least / at most


def _soffice(target: str, folder: Path, sources: list[Path], profile: Path) -> None:
    """Have LibreOffice write every file in ``sources`` as ``target`` into ``folder``, in one start."""
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target]
    subprocess.run([*command, "--outdir", str(folder), *map(str, sources)], check=True, capture_output=True)


def _rows(text: str) -> list[list[str]]:
    """Return the notice's lines as sheet rows: a table line's cells in columns, other lines in column A."""
    return [line.split("\t") if line.strip() else [] for line in text.splitlines()]


def write_xlsx(text: str, path: Path) -> Path:
    """Write the notice ``text`` as a one-sheet workbook at ``path``, a line a row; return ``path``."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    for number, row in enumerate(_rows(text), start=1):
        for column, value in enumerate(row, start=1):
            if value:
                sheet.cell(number, column, value)
    book.save(path)
    return path


def write_csv(text: str, path: Path) -> Path:
    """Write the notice ``text`` as CSV (UTF-8 with a BOM, as spreadsheet programs save it); return ``path``."""
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(_rows(text))
    return path


def write_sheets(texts: list[Path], suffix: str) -> list[Path]:
    """Write each notice in ``texts`` beside it as a ``suffix`` workbook (.xlsx, .xls, .ods, .et); return them."""
    if suffix == ".xlsx":
        return [write_xlsx(t.read_text(encoding="utf-8"), t.with_suffix(".xlsx")) for t in texts]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        books = [write_xlsx(t.read_text(encoding="utf-8"), work / f"{t.stem}.xlsx") for t in texts]
        # WPS Spreadsheets' .et is an Excel 97 workbook under its own name
        _soffice("xls" if suffix == ".et" else suffix[1:], work, books, work / "profile")
        for text, book in zip(texts, books, strict=True):
            shutil.move(book.with_suffix(".xls" if suffix == ".et" else suffix), text.with_suffix(suffix))
    return [t.with_suffix(suffix) for t in texts]


def write_ofd_notice(text: str, path: Path) -> Path:
    """Write the notice ``text`` as an OFD at ``path``: paragraphs indented and wrapped, tables ruled."""
    from ofd_make import BODY_SIZE, TEXT_WIDTH, Pages, write_ofd

    lines = text.splitlines()
    pages, table = Pages(), []
    for line in [*lines, ""]:
        if "\t" in line:
            table.append(tuple(line.split("\t")))
            continue
        if table:
            pages.table(_equal_rows(table), _column_widths(_equal_rows(table), TEXT_WIDTH))
            pages.y += BODY_SIZE / 2
            table = []
        if line.strip():
            pages.paragraph("  " + line.strip())
    write_ofd(path, pages.pages, title=next((line for line in lines if line.strip()), ""))
    return path


def _equal_rows(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Return ``rows`` padded with empty cells to the widest row's count."""
    width = max(len(row) for row in rows)
    return [row + ("",) * (width - len(row)) for row in rows]


def _column_widths(rows: list[tuple[str, ...]], total: float) -> tuple[float, ...]:
    """Return column widths summing to ``total``, shared by each column's longest cell (within bounds)."""
    chars = [
        min(OFD_MAX_COLUMN_CHARS, max(OFD_MIN_COLUMN_CHARS, *(len(row[k]) for row in rows)))
        for k in range(len(rows[0]))
    ]
    return tuple(total * c / sum(chars) for c in chars)


def write_documents(texts: list[Path], suffix: str) -> list[Path]:
    """Write each notice in ``texts`` beside it as a .docx or a text-layer .pdf; return them."""
    from legacy_make import write_docx

    if suffix == ".docx":
        for text in texts:
            write_docx(text, text.with_suffix(".docx"))
        return [t.with_suffix(".docx") for t in texts]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for text in texts:
            write_docx(text, work / f"{text.stem}.docx")
        laid_out = [work / f"{t.stem}.docx" for t in texts]
        _soffice("odt", work, laid_out, work / "profile")
        _soffice(
            "pdf:writer_pdf_Export",
            texts[0].parent,
            [p.with_suffix(".odt") for p in laid_out],
            work / "profile",
        )
    return [t.with_suffix(".pdf") for t in texts]


def write_format(texts: list[Path], label: str) -> list[Path]:
    """Write each notice in ``texts`` in the format ``label`` names (a key of ``SHARES``); return the files."""
    from legacy_scans import write_legacy, write_scans
    from web_pages import write_web_page

    if label == ".txt":
        return texts
    if label == ".html":
        return [write_web_page(t.read_text(encoding="utf-8"), t.with_suffix(".html")) for t in texts]
    if label in (".docx", ".pdf"):
        return write_documents(texts, label)
    if label in (".xlsx", ".xls", ".ods", ".et"):
        return write_sheets(texts, label)
    if label == ".csv":
        return [write_csv(t.read_text(encoding="utf-8"), t.with_suffix(".csv")) for t in texts]
    if label == ".ofd":
        return [write_ofd_notice(t.read_text(encoding="utf-8"), t.with_suffix(".ofd")) for t in texts]
    if label in (".doc", ".wps", ".rtf"):
        return write_legacy(texts, label)
    if label == ".scan.pdf":
        scans = write_scans(texts, ".pdf")
        return [scan.rename(scan.with_suffix(".scan.pdf")) for scan in scans]
    return write_scans(texts, ".png")


def write_folder(folder: Path, files: int, measures: int) -> dict[str, list[tuple[Path, Path]]]:
    """Write ``files`` notices into ``folder/txt`` and their attachments into ``folder/attachments``;
    return, per format, each attachment with the .txt it was made from."""
    from make_corpus import generate

    texts = generate(folder / "txt", files * measures, per_file=measures)
    # a table aligned by spaces is typed text, never a sheet's cells: such notices go to other formats
    typed = [t for t in texts if SPACED_FORMAT in t.stem]
    others = [t for t in texts if SPACED_FORMAT not in t.stem]
    made: dict[str, list[tuple[Path, Path]]] = {}
    for label, count in _counts(files).items():
        pool = others if label in SHEET_LABELS else typed + others
        chosen = pool[:count]
        typed, others = [t for t in typed if t not in chosen], [t for t in others if t not in chosen]
        work = folder / "work" / label.strip(".")
        work.mkdir(parents=True)
        copies = [Path(shutil.copy(t, work / t.name)) for t in chosen]
        attachments = []
        for text, written in zip(chosen, write_format(copies, label), strict=True):
            target = folder / "attachments" / f"{text.stem}{label}"
            target.parent.mkdir(exist_ok=True)
            attachments.append((Path(shutil.copy(written, target)), text))
        made[label] = attachments
    shutil.rmtree(folder / "work")
    return made


def _counts(files: int) -> dict[str, int]:
    """Return how many files of each format make ``files`` in all, in ``SHARES``'s proportions."""
    total = sum(SHARES.values())
    counts = {label: max(1, round(files * share / total)) for label, share in SHARES.items()}
    counts[".docx"] = max(1, counts[".docx"] + files - sum(counts.values()))
    return counts


def read_in_child(pairs: list[tuple[Path, Path]]) -> dict:
    """Return, for reading the attachments of ``pairs`` in this process, the seconds, memory figures and
    how many give the measures and roles of their .txt."""
    import resource

    from policykg.loaders.extract.pipeline import parse_file, parse_source
    from policykg.loaders.read.sources import read_source

    # imports and first-call set-up are not the format's; a slow format's are small beside a file
    slow = pairs[0][0].name.endswith(SLOW_SUFFIXES)
    read_source(pairs[0][1] if slow else pairs[0][0])
    settled = _status_kb("VmRSS")
    start = time.perf_counter()
    sources = [read_source(attachment) for attachment, _ in pairs]
    seconds = time.perf_counter() - start
    peak = _status_kb("VmHWM")
    same = 0
    for source, (attachment, text) in zip(sources, pairs, strict=True):
        found, wanted = _facts(parse_source(source)), _facts(parse_file(text))
        same += found <= wanted if attachment.suffix == ".png" else found == wanted
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"files": len(pairs), "seconds": seconds, "above_mb": max(0, peak - settled) / 1024,
            "peak_mb": peak / 1024, "program_mb": children, "same": same}  # fmt: skip


def _status_kb(field: str) -> int:
    """Return a figure of this process's /proc status in kB (VmRSS now, VmHWM its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _facts(parsed) -> set[tuple]:  # noqa: ANN001
    """Return each measure's number and the departments in each role."""
    roles = ("lead", "responsible", "co")
    return {(m.number, *(tuple(a.name for a in m.actors(r)) for r in roles)) for m in parsed.measures}


def _build(folder: Path) -> None:
    """Build a store from the attachments folder with the CLI and print its time and by-format line."""
    store = folder / "store"
    command = ["policykg", "--store", str(store), "build", str(folder / "attachments")]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = done.stderr.splitlines()
    shown = [line for line in lines if line.startswith(("format ", "built "))] or lines[-3:]
    print(f"policykg build of the folder: {seconds:.1f} s, exit {done.returncode}")
    for line in shown:
        print("  " + line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--measures", type=int, default=8, help="measures per notice")
    ap.add_argument("--keep", type=Path, help="write the folder here and keep it")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        pairs = [(Path(a), Path(t)) for a, t in json.loads(args.child.read_text())]
        print(json.dumps(read_in_child(pairs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        start = time.perf_counter()
        made = write_folder(folder, args.files, args.measures)
        print(f"wrote {sum(map(len, made.values()))} attachments in {time.perf_counter() - start:.0f} s")
        for label, pairs in made.items():
            listing = Path(tmp) / f"{label.strip('.')}.json"
            listing.write_text(json.dumps([[str(a), str(t)] for a, t in pairs]))
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(listing)], capture_output=True, text=True
            )
            if done.returncode:
                print(f"{label:>10}: failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(done.stdout)
            print(
                f"{label:>10}: {r['files']:3d} files, {1000 * r['seconds'] / r['files']:8.1f} ms a file, "
                f"peak {r['peak_mb']:.0f} MB ({r['above_mb']:.1f} MB above settled), "
                f"largest program {r['program_mb']:.0f} MB; same as the .txt: {r['same']} of {r['files']}"
            )
        _build(folder)


if __name__ == "__main__":
    main()
