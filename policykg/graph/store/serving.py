"""Serve a store as a SPARQL 1.1 Protocol endpoint: Oxigraph's own server behind a small proxy.

The ``oxigraph`` program (the ``oxigraph`` package, the same engine and store format as pyoxigraph)
answers SPARQL on a free loopback port, read-only unless asked, cancelling queries past the timeout.
In front of it, on the address the user chose, :mod:`policykg.graph.store.proxy` serves the query
page, answers a query past the timeout with an error instead of a truncated result, and adds CORS
headers for one origin only. While a read-only server runs it holds the store's lock, so no build
writes under it (Oxigraph's read-only mode does not tolerate a writer).

    with Serving(ServeSettings(Path("policykg.store")), page=b"<html>...") as served:
        print(served.url)
        served.serve_forever()
"""

from __future__ import annotations

import contextlib
import fcntl
import ipaddress
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from policykg.errors import PolicyKGError, StoreError, StoreLockedError

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT_S = 30.0
# how long the oxigraph program may take to answer its first request
READY_TIMEOUT_S = 30.0
READY_POLL_S = 0.05
# how long a stopped oxigraph program may take to exit before it is killed
STOP_TIMEOUT_S = 5.0
# tries at a free loopback port for the oxigraph program (another process may take one meanwhile)
PORT_TRIES = 3
PROGRAM = "oxigraph"
_ROCKSDB_MARKER = "CURRENT"  # the file every RocksDB database directory holds
_LOCK_FILE = "LOCK"  # RocksDB's lock: a POSIX record lock on this file
_PR_SET_PDEATHSIG = 1  # prctl option: a signal for the child when its parent dies
# host:port, [v6]:port or :port
_BIND = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[^:\[\]]*)):(?P<port>\d{1,5})$")
# "oxigraph 0.5.13": the program's version
_VERSION = re.compile(r"(\d+)\.(\d+)\.\d+")


class ServeError(PolicyKGError):
    """The endpoint cannot be started: a bad or busy address, a missing program, a server that stopped."""


@dataclass(frozen=True)
class ServeSettings:
    """What to serve and how: the store directory, the address, and the endpoint's limits."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    timeout: float = DEFAULT_TIMEOUT_S
    cors_origin: str | None = None
    allow_remote: bool = False


def parse_bind(text: str) -> tuple[str, int]:
    """Return the (host, port) of ``host:port``, ``[v6]:port`` or ``:port`` (loopback), or raise ServeError."""
    m = _BIND.match(text.strip())
    if not m or int(m.group("port")) > 65535:
        raise ServeError(f"{text!r} is not an address: write host:port, e.g. {DEFAULT_BIND}")
    host = m.group("v6") or m.group("host") or "127.0.0.1"
    return host, int(m.group("port"))


def is_loopback(host: str) -> bool:
    """Return whether every address ``host`` names is a loopback address (``localhost`` is)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def check_address(settings: ServeSettings) -> None:
    """Refuse an address off this machine unless the settings allow remote clients."""
    if not settings.allow_remote and not is_loopback(settings.host):
        raise ServeError(
            f"{settings.host} is not a loopback address: anyone who can reach it could query the store; "
            "allow remote clients explicitly to serve on it"
        )


def oxigraph_program() -> str:
    """Return the path of the ``oxigraph`` program beside this Python, or on PATH; check its version."""
    beside = Path(sysconfig.get_path("scripts")) / PROGRAM
    program = str(beside) if beside.is_file() else shutil.which(PROGRAM)
    if program is None:
        raise ServeError("the oxigraph program is not installed (pip install 'oxigraph>=0.5,<0.6')")
    _check_version(program)
    return program


def _check_version(program: str) -> None:
    """Refuse an oxigraph program whose store format differs from pyoxigraph's (another minor version)."""
    import pyoxigraph

    out = subprocess.run([program, "--version"], capture_output=True, text=True, check=False).stdout
    theirs, ours = _VERSION.search(out or ""), _VERSION.search(pyoxigraph.__version__)
    if theirs is None or ours is None or theirs.groups() != ours.groups():
        found = theirs.group(0) if theirs else "unknown"
        raise ServeError(
            f"{program} is version {found} but pyoxigraph is {pyoxigraph.__version__}: "
            "install the same minor version of both, their store formats differ"
        )


def check_store(path: Path) -> None:
    """Raise StoreError unless ``path`` holds a store."""
    if not (path / _ROCKSDB_MARKER).is_file():
        raise StoreError(f"{path}: no store here; build one first")


def lock_store(path: Path) -> IO[bytes]:
    """Take a shared hold of the store's lock and return the open lock file (closing it releases it).

    Other read-only servers may hold it too; a writer, which needs it alone, is kept out while it is
    held. Raise StoreLockedError when a writer (a build, a writable server) holds it now.
    """
    lock = open(path / _LOCK_FILE, "a+b")  # noqa: SIM115 - held open while the server runs
    try:
        fcntl.lockf(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise StoreLockedError(
            f"{path}: another process is writing this store; serve it when that process ends"
        ) from None
    return lock


def union_is_kept(path: Path) -> bool:
    """Return whether the store keeps the union of its graphs in its default graph (stores built
    before that are queried through the union Oxigraph computes)."""
    from policykg.graph.store.embedded import GraphStore

    with GraphStore(path, read_only=True) as store:
        return store.union_materialised


def free_loopback_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Ask Linux to end the child when the command dies without cleaning up (SIGKILL)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def oxigraph_command(program: str, settings: ServeSettings, port: int, union: bool) -> list[str]:
    """Return the command line that serves the store on 127.0.0.1:``port``."""
    mode = "serve" if settings.writable else "serve-read-only"
    command = [program, mode, "--location", str(settings.store), "--bind", f"127.0.0.1:{port}"]
    command += ["--timeout-s", str(max(1, math.ceil(settings.timeout)))]
    return command + ([] if union else ["--union-default-graph"])


class OxigraphProcess:
    """The oxigraph program serving the store on a loopback port; :meth:`stop` ends it."""

    def __init__(self, command: list[str], port: int) -> None:
        self.port = port
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - read when the program fails
        env = dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        self.process = subprocess.Popen(  # noqa: S603 - our program, arguments as a list
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            env=env,
            preexec_fn=preexec,
            start_new_session=True,  # a terminal's Ctrl-C reaches the command, which stops the program
        )

    def wait_ready(self, deadline: float) -> None:
        """Return once the program answers; raise ServeError with its message if it exits first."""
        url = f"http://127.0.0.1:{self.port}/"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServeError(f"the oxigraph server did not start: {self.failure()}")
            try:
                with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - our loopback child
                    return
            except OSError:
                time.sleep(READY_POLL_S)
        self.stop()
        raise ServeError(f"the oxigraph server did not answer within {READY_TIMEOUT_S:.0f} s")

    def failure(self) -> str:
        """Return the last line the program wrote (its error), or the signal that ended it."""
        code = self.process.returncode
        if code is not None and code < 0:
            return f"it was ended by {signal.Signals(-code).name}"
        self._log.seek(0)
        lines = [ln.strip() for ln in self._log.read().decode("utf-8", "replace").splitlines() if ln.strip()]
        return lines[-1].removeprefix("Error: ") if lines else f"exit status {self.process.returncode}"

    def stop(self) -> None:
        """End the program (SIGTERM, then SIGKILL after a grace period) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def start_oxigraph(settings: ServeSettings, union: bool) -> OxigraphProcess:
    """Start the oxigraph program on a free loopback port and return it once it answers."""
    program = oxigraph_program()
    for attempt in range(PORT_TRIES):
        port = free_loopback_port()
        child = OxigraphProcess(oxigraph_command(program, settings, port, union), port)
        try:
            child.wait_ready(time.monotonic() + READY_TIMEOUT_S)
            return child
        except ServeError:
            busy = "Address already in use" in child.failure()
            child.stop()
            if not busy or attempt == PORT_TRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


class Serving:
    """A running endpoint: the lock (read-only), the oxigraph program, and the proxy in front.

    A context manager; leaving it stops both servers and releases the lock.
    """

    def __init__(self, settings: ServeSettings, page: bytes) -> None:
        from policykg.graph.store.proxy import make_proxy

        check_address(settings)
        check_store(settings.store)
        self.settings = settings
        self._lock: IO[bytes] | None = lock_store(settings.store)
        self._child: OxigraphProcess | None = None
        self.stopped_by_itself = threading.Event()
        try:
            if settings.writable:  # the program takes the lock itself
                self._lock.close()
                self._lock = None
            proxy = make_proxy(settings, page)  # binds the address: a busy port fails here
            self._proxy = proxy
            self._child = start_oxigraph(settings, union_is_kept(settings.store))
            proxy.upstream_port = self._child.port
        except BaseException:
            self.close()
            raise

    @property
    def url(self) -> str:
        """Return the URL of the query page (the endpoint is ``url + "query"``)."""
        host, port = self._proxy.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def serve_forever(self) -> None:
        """Answer requests until interrupted; raise ServeError if the oxigraph program stops by itself."""
        threading.Thread(target=self._watch_child, daemon=True).start()
        self._serving = True
        try:
            self._proxy.serve_forever()
        finally:
            self._serving = False
        if self.stopped_by_itself.is_set():
            raise ServeError(f"the oxigraph server stopped: {self._child.failure()}")

    def _watch_child(self) -> None:
        if self._child is not None and self._child.process.wait() is not None and not self._closing:
            self.stopped_by_itself.set()
            self._proxy.shutdown()

    _closing = False
    _serving = False

    def close(self) -> None:
        """Stop the proxy and the program, and release the lock (a second call does nothing)."""
        self._closing = True
        proxy = getattr(self, "_proxy", None)
        if proxy is not None:
            if self._serving:  # serving in another thread (a notebook): end its loop first
                proxy.shutdown()
            proxy.server_close()
        if self._child is not None:
            self._child.stop()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> Serving:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
