"""Fetch the web pages a user names, and the attachments (附件) they link to, into a local cache.

Politely: every request says it comes from policykg (version and project page), waits ``delay``
seconds after the one before, gives up after ``timeout`` seconds, reads at most ``max_bytes``, and
goes to no host but those of the URLs given: an attachment on another host is reported, not
fetched, and a redirect to another host is not followed. What was fetched is kept in a cache
folder, one folder per URL, with its ETag and Last-Modified, so fetching again asks the server
whether it changed instead of downloading it again.

Nothing here runs unless a user gives a URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from policykg.errors import InputError
from policykg.files import write_text, write_with
from policykg.loaders.read.encoding import decode_bytes
from policykg.loaders.read.sources import MAX_FILE_BYTES, sniff_kind
from policykg.loaders.read.webpage import attachment_links

PROJECT_URL = "https://w3id.org/policykg/"  # the project's persistent address, as in its IRIs
DEFAULT_DELAY = 1.0  # seconds between two requests
DEFAULT_TIMEOUT = 30.0  # seconds to connect, and between two bytes of an answer
DEFAULT_DOWNLOAD_SECONDS = 300.0  # for one whole answer: a server trickling bytes is cut off
MAX_REDIRECTS = 5
MAX_ATTACHMENTS = 100  # per page: a page linking more is a listing, not a notice
RECORD_NAME = ".policykg-source.json"  # beside each cached file: its URL and validators
_CHUNK = 64 * 1024
_SCHEMES = ("http", "https")
# the suffix a cached file gets from its media type when its URL has none it can be read by
_MEDIA_SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/ofd": ".ofd",
}


class Unreachable(InputError):
    """The server did not answer (refused, timed out): a copy fetched before may stand in."""


@dataclass(frozen=True)
class FetchSettings:
    """How politely to fetch, and where to keep what was fetched."""

    cache: Path | None = None  # None: default_cache_dir()
    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = MAX_FILE_BYTES
    download_seconds: float = DEFAULT_DOWNLOAD_SECONDS
    attachments: bool = True  # fetch the attachments a page links to on the same host


@dataclass(frozen=True)
class FetchedFile:
    """One URL fetched into the cache."""

    url: str
    path: Path
    unchanged: bool  # True when the server said the cached copy is still current
    stale: bool = False  # True when the server could not be reached and the cached copy was taken


@dataclass
class FetchReport:
    """What fetching did: files fetched, links not followed (with why), URLs that failed."""

    cache: Path
    files: list[FetchedFile] = field(default_factory=list)
    not_fetched: list[tuple[str, str]] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)


def is_url(text: str | os.PathLike[str]) -> bool:
    """Return True when ``text`` is an http(s) URL rather than a path."""
    return isinstance(text, str) and urlsplit(text).scheme.lower() in _SCHEMES and "://" in text


def user_agent() -> str:
    """Return the User-Agent every request sends: policykg, its version and its project page."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("policykg")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree never installed
        release = "unknown"
    return f"policykg/{release} (+{PROJECT_URL})"


def default_cache_dir() -> Path:
    """Return the folder fetched files are kept in: ``web`` in $POLICYKG_CACHE_DIR, else in
    $XDG_CACHE_HOME/policykg (~/.cache/policykg), where the name cache also lives."""
    if os.environ.get("POLICYKG_CACHE_DIR"):
        return Path(os.environ["POLICYKG_CACHE_DIR"]) / "web"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policykg" / "web"


def recorded_url(path: str | os.PathLike[str]) -> str | None:
    """Return the URL a cached file was fetched from, or None for a file that was not fetched."""
    p = Path(path)
    try:
        record = json.loads((p.parent / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("file") != p.name:
        return None
    url = record.get("url")
    return url if isinstance(url, str) else None


def resolve_urls(
    paths: Iterable[str | os.PathLike[str]], settings: FetchSettings | None = None
) -> tuple[list[str | os.PathLike[str]], FetchReport | None]:
    """Return ``paths`` with each URL replaced by the files fetched for it (the page, then its
    attachments), and what fetching did; None when no path is a URL (nothing is fetched)."""
    given = list(paths)
    urls = [p for p in given if is_url(p)]
    if not urls:
        return given, None
    report = fetch_sources(urls, settings)
    by_url: dict[str, list[Path]] = {}
    page = ""
    for fetched in report.files:  # a page comes before its attachments
        page = fetched.url if fetched.url in urls else page
        by_url.setdefault(page, []).append(fetched.path)
    resolved: list[str | os.PathLike[str]] = []
    for p in given:
        resolved.extend(by_url.pop(p, []) if is_url(p) else [p])  # a URL given twice is read once
    return resolved, report


def fetch_sources(urls: Iterable[str], settings: FetchSettings | None = None) -> FetchReport:
    """Fetch each URL and, for a web page, the attachments it links to on the same host.

    Returns what was fetched (in order: each page, then its attachments), what was left alone and
    why, and one :class:`InputError` per URL that could not be fetched.
    """
    settings = settings or FetchSettings()
    urls = list(dict.fromkeys(urls))
    fetcher = Fetcher({_host(u) for u in urls}, settings)
    report = FetchReport(fetcher.cache)
    seen: set[str] = set()
    for url in urls:
        page = fetcher.fetch_into(url, report, seen)
        if page is not None and settings.attachments:
            _fetch_attachments(fetcher, page, report, seen)
    return report


def _fetch_attachments(fetcher: Fetcher, page: FetchedFile, report: FetchReport, seen: set[str]) -> None:
    """Fetch the attachments ``page`` links to on the hosts asked; report the others."""
    data = page.path.read_bytes()
    if sniff_kind(data) != "html":
        return
    try:
        text, _ = decode_bytes(data, page.url)
    except InputError:  # the build reports the page itself as undecodable
        return
    links = attachment_links(text, page.url)
    for count, link in enumerate(links):
        if link in seen:
            continue
        if _host(link) not in fetcher.hosts:
            report.not_fetched.append((link, f"an attachment on another host ({_host(link)})"))
        elif count >= MAX_ATTACHMENTS:
            report.not_fetched.append((link, f"past the {MAX_ATTACHMENTS} attachments a page may have"))
        else:
            fetcher.fetch_into(link, report, seen)


class Fetcher:
    """Fetches URLs on a fixed set of hosts into the cache, one request at a time, ``delay`` apart."""

    def __init__(self, hosts: set[str], settings: FetchSettings) -> None:
        import requests

        self.hosts = hosts
        self.settings = settings
        self.cache = settings.cache or default_cache_dir()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent()
        self.session.trust_env = False  # no .netrc credentials sent unasked; proxies are taken below
        self._last_answer: float | None = None  # when the last answer had come in whole

    def fetch_into(self, url: str, report: FetchReport, seen: set[str]) -> FetchedFile | None:
        """Fetch ``url`` and add it to ``report`` (or its error); return it, or None when it failed."""
        seen.add(url)
        try:
            fetched = self.fetch(url)
        except InputError as err:
            report.failed.append(err)
            return None
        report.files.append(fetched)
        return fetched

    def fetch(self, url: str) -> FetchedFile:
        """Return ``url`` fetched into the cache (or its cached copy, when the server says it is
        unchanged); raise :class:`InputError` naming the URL when it cannot be fetched."""
        folder = self.cache / _safe(_host(url)) / hashlib.sha256(url.encode()).hexdigest()[:16]
        record = _read_record(folder)
        try:
            response = self._get(url, _validators(record))
        except Unreachable:
            if record is None:
                raise
            return FetchedFile(url, folder / record["file"], unchanged=True, stale=True)
        with response:
            if response.status_code == 304 and record:
                return FetchedFile(url, folder / record["file"], unchanged=True)
            if response.status_code != 200:
                raise InputError(url, f"the server answered {response.status_code} {response.reason}")
            try:
                data = self._read_limited(url, response)
            finally:
                self._last_answer = time.monotonic()
            name = _file_name(url, response.headers)
            write_with(folder / name, lambda tmp: tmp.write_bytes(data))
            record = {
                "url": url,
                "file": name,
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
                "content_type": response.headers.get("Content-Type"),
            }
            write_text(folder / RECORD_NAME, json.dumps(record, ensure_ascii=False, indent=1))
        return FetchedFile(url, folder / name, unchanged=False)

    def _get(self, url: str, headers: dict[str, str]):  # noqa: ANN202 - a requests.Response
        """Return the answer to GET ``url``, following redirects only to the hosts asked."""
        import requests

        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme.lower() not in _SCHEMES or _host(url) not in self.hosts:
                raise InputError(url, "not on a host asked for: not fetched")
            self._wait()
            try:
                response = self.session.get(
                    url,
                    headers=headers,
                    stream=True,
                    allow_redirects=False,
                    timeout=self.settings.timeout,
                    proxies=requests.utils.get_environ_proxies(url),  # HTTPS_PROXY, NO_PROXY as usual
                )
            except requests.Timeout:
                raise Unreachable(url, f"no answer within {self.settings.timeout:g} s") from None
            except requests.RequestException as exc:
                raise Unreachable(url, f"cannot fetch: {type(exc).__name__}") from None
            finally:
                self._last_answer = time.monotonic()
            if not response.is_redirect:
                return response
            target = urljoin(url, response.headers.get("Location", ""))
            response.close()
            if _host(target) not in self.hosts:
                raise InputError(url, f"redirected to another host ({_host(target)}): not followed")
            url = target
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")

    def _wait(self) -> None:
        """Sleep until ``delay`` seconds have passed since the last answer came in: counted from the
        answer, not the request, so a slow server gets the whole delay to itself."""
        if self._last_answer is not None:
            time.sleep(max(0.0, self._last_answer + self.settings.delay - time.monotonic()))

    def _read_limited(self, url: str, response) -> bytes:  # noqa: ANN001
        """Return the body of ``response``; raise :class:`InputError` when it says or proves to be
        larger than ``max_bytes``, or takes longer than ``download_seconds``."""
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputError(url, f"larger than the {limit} byte limit: not fetched")
        return self._read_chunks(url, response, limit)

    def _read_chunks(self, url: str, response, limit: int) -> bytes:  # noqa: ANN001
        """Return the body of ``response`` decoded (a gzip bomb counts at its unpacked size), read as it
        arrives so that ``limit`` and ``download_seconds`` are checked between any two reads."""
        import requests
        import urllib3

        deadline = time.monotonic() + self.settings.download_seconds
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.raw.read1(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > limit:
                    raise InputError(url, f"larger than the {limit} byte limit: not fetched")
                if time.monotonic() > deadline:
                    raise InputError(
                        url, f"still downloading after {self.settings.download_seconds:g} s: not fetched"
                    )
                chunks.append(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            if isinstance(exc, (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)):
                raise InputError(url, f"no answer within {self.settings.timeout:g} s") from None
            raise InputError(url, f"cannot fetch: {type(exc).__name__}") from None
        return b"".join(chunks)


def _host(url: str) -> str:
    """Return the lower-cased host (and port, when one is given) of ``url``."""
    return urlsplit(url).netloc.lower().rpartition("@")[2]


def _safe(text: str) -> str:
    """Return ``text`` with every character a folder name should not hold replaced by ``_``."""
    return "".join(c if c.isalnum() or c in ".-" else "_" for c in text) or "_"


def _file_name(url: str, headers: Mapping[str, str]) -> str:
    """Return the cached file's name: the URL's last segment and a short hash of the URL, ending in
    the suffix the URL, else the server's file name (Content-Disposition), else the media type gives.

    The hash keeps two attachments both called 附件1.docx apart: each file's graph is named after it.
    """
    from email.message import Message
    from posixpath import basename, splitext

    from policykg.loaders.read.sources import SOURCE_SUFFIXES

    stem, suffix = splitext(basename(urlsplit(url).path))
    if suffix.lower() not in SOURCE_SUFFIXES:
        stem += suffix
        disposition = Message()
        disposition["Content-Disposition"] = headers.get("Content-Disposition", "")
        suffix = splitext(disposition.get_filename() or "")[1]
    if suffix.lower() not in SOURCE_SUFFIXES:
        media = headers.get("Content-Type", "").split(";")[0].strip().lower()
        suffix = _MEDIA_SUFFIXES.get(media, ".html" if "html" in media else ".bin")
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return f"{_safe(stem)[:80] if stem else 'index'}-{digest}{suffix.lower()}"


def _read_record(folder: Path) -> dict | None:
    """Return the record of a cached URL when its file is still there, else None."""
    try:
        record = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        isinstance(record, dict)
        and isinstance(record.get("file"), str)
        and (folder / record["file"]).is_file()
    ):
        return record
    return None


def _validators(record: dict | None) -> dict[str, str]:
    """Return the headers that ask the server whether a cached copy changed."""
    if not record:
        return {}
    headers = {}
    if record.get("etag"):
        headers["If-None-Match"] = record["etag"]
    if record.get("last_modified"):
        headers["If-Modified-Since"] = record["last_modified"]
    return headers
