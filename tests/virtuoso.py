"""Start Virtuoso Open Source (Debian's virtuoso-opensource) on loopback for the endpoint tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .components import component_missing

VIRTUOSO = shutil.which("virtuoso-t")
LOG_TAIL_CHARS = 2000  # how much of the server log a failed start shows
USER, PASSWORD = "dba", "dba"  # a new database's administrator; the server listens on loopback only

INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 0
DirsAllowed        = .
NumberOfBuffers    = 170000
MaxDirtyBuffers    = 130000
MaxQueryMem        = 2G
CaseMode           = 2

[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerRoot    = {dir}
ServerThreads = 10
Charset       = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
"""


def require_virtuoso() -> str:
    """Return virtuoso-t's path; skip (or, in CI, fail) when it is not installed."""
    if VIRTUOSO is None:
        component_missing("Debian's virtuoso-opensource is not installed (.ci/run installs it)")
    return VIRTUOSO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_virtuoso(directory: Path, timeout: float = 120.0) -> Iterator[str]:
    """Run a fresh Virtuoso in ``directory``; yield its base URL (http://127.0.0.1:PORT)."""
    binary = require_virtuoso()
    http_port, sql_port = _free_port(), _free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(dir=directory, http_port=http_port, sql_port=sql_port), encoding="utf-8")
    log = open(directory / "server.out", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=directory, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"virtuoso-t exited: {(directory / 'server.out').read_text()[-LOG_TAIL_CHARS:]}"
                )
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("virtuoso-t did not answer in time") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
