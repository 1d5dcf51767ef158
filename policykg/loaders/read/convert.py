"""Legacy word-processor files (.doc, Kingsoft .wps, .rtf) converted to .docx by LibreOffice.

LibreOffice runs headless, once per file, with a profile of its own in a temporary folder, so
conversions running at the same time (a build with several processes) never share one. A
conversion that does not finish within a time limit is stopped with its whole process group.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from policykg.errors import InputError

METHOD = "converted by LibreOffice"
CONVERT_TIMEOUT_SECONDS = 120.0
LIBREOFFICE_PROGRAMS = ("soffice", "libreoffice")
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
# the file suffix LibreOffice is shown for each kind; its type detection reads the bytes as well
INPUT_SUFFIXES = {"doc": ".doc", "wps": ".wps", "rtf": ".rtf"}
LEGACY_KINDS = frozenset(INPUT_SUFFIXES)
OLE_WORD_KINDS = frozenset({"doc", "wps"})  # Word 97 binaries: an OLE file with a WordDocument stream
# the File Information Block at the start of the WordDocument stream: its flags word, and the bit
# saying the document is encrypted (MS-DOC 2.5.2, FibBase.fEncrypted)
FIB_FLAGS_OFFSET = 0x0A
FIB_ENCRYPTED = 0x0100
_DOCX_FILTER = "docx:MS Word 2007 XML"
_STDERR_SHOWN_CHARS = 200


def word_kind(data: bytes, suffix: str) -> str | None:
    """Return "doc" or "wps" for an OLE file a word processor wrote, None for other OLE files.

    Kingsoft WPS Writer saves .wps as a Word 97 binary (a WordDocument stream), so the file's name
    tells the two apart; Microsoft Works' .wps has a CONTENTS stream instead.
    """
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.exists("WordDocument")
            works = ole.exists("CONTENTS") and not ole.exists("Workbook")
    except (OSError, ValueError, IndexError, struct.error):
        return "wps" if suffix.lower() == ".wps" else "doc" if suffix.lower() == ".doc" else None
    if word:
        return "wps" if suffix.lower() == ".wps" else "doc"
    return "wps" if works else None


def find_libreoffice() -> str | None:
    """Return the path of LibreOffice's ``soffice`` program, or None when it is not installed."""
    for program in LIBREOFFICE_PROGRAMS:
        found = shutil.which(program)
        if found:
            return found
    return None


def convert_to_docx(data: bytes, path: str, kind: str, timeout: float = CONVERT_TIMEOUT_SECONDS) -> bytes:
    """Return the bytes of a .docx LibreOffice makes from ``data``, a ``kind`` ("doc", "wps", "rtf") file.

    Raises :class:`InputError` naming ``path`` when LibreOffice is missing, fails, or takes longer
    than ``timeout`` seconds (it is then stopped).
    """
    if kind in OLE_WORD_KINDS:
        _refuse_protected(data, path, kind)
    program = find_libreoffice()
    if program is None:
        raise InputError(path, f"reading a .{kind} file needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="policykg-convert-") as work:
        folder = Path(work)
        source = folder / f"source{INPUT_SUFFIXES[kind]}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            _DOCX_FILTER,
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        stderr = _run_bounded(command, folder, path, kind, timeout)
        converted = folder / "out" / "source.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise InputError(path, f"LibreOffice could not convert this .{kind} file ({_reason(stderr)})")
        return converted.read_bytes()


def _refuse_protected(data: bytes, path: str, kind: str) -> None:
    """Raise :class:`InputError` when a Word 97 file says it is password-protected (LibreOffice would ask)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptionInfo"):
                raise InputError(path, f"password-protected .{kind} file: cannot read it")
            if not ole.exists("WordDocument"):
                return  # not Word 97 inside (Microsoft Works .wps): LibreOffice's filters decide
            fib = ole.openstream("WordDocument").read(FIB_FLAGS_OFFSET + 2)
    except (OSError, ValueError, IndexError, struct.error) as exc:  # olefile's errors on a damaged file
        raise InputError(path, f"damaged .{kind} file: {exc}") from None
    if len(fib) == FIB_FLAGS_OFFSET + 2 and int.from_bytes(fib[FIB_FLAGS_OFFSET:], "little") & FIB_ENCRYPTED:
        raise InputError(path, f"password-protected .{kind} file: cannot read it")


def _reason(stderr: str) -> str:
    """Return LibreOffice's own error line (its warnings left out), or a guess when it gave none."""
    errors = [line.strip() for line in stderr.splitlines() if line.strip().lower().startswith("error")]
    if errors:
        return (
            errors[-1][:_STDERR_SHOWN_CHARS] + "; damaged, password-protected or not a word-processor file?"
        )
    return "damaged, password-protected or not a word-processor file?"


def _run_bounded(command: list[str], folder: Path, path: str, kind: str, timeout: float) -> str:
    """Run ``command`` in its own process group; return its stderr, or stop the group after ``timeout``."""
    env = {**os.environ, "HOME": str(folder)}  # LibreOffice writes caches below $HOME
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=folder,
        env=env,
        start_new_session=True,  # its own process group, so its helpers are stopped with it
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop_group(process)
        raise InputError(
            path, f"LibreOffice did not finish converting this .{kind} file in {timeout:g} s; stopped it"
        ) from None
    except BaseException:  # interrupted (Ctrl-C): leave no office process behind
        _stop_group(process)
        raise
    return stderr.decode("utf-8", errors="replace")


def _stop_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process it started, and reap it."""
    with contextlib.suppress(ProcessLookupError):  # it ended by itself meanwhile
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def legacy_to_text(data: bytes, path: str, kind: str, timeout: float = CONVERT_TIMEOUT_SECONDS) -> str:
    """Return the text of a .doc, .wps or .rtf file, tables included, read from its .docx conversion."""
    from policykg.loaders.read.docx import docx_to_text

    return docx_to_text(convert_to_docx(data, path, kind, timeout), path)
