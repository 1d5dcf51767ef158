"""Fetching pages and their attachments, politely, from local HTTP servers that record every request.

Two servers on different ports are two hosts: the second stands for a host nobody asked for, and
the tests check it never receives a request.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.loaders.read.fetch import (
    PROJECT_URL,
    FetchSettings,
    fetch_sources,
    is_url,
    recorded_url,
)
from policykg.ontology.terms import POL

FORMATS = Path(__file__).parent / "data" / "formats"


@dataclass
class Reply:
    """What a test server answers for one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to wait before answering
    declare_length: bool = True
    trickle: float = 0.0  # seconds between two bytes of the body


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """A local HTTP server answering from ``replies`` and recording each request it gets."""

    def __init__(self) -> None:
        self.replies: dict[str, Reply] = {}
        self.requests: list[Request] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                site.requests.append(Request(self.path, dict(self.headers), time.monotonic()))
                reply = site.replies.get(self.path, Reply(b"not here", 404))
                time.sleep(reply.stall)
                etag = reply.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.declare_length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
                    if not reply.trickle:
                        self.wfile.write(reply.body)
                    for k in range(len(reply.body) if reply.trickle else 0):
                        self.wfile.write(reply.body[k : k + 1])
                        self.wfile.flush()
                        time.sleep(reply.trickle)

            def log_message(self, *args) -> None:  # noqa: ANN002 - keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def other():
    """A second host: no test may make it receive a request."""
    s = Site()
    yield s
    assert s.requests == [], "a request reached a host nobody asked for"
    s.close()


def settings(tmp_path: Path, **kw) -> FetchSettings:
    kw.setdefault("delay", 0.0)
    kw.setdefault("timeout", 5.0)
    return FetchSettings(cache=tmp_path / "cache", **kw)


HTML = {"Content-Type": "text/html; charset=utf-8"}


def page_linking(*hrefs: str) -> bytes:
    links = "".join(f'<p>附件{i}：<a href="{h}">附件{i}</a></p>' for i, h in enumerate(hrefs, 1))
    return (
        "<html><body><div class='content'><p>澄湾市人民政府办公室关于印发有关事项的通知</p>"
        f"{links}</div></body></html>"
    ).encode()


def test_urls_are_told_from_paths():
    assert is_url("http://127.0.0.1:8000/a.html") and is_url("https://example.org/")
    assert not is_url("notices/a.html") and not is_url("ftp://example.org/a.txt") and not is_url(Path("x"))


def test_a_page_and_its_attachments_on_the_same_host_are_fetched(tmp_path, site, other):
    site.replies["/notice.html"] = Reply(
        page_linking(
            "/files/fengong.txt", other.url("/files/away.docx"), "/files/fengong.txt#p2", "/about.html"
        ),
        headers=HTML,
    )
    site.replies["/files/fengong.txt"] = Reply("1.建成政务云平台。（市大数据局负责）\n".encode())
    report = fetch_sources([site.url("/notice.html")], settings(tmp_path))
    assert not report.failed
    assert [f.url for f in report.files] == [site.url("/notice.html"), site.url("/files/fengong.txt")]
    assert site.paths() == ["/notice.html", "/files/fengong.txt"]  # the fragment is the same file
    assert report.not_fetched == [
        (other.url("/files/away.docx"), "an attachment on another host (" + other.url("")[7:] + ")")
    ]
    page, attachment = report.files
    assert page.path.read_bytes() == site.replies["/notice.html"].body
    assert page.path.suffix == ".html" and attachment.path.suffix == ".txt"
    assert recorded_url(attachment.path) == site.url("/files/fengong.txt")
    assert recorded_url(FORMATS / "web_notice.html") is None


def test_every_request_names_policykg_its_version_and_project(tmp_path, site):
    site.replies["/a.txt"] = Reply("通知\n".encode())
    fetch_sources([site.url("/a.txt")], settings(tmp_path))
    agent = site.requests[0].headers["User-Agent"]
    assert agent.startswith("policykg/") and PROJECT_URL in agent


def test_requests_wait_the_delay_between_them(tmp_path, site):
    site.replies["/p.html"] = Reply(page_linking("/a.doc", "/b.pdf"), headers=HTML)
    site.replies["/a.doc"] = Reply(b"\xd0\xcf\x11\xe0")
    site.replies["/b.pdf"] = Reply(b"%PDF-1.4")
    report = fetch_sources([site.url("/p.html")], settings(tmp_path, delay=0.25))
    assert len(report.files) == 3
    times = [r.at for r in site.requests]
    assert len(times) == 3
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:], strict=False))


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "unannounced"])
def test_a_file_past_the_size_limit_is_one_clear_error_and_keeps_the_cached_copy(tmp_path, site, declared):
    site.replies["/big.txt"] = Reply("通知\n".encode())
    first = fetch_sources([site.url("/big.txt")], settings(tmp_path)).files[0]
    site.replies["/big.txt"] = Reply(b"x" * 200_000, declare_length=declared)
    report = fetch_sources([site.url("/big.txt")], settings(tmp_path, max_bytes=10_000))
    assert report.files == []
    [err] = report.failed
    assert isinstance(err, InputError)
    assert str(err) == f"{site.url('/big.txt')}: larger than the 10000 byte limit: not fetched"
    assert first.path.read_text(encoding="utf-8") == "通知\n"  # nothing already fetched is lost
    assert not list(first.path.parent.glob("*.part"))


def test_a_redirect_to_another_host_is_not_followed(tmp_path, site, other):
    site.replies["/moved.html"] = Reply(status=302, headers={"Location": other.url("/elsewhere.html")})
    site.replies["/old.html"] = Reply(status=301, headers={"Location": "/new.html"})
    site.replies["/new.html"] = Reply("<p>新址</p>".encode(), headers=HTML)
    report = fetch_sources([site.url("/moved.html"), site.url("/old.html")], settings(tmp_path))
    [err] = report.failed
    assert (
        str(err)
        == f"{site.url('/moved.html')}: redirected to another host ({other.url('')[7:]}): not followed"
    )
    [moved] = report.files
    assert moved.url == site.url("/old.html") and moved.path.read_bytes() == "<p>新址</p>".encode()


def test_a_fetched_file_is_revalidated_not_downloaded_again(tmp_path, site):
    site.replies["/n.html"] = Reply("<p>通知</p>".encode(), headers={**HTML, "ETag": '"v1"'})
    first = fetch_sources([site.url("/n.html")], settings(tmp_path)).files[0]
    again = fetch_sources([site.url("/n.html")], settings(tmp_path)).files[0]
    assert not first.unchanged and again.unchanged and again.path == first.path
    assert site.requests[1].headers.get("If-None-Match") == '"v1"'
    site.replies["/n.html"] = Reply("<p>新通知</p>".encode(), headers={**HTML, "ETag": '"v2"'})
    changed = fetch_sources([site.url("/n.html")], settings(tmp_path)).files[0]
    assert not changed.unchanged and changed.path.read_bytes() == "<p>新通知</p>".encode()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(b"gone", 404), "the server answered 404 Not Found"),
        (Reply(b"late", stall=2.0), "no answer within 0.5 s"),
    ],
    ids=["not-found", "timeout"],
)
def test_a_url_that_cannot_be_fetched_is_one_clear_error(tmp_path, site, reply, message):
    site.replies["/x.html"] = reply
    report = fetch_sources([site.url("/x.html")], settings(tmp_path, timeout=0.5))
    assert [str(e) for e in report.failed] == [f"{site.url('/x.html')}: {message}"]


def test_nothing_listens_is_one_clear_error(tmp_path):
    report = fetch_sources(["http://127.0.0.1:9/a.html"], settings(tmp_path, timeout=2.0))
    assert [str(e) for e in report.failed] == ["http://127.0.0.1:9/a.html: cannot fetch: ConnectionError"]


def test_two_attachments_of_one_name_are_kept_apart(tmp_path, site):
    site.replies["/a/p.html"] = Reply(page_linking("/a/附件1.txt", "/b/附件1.txt"), headers=HTML)
    site.replies["/a/%E9%99%84%E4%BB%B61.txt"] = Reply("甲\n".encode())
    site.replies["/b/%E9%99%84%E4%BB%B61.txt"] = Reply("乙\n".encode())
    report = fetch_sources([site.url("/a/p.html")], settings(tmp_path))
    assert not report.failed, report.failed
    names = [f.path.name for f in report.files[1:]]
    assert len(names) == 2 and len(set(names)) == 2
    assert all(name.endswith(".txt") for name in names)


def notice_table_docx() -> bytes:
    """The fixture notice's task table as a Word attachment (what a page's 附件 link points to)."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("澄湾市2025年数字政府建设重点任务分工表")
    rows = [
        line.split("\t")
        for line in (FORMATS / "web_notice.txt").read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_build_fetches_a_page_and_its_attachment_into_the_store(tmp_path, site, other):
    from pyoxigraph import Store

    from .test_cli import run

    page = (FORMATS / "web_notice.html").read_text(encoding="utf-8")
    away = f'<p>附件2：<a href="{other.url("/files/away.xlsx")}">外部附件</a></p>'
    page = page.replace("</table>", "</table>" + away)
    site.replies["/zwgk/t20250219.html"] = Reply(page.encode(), headers=HTML)
    site.replies["/attachments/2025/fengongbiao.docx"] = Reply(notice_table_docx())
    store = tmp_path / "store"
    cache = tmp_path / "cache"
    url = site.url("/zwgk/t20250219.html")
    result = run(store, "build", url, "--cache", str(cache), "--delay", "0")
    assert (
        f"policykg: warning: {other.url('/files/away.xlsx')}: not fetched: an attachment on another host"
        in result.stderr
    )
    assert "fetched 2 file(s) into" in result.stderr and "(0 unchanged)" in result.stderr
    lines = [line for line in result.stderr.splitlines() if "measures," in line]
    attachment = site.url("/attachments/2025/fengongbiao.docx")
    assert lines == [f"  {url}: 6 measures, 0 naming no one", f"  {attachment}: 3 measures, 0 naming no one"]
    graphs = {g.value.rpartition("/")[2] for g in Store.read_only(str(store)).named_graphs()}
    assert {g.split("-")[0] for g in graphs if g.endswith((".html", ".docx"))} == {"t20250219", "fengongbiao"}

    query = f"SELECT ?url WHERE {{ GRAPH ?g {{ ?file <{POL.retrievedFrom}> ?url }} }}"
    urls = sorted(row[0].value for row in Store.read_only(str(store)).query(query))
    assert urls == sorted([url, attachment])  # provenance: the URL
    query = f"SELECT ?file ?how WHERE {{ GRAPH ?g {{ ?file <{POL.retrievedFrom}> ?url ; <{POL.readMethod}> ?how }} }}"
    assert [row[1].value for row in Store.read_only(str(store)).query(query)] == ["extracted from a web page"]

    site.replies["/gone.html"] = Reply(b"gone", 404)
    before = sorted(str(q) for q in Store.read_only(str(store)))
    failed = run(store, "build", site.url("/gone.html"), "--cache", str(cache), "--delay", "0", check=False)
    assert failed.returncode != 0
    assert f"policykg: error: {site.url('/gone.html')}: the server answered 404 Not Found" in failed.stderr
    assert sorted(str(q) for q in Store.read_only(str(store))) == before


def test_a_server_trickling_bytes_is_cut_off(tmp_path, site):
    site.replies["/slow.txt"] = Reply("通知正文\n".encode() * 20, trickle=0.05)
    report = fetch_sources([site.url("/slow.txt")], settings(tmp_path, timeout=2.0, download_seconds=0.5))
    assert [str(e) for e in report.failed] == [
        f"{site.url('/slow.txt')}: still downloading after 0.5 s: not fetched"
    ]
    assert report.files == []


def test_a_compressed_bomb_counts_at_its_unpacked_size(tmp_path, site):
    import gzip

    bomb = gzip.compress(b"\0" * 20_000_000)
    site.replies["/bomb.txt"] = Reply(bomb, headers={"Content-Encoding": "gzip"})
    report = fetch_sources([site.url("/bomb.txt")], settings(tmp_path, max_bytes=1_000_000))
    assert [str(e) for e in report.failed] == [
        f"{site.url('/bomb.txt')}: larger than the 1000000 byte limit: not fetched"
    ]


def test_a_redirect_loop_ends(tmp_path, site):
    site.replies["/a.html"] = Reply(status=302, headers={"Location": "/b.html"})
    site.replies["/b.html"] = Reply(status=302, headers={"Location": "/a.html"})
    report = fetch_sources([site.url("/a.html")], settings(tmp_path))
    [err] = report.failed
    assert "more than 5 redirects" in str(err)
    assert len(site.requests) == 6


def test_a_page_linking_too_many_attachments_gets_the_first_only(tmp_path, site, monkeypatch):
    from policykg.loaders.read import fetch

    monkeypatch.setattr(fetch, "MAX_ATTACHMENTS", 3)
    site.replies["/list.html"] = Reply(page_linking(*(f"/f{k}.txt" for k in range(6))), headers=HTML)
    for k in range(6):
        site.replies[f"/f{k}.txt"] = Reply(f"附件{k}\n".encode())
    report = fetch_sources([site.url("/list.html")], settings(tmp_path))
    assert site.paths() == ["/list.html", "/f0.txt", "/f1.txt", "/f2.txt"]
    assert [why for _, why in report.not_fetched] == ["past the 3 attachments a page may have"] * 3


def test_a_fetched_file_that_cannot_be_read_is_named_by_its_url(tmp_path, site):
    from .test_cli import run

    site.replies["/p.html"] = Reply(page_linking("/files/broken.pdf"), headers=HTML)
    site.replies["/files/broken.pdf"] = Reply(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    result = run(
        tmp_path / "store", "build", site.url("/p.html"), "--cache", str(tmp_path / "c"), check=False
    )
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykg: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"policykg: error: {site.url('/files/broken.pdf')}: ")


def test_an_attachment_served_by_a_script_is_named_by_what_the_server_says(tmp_path, site):
    site.replies["/"] = Reply(
        '<p><a href="/down.jsp?id=7">附件：任务分工表.docx</a></p>'.encode(), headers=HTML
    )
    disposition = "attachment; filename*=UTF-8''%E5%88%86%E5%B7%A5%E8%A1%A8.docx"
    site.replies["/down.jsp?id=7"] = Reply(notice_table_docx(), headers={"Content-Disposition": disposition})
    report = fetch_sources([site.url("/")], settings(tmp_path))
    assert [f.path.suffix for f in report.files] == [".html", ".docx"]
    assert report.files[0].path.name.startswith("index-")
    assert report.files[1].path.name.startswith("down.jsp-")


def test_an_unreachable_server_leaves_the_copy_fetched_before(tmp_path):
    site = Site()
    site.replies["/n.html"] = Reply("<p>通知</p>".encode(), headers=HTML)
    url = site.url("/n.html")
    first = fetch_sources([url], settings(tmp_path)).files[0]
    site.close()
    again = fetch_sources([url], settings(tmp_path, timeout=2.0))
    assert again.failed == [] and [(f.path, f.stale) for f in again.files] == [(first.path, True)]
    never = fetch_sources([site.url("/other.html")], settings(tmp_path, timeout=2.0))
    assert [str(e) for e in never.failed] == [f"{site.url('/other.html')}: cannot fetch: ConnectionError"]


def test_a_proxy_the_environment_names_is_used(tmp_path, site, monkeypatch):
    proxy = Site()
    try:
        monkeypatch.setenv("HTTP_PROXY", proxy.url(""))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        report = fetch_sources([site.url("/n.html")], settings(tmp_path))
        assert [r.path for r in proxy.requests] == [site.url("/n.html")] and site.requests == []
        assert [str(e) for e in report.failed] == [
            f"{site.url('/n.html')}: the server answered 404 Not Found"
        ]
    finally:
        proxy.close()
