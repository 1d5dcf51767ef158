"""Shared fixtures: the example notices, a store built from them, the shared corpus when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA_DIR = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"

CORPUS_ABSENT = "../shared/corpus is not present (it is in CI; a fresh clone has only its own fixtures)"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")), reason=CORPUS_ABSENT)


@pytest.fixture(scope="session", autouse=True)
def _private_name_cache(tmp_path_factory):
    """Keep the CLI's name cache out of the user's home, for this process and the ones it starts."""
    import os

    os.environ["POLICYKG_CACHE_DIR"] = str(tmp_path_factory.mktemp("name-cache"))


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """A store built from examples/, shared by the tests that only read it."""
    from policykg.graph.build import build

    path = tmp_path_factory.mktemp("kg") / "store"
    report = build([EXAMPLES], path)
    assert report.ok and report.built
    return path


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store built once from ../shared/corpus, shared by every test that only reads it.

    Skips (with the reason) where the shared corpus is absent, as in a fresh clone.
    """
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")):
        pytest.skip(CORPUS_ABSENT)
    from policykg.graph.build import build

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = build(sorted(CORPUS.glob("*.txt")), path)
    assert report.ok and report.built, report.failed
    return path


@pytest.fixture(scope="session")
def parsed_examples():
    """The example notices, parsed, by file stem."""
    from policykg.loaders.extract.pipeline import parse_file

    return {p.stem: parse_file(p) for p in sorted(EXAMPLES.iterdir())}
