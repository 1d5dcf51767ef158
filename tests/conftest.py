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

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")),
    reason="../shared/corpus is not present (it is in CI; a fresh clone has only its own fixtures)",
)


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
def parsed_examples():
    """The example notices, parsed, by file stem."""
    from policykg.loaders.extract.pipeline import parse_file

    return {p.stem: parse_file(p) for p in sorted(EXAMPLES.iterdir())}
