"""`policykg serve`: a real endpoint on a free port, asked by SPARQLWrapper, plain HTTP and Chromium."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser import running_browser
from tests.conftest import DATA_DIR

from .components import component_missing

START_TIMEOUT_S = 60
# the line serve prints once it listens: "... SPARQL endpoint: http://127.0.0.1:PORT/query"
_ENDPOINT = re.compile(r"SPARQL endpoint: (http://\S+/query)")
COMPARED = (
    "PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
    "SELECT ?measure ?number ?dept WHERE { ?measure pol:number ?number ; pol:leadDepartment ?dept }\n"
    "ORDER BY ?measure ?dept"
)
# every triple with every triple with every triple: far past a one-second timeout on any store
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def require_oxigraph() -> None:
    """Skip (or, in CI, fail) when the oxigraph program is not installed."""
    if shutil.which("oxigraph") is None and not (Path(sys.executable).parent / "oxigraph").is_file():
        component_missing("the oxigraph program is not installed (pip install -e '.' installs it)")


class Served:
    """A ``policykg serve`` process: its endpoint URL, stopped by :meth:`stop`."""

    def __init__(self, store: Path, *args: str) -> None:
        require_oxigraph()
        command = [sys.executable, "-m", "policykg", "--store", str(store), "serve", "--bind", "127.0.0.1:0"]
        self.process = subprocess.Popen(
            [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        line = _read_line(self.process, START_TIMEOUT_S)
        found = _ENDPOINT.search(line)
        if not found:
            errors = self.process.stderr.read() if self.process.poll() is not None else ""
            self.stop()
            raise AssertionError(f"serve did not start: {line!r} {errors}")
        self.endpoint = found.group(1)
        self.page = self.endpoint.removesuffix("query")

    def children(self) -> list[int]:
        """Return the pids of the command's child processes (the oxigraph program)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def stop(self) -> int:
        """Send SIGTERM, as a service manager would; return the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(30)
        self.process.stdout.close()
        self.process.stderr.close()
        return code


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline() if ready else ""


def _post(url: str, data: dict[str, str], headers: dict[str, str] | None = None):
    """POST a form; return (status, headers, body) whatever the status."""
    request = urllib.request.Request(url, urllib.parse.urlencode(data).encode(), headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def _rows_from_json(body: bytes) -> list[dict[str, str]]:
    results = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in results["results"]["bindings"]]


def _rows_from_command(store: Path, query: str) -> list[dict[str, str]]:
    command = [sys.executable, "-m", "policykg", "--store", str(store), "sparql", "--format", "json", query]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _rows_from_sparqlwrapper(endpoint: str, query: str) -> list[dict[str, str]]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    result = client.query()
    try:
        bindings = result.convert()["results"]["bindings"]
    finally:
        result.response.close()
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


@pytest.fixture(scope="module")
def served(example_store):
    server = Served(example_store, "--timeout", "1")
    yield server
    server.stop()


def test_sparqlwrapper_and_http_give_the_rows_of_the_sparql_command(served, example_store):
    expected = _rows_from_command(example_store, COMPARED)
    assert len(expected) > 10
    assert _rows_from_sparqlwrapper(served.endpoint, COMPARED) == expected
    status, headers, body = _post(
        served.endpoint, {"query": COMPARED}, {"Accept": "application/sparql-results+json"}
    )
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert _rows_from_json(body) == expected


def test_a_small_store_from_the_fixtures_is_served(tmp_path):
    from policykg.graph.build import build

    store = tmp_path / "store"
    notices = sorted((DATA_DIR / "formats").glob("*.txt"))[:3] or sorted(DATA_DIR.glob("*.txt"))[:3]
    assert notices and build(notices, store).ok
    query = (
        "PREFIX dcterms: <http://purl.org/dc/terms/>\nSELECT ?d ?t WHERE { ?d dcterms:title ?t } ORDER BY ?d"
    )
    server = Served(store)
    try:
        rows = _rows_from_sparqlwrapper(server.endpoint, query)
    finally:
        assert server.stop() == 0
    assert rows and rows == _rows_from_command(store, query)


def test_the_corpus_answers_the_same_through_the_endpoint(corpus_store):
    expected = _rows_from_command(corpus_store, COMPARED)
    server = Served(corpus_store)
    try:
        assert _rows_from_sparqlwrapper(server.endpoint, COMPARED) == expected
    finally:
        server.stop()
    assert len(expected) > 50


def test_a_query_past_the_timeout_answers_an_error_and_the_server_keeps_serving(served):
    started = time.monotonic()
    status, headers, body = _post(served.endpoint, {"query": SLOW})
    assert status == 503 and b"timeout" in body and headers["Content-Type"].startswith("text/plain")
    assert time.monotonic() - started < 10
    assert _rows_from_sparqlwrapper(served.endpoint, "SELECT (1 AS ?one) WHERE {}") == [{"one": "1"}]


def test_updates_are_refused_by_a_read_only_endpoint(served):
    status, _, body = _post(
        served.endpoint.replace("/query", "/update"), {"update": "INSERT DATA { <a:s> <a:p> <a:o> }"}
    )
    assert status == 403 and b"read-only" in body
    status, _, _ = _post(served.endpoint, {"update": "INSERT DATA { <a:s> <a:p> <a:o> }"})
    assert status == 403  # an update posted to the query URL, as the SPARQL protocol allows
    quoted = 'SELECT ?x WHERE { BIND("update=" AS ?x) }'  # a query that merely mentions update=
    status, _, body = _post(served.endpoint, {"query": quoted}, {"Accept": "text/csv"})
    assert status == 200 and body.decode().split() == ["x", "update="]
    ask = _post(
        served.endpoint, {"query": "ASK { <a:s> ?p ?o }"}, {"Accept": "application/sparql-results+json"}
    )
    assert json.loads(ask[2])["boolean"] is False


def test_requests_for_another_host_name_are_refused(served):
    request = urllib.request.Request(served.page, headers={"Host": "rebound.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    refused.value.close()
    assert refused.value.code == 403


def test_cors_is_off_unless_asked_and_then_for_that_origin_only(served, example_store):
    query = {"query": "SELECT (1 AS ?one) WHERE {}"}
    _, headers, _ = _post(served.endpoint, query, {"Origin": "http://notebook.example"})
    assert headers.get("Access-Control-Allow-Origin") is None
    server = Served(example_store, "--cors", "http://notebook.example")
    try:
        _, headers, _ = _post(server.endpoint, query, {"Origin": "http://notebook.example"})
        assert headers["Access-Control-Allow-Origin"] == "http://notebook.example"
        _, headers, _ = _post(server.endpoint, query, {"Origin": "http://elsewhere.example"})
        assert headers.get("Access-Control-Allow-Origin") is None
    finally:
        server.stop()


def test_sigterm_stops_the_oxigraph_program_and_frees_the_store(example_store, tmp_path):
    from policykg.graph.store.embedded import GraphStore

    store = _copy(example_store, tmp_path)
    server = Served(store)
    children = server.children()
    assert children, "serve runs the oxigraph program as its child"
    assert server.stop() == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in children)
    with GraphStore(store):  # the lock is released: a writer may open it
        pass


def test_ctrl_c_stops_the_oxigraph_program_too(example_store):
    server = Served(example_store)
    children = server.children()
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(30) == 0
    assert children and all(not Path(f"/proc/{pid}").exists() for pid in children)
    server.stop()


def test_a_server_whose_oxigraph_program_dies_stops_with_one_line(example_store):
    server = Served(example_store)
    os.kill(server.children()[0], signal.SIGKILL)
    assert server.process.wait(30) == 1
    errors = server.process.stderr.read().strip().splitlines()
    assert errors[-1] == "policykg: error: the oxigraph server stopped: it was ended by SIGKILL"
    server.stop()


def test_a_writable_endpoint_keeps_the_union_the_commands_read(example_store, tmp_path):
    store = _copy(example_store, tmp_path)
    server = Served(store, "--writable")
    try:
        update = "INSERT DATA { GRAPH <urn:x:added> { <urn:x:s> <urn:x:p> 'added' } }"
        status, _, body = _post(server.endpoint.replace("/query", "/update"), {"update": update})
        assert status in (200, 204), body
    finally:
        server.stop()
    assert _rows_from_command(store, "SELECT ?o WHERE { <urn:x:s> <urn:x:p> ?o }") == [{"o": "added"}]


def _copy(store: Path, tmp_path: Path) -> Path:
    """Return a copy of ``store`` a test may write or lock."""
    copy = tmp_path / "store"
    shutil.copytree(store, copy, ignore=shutil.ignore_patterns("LOCK"))
    return copy


def _run_serve(store: Path, *args: str) -> subprocess.CompletedProcess:
    require_oxigraph()
    command = [sys.executable, "-m", "policykg", "--store", str(store), "serve", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_a_non_loopback_address_is_refused_without_the_flag(example_store):
    line = _one_error_line(_run_serve(example_store, "--bind", "0.0.0.0:0"))
    assert "not a loopback address" in line


def test_a_port_in_use_is_one_error_line(served, example_store):
    port = urllib.parse.urlsplit(served.endpoint).port
    line = _one_error_line(_run_serve(example_store, "--bind", f"127.0.0.1:{port}"))
    assert f"127.0.0.1:{port} is already in use" in line


def test_a_store_another_process_writes_is_one_error_line(example_store, tmp_path):
    from policykg.graph.store.embedded import GraphStore

    store = _copy(example_store, tmp_path)
    with GraphStore(store):  # a writer holds the lock
        line = _one_error_line(_run_serve(store, "--bind", "127.0.0.1:0"))
    assert "another process is writing" in line


def test_a_store_that_does_not_exist_is_one_error_line(tmp_path):
    line = _one_error_line(_run_serve(tmp_path / "nothing", "--bind", "127.0.0.1:0"))
    assert "no store here" in line


def test_the_query_page_runs_a_typed_query_in_chromium(served):
    with running_browser() as browser:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(served.page)
        page.wait_for_selector(".CodeMirror")
        page.click(".CodeMirror")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        # typed without its PREFIX line: the page knows our prefixes and adds it
        page.keyboard.type("SELECT ?title WHERE { ?d dcterms:title ?title } ORDER BY ?title")
        typed = page.evaluate("window.policykgYasgui.getTab().getYasqe().getValue()")
        page.click(".yasqe_queryButton")
        page.wait_for_selector(".yasr table tbody tr td", timeout=30000)
        shown = page.inner_text(".yasr table tbody")
        examples = page.locator("[data-example]").count()
        page.close()
    assert "PREFIX dcterms: <http://purl.org/dc/terms/>" in typed
    titles = {r["title"] for r in _rows_from_sparqlwrapper(served.endpoint, typed)}
    assert titles and all(t in shown for t in titles)
    assert examples >= 10
    origin = served.page.rstrip("/")
    assert all(u.startswith((origin, "data:")) for u in requests), [
        u for u in requests if not u.startswith(origin)
    ]


def test_a_notebook_serves_in_a_thread_and_closes_it(example_store, tmp_path):
    import threading

    from policykg.graph.store.embedded import GraphStore
    from policykg.graph.store.serving import ServeSettings, Serving
    from policykg.viz.query_page import render_query_page

    require_oxigraph()
    store = _copy(example_store, tmp_path)
    served = Serving(ServeSettings(store, port=0), render_query_page())
    loop = threading.Thread(target=served.serve_forever, daemon=True)
    loop.start()
    try:
        rows = _rows_from_sparqlwrapper(served.url + "query", COMPARED)
    finally:
        served.close()
    loop.join(10)
    assert rows == _rows_from_command(store, COMPARED) and not loop.is_alive()
    with GraphStore(store):  # the program is gone and the lock released
        pass
