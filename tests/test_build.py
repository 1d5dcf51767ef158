"""The build pipeline's loading: what is written when nothing is readable, and what crosses processes."""

from __future__ import annotations

import multiprocessing

import pytest

from policykg.graph.build import build
from policykg.graph.store.embedded import GraphStore

from .conftest import DATA_DIR, EXAMPLES


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


def test_statements_made_before_the_departments_are_known_are_the_same_once_resolved():
    from policykg.graph.departments import DepartmentRegistry, mentions_in
    from policykg.graph.triples import PENDING, source_quads
    from policykg.loaders.extract.pipeline import parse_file

    parsed = [parse_file(p) for p in sorted(EXAMPLES.glob("*.*"))]
    at_once, later = DepartmentRegistry(), DepartmentRegistry()
    for p in parsed:
        at_once.add(p)
        later.add_mentions(mentions_in(p))
    for p in parsed:
        expected = source_quads(p, at_once).nquads(union=True).splitlines()
        early = source_quads(p, None)  # made while other files are still unread
        assert PENDING not in early.nquads(union=True)
        assert early.named and all(PENDING in t for ts in early.pending.values() for t in ts)
        resolved = early.resolve(later)
        made = early.nquads(union=True).splitlines() + resolved.nquads(union=True).splitlines()
        assert sorted(made) == sorted(expected)
        assert len(early) + len(resolved) == len(expected) // 2  # each triple also in the union


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
    assert started == ["spawn"] and two.processes == 2  # one pool reads the files and makes statements
    assert [f.graph for f in two.built] == [f.graph for f in one.built]
    with GraphStore(tmp_path / "one", read_only=True) as a, GraphStore(tmp_path / "two", read_only=True) as b:
        assert sorted(b.export(None, "nq").splitlines()) == sorted(a.export(None, "nq").splitlines())


def test_a_new_store_is_loaded_while_later_files_are_still_being_read(tmp_path, monkeypatch):
    from policykg.graph import loading, workers

    events: list[str] = []
    read_one = workers._statements_or_error

    def reading(path, recognizer, union):  # noqa: ANN001, ANN202
        events.append("read")
        return read_one(path, recognizer, union)

    load_some = GraphStore.bulk_load

    def loading_some(store, nquads):  # noqa: ANN001, ANN202
        events.append("load")
        return load_some(store, nquads)

    monkeypatch.setattr(workers, "_statements_or_error", reading)
    monkeypatch.setattr(GraphStore, "bulk_load", loading_some)
    monkeypatch.setattr(loading, "BATCH_QUADS", 1)  # every file's statements are a batch
    report = build([EXAMPLES], tmp_path / "kg")
    files = len(report.built)
    assert files > 2 and events.count("read") == files
    assert events[:4] == ["read", "load", "read", "load"]  # each file is loaded before the next is read
    monkeypatch.undo()
    build([EXAMPLES], tmp_path / "at-once")
    with (
        GraphStore(tmp_path / "kg", read_only=True) as a,
        GraphStore(tmp_path / "at-once", read_only=True) as b,
    ):
        assert sorted(a.export(None, "nq").splitlines()) == sorted(b.export(None, "nq").splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_rebuilding_into_an_existing_store_changes_nothing(tmp_path, jobs):
    build([EXAMPLES], tmp_path / "kg")
    with GraphStore(tmp_path / "kg", read_only=True) as store:
        before = sorted(store.export(None, "nq").splitlines())
    report = build([EXAMPLES], tmp_path / "kg", jobs=jobs)
    assert report.ok
    with GraphStore(tmp_path / "kg", read_only=True) as store:
        assert sorted(store.export(None, "nq").splitlines()) == before


def test_each_build_worker_lets_the_programs_it_starts_use_only_its_share_of_the_cores(monkeypatch):
    """Tesseract starts a thread per core unless OMP_THREAD_LIMIT says otherwise: two jobs recognising
    scans would each take every core."""
    import os

    from policykg.graph import workers

    monkeypatch.delenv(workers.THREAD_LIMIT_VARIABLE, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    workers.share_cores(2)
    assert os.environ[workers.THREAD_LIMIT_VARIABLE] == "4"
    monkeypatch.setenv(workers.THREAD_LIMIT_VARIABLE, "3")  # the user's own limit stands
    workers.share_cores(16)
    assert os.environ[workers.THREAD_LIMIT_VARIABLE] == "3"
    monkeypatch.delenv(workers.THREAD_LIMIT_VARIABLE)
    workers.share_cores(16)
    assert os.environ[workers.THREAD_LIMIT_VARIABLE] == "1"


def test_a_parallel_build_starts_its_workers_with_their_share_of_the_cores(monkeypatch, tmp_path):
    import os

    from policykg.graph import workers

    monkeypatch.delenv(workers.THREAD_LIMIT_VARIABLE, raising=False)
    seen = []
    real_pool = workers._context().Pool

    def recording_pool(jobs, initializer=None, initargs=()):
        pool = real_pool(jobs, initializer=initializer, initargs=initargs)
        seen.append(pool.apply(os.getenv, (workers.THREAD_LIMIT_VARIABLE,)))
        return pool

    monkeypatch.setattr(
        workers, "_context", lambda: type("Spawn", (), {"Pool": staticmethod(recording_pool)})
    )
    notices = sorted((DATA_DIR / "notices").glob("*.txt"))[:2]
    assert all(not isinstance(made, Exception) for made in workers.file_statements(notices, jobs=2))
    assert seen == [str(max(1, (os.cpu_count() or 1) // 2))]
