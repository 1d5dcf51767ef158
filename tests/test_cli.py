"""The command line: exact outputs, exit codes, idempotence, and bad input that costs nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from policykg.ontology.terms import ID_NS as ID

from .conftest import EXAMPLES, ROOT

# the command under test is this checkout's, whatever copy of policykg is installed
ENV = {
    **os.environ,
    "POLICYKG_DEBUG": "",
    "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
}


def run(store, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "policykg", "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=ENV,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_build_then_stats(tmp_path):
    store = tmp_path / "kg"
    result = run(store, "build", str(EXAMPLES))
    assert result.stderr.strip().endswith("10 documents, 21 measures, 41 departments")
    stats = json.loads(run(store, "stats", "--format", "json").stdout)
    # one graph per source file, the shared graph describing departments, places, cited laws, and
    # the documents' ranks in IRI order
    assert stats["source files"] == 5 and stats["named graphs"] == 7
    assert stats["measures"] == 21 and stats["indicators"] == 5
    assert stats["measures without a named department"] == 1


def test_building_twice_changes_nothing(tmp_path):
    store = tmp_path / "kg"
    run(store, "build", str(EXAMPLES))
    first = run(store, "export", "--format", "nq").stdout
    run(store, "build", str(EXAMPLES))
    second = run(store, "export", "--format", "nq").stdout
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    other = tmp_path / "other"
    run(other, "build", *sorted(str(p) for p in EXAMPLES.iterdir()))
    assert sorted(run(other, "export", "--format", "nq").stdout.splitlines()) == sorted(first.splitlines())


def test_rebuilding_a_changed_file_replaces_exactly_its_graph(tmp_path):
    store = tmp_path / "kg"
    notice = tmp_path / "notice.txt"
    notice.write_text("某市实施方案\n\n一、重点任务\n\n1. 推进改革。（市政务办牵头负责）\n", encoding="utf-8")
    run(store, "build", str(notice), str(EXAMPLES / "dongshan_traditional_notice.txt"))
    notice.write_text("某市实施方案\n\n一、重点任务\n\n1. 推进改革。（市财政局负责）\n", encoding="utf-8")
    run(store, "build", str(notice))
    quads = run(store, "export", "--format", "nq").stdout
    assert "市财政局" in quads and "東山市" in quads
    # no longer named by any source, so no longer described in the shared graph either
    assert "市政务办" not in quads
    graphs = {line.rsplit(" ", 2)[-2] for line in quads.splitlines() if line}
    assert graphs == {
        f"<{ID}graph/notice.txt>",
        f"<{ID}graph/dongshan_traditional_notice.txt>",
        f"<{ID}shared>",
        f"<{ID}document-order>",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\x00\xff\x00binary" * 50, "binary file"),
        (bytes(range(0x80, 0x100)) * 8, "cannot decode"),
    ],
    ids=["empty", "binary", "undecodable"],
)
def test_bad_input_is_one_line_nonzero_and_store_keeps_its_data(tmp_path, content, message):
    store = tmp_path / "kg"
    run(store, "build", str(EXAMPLES))
    before = run(store, "export", "--format", "nq").stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run(store, "build", str(bad), check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykg: error")]
    assert len(errors) == 1 and message in errors[0] and str(bad) in errors[0]
    assert "Traceback" not in result.stderr
    assert run(store, "export", "--format", "nq").stdout == before


def test_notice_without_measures_is_a_warning(tmp_path):
    empty = tmp_path / "letter.txt"
    empty.write_text("关于召开会议的通知\n\n各单位：\n\n定于下周召开会议，请准时参加。\n", encoding="utf-8")
    result = run(tmp_path / "kg", "build", str(empty))
    assert f"policykg: warning: {empty}: no measures found" in result.stderr


def test_missing_store_is_a_clear_error(tmp_path):
    result = run(tmp_path / "nothing", "stats", check=False)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"policykg: error: {tmp_path / 'nothing'}: no store here; run `policykg build` first"
    )


def test_store_from_environment(tmp_path):
    env = {**ENV, "POLICYKG_STORE": str(tmp_path / "env-store")}
    subprocess.run(
        [sys.executable, "-m", "policykg", "build", str(EXAMPLES)], env=env, check=True, capture_output=True
    )
    assert (tmp_path / "env-store" / "CURRENT").exists()


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_formats_parse_back_to_the_same_graph(example_store, tmp_path, fmt):
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    out = tmp_path / f"graph.{fmt}"
    run(example_store, "export", "--format", fmt, "--output", str(out))
    reference = Graph().parse(data=run(example_store, "export", "--format", "nt").stdout, format="nt")
    rdflib_format = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt]
    if fmt in {"nq", "trig"}:
        ds = Dataset()
        ds.parse(data=out.read_text(encoding="utf-8"), format=rdflib_format)
        graph = Graph()
        for s, p, o, _ in ds.quads():
            graph.add((s, p, o))
    else:
        graph = Graph().parse(data=out.read_text(encoding="utf-8"), format=rdflib_format)
    assert len(graph) == len(reference) > 500
    assert isomorphic(graph, reference)


def test_validate_conforms(example_store):
    result = run(example_store, "validate")
    assert result.stdout.strip().endswith("conforms: 0 violation(s)")


def test_validate_reports_violations(tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad

    from policykg.graph.store.embedded import GraphStore
    from policykg.ontology.terms import POL_NS as POL

    store = tmp_path / "kg"
    run(store, "build", str(EXAMPLES / "dongshan_traditional_notice.txt"))
    bad = NamedNode("https://w3id.org/policykg/id/graph/bad")
    x = NamedNode("https://w3id.org/policykg/id/x")
    with GraphStore(store) as s:
        s.replace_graph(
            bad.value,
            [
                Quad(
                    x,
                    NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    NamedNode(POL + "Measure"),
                    bad,
                ),
                Quad(x, NamedNode(POL + "order"), Literal("first"), bad),
            ],
        )
    result = run(store, "validate", check=False)
    assert result.returncode == 1
    assert "does not conform" in result.stdout


def test_ontology_command_prints_turtle():
    result = run("unused", "ontology")
    assert result.stdout.startswith("@prefix pol: <https://w3id.org/policykg/ontology#>")
    assert "sh:NodeShape" in run("unused", "ontology", "--shapes").stdout


def test_every_command_has_help():
    from click.testing import CliRunner

    from policykg.cli import cli

    for name, command in cli.commands.items():
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and command.help.strip()


def test_second_writer_is_told_the_store_is_locked(tmp_path):
    from policykg.errors import StoreLockedError
    from policykg.graph.store.embedded import GraphStore

    store = tmp_path / "kg"
    with GraphStore(store):
        result = run(store, "build", str(EXAMPLES / "dongshan_traditional_notice.txt"), check=False)
        assert result.returncode == 1
        assert "store is locked" in result.stderr
        assert "Traceback" not in result.stderr
    assert issubclass(StoreLockedError, Exception)


def test_progress_bar_when_building_many_files(capsys, tmp_path):
    from policykg.graph.build import build

    report = build([EXAMPLES], tmp_path / "kg", progress=True)
    assert len(report.built) == 5 and not report.failed
    err = capsys.readouterr().err
    assert "parsing" in err and "writing" in err and "file/s" in err  # rate shown


def test_outputs_go_into_new_folders_and_unwritable_ones_are_one_line(example_store, tmp_path):
    out = tmp_path / "new" / "deeper" / "graph.nt"
    run(example_store, "export", "--format", "nt", "--output", str(out))
    assert out.read_text(encoding="utf-8").count("\n") > 500
    run(example_store, "network", "export", "--output", str(tmp_path / "more" / "g.graphml"))
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    for args in (
        ["export", "--format", "nt", "--output", str(blocked / "g.nt")],
        ["viz", "overview", "--output", str(blocked / "v.html")],
    ):
        result = run(example_store, *args, check=False)
        assert result.returncode == 1, args
        assert result.stderr.startswith("policykg: error:") and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_shared_nodes_are_described_once_however_many_files_name_them(tmp_path):
    from policykg.graph.store.embedded import GraphStore

    store = tmp_path / "kg"
    copies = tmp_path / "copies"
    copies.mkdir()
    notice = (EXAMPLES / "jiangzhou_city_notice.txt").read_bytes()
    for k in range(3):
        (copies / f"copy-{k}.txt").write_bytes(notice)
    run(store, "build", str(copies))
    with GraphStore(store, read_only=True) as s:
        per_node = list(
            s.select(
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                "SELECT ?node (COUNT(*) AS ?labels) WHERE { ?node skos:prefLabel ?label } "
                "GROUP BY ?node ORDER BY DESC(?labels) LIMIT 1"
            )
        )
        # the union of three sources' graphs still holds one label per department
        assert per_node and per_node[0]["labels"].value == "1"
