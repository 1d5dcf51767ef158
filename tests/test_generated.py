"""The benchmark corpus generator: its notices parse to exactly the facts written beside them."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict

import pytest

from .conftest import ROOT
from .test_cli import run

MEASURES, PER_FILE, SEED = 440, 20, 7  # a small corpus: 22 files, two of each of the eleven formats
FILES = MEASURES // PER_FILE
MANY_TRIPLES = 1000  # fewer would mean the graph lost most of the corpus


def _generator():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generate(folder):
    return _generator().generate(folder, measures=MEASURES, seed=SEED, per_file=PER_FILE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _generate(tmp_path_factory.mktemp("generated"))


def _format(path) -> str:
    return path.stem.split("-")[-1]


def _expected(path) -> list[dict]:
    lines = path.with_suffix(".expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _facts(measure, jurisdiction):
    deadline = None
    if measure.deadline:
        deadline = measure.deadline.date or ("ongoing" if measure.deadline.ongoing else None)
    return {
        "jurisdiction": jurisdiction,
        "number": measure.number,
        "indicator": measure.indicator,
        "lead": [a.name for a in measure.actors("lead")],
        "responsible": [a.name for a in measure.actors("responsible")],
        "co": [a.name for a in measure.actors("co")],
        "generic": [a.name for a in measure.generic_actors()],
        "citations": [{"title": c.title, "role": c.role} for c in measure.citations],
        "deadline": deadline,
        "targets": [
            {
                "value": int(t.value) if t.value == t.value.to_integral_value() else float(t.value),
                "unit": t.unit,
                "comparator": t.comparator,
            }
            for t in measure.targets
        ],
    }


def _parsed_facts(path) -> list[dict]:
    from policykg.loaders.extract.pipeline import parse_file

    parsed = parse_file(path)
    return [_facts(m, parsed.jurisdiction) for m in parsed.measures]


def test_every_format_is_generated(corpus):
    counts = defaultdict(int)
    for path in corpus:
        counts[_format(path)] += 1
    assert len(corpus) == FILES and counts == dict.fromkeys(_generator().FORMATS, 2)


@pytest.mark.parametrize("fmt", _generator().FORMATS)
def test_generated_notices_give_back_their_facts(corpus, fmt):
    for path in (p for p in corpus if _format(p) == fmt):
        assert _parsed_facts(path) == _expected(path), path.name


def test_unplaced_notices_keep_their_departments(corpus):
    from policykg.graph.departments import DepartmentRegistry
    from policykg.loaders.extract.pipeline import parse_file

    registry = DepartmentRegistry()
    parsed = [parse_file(p) for p in corpus]
    for source in parsed:
        registry.add(source)
    iris: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # name -> file -> IRIs
    for source, path in zip(parsed, corpus, strict=True):
        assignments = [a for m in source.measures for c in m.clauses for a in c.assignments]
        for name in {a.actor.name for a in assignments if a.actor.kind == "dept"}:
            department = registry.resolve(name, source)
            assert (department.jurisdiction is None) == (_format(path) == "unplaced"), (path.name, name)
            iris[name][path.name].add(department.iri)
    unplaced = {p.name for p in corpus if _format(p) == "unplaced"}
    shared = 0  # names an unplaced notice shares with another file
    for name, by_file in iris.items():
        for file in unplaced & set(by_file):
            others = set().union(*(found for other, found in by_file.items() if other != file))
            assert not by_file[file] & others, (name, file)
            shared += bool(others)
    assert shared  # the check above met names that would merge if place did not scope them


def test_old_formats_alone_give_the_old_corpus(tmp_path):
    generator = _generator()
    old = generator.generate(tmp_path, MEASURES, SEED, PER_FILE, formats=generator.OLD_FORMATS)
    assert {_format(p) for p in old} == set(generator.OLD_FORMATS)
    assert all(all(f["jurisdiction"] for f in _expected(p)) for p in old)


def test_a_pipe_table_after_its_notice_without_an_attachment_line(corpus, tmp_path):
    path = next(p for p in corpus if _format(p) == "pipe_table")
    lines = path.read_text(encoding="utf-8").splitlines()
    bare = tmp_path / path.name
    bare.write_text("\n".join(line for line in lines if line != "附件") + "\n", encoding="utf-8")
    assert _parsed_facts(bare) == _expected(path)


def test_generation_is_deterministic(corpus, tmp_path):
    again = _generate(tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in corpus]


def test_parallel_build_gives_the_same_graph(corpus, tmp_path):
    from policykg.graph.build import build

    folder = corpus[0].parent
    run(tmp_path / "one", "build", "-q", str(folder))
    report = build([folder], tmp_path / "two", jobs=2)
    assert report.processes == 2 and report.ok and report.measures == MEASURES
    run(tmp_path / "three", "build", "-q", "--jobs", "2", str(folder))
    assert (
        run(tmp_path / "three", "export", "--format", "nq").stdout
        == run(tmp_path / "two", "export", "--format", "nq").stdout
    )
    one = sorted(run(tmp_path / "one", "export", "--format", "nq").stdout.splitlines())
    two = sorted(run(tmp_path / "two", "export", "--format", "nq").stdout.splitlines())
    assert one == two and len(one) > MANY_TRIPLES
