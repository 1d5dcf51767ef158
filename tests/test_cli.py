"""The command line: exact outputs, exit codes, idempotence, and bad input that costs nothing.

Commands run in-process through click's CliRunner; one test runs the installed entry point for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.ontology.terms import ID_NS as ID

from .conftest import EXAMPLES, ROOT

# for tests that start a process: the command under test is this checkout's, whatever is installed
ENV = {
    **os.environ,
    "POLICYKG_DEBUG": "",
    "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
}


@dataclass
class Outcome:
    """What a command did: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run(store, *args: str, check: bool = True, input: str | None = None, env=None) -> Outcome:  # noqa: ANN001
    """Run ``policykg --store STORE ARGS`` in-process; with ``check``, fail unless it exits 0."""
    result = CliRunner().invoke(
        cli,
        ["--store", str(store), *args],
        input=input,
        env={"POLICYKG_DEBUG": "", **(env or {})},
        prog_name="policykg",
    )
    outcome = Outcome(result.exit_code, result.stdout, result.stderr)
    if check:
        assert outcome.returncode == 0, (outcome.stderr, result.exception)
    return outcome


def test_entry_point_runs_as_a_process(tmp_path):
    """The one real process: ``python -m policykg`` exits 1 with one line for a missing store."""
    missing = tmp_path / "nothing"
    result = subprocess.run(
        [sys.executable, "-m", "policykg", "--store", str(missing), "stats"],
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 1
    assert result.stderr == f"policykg: error: {missing}: no store here; build one first\n"
    assert result.stdout == ""


def test_build_then_stats(tmp_path):
    store = tmp_path / "kg"
    result = run(store, "build", str(EXAMPLES))
    assert result.stderr.strip().endswith("10 documents, 21 measures (1 naming no one), 41 departments")
    per_file = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert f"  {EXAMPLES / 'jiangzhou_city_notice.txt'}: 7 measures, 1 naming no one" in per_file
    assert len(per_file) == 5
    rows = json.loads(run(store, "stats", "--format", "json").stdout)
    stats = {r["what"]: r["count"] for r in rows}
    assert [r["what"] for r in rows][:4] == ["source files", "documents", "sections", "measures"]
    # one graph per source file, the shared graph describing departments, places, cited laws, and
    # the documents' ranks in IRI order
    assert stats["source files"] == 5 and stats["named graphs"] == 7
    assert stats["measures"] == 21 and stats["indicators"] == 5
    assert stats["measures without a named department"] == 1
    table = run(store, "stats").stdout.splitlines()
    assert table[0].split() == ["source", "files", "5"] and table[-1].split() == ["named", "graphs", "7"]


def test_building_twice_changes_nothing(tmp_path):
    store = tmp_path / "kg"
    run(store, "build", str(EXAMPLES))
    first = run(store, "export", "--format", "nq").stdout
    run(store, "build", str(EXAMPLES))
    second = run(store, "export", "--format", "nq").stdout
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    other = tmp_path / "other"
    run(other, "build", "--jobs", "2", *sorted(str(p) for p in EXAMPLES.iterdir()))
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
    assert '"市政务办"' not in quads  # (the Traditional notice's 市政務辦 keeps its own node)
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
    run(store, "build", str(EXAMPLES / "dongshan_traditional_notice.txt"))
    before = run(store, "export", "--format", "nq").stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run(store, "build", str(bad), check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykg: error")]
    assert len(errors) == 1 and message in errors[0] and str(bad) in errors[0]
    assert "Traceback" not in result.stderr
    assert run(store, "export", "--format", "nq").stdout == before


def test_no_source_files_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(tmp_path / "kg", "build", str(empty), check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "policykg: error: no source files found under the paths given"


def test_notice_without_measures_is_a_warning(tmp_path):
    empty = tmp_path / "letter.txt"
    empty.write_text("关于召开会议的通知\n\n各单位：\n\n定于下周召开会议，请准时参加。\n", encoding="utf-8")
    result = run(tmp_path / "kg", "build", str(empty))
    assert f"policykg: warning: {empty}: no measures found" in result.stderr
    assert run(tmp_path / "kg2", "build", "--quiet", str(empty)).stderr == ""


def test_store_from_environment(tmp_path):
    result = CliRunner().invoke(
        cli,
        ["build", str(EXAMPLES / "dongshan_traditional_notice.txt")],
        env={"POLICYKG_STORE": str(tmp_path / "env-store")},
    )
    assert result.exit_code == 0, result.stderr
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


@pytest.mark.parametrize(("name", "args"), [("g.trig", []), ("g.nt", []), ("g.data", ["--format", "nt"])])
def test_import_takes_the_format_from_the_extension_or_the_option(example_store, tmp_path, name, args):
    fmt = "nt" if name.endswith((".nt", ".data")) else "trig"
    exported = tmp_path / name
    run(example_store, "export", "--format", fmt, "--output", str(exported))
    store = tmp_path / "kg"
    result = run(store, "import", str(exported), *args)
    graphs = 1 if fmt == "nt" else 7
    assert result.stderr == f"imported {graphs} graph(s) from {exported}\n"
    quads = run(store, "export", "--format", "nq").stdout
    if fmt == "nt":  # triples go into a graph named after the file
        assert f"<{ID}graph/imported/{name}>" in quads


def test_import_of_an_unknown_extension_asks_for_the_format(tmp_path):
    data = tmp_path / "graph.data"
    data.write_text("", encoding="utf-8")
    result = run(tmp_path / "kg", "import", str(data), check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"policykg: error: {data}: cannot tell the RDF format from the extension")


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
    def walk(group, prefix):
        for name, command in group.commands.items():
            yield [*prefix, name], command
            if hasattr(command, "commands"):
                yield from walk(command, [*prefix, name])

    seen = 0
    for path, command in walk(cli, []):
        result = CliRunner().invoke(cli, [*path, "--help"], prog_name="policykg")
        assert result.exit_code == 0, path
        assert command.help and command.help.strip()
        assert result.stdout.startswith(f"Usage: policykg {' '.join(path)}"), path
        seen += 1
    assert seen == 32  # 20 commands, 5 network and 7 viz subcommands


def test_short_options_mean_one_thing():
    """-j is --jobs for build and nothing elsewhere; no short option names two long ones."""
    meaning: dict[str, set[str]] = {}

    def walk(command):
        for param in command.params:
            for short in (o for o in param.opts if not o.startswith("--")):
                meaning.setdefault(short, set()).add(param.opts[0])
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(cli)
    assert {k: v for k, v in meaning.items() if len(v) > 1} == {}
    assert meaning["-j"] == {"--jobs"}


def test_second_writer_is_told_the_store_is_locked(tmp_path):
    from policykg.graph.store.embedded import GraphStore

    store = tmp_path / "kg"
    with GraphStore(store):
        result = run(store, "build", str(EXAMPLES / "dongshan_traditional_notice.txt"), check=False)
        assert result.returncode == 1
        assert "store is locked" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_bug_is_one_line_and_exit_70(tmp_path, monkeypatch):
    import policykg.queries.counts

    def broken(store):
        raise KeyError("oops")

    monkeypatch.setattr(policykg.queries.counts, "store_counts", broken)
    store = tmp_path / "kg"
    run(store, "build", str(EXAMPLES / "dongshan_traditional_notice.txt"))
    result = run(store, "stats", check=False)
    assert result.returncode == 70
    assert result.stderr == (
        "policykg: internal error: KeyError: 'oops' (set POLICYKG_DEBUG=1 for details)\n"
    )


def test_interrupt_is_exit_130(monkeypatch, capsys):
    import importlib

    cli_main = importlib.import_module("policykg.cli.main")  # the module; policykg.cli.main is its function

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_main.cli, "main", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main(["stats"])
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "policykg: interrupted\n"


def test_usage_errors_exit_2(tmp_path):
    result = run(tmp_path / "kg", "audit", "everything", check=False)
    assert result.returncode == 2 and "'everything' is not one of 'orphans'" in result.stderr
    result = CliRunner().invoke(cli, ["--graph-store", "http://localhost:1/g", "stats"])
    assert result.exit_code == 2 and "--update-endpoint and --graph-store need --endpoint" in result.stderr


def test_progress_bar_when_building_many_files(capsys, tmp_path):
    from policykg.graph.build import build

    report = build([EXAMPLES], tmp_path / "kg", progress=True)
    assert len(report.built) == 5 and not report.failed
    err = capsys.readouterr().err
    assert "parsing" in err and "writing" in err and "file/s" in err  # rate shown


def test_outputs_go_into_new_folders_and_unwritable_ones_are_one_line(example_store, tmp_path):
    out = tmp_path / "new" / "deeper" / "graph.nt"
    run(example_store, "export", "--format", "nt", "--output", str(out))
    to_stdout = run(example_store, "export", "--format", "nt").stdout
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(to_stdout.splitlines())
    assert len(to_stdout.splitlines()) > 500  # the examples' graph, not an empty one
    assert not list(out.parent.glob("*.part"))
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    for args in (
        ["export", "--format", "nt", "--output", str(blocked / "g.nt")],
        ["viz", "overview", "--output", str(blocked / "v.html")],
        ["network", "export", "--output", str(blocked / "g.graphml")],
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
