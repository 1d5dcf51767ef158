"""The benchmark corpus generator: its notices parse to exactly the facts written beside them."""

from __future__ import annotations

import importlib.util
import json

import pytest

from .conftest import ROOT
from .test_cli import run

MEASURES, PER_FILE, SEED = 250, 25, 7  # a small corpus: ten files, two of each format
FILES, FORMATS = MEASURES // PER_FILE, 5
MANY_TRIPLES = 1000  # fewer would mean the graph lost most of the corpus


def _generate(folder):
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(folder, measures=MEASURES, seed=SEED, per_file=PER_FILE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _generate(tmp_path_factory.mktemp("generated"))


def _facts(measure):
    deadline = None
    if measure.deadline:
        deadline = measure.deadline.date or ("ongoing" if measure.deadline.ongoing else None)
    return {
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


def test_generated_notices_give_back_their_facts(corpus):
    from policykg.loaders.extract.pipeline import parse_file

    assert len(corpus) == FILES and len({p.name.split("-")[-1] for p in corpus}) == FORMATS
    for path in corpus:
        expected = [
            json.loads(line)
            for line in path.with_suffix(".expected.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        assert [_facts(m) for m in parse_file(path).measures] == expected, path.name


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
