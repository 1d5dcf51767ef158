"""Every command against a SPARQL server (Virtuoso, started on loopback) answers as the embedded store does."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from policykg.graph.store.embedded import GraphStore
from policykg.graph.store.server import Endpoint, EndpointStore, bind_values, redact
from policykg.graph.store.terms import substitutions
from policykg.queries.audits import AUDITS
from policykg.queries.named import list_queries
from policykg.queries.run import bind_parameters, run_named
from policykg.queries.values import term_value

from .conftest import CORPUS, DATA_DIR, EXAMPLES, ROOT
from .virtuoso import PASSWORD, USER, running_virtuoso

ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "POLICYKG_ENDPOINT_USER": USER,
    "POLICYKG_ENDPOINT_PASSWORD": PASSWORD,
}
# a value for every parameter the named queries take, chosen so that each query has answers
PARAMS = {
    "dept": "市政务办",
    "plan": "甘泉市营商环境提升行动方案",
    "before": "2023-12-31",
    "from": "2023-01-01",
    "until": "2023-12-31",
    "minimum": "2",
    "above": "any",
    "below": "any",
    "document": "https://w3id.org/policykg/id/doc/jiangzhou_city_notice.txt/1",
    "name": "jiangzhou_city_notice.txt",
    "source": "https://w3id.org/policykg/id/source/jiangzhou_city_notice.txt",
}
JURISDICTION = "江州市"
# queries that order by titles: Virtuoso does not sort long strings by code point as Oxigraph does
ORDERED_BY_LONG_TEXT = {"legal-bases-by-citations"}


def cli(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "policykg", *args], capture_output=True, text=True, env=env or ENV, timeout=600
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A fresh Virtuoso; yields its base URL."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


def endpoint_args(base: str) -> list[str]:
    return ["--endpoint", f"{base}/sparql-auth", "--graph-store", f"{base}/sparql-graph-crud-auth"]


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The examples, the Ganquan fixture and (when present) the corpus, built into the embedded store."""
    path = tmp_path_factory.mktemp("local") / "store"
    sources = [str(EXAMPLES), str(DATA_DIR / "ganquan_city_plan.txt")]
    sources += [str(p) for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else []
    cli("--store", str(path), "build", "-q", *sources)
    return path


@pytest.fixture(scope="module")
def pushed(server, local):
    """The server after `policykg push`: the embedded store's graphs uploaded."""
    cli("--store", str(local), "push", *endpoint_args(server))
    return server


def _normal(value):
    # GROUP_CONCAT's order is not fixed by SPARQL, and an empty one is "" on Virtuoso, unbound on Oxigraph
    if value is None or value == "":
        return None
    if isinstance(value, str) and "; " in value:
        return "; ".join(sorted(value.split("; ")))
    return value


def _answers(store, name: str) -> list[tuple]:
    query = next(q for q in list_queries() if q.name == name)
    given = {p.name: PARAMS[p.name] for p in query.params}
    result = run_named(store, name, given, JURISDICTION)
    names = [v.value for v in result.variables]
    return [tuple(_normal(term_value(s[n])) for n in names) for s in result]


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_named_query_answers_the_same_on_the_server(pushed, local, name):
    with GraphStore(local, read_only=True) as embedded:
        expected = _answers(embedded, name)
    got = _answers(EndpointStore(Endpoint(f"{pushed}/sparql-auth"), credentials=(USER, PASSWORD)), name)
    # the same rows; the order too, but for ties Virtuoso breaks by its own order of long strings
    assert sorted(map(repr, got)) == sorted(map(repr, expected))
    if name not in ORDERED_BY_LONG_TEXT:
        assert got == expected
    if name not in ("measures-with-many-leads",):
        assert expected, f"{name} has no answers on the fixtures; the comparison proves little"


@pytest.mark.parametrize("name", list(AUDITS))
def test_every_audit_answers_the_same_on_the_server(pushed, local, name):
    with GraphStore(local, read_only=True) as embedded:
        expected = AUDITS[name](embedded)
    got = AUDITS[name](EndpointStore(Endpoint(f"{pushed}/sparql-auth"), credentials=(USER, PASSWORD)))
    assert [s.name for s in got.sections] == [s.name for s in expected.sections] and expected.sections
    for mine, theirs in zip(got.sections, expected.sections, strict=True):
        assert sorted(map(repr, mine.rows)) == sorted(map(repr, theirs.rows))
        if name != "citations":  # it lists legal bases by title: see ORDERED_BY_LONG_TEXT
            assert mine.rows == theirs.rows


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--format", "json"],
        ["leads", "市政务办", "--jurisdiction", JURISDICTION, "--format", "json"],
        ["involves", "市政务办", "--jurisdiction", JURISDICTION, "--format", "json"],
        ["departments", "--format", "json"],
        ["audit", "orphans", "--format", "json"],
        ["network", "centrality", "--format", "json"],
    ],
    ids=lambda c: c[0] + (f"-{c[1]}" if c[0] in ("audit", "network") else ""),
)
def test_commands_print_the_same_from_the_server(pushed, local, command):
    embedded = cli("--store", str(local), *command).stdout
    remote = cli(*endpoint_args(pushed), *command).stdout
    assert json.loads(remote) == json.loads(embedded) and embedded.strip()


def test_a_view_can_be_drawn_from_the_server(pushed, tmp_path):
    out = tmp_path / "overview.html"
    result = cli(*endpoint_args(pushed), "viz", "overview", "--output", str(out))
    assert out.stat().st_size > 100_000 and "nodes" in result.stderr


def test_pushing_twice_changes_nothing(pushed, local):
    before = cli(*endpoint_args(pushed), "export", "--format", "nq").stdout
    cli("--store", str(local), "push", *endpoint_args(pushed))
    after = cli(*endpoint_args(pushed), "export", "--format", "nq").stdout
    assert sorted(after.splitlines()) == sorted(before.splitlines()) and before
    embedded = cli("--store", str(local), "export", "--format", "nq").stdout
    assert sorted(embedded.splitlines()) == sorted(before.splitlines())


def test_build_straight_into_a_server_and_rebuild(tmp_path_factory):
    """Building into a server writes the same graphs as building into a directory, and again changes nothing.

    The first build replaces graphs by Graph Store Protocol PUTs; the rebuild, with no --graph-store,
    by SPARQL Update (one server for both: starting one costs seconds).
    """
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso-build")) as base:
        graph_store, update_only = endpoint_args(base), ["--endpoint", f"{base}/sparql-auth"]
        cli(*graph_store, "build", "-q", str(EXAMPLES))
        first = cli(*graph_store, "export", "--format", "nq").stdout
        cli(*update_only, "build", "-q", str(EXAMPLES))
        second = cli(*update_only, "export", "--format", "nq").stdout
        local = tmp_path_factory.mktemp("local-build") / "store"
        cli("--store", str(local), "build", "-q", str(EXAMPLES))
        embedded = cli("--store", str(local), "export", "--format", "nq").stdout
        assert sorted(first.splitlines()) == sorted(second.splitlines()) == sorted(embedded.splitlines())
        # an update through --allow-update goes to the server
        cli(
            *update_only,
            "sparql",
            "--allow-update",
            "DROP SILENT GRAPH <https://w3id.org/policykg/id/graph/nanping_county_table.txt>",
        )
        stats = {
            r["what"]: r["count"] for r in json.loads(cli(*update_only, "stats", "--format", "json").stdout)
        }
        assert stats["source files"] == 4


def test_credentials_never_appear_in_what_policykg_prints(server):
    secret = "s3cret-Pa55"
    env = {k: v for k, v in ENV.items() if not k.startswith("POLICYKG_ENDPOINT_")}
    env["HOME"] = str(ROOT / "tests" / "data")  # no ~/.netrc to fall back on
    in_url = f"http://{USER}:{secret}@{server.removeprefix('http://')}/sparql-auth"
    wrong = cli("--endpoint", in_url, "stats", env=env, check=False)
    assert wrong.returncode == 1 and secret not in wrong.stdout + wrong.stderr
    assert wrong.stderr.count("\n") == 1 and "401" in wrong.stderr and "Traceback" not in wrong.stderr
    env.update(POLICYKG_ENDPOINT_USER=USER, POLICYKG_ENDPOINT_PASSWORD=secret)
    wrong = cli("--endpoint", f"{server}/sparql-auth", "stats", env=env, check=False)
    assert wrong.returncode == 1 and secret not in wrong.stdout + wrong.stderr
    right = cli(
        "--endpoint",
        in_url.replace(secret, PASSWORD),
        "stats",
        env={**env, "POLICYKG_ENDPOINT_USER": USER, "POLICYKG_ENDPOINT_PASSWORD": PASSWORD},
    )
    assert PASSWORD not in right.stderr


def test_an_unreachable_endpoint_is_one_line(tmp_path):
    result = cli("--endpoint", "http://user:pw@127.0.0.1:9/sparql", "stats", check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "cannot reach" in result.stderr and "pw" not in result.stderr.replace("policykg", "")


# -- without a server: the binding of values into the query text ---------------------------------------
@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_values_bound_into_the_text_answer_as_bound_values_do(example_store, name):
    """On a server, parameters go in as a VALUES block; on Oxigraph that gives the same answers."""
    query = next(q for q in list_queries() if q.name == name)
    with GraphStore(example_store, read_only=True) as store:
        bindings = bind_parameters(store, query, {p.name: PARAMS[p.name] for p in query.params}, JURISDICTION)
        direct = [str(s) for s in store.query(query.sparql, bindings)]
        text = bind_values(query.sparql, substitutions(bindings)) if bindings else query.sparql
        via_text = [
            str(s)
            for s in store.oxigraph.query(text, use_default_graph_as_union=not store.union_materialised)
        ]
    assert via_text == direct


def test_a_hostile_value_stays_a_value(example_store):
    from pyoxigraph import Literal, Variable

    nasty = 'x" } ; DROP ALL ; SELECT * { "'
    text = bind_values(
        "SELECT ?t WHERE { ?m <http://purl.org/dc/terms/title> ?t }", {Variable("t"): Literal(nasty)}
    )
    with GraphStore(example_store, read_only=True) as store:
        assert list(store.oxigraph.query(text, use_default_graph_as_union=not store.union_materialised)) == []
    assert "DROP ALL ; SELECT" in text and text.count("{") == 3


def test_redact_removes_user_and_password():
    assert redact("https://a%40b:p%3Aw@example.org:8890/sparql?x=1") == "https://example.org:8890/sparql?x=1"
    assert redact("http://example.org/sparql") == "http://example.org/sparql"
