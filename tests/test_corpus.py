"""Extraction quality on the shared corpus, scored with ../shared/tools/score.py (skips without it)."""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import CORPUS, GOLD, SHARED, needs_corpus

# score.py (a shared tool, not ours) leaves its gold files open
pytestmark = [
    needs_corpus,
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    from rdflib import Graph

    from policykg.graph.build import build
    from policykg.graph.store import open_store

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = build(sorted(CORPUS.glob("*.txt")), path)
    assert report.ok
    with open_store(path, read_only=True) as store:
        data = store.export(None, "nt").decode("utf-8")
    return score.score(str(GOLD), Graph().parse(data=data, format="nt"))


def test_every_annotated_measure_is_found(scores):
    assert scores["segmentation_numbered"]["r"] >= 0.98
    assert scores["segmentation_paragraph"]["r"] >= 0.98


def test_roles(scores):
    assert scores["dept_lead"]["f1"] >= 0.95
    assert scores["dept_any"]["f1"] >= 0.95
    assert scores["dept_generic"]["f1"] >= 0.90


def test_citations_deadlines_documents(scores):
    assert scores["citation_title"]["f1"] >= 0.90
    assert scores["deadline_accuracy"] >= 0.95
    assert scores["documents_titled"]["f1"] == 1.0
    assert scores["doc_number_accuracy"] == 1.0
    assert scores["indicators_named"]["f1"] >= 0.95


def test_corpus_graph_validates(tmp_path):
    from policykg.graph.build import build
    from policykg.graph.store import open_store
    from policykg.graph.validate import validate_store

    build(sorted(CORPUS.glob("*.txt")), tmp_path / "kg")
    with open_store(tmp_path / "kg", read_only=True) as store:
        result = validate_store(store)
    assert result.conforms, result.text


def test_every_measure_text_is_recovered_from_its_offsets():
    from policykg.loaders.pipeline import parse_file

    for path in sorted(CORPUS.glob("*.txt")):
        parsed = parse_file(path)
        for m in parsed.measures:
            start, end = m.span
            original = "".join(parsed.source.text[start:end].split()).replace("**", "")
            assert original.replace("and", "和").replace("etc", "等") == "".join(m.text.split())
