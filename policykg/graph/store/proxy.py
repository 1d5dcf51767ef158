"""The HTTP front of ``policykg serve``: the query page, and SPARQL forwarded to the oxigraph program.

What it adds to Oxigraph's server:

- the query page (our prefixes, the named queries as examples) at ``/``; YASGUI's script and style
  come from the oxigraph program, which embeds them, so nothing is fetched from the network;
- a query past the timeout answers ``503`` with a message: Oxigraph cancels it but has already sent
  ``200`` and part of the result, which a client would read as a truncated answer;
- CORS for one origin (Oxigraph's ``--cors`` allows every origin);
- on a loopback address, requests naming another host are refused (DNS rebinding);
- updates only when writable, rewritten to keep the union of the graphs in the default graph, as
  :meth:`~policykg.graph.store.embedded.GraphStore.update` does.
"""

from __future__ import annotations

import http.client
import re
import socket
import tempfile
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from policykg.graph.store.sparql_files import read_sparql

if TYPE_CHECKING:
    from policykg.graph.store.serving import ServeSettings

CHUNK = 64 * 1024
# results past this size spill from memory to a temporary file while they are collected
SPOOL_BYTES = 8 * 1024 * 1024
# how long a request for the page or YASGUI's files may take
STATIC_TIMEOUT_S = 30.0
QUERY_PATHS = ("/query", "/sparql")
ASSET_PATHS = ("/yasgui.min.js", "/yasgui.min.css", "/logo.svg")
FORWARDED_HEADERS = ("Accept", "Content-Type")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# the PREFIX and BASE declarations that open an update (Oxigraph wants them before its first operation)
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)


def union_keeping_update(sparql: str) -> str:
    """Return ``sparql`` run on an empty default graph, followed by the step that makes the default
    graph the union of the named graphs again (what it wrote there is kept in ``id:updates``)."""
    prologue = _PROLOGUE.match(sparql).group(0)
    return f"{prologue}\nDROP DEFAULT ;\n{sparql[len(prologue) :]}\n;\n{read_sparql('resync-union.ru')}"


class ProxyServer(ThreadingHTTPServer):
    """The front server: its settings, the page, and the port of the oxigraph program behind it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, settings: ServeSettings, page: bytes) -> None:
        self.settings = settings
        self.page = page
        self.upstream_port: int | None = None
        family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
        self.address_family = family
        super().__init__((settings.host, settings.port), ProxyHandler)


def make_proxy(settings: ServeSettings, page: bytes) -> ProxyServer:
    """Return the front server bound to the settings' address, or raise ServeError when it is taken."""
    from policykg.graph.store.serving import ServeError

    try:
        return ProxyServer(settings, page)
    except OSError as exc:
        where = f"{settings.host}:{settings.port}"
        if exc.errno == 98 or "in use" in str(exc):
            raise ServeError(f"{where} is already in use; choose another port") from None
        raise ServeError(f"cannot listen on {where}: {exc.strerror or exc}") from None


class Upstream(Exception):
    """The oxigraph program did not answer in time (``timed_out``) or at all."""

    def __init__(self, timed_out: bool) -> None:
        self.timed_out = timed_out


class ProxyHandler(BaseHTTPRequestHandler):
    """Answer one request: the page, a forwarded query or file, or an error in plain text."""

    server: ProxyServer
    server_version = "policykg"

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing: the command reports where it listens, requests are the client's business."""

    # -- entry points ----------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def do_HEAD(self) -> None:
        self._route()

    def do_PUT(self) -> None:
        self._route()

    def do_DELETE(self) -> None:
        self._route()

    def do_OPTIONS(self) -> None:
        if not self._host_allowed():
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, POST, HEAD, OPTIONS")
        if self._cors_origin():
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            asked = self.headers.get("Access-Control-Request-Headers")
            if asked:
                self.send_header("Access-Control-Allow-Headers", asked)
        self._end_headers()

    # -- routing ---------------------------------------------------------------------------------------
    def _route(self) -> None:
        if not self._host_allowed():
            return
        path = urlsplit(self.path).path
        if path == "/" and self.command in ("GET", "HEAD"):
            self._reply(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8")
        elif path in ASSET_PATHS and self.command in ("GET", "HEAD"):
            self._forward(self._body(), STATIC_TIMEOUT_S)
        elif path in QUERY_PATHS and self.command in ("GET", "POST") and not self._is_update():
            self._forward(self._body(), self.server.settings.timeout)
        elif path in ("/update", *QUERY_PATHS) and self.command == "POST":
            self._update()
        elif path.startswith("/store") and self.command in ("GET", "HEAD"):
            self._forward(self._body(), self.server.settings.timeout)
        elif path.startswith("/store"):
            self._refuse_graph_store_write()
        else:
            self._text(HTTPStatus.NOT_FOUND, f"nothing at {path}: the endpoint is /query, the page /")

    def _is_update(self) -> bool:
        """Return whether a POST to /query or /sparql carries an update (Oxigraph's /sparql takes both)."""
        if self.command != "POST":
            return False
        kind = self.headers.get("Content-Type", "")
        if kind.startswith("application/sparql-update"):
            return True
        form = kind.startswith("application/x-www-form-urlencoded")
        return form and "update" in parse_qs(self._body().decode("utf-8", "replace"))

    def _refuse_graph_store_write(self) -> None:
        if self.server.settings.writable:
            self._text(HTTPStatus.FORBIDDEN, "graphs are written through SPARQL Update here, never by PUT")
        else:
            self._text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: it answers queries, not writes")

    def _update(self) -> None:
        if not self.server.settings.writable:
            self._text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: it answers queries, not updates")
            return
        body = self._body()
        if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            found = parse_qs(body.decode("utf-8", "replace")).get("update", [""])
            text = found[0]
        else:
            text = body.decode("utf-8", "replace")
        rewritten = union_keeping_update(text).encode("utf-8")
        self._forward(rewritten, self.server.settings.timeout, "/update", "application/sparql-update")

    # -- forwarding ------------------------------------------------------------------------------------
    def _body(self) -> bytes:
        if not hasattr(self, "_request_body"):
            length = int(self.headers.get("Content-Length") or 0)
            self._request_body = self.rfile.read(length) if length else b""
        return self._request_body

    def _forward(self, body: bytes, timeout: float, path: str | None = None, kind: str | None = None) -> None:
        """Send the request on to the oxigraph program and relay its whole answer, or a 503 when it
        is not complete within ``timeout`` seconds."""
        headers = {h: self.headers[h] for h in FORWARDED_HEADERS if self.headers.get(h)}
        if kind:
            headers["Content-Type"] = kind
        try:
            status, reason, answer_headers, spool = self._collect(
                self.command, path or self.path, body, headers, timeout
            )
        except Upstream as exc:
            if exc.timed_out:
                message = f"the query ran past the {timeout:g} s timeout and was cancelled; narrow it or add a LIMIT"
                self._text(HTTPStatus.SERVICE_UNAVAILABLE, message)
            else:
                self._text(HTTPStatus.BAD_GATEWAY, "the oxigraph server did not answer")
            return
        with spool:
            size = spool.tell()
            spool.seek(0)
            self.send_response(status, reason)
            for name in ("Content-Type", "Cache-Control", "Location"):
                if answer_headers.get(name):
                    self.send_header(name, answer_headers[name])
            self.send_header("Content-Length", str(size))
            self._end_headers()
            if self.command != "HEAD":
                while chunk := spool.read(CHUNK):
                    self.wfile.write(chunk)

    def _collect(self, method: str, path: str, body: bytes, headers: dict, timeout: float):
        """Return the upstream's status, reason, headers and whole body (spooled), read before the deadline."""
        deadline = time.monotonic() + timeout
        conn = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=timeout)
        spool = tempfile.SpooledTemporaryFile(SPOOL_BYTES)  # noqa: SIM115 - returned to the caller
        try:
            conn.request(method, path, body=body if method in ("POST", "PUT") else None, headers=headers)
            answer = conn.getresponse()
            while chunk := answer.read1(CHUNK):
                spool.write(chunk)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                conn.sock.settimeout(left)
            if time.monotonic() > deadline:  # finished, but Oxigraph may have cut it off meanwhile
                raise TimeoutError
            return answer.status, answer.reason, answer.headers, spool
        except TimeoutError:
            spool.close()
            raise Upstream(timed_out=True) from None
        except (OSError, http.client.HTTPException):
            spool.close()
            raise Upstream(timed_out=False) from None
        finally:
            conn.close()

    # -- answering -------------------------------------------------------------------------------------
    def _host_allowed(self) -> bool:
        """Refuse, on a loopback server, a request addressed to another name (a rebound DNS name)."""
        if self.server.settings.allow_remote:
            return True
        host = urlsplit(f"//{self.headers.get('Host', '')}").hostname or ""
        if host in LOOPBACK_NAMES or host.startswith("127."):
            return True
        self._text(HTTPStatus.FORBIDDEN, f"this endpoint answers only on this machine, not as {host!r}")
        return False

    def _cors_origin(self) -> str | None:
        """Return the origin to allow for this request: the configured one when the request comes from it."""
        allowed = self.server.settings.cors_origin
        origin = self.headers.get("Origin")
        if allowed is None or origin is None:
            return None
        return "*" if allowed == "*" else origin if origin == allowed else None

    def _end_headers(self) -> None:
        origin = self._cors_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        self.end_headers()

    def _reply(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self._end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._body()  # read what the client sent, so it sees the answer rather than a reset
        self._reply(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")
