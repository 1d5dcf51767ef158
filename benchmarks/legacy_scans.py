"""Write generated notices as .doc, .wps, .rtf and scans, and time reading them.

    python benchmarks/legacy_scans.py [--files 6] [--measures 8]

``write_legacy`` and ``write_scans`` are what benchmarks/formats.py calls to make these formats' share
of its mixed folder. Run alone, this writes ``--files`` notices (benchmarks/make_corpus.py) in each
format, then prints per format the time to read them (LibreOffice's conversion or Tesseract's
recognition included), the peak memory of this process and of the largest program it started, and
how many give the same measures and roles as their .txt. Writing needs LibreOffice and a Chinese
serif font (Debian: fonts-noto-cjk); reading needs LibreOffice and Tesseract.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "formats"))

from legacy_make import write_docx  # noqa: E402
from make_corpus import generate  # noqa: E402
from scan_make import DPI, render  # noqa: E402

LEGACY_FILTERS = {".doc": "doc:MS Word 97", ".wps": "wps:MS Word 97", ".rtf": "rtf:Rich Text Format"}


def _soffice(target: str, folder: Path, sources: list[Path], profile: Path) -> None:
    """Have LibreOffice write every file in ``sources`` as ``target`` into ``folder``, in one start."""
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target]
    subprocess.run([*command, "--outdir", str(folder), *map(str, sources)], check=True, capture_output=True)


def write_legacy(texts: list[Path], suffix: str) -> list[Path]:
    """Write each notice in ``texts`` beside it as a ``suffix`` file (.doc, .wps or .rtf); return them."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        laid_out = []
        for text in texts:
            write_docx(text, work / f"{text.stem}.docx")
            laid_out.append(work / f"{text.stem}.docx")
        # through OpenDocument: LibreOffice's Word 97 filter drops a table python-docx wrote directly
        _soffice("odt", work, laid_out, work / "profile")
        _soffice(
            LEGACY_FILTERS[suffix],
            texts[0].parent,
            [p.with_suffix(".odt") for p in laid_out],
            work / "profile",
        )
    return [t.with_suffix(suffix) for t in texts]


def write_scans(texts: list[Path], suffix: str) -> list[Path]:
    """Write each notice in ``texts`` beside it as a scan: a .pdf of page images, or a .png of its first page."""
    written = []
    for text in texts:
        pages = render(text)
        target = text.with_suffix(suffix)
        if suffix == ".pdf":
            pages[0].save(target, save_all=True, append_images=pages[1:], resolution=DPI)
        else:
            pages[0].save(target, dpi=(DPI, DPI))
        written.append(target)
    return written


def _facts(parsed) -> set[tuple]:  # noqa: ANN001
    """Return each measure's number and the departments in each role."""
    roles = ("lead", "responsible", "co")
    return {(m.number, *(tuple(a.name for a in m.actors(r)) for r in roles)) for m in parsed.measures}


def _time_reading(paths: list[Path]) -> tuple[list, float, float]:
    """Return the sources read from ``paths``, the seconds it took and this process's peak memory in MB."""
    from policykg.loaders.read.sources import read_source

    tracemalloc.start()
    start = time.perf_counter()
    sources = [read_source(path) for path in paths]
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return sources, elapsed, peak / 1e6


def main() -> None:
    from policykg.loaders.extract.pipeline import parse_file, parse_source

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=6)
    ap.add_argument("--measures", type=int, default=8, help="measures per notice")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts = generate(Path(tmp), args.files * args.measures, per_file=args.measures)
        made = {suffix: write_legacy(texts, suffix) for suffix in LEGACY_FILTERS}
        made |= {".pdf (scan)": write_scans(texts, ".pdf"), ".png (page 1)": write_scans(texts, ".png")}
        for label, paths in made.items():
            sources, elapsed, peak = _time_reading(paths)
            child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            found = [_facts(parse_source(source)) for source in sources]
            wanted = [_facts(parse_file(text)) for text in texts]
            # a .png is a notice's first page: its measures must be ones of the .txt
            same = sum(
                f <= w if label.startswith(".png") else f == w for f, w in zip(found, wanted, strict=True)
            )
            print(
                f"{label:>14}: {len(paths)} files in {elapsed:.1f} s, {elapsed / len(paths):.2f} s a file, "
                f"peak {peak:.1f} MB here, {child_peak:.0f} MB largest program so far; "
                f"same measures and roles as the .txt: {same} of {len(paths)}"
            )


if __name__ == "__main__":
    main()
