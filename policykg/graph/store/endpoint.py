"""Talking HTTP to a SPARQL server: where it answers, whose credentials to send, and the requests.

Credentials come from ``$POLICYKG_ENDPOINT_USER`` / ``$POLICYKG_ENDPOINT_PASSWORD``, from ``~/.netrc``,
or from the URL's user part; they are sent only to the URLs given (HTTP Digest or Basic, as the
server asks) and never appear in a message: every URL shown is stripped of its user part.
"""

from __future__ import annotations

import netrc
import os
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from policykg.errors import StoreError

DEFAULT_TIMEOUT_SECONDS = 600.0
PRIME_ABOVE_BYTES = 65_536  # a body larger than this waits until the server's challenge is answered
MESSAGE_CHARS = 300  # a server's error text is cut to this many characters in messages
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"
RESULTS_XML = "application/sparql-results+xml"
HTTP_UNAUTHORIZED, HTTP_FORBIDDEN, HTTP_ERRORS_FROM = 401, 403, 400


@dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL server answers: its query URL, its update URL and its Graph Store Protocol URL."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None

    @property
    def shown(self) -> str:
        """Return the query URL without any user or password in it, for messages."""
        return redact(self.query_url)

    def check(self) -> None:
        """Raise :class:`StoreError` unless every URL given is an http:// or https:// URL."""
        for url in (self.query_url, self.update_url, self.graph_store_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"{redact(url)}: an endpoint is an http:// or https:// URL")


def redact(url: str) -> str:
    """Return ``url`` without its user part.

    >>> redact("http://dba:secret@localhost:8890/sparql")
    'http://localhost:8890/sparql'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def find_credentials(url: str) -> tuple[str, str] | None:
    """Return the (user, password) to send to ``url``: from the environment, the URL or ~/.netrc; or None."""
    parts = urllib.parse.urlsplit(url)
    user = os.environ.get("POLICYKG_ENDPOINT_USER")
    password = os.environ.get("POLICYKG_ENDPOINT_PASSWORD")
    if user is not None:
        return user, password or ""
    if parts.username is not None:
        return urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    try:
        found = netrc.netrc().authenticators(parts.hostname or "")
    except (OSError, netrc.NetrcParseError):
        found = None
    if found:
        return found[0] or "", found[2] or ""
    return None


class HttpSession:
    """Requests to one server, authenticated as it asks, failing with a :class:`StoreError` that names
    no credentials."""

    def __init__(
        self, probe_url: str, credentials: tuple[str, str] | None, timeout: float = DEFAULT_TIMEOUT_SECONDS
    ) -> None:
        import requests

        self.probe_url = probe_url
        self.timeout = timeout
        self._credentials = credentials
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or netrc from the environment: we chose both
        if credentials is not None:
            from requests.auth import HTTPDigestAuth

            # Digest first; a server that asks for Basic gets it (see request). Once answered, the
            # digest is sent with every request, so a large body is not refused half-sent.
            self._session.auth = HTTPDigestAuth(*credentials)
        self._primed = False

    def close(self) -> None:
        """Close the connections (a second call does nothing)."""
        self._session.close()

    def request(
        self, url: str, data: bytes | None, headers: Mapping[str, str], method: str = "POST"
    ) -> bytes:
        """Send one request; return the body of the answer, or raise :class:`StoreError`."""
        import requests

        if data is not None and len(data) > PRIME_ABOVE_BYTES and not self._primed:
            self._prime()
        try:
            response = self._send(method, url, data, headers)
            if response.status_code == HTTP_UNAUTHORIZED and self._asks_basic(response):
                self._session.auth = requests.auth.HTTPBasicAuth(*self._credentials)
                response = self._send(method, url, data, headers)
        except requests.RequestException as exc:
            reason = exc.__class__.__name__ if not str(exc) else first_line(str(exc))
            # a message may quote the URL it failed on: never one with a user part
            raise StoreError(f"{redact(url)}: cannot reach the endpoint: {redact_text(reason)}") from None
        if response.status_code >= HTTP_ERRORS_FROM:
            detail = first_line(response.text) or response.reason
            if response.status_code in (HTTP_UNAUTHORIZED, HTTP_FORBIDDEN):
                detail = (
                    f"not allowed ({response.status_code}); "
                    "set POLICYKG_ENDPOINT_USER and POLICYKG_ENDPOINT_PASSWORD"
                )
            raise StoreError(f"{redact(url)}: {method} failed: {redact_text(detail)}")
        self._primed = True
        return response.content

    def post_form(self, url: str, field: str, text: str, accept: str) -> bytes:
        """POST ``text`` as the form field ``field`` (``query`` or ``update``); return the answer's body."""
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        return self.request(url, body, {"Content-Type": FORM_CONTENT_TYPE, "Accept": accept})

    def _send(self, method: str, url: str, data: bytes | None, headers: Mapping[str, str]):  # noqa: ANN202
        return self._session.request(
            method, redact(url), data=data, headers=dict(headers), timeout=self.timeout
        )

    def _asks_basic(self, response) -> bool:  # noqa: ANN001
        challenge = response.headers.get("www-authenticate", "").lower()
        return self._credentials is not None and challenge.startswith("basic")

    def _prime(self) -> None:
        """Answer the server's challenge with a tiny request before sending a large body."""
        self._primed = True
        self.post_form(self.probe_url, "query", "ASK {}", RESULTS_XML)


def redact_text(text: str) -> str:
    """Return ``text`` with the user part of every URL in it taken out."""
    # the user part of a URL: what stands between "://" and "@" (no slash, "@" or space in it)
    return re.sub(r"(?<=://)[^/@\s]*@", "", text)


def first_line(text: str) -> str:
    """Return the first non-blank line of ``text``, stripped and cut to MESSAGE_CHARS characters."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:MESSAGE_CHARS]
    return ""
