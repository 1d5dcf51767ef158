"""Messy and hostile input: never a traceback, bounded time, and nothing stored is lost."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import InputError
from policykg.loaders.extract.pipeline import parse_source
from policykg.loaders.read.sources import SourceText, read_source
from policykg.ontology.terms import ID_NS as ID
from policykg.ontology.terms import POL

from .conftest import DATA_DIR, EXAMPLES
from .hostile import write_hostile
from .test_cli import ENV, run

# the hostile files that must build take 5-10 s together (a 1.5 MB line, 3,000 broken measures, 2,000
# headings); a pathological slow-down takes minutes
HOSTILE_BUILD_SECONDS = 40
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of notices, good and broken, that the structured fuzzer strings together
PIECES = [
    "关于印发某市优化营商环境实施方案的通知",
    "某政办发〔2023〕7号",
    "某市人民政府办公室",
    "2023年5月20日",
    "某市优化营商环境实施方案",
    "附件1",
    "附件：1.某县任务清单",
    "一、重点任务",
    "（一）深化改革",
    "二、保障措施",
    "1. 推进改革。",
    "2、优化服务。",
    "（1）压缩时限。",
    "①加强协同。",
    "**聚焦重点。**",
    "（市政务办牵头负责）",
    "（市发改委牵头，市相关部门及各县区（板块）按职责分工负责）",
    "〔牵头单位：市发改委；责任单位：市财政局〕",
    "牵头单位：市住建局",
    "完成时限：10月31日",
    "（责任单位：县政务办，各镇。依据：《某某办法》，完成时限：长年坚持）",
    "贯彻落实《某某条例》",
    "根据《某某意见》",
    "压缩至1个工作日以内",
    "95%以上",
    "由45天压缩为20天",
    "（",
    "）",
    "《",
    "》",
    "**",
    "〔",
    "(",
    ")",
    "牵头",
    "负责",
    "配合",
    "责任单位：",
    "１２３",
    "．",
    "一级指标\t二级指标\t分值\t责任部门",
    "1.开办企业\t开办企业耗时\t9\t2.7\t县行政审批局",
    "序号",
    "重点任务",
    "牵头单位",
    "完成时限",
    "3",
    "县市场监管局",
    "2023年底前",
    "推进改革and优化 etc 服务",
    "牽頭單位：市政務辦",
]
notices = st.lists(st.sampled_from(PIECES), min_size=0, max_size=60).flatmap(
    lambda parts: st.sampled_from(["\n", "\n\n", "\r\n", "\r", "", " "]).map(lambda sep: sep.join(parts))
)


def _source(text: str) -> SourceText:
    return SourceText("f.txt", "f.txt", "0" * 64, "text", "utf-8", text)


def _check_parsed(text: str) -> None:
    parsed = parse_source(_source(text))
    for m in parsed.measures:
        assert 0 <= m.span[0] <= m.span[1] <= len(text)
        assert m.text == m.text.strip()
        for c in m.clauses:
            assert 0 <= c.span[0] <= c.span[1] <= len(text)
            for a in c.assignments:
                assert 0 <= a.actor.span[0] <= a.actor.span[1] <= len(text)
        for t in m.targets:
            assert 0 <= t.span[0] <= t.span[1] <= len(text)
    assert [m.order for d in parsed.documents for m in d.measures] == [
        k for d in parsed.documents for k in range(1, len(d.measures) + 1)
    ]


@FUZZ
@given(st.text())
def test_any_unicode_parses_without_error(text):
    _check_parsed(text)


@FUZZ
@given(notices)
def test_notice_shaped_noise_parses_with_valid_offsets(text):
    _check_parsed(text)


@FUZZ
@given(
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=200),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le-bom"]),
)
def test_chinese_text_in_any_common_encoding_reads_back(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("enc") / "notice.txt"
    data = b"\xff\xfe" + text.encode("utf-16-le") if encoding == "utf-16-le-bom" else text.encode(encoding)
    path.write_bytes(data)
    assert read_source(path).text == text


@FUZZ
@given(st.binary(min_size=0, max_size=4096))
def test_random_bytes_are_read_or_refused_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "blob.txt"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        _check_parsed(source.text)


@pytest.mark.slow
def test_hostile_files_end_cleanly_and_quickly(example_store, tmp_path):
    """Each file the build must refuse is one error line naming it and exit code 1; the ones it
    must take are built together; and nothing the store held before is lost."""
    import shutil

    from pyoxigraph import NamedNode, Store

    from policykg.graph.iris import graph_iri

    store = tmp_path / "kg"
    shutil.copytree(example_store, store)
    hostile = write_hostile(tmp_path / "hostile")
    for path in (p for p, outcome in hostile.items() if outcome == "error"):
        result = run(store, "build", str(path), check=False)
        errors = [line for line in result.stderr.splitlines() if line.startswith("policykg: error:")]
        assert result.returncode == 1 and len(errors) == 1 and str(path) in errors[0], (
            path.name,
            result.stderr,
        )
    taken = [p for p, outcome in hostile.items() if outcome == "ok"]
    start = time.perf_counter()
    result = run(store, "build", "-q", *map(str, taken), check=False)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert elapsed < HOSTILE_BUILD_SECONDS, f"building the hostile files took {elapsed:.1f} s"
    after = Store.read_only(str(store))
    graphs = {g.value for g in after.named_graphs()}
    assert {graph_iri(p.name) for p in taken} <= graphs
    assert not {graph_iri(p.name) for p, outcome in hostile.items() if outcome == "error"} & graphs
    # every earlier fact is still there; only the documents' ranks move as documents are added
    rank = NamedNode(POL.documentRank)
    lost = [q for q in Store.read_only(str(example_store)) if q.predicate != rank and q not in after]
    assert not lost, lost[:3]


def test_script_in_a_notice_stays_text(tmp_path):
    folder = tmp_path / "h"
    paths = write_hostile(folder)
    source = read_source(next(p for p in paths if p.name == "script.html"))
    assert "alert" not in source.text and "<img" not in source.text


@pytest.fixture(scope="module")
def example_export(example_store):
    """The example store's graph (as rdflib reads its N-Triples) and its sorted N-Quads lines."""
    from rdflib import Graph

    triples = Graph().parse(data=run(example_store, "export", "--format", "nt").stdout, format="nt")
    return triples, sorted(run(example_store, "export", "--format", "nq").stdout.splitlines())


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_import_round_trip(example_store, example_export, tmp_path, fmt):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    original, quads = example_export
    exported = tmp_path / f"kg.{fmt}"
    run(example_store, "export", "--format", fmt, "--output", str(exported))
    copy = tmp_path / "copy"
    run(copy, "import", str(exported))
    back = Graph().parse(data=run(copy, "export", "--format", "nt").stdout, format="nt")
    assert isomorphic(original, back)
    if fmt in ("nq", "trig"):
        assert sorted(run(copy, "export", "--format", "nq").stdout.splitlines()) == quads


def test_a_broken_import_changes_nothing(example_store, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(example_store, copy)
    before = run(copy, "export", "--format", "nq").stdout
    broken = tmp_path / "broken.nq"
    broken.write_text(run(copy, "export", "--format", "nq").stdout[:5000] + "\n<oops", encoding="utf-8")
    result = run(copy, "import", str(broken), check=False)
    assert result.returncode == 1 and result.stderr.startswith("policykg: error:")
    assert run(copy, "export", "--format", "nq").stdout == before


TABLE_LABELS = ("牵头单位：", "责任单位：", "配合单位：", "完成时限：", "依据：")


def test_every_measure_text_is_recovered_from_its_offsets():
    from policykg.loaders.extract.pipeline import parse_file
    from policykg.text.repair import repair

    files = sorted(EXAMPLES.iterdir()) + sorted(p for p in DATA_DIR.rglob("*") if p.is_file())
    for path in files:
        parsed = parse_file(path)
        for m in parsed.measures:
            start, end = m.span
            recovered = repair(parsed.source.text[start:end]).text
            compact = "".join(recovered.split()).replace("**", "")
            # table rows are given labelled lines (牵头单位：…) between the cells they came from
            body = "".join(m.text.split())
            for label in ("牵头单位：", "责任单位：", "配合单位：", "完成时限：", "依据："):
                body = body.replace(label, "") if label not in compact else body
            if (
                compact != body
            ):  # a table row (cells in column order) or a text kept as written: pieces of the source
                # repaired, or as written (texts keep the pinyin a mirror site printed)
                whole = "".join(repair(parsed.source.text).text.split()) + "".join(parsed.source.text.split())
                cells = re.split("|".join((*TABLE_LABELS, "、")), "".join(m.text.split()))
                assert start < end and all(c in whole for c in cells), (path.name, m.number)


# the killed builds write 240 copies of the example notices: two transactions into an existing store
# (killed once the first is in), and two seconds of bulk loading beside a new one
COPIES = 60
POLL_SECONDS = 0.005
KILL_DEADLINE_SECONDS = 120  # a build that neither reaches the awaited point nor ends is a failure


@pytest.fixture(scope="module")
def copied_sources(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Copies of the examples, a one-measure seed notice, and a store built from both, whole."""
    folder = tmp_path_factory.mktemp("killed")
    sources = _example_copies(folder / "sources", COPIES)
    seed = folder / "seed" / "seed-notice.txt"
    seed.parent.mkdir()
    seed.write_text("某市实施方案\n\n1. 推进改革。（市政务办牵头负责）\n", encoding="utf-8")
    whole = folder / "whole"
    assert _start_build(whole, seed, sources).wait(timeout=KILL_DEADLINE_SECONDS) == 0
    return sources, seed, whole


@pytest.mark.slow
def test_a_killed_build_leaves_each_graph_whole_or_absent(copied_sources, tmp_path):
    """SIGKILL a build while it writes: every graph in the store must equal the complete build's."""
    from pyoxigraph import Store

    sources, seed, whole = copied_sources
    expected = _graphs(Store.read_only(str(whole)))
    shared = f"{ID}shared"
    # the ranks of the documents are rewritten once the graphs are, in a transaction of their own
    ranks = f"{ID}document-order"
    expected.pop(ranks)
    store = tmp_path / "killed"
    run(store, "build", "-q", str(seed))  # an existing store: graphs are written a batch at a time
    first_commit = len(_graphs(Store.read_only(str(store)))) + 1
    assert _kill_when(_start_build(store, sources), _graphs_committed(store, first_commit))
    got = {g: q for g, q in _graphs(Store(str(store))).items() if not g.endswith("/seed-notice.txt")}
    got.pop(ranks, None)
    # the shared graph grows with every graph written, in the same transaction
    described_quads = got.pop(shared, set())
    assert described_quads <= expected[shared]
    assert all(got[g] == expected[g] for g in got), "a graph was left half-written"
    described = {q.split(" ", 1)[0] for q in described_quads}
    named = {q.split(" ")[2] for quads in got.values() for q in quads if "#involvesDepartment>" in q}
    assert named <= described, "a graph refers to departments the shared graph does not describe"
    assert 0 < len(got) < len(expected) - 2, "the build was not caught mid-way; the test proved nothing"


@pytest.mark.slow
def test_a_killed_first_build_leaves_no_store_or_a_whole_one(copied_sources, tmp_path):
    """A store that does not exist yet is built beside its place and renamed in: never half there."""
    sources, _seed, whole = copied_sources
    stats = {r["what"]: r["count"] for r in json.loads(run(whole, "stats", "--format", "json").stdout)}
    assert stats["source files"] == 4 * COPIES + 1, "a build that ran to its end left part of a store"
    # killed once the store beside its place is made, and once the bulk loader writes into it
    for attempt, loading in enumerate((False, True)):
        store = tmp_path / f"fresh-{attempt}"
        assert _kill_when(_start_build(store, sources), _side_store_ready(store, loading))
        assert not store.exists(), "a killed first build left part of a store"
    # the next build clears what killed builds left beside the store
    assert list(tmp_path.glob("fresh-0.building-*"))
    run(tmp_path / "fresh-0", "build", "-q", str(EXAMPLES))
    assert not list(tmp_path.glob("fresh-0.building-*"))


def _start_build(store: Path, *sources: Path) -> subprocess.Popen:
    """Start ``policykg build`` of ``sources`` into ``store`` as a process of its own; return it."""
    return subprocess.Popen(
        [sys.executable, "-m", "policykg", "--store", str(store), "build", "-q", *map(str, sources)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )


def _kill_when(proc: subprocess.Popen, ready: Callable[[], bool]) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()`` holds; return False if it ended before that."""
    deadline = time.monotonic() + KILL_DEADLINE_SECONDS
    while proc.poll() is None:
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        assert time.monotonic() < deadline, "the build neither reached the awaited point nor ended"
        time.sleep(POLL_SECONDS)
    return False


def _graphs_committed(store: Path, at_least: int) -> Callable[[], bool]:
    """A condition: ``store`` holds ``at_least`` named graphs, checked after each commit."""
    from pyoxigraph import Store

    logged = {"bytes": _log_bytes(store)}

    def ready() -> bool:
        # a commit grows the write-ahead log; opening the store only then keeps the polling cheap
        size = _log_bytes(store)
        if size == logged["bytes"]:
            return False
        logged["bytes"] = size
        try:
            return len(list(Store.read_only(str(store)).named_graphs())) >= at_least
        except (OSError, RuntimeError):  # a log file the writer just rotated
            return False

    return ready


def _log_bytes(store: Path) -> int:
    """Return the size of the store's write-ahead log files."""
    total = 0
    for log in store.glob("*.log"):
        with contextlib.suppress(FileNotFoundError):  # removed by the writer since the glob
            total += log.stat().st_size
    return total


def _side_store_ready(store: Path, loading: bool) -> Callable[[], bool]:
    """A condition: the store built beside ``store`` exists (with ``loading``: and holds loaded data)."""

    def ready() -> bool:
        for side in store.parent.glob(f"{store.name}.building-*"):
            if not loading or any(side.glob("bulk-*.sst")):
                return True
        return False

    return ready


def _example_copies(folder: Path, copies: int) -> Path:
    """Fill ``folder`` with ``copies`` renamed copies of every example .txt notice; return it."""
    folder.mkdir()
    for k in range(copies):
        for example in sorted(EXAMPLES.glob("*.txt")):
            (folder / f"{k:03d}-{example.name}").write_bytes(example.read_bytes())
    return folder


def _graphs(store) -> dict[str, set]:
    """Return each named graph's quads; check that the default graph holds exactly their union."""
    from pyoxigraph import DefaultGraph

    out: dict[str, set] = {}
    union, default = set(), set()
    for quad in store:
        if isinstance(quad.graph_name, DefaultGraph):
            default.add(str(quad.triple))
            continue
        out.setdefault(quad.graph_name.value, set()).add(str(quad))
        union.add(str(quad.triple))
    assert default == union, "the union in the default graph is out of step with the named graphs"
    return out


def test_every_graph_the_tests_build_validates(example_store, tmp_path):
    from policykg.graph.build import build
    from policykg.graph.store import open_store
    from policykg.graph.store.validate import validate_store

    build([DATA_DIR], tmp_path / "data")
    for path in (example_store, tmp_path / "data"):
        with open_store(path, read_only=True) as store:
            result = validate_store(store)
        assert result.conforms, result.text


def test_reading_a_source_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    parsed = [parse_source(read_source(p)) for p in sorted(EXAMPLES.iterdir())]
    assert all(p.measures for p in parsed)


def test_a_directory_that_is_not_a_store_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "CURRENT").write_text("MANIFEST-000001\n", encoding="utf-8")
    result = run(broken, "stats", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"policykg: error: {broken}:") and "Traceback" not in result.stderr


def test_the_union_in_the_default_graph_follows_every_change(tmp_path):
    """Rebuilds, prunes, imports and updates keep the default graph equal to the union of the graphs."""
    from pyoxigraph import Store

    store = tmp_path / "kg"
    notice = tmp_path / "notice.txt"
    notice.write_text("临川市实施方案\n\n1. 推进改革。（市政务办牵头负责）\n", encoding="utf-8")
    run(store, "build", "-q", str(notice), str(EXAMPLES))
    notice.write_text("临川市实施方案\n\n1. 推进改革。（市财政局负责）\n", encoding="utf-8")
    run(store, "build", "-q", str(notice))
    export = tmp_path / "all.nq"
    run(store, "export", "--format", "nq", "--output", str(export))
    run(store, "import", str(export))
    run(
        store,
        "sparql",
        "--allow-update",
        f'INSERT DATA {{ GRAPH <{ID}graph/extra> {{ <{ID}x> <{ID}p> "市政务办" }} }}',
    )
    graphs = _graphs(Store.read_only(str(store)))  # asserts default graph == union of named graphs
    assert f"{ID}graph/extra" in graphs and graphs[f"{ID}shared"]
    # the rebuilt notice no longer names 临川市's 市政务办, so the shared graph forgot it
    assert not any(f"{ID}dept/临川市/市政务办" in q for quads in graphs.values() for q in quads)
    assert any(f"{ID}dept/临川市/市财政局" in q for q in graphs[f"{ID}shared"])


def test_a_store_from_before_the_kept_union_is_read_and_then_upgraded(tmp_path):
    """A store whose default graph is empty is queried through the computed union until written to."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

    from policykg.graph.store.embedded import GraphStore

    built = tmp_path / "built"
    run(built, "build", "-q", str(EXAMPLES))
    old = tmp_path / "old"
    source = Store.read_only(str(built))
    named = [q for q in source if not isinstance(q.graph_name, DefaultGraph)]
    Store(str(old)).bulk_extend(named)  # as a store written before the union was kept
    with GraphStore(old) as store:
        assert not store.union_materialised
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/policykg/ontology#Measure> }"
        assert next(store.select(count))["n"].value == "21"
        extra = NamedNode(f"{ID}graph/extra")
        store.replace_graph(
            extra.value, [Quad(NamedNode(f"{ID}x"), NamedNode(f"{ID}p"), NamedNode(f"{ID}y"), extra)]
        )
        assert store.union_materialised and next(store.select(count))["n"].value == "21"
        store.update(f"INSERT DATA {{ <{ID}loose> <{ID}p> <{ID}y> }}")  # outside any named graph
    graphs = _graphs(Store.read_only(str(old)))  # asserts the default graph is the union
    assert f"{ID}graph/extra" in graphs and any(f"{ID}loose" in q for q in graphs[f"{ID}updates"])


def test_characters_no_iri_may_hold_and_quotes_in_text_survive_a_build(tmp_path):
    """A cited title with private-use and C1 characters (as PDF text layers give) gets an IRI that
    escapes them, and the title and a measure text keep them, with ASCII quotes and backslashes, in
    a first (bulk-loaded) build and a rebuild alike."""
    from pyoxigraph import NamedNode, Store

    from policykg.graph.iris import escape_segment

    for code in [*range(0x10000), *(plane * 0x10000 + low for plane in range(1, 17) for low in (0, 0xFFFE))]:
        NamedNode("https://example.org/" + escape_segment(chr(code)))  # raises on an invalid IRI
    title = "临川市数据\ue000管理\U000f0001办法"
    text = f'依据《{title}》，推进"一网通办"\\改革'
    notice = tmp_path / "notice.txt"
    notice.write_text(f"临川市实施方案\n\n1. {text}。（市政务办牵头）\n", encoding="utf-8")
    store = tmp_path / "kg"
    for _ in range(2):  # the first build bulk-loads a new store, the second replaces the graph
        run(store, "build", "-q", str(notice))
        kg = Store.read_only(str(store))
        basis = NamedNode(f"{ID}basis/临川市数据%EE%80%80管理%F3%B0%80%81办法")
        title_of = NamedNode("http://purl.org/dc/terms/title")
        assert [q.object.value for q in kg.quads_for_pattern(basis, title_of, None)] == [title, title]
        measure = NamedNode(f"{ID}doc/notice.txt/0/measure/1")
        text_of = NamedNode("https://w3id.org/policykg/ontology#text")
        assert {q.object.value for q in kg.quads_for_pattern(measure, text_of, None)} == {
            f"{text}。（市政务办牵头）"
        }
        del kg
