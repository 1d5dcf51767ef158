"""The build pipeline's loading: what is written when nothing is readable, and what crosses processes."""

from __future__ import annotations

import multiprocessing

import pytest

from policykg.graph.build import build
from policykg.graph.store.embedded import GraphStore

from .conftest import EXAMPLES


def _unreadable(tmp_path):
    empty = tmp_path / "in" / "empty_notice.txt"
    empty.parent.mkdir()
    empty.write_text("", encoding="utf-8")
    garbled = tmp_path / "in" / "garbled_notice.txt"
    garbled.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    return empty.parent


def test_a_build_that_reads_nothing_makes_no_store(tmp_path):
    report = build([_unreadable(tmp_path)], tmp_path / "kg")
    assert [e.path.rsplit("/", 1)[-1] for e in report.failed] == ["empty_notice.txt", "garbled_notice.txt"]
    assert not report.built
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no store, no side store


def test_a_build_that_reads_nothing_leaves_a_store_as_it_was(tmp_path):
    build([EXAMPLES / "jiangzhou_city_notice.txt"], tmp_path / "kg")
    with GraphStore(tmp_path / "kg", read_only=True) as store:
        before = store.export(None, "nq")
    report = build([_unreadable(tmp_path)], tmp_path / "kg")
    assert len(report.failed) == 2 and not report.built
    with GraphStore(tmp_path / "kg", read_only=True) as store:
        assert store.export(None, "nq") == before


def test_parsed_sources_cross_as_json_and_make_the_same_statements():
    from policykg.graph.departments import DepartmentRegistry
    from policykg.graph.parsed_json import compact, from_json, to_json
    from policykg.graph.triples import source_quads
    from policykg.loaders.extract.pipeline import parse_file

    parsed = [compact(parse_file(p)) for p in sorted(EXAMPLES.glob("*.*"))]
    crossed = [from_json(to_json(p)) for p in parsed]
    assert any(m.section is not None for p in crossed for m in p.measures)
    for p in crossed:  # a measure's section is its document's section object, not a copy of it
        for doc in p.documents:
            assert all(
                any(m.section is s for s in doc.sections) for m in doc.measures if m.section is not None
            )
    here, there = DepartmentRegistry(), DepartmentRegistry()
    for p, q in zip(parsed, crossed, strict=True):
        here.add(p)
        there.add(q)
    for p, q in zip(parsed, crossed, strict=True):
        assert source_quads(q, there).nquads(union=True) == source_quads(p, here).nquads(union=True)


def test_building_in_processes_starts_them_fresh_and_builds_the_same_graph(tmp_path, monkeypatch):
    started: list[str] = []
    get_context = multiprocessing.get_context

    def recording(method=None):  # noqa: ANN001, ANN202
        started.append(method)
        return get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)
    one = build([EXAMPLES], tmp_path / "one", jobs=1)
    assert started == [] and one.processes == 1
    two = build([EXAMPLES], tmp_path / "two", jobs=2)
    assert started == ["spawn", "spawn"] and two.processes == 2  # parsing, then making statements
    assert [f.graph for f in two.built] == [f.graph for f in one.built]
    with GraphStore(tmp_path / "one", read_only=True) as a, GraphStore(tmp_path / "two", read_only=True) as b:
        assert sorted(b.export(None, "nq").splitlines()) == sorted(a.export(None, "nq").splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_rebuilding_into_an_existing_store_changes_nothing(tmp_path, jobs):
    build([EXAMPLES], tmp_path / "kg")
    with GraphStore(tmp_path / "kg", read_only=True) as store:
        before = sorted(store.export(None, "nq").splitlines())
    report = build([EXAMPLES], tmp_path / "kg", jobs=jobs)
    assert report.ok
    with GraphStore(tmp_path / "kg", read_only=True) as store:
        assert sorted(store.export(None, "nq").splitlines()) == before
