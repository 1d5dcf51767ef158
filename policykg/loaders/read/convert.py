"""Legacy word-processor files (.doc, Kingsoft .wps, .rtf) converted to .docx by LibreOffice.

LibreOffice runs headless, once per file, with a profile of its own in a temporary folder, so
conversions running at the same time (a build with several processes) never share one. A
conversion that does not finish within a time limit is stopped with its whole process group.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from policykg.errors import InputError

CONVERT_TIMEOUT_SECONDS = 120.0
LIBREOFFICE_PROGRAMS = ("soffice", "libreoffice")
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
# the file suffix LibreOffice is shown for each kind; its type detection reads the bytes as well
INPUT_SUFFIXES = {"doc": ".doc", "wps": ".wps", "rtf": ".rtf"}
LEGACY_KINDS = frozenset(INPUT_SUFFIXES)
_DOCX_FILTER = "docx:MS Word 2007 XML"
_STDERR_SHOWN_CHARS = 200


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
            detail = " ".join(stderr.split())[-_STDERR_SHOWN_CHARS:]
            reason = f" ({detail})" if detail else " (damaged, encrypted or not a word-processor file?)"
            raise InputError(path, f"LibreOffice could not convert this .{kind} file{reason}")
        return converted.read_bytes()


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
