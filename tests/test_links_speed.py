"""What linking's speed work must not change: the specific trigrams found from the gaps between
stock-phrase runs are those of their definition, a links graph that states what the store holds
(decimals as the store keeps them) counts as unchanged, and flushing the store while linking changes
no statement. (How fast linking is: benchmarks/links.py.)"""

from __future__ import annotations

import random
import re

import policykg
from policykg.graph.links import engine
from policykg.graph.links.statements import (
    AlignedPassage,
    LinkRecord,
    link_quads,
    links_graph_iri,
    same_statements,
)
from policykg.graph.links.weights import specific_trigrams
from policykg.graph.store.embedded import GraphStore
from policykg.loaders.extract.vocabulary import STOCK_PHRASES, alternation
from policykg.ontology.terms import ID_NS
from policykg.text.folding import fold

from .conftest import DATA_DIR

FIXTURES = DATA_DIR / "links"
CONTENT = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")  # a character that carries content
# words of this test's own invented plans, put between and around the genre's stock phrases
OWN_WORDS = ["柳溪镇", "茶园步道", "，", "。", "2025年", "推进", "A级", "“一码通”", "建"]


def reference_specific_trigrams(text: str) -> set[str]:
    """The definition: a content trigram, unless its three characters lie within one run of adjoining
    stock phrases (read character by character, not from the gaps between runs)."""
    run_of = [-1] * len(text)  # which run of adjoining stock phrases holds each character
    run, end = -1, -1
    for found in re.finditer(alternation(fold(p) for p in STOCK_PHRASES), text):
        run += found.start() != end
        end = found.end()
        for i in range(found.start(), found.end()):
            run_of[i] = run
    grams = set()
    for i in range(len(text) - 2):
        gram = text[i : i + 3]
        covered = run_of[i] >= 0 and run_of[i] == run_of[i + 1] == run_of[i + 2]
        if not covered and all(CONTENT.match(c) for c in gram):
            grams.add(gram)
    return grams


def test_specific_trigrams_are_those_of_their_definition_around_adjoining_stock_phrases():
    stock = [fold(p) for p in STOCK_PHRASES]
    rng = random.Random(14)
    texts = ["", "柳溪", "坚持问题导向", "建立健全长效机制", "柳溪镇建立健全长效机制，茶园步道贯彻落实"]
    for _ in range(3000):
        parts = rng.choices([*stock, *stock, *OWN_WORDS], k=rng.randint(1, 8))
        texts.append("".join(parts))
    differing = [t for t in texts if set(specific_trigrams(t)) != reference_specific_trigrams(t)]
    assert differing == []
    # the texts did put stock phrases side by side, and did keep trigrams reaching out of them
    assert any(len(reference_specific_trigrams(t)) < len(set(re.findall(r"(?=(...))", t))) for t in texts)
    assert sorted(specific_trigrams("建立健全长效机制柳溪")) == ["制柳溪", "机制柳"]


def _link(score: float) -> LinkRecord:
    lower = f"{ID_NS}doc/liuxi-town-plan.txt/1/measure/2"
    upper = f"{ID_NS}doc/qingshan-county-plan.txt/1/measure/5"
    passage = AlignedPassage(10, 18, 40, 48, '茶园步道“一码通”\\"A级"')
    return LinkRecord(lower, upper, score, "part", False, (passage,))


def test_a_links_graph_stating_what_the_store_holds_is_the_same_though_its_decimals_were_written_longer(
    tmp_path,
):
    pair = [(f"{ID_NS}doc/liuxi-town-plan.txt/1", f"{ID_NS}doc/qingshan-county-plan.txt/1")]
    written = link_quads("liuxi-town-plan.txt", pair, [_link(0.341)])
    graph = links_graph_iri("liuxi-town-plan.txt")
    with GraphStore(tmp_path / "kg") as store:
        store.replace_graph(graph, written)
        held = store.graph_quads(graph)
    scores = [q.object.value for q in held if q.predicate.value.endswith("#linkScore")]
    shared = [q.object.value for q in held if q.predicate.value.endswith("#sharedText")]
    assert scores == ["0.341"]  # written as 0.3410: the store keeps the canonical form
    assert shared == ['茶园步道“一码通”\\"A级"']
    assert set(written) != set(held)
    assert same_statements(written, held)
    assert not same_statements(link_quads("liuxi-town-plan.txt", pair, [_link(0.342)]), held)
    assert not same_statements(link_quads("liuxi-town-plan.txt", pair, []), held)


def test_flushing_the_store_while_linking_changes_no_statement(tmp_path, monkeypatch):
    store_path = tmp_path / "store"
    files = [FIXTURES / "chengyang-city-plan.txt", FIXTURES / "fenglin-county-plan.txt"]
    assert policykg.build(files, store_path).links.links > 0
    graph = links_graph_iri("fenglin-county-plan.txt")
    flushed = []
    monkeypatch.setattr(engine, "FLUSH_QUADS", 1)
    with GraphStore(store_path) as store:
        before = sorted(map(str, store.graph_quads(graph)))
        store.remove_graph(graph)
        monkeypatch.setattr(store, "flush", lambda: (flushed.append(True), GraphStore.flush(store)))
        policykg.link_documents(store)
        assert flushed == [True]  # one lower file, written once
        assert sorted(map(str, store.graph_quads(graph))) == before
        policykg.link_documents(store)  # nothing changed: nothing written, nothing flushed
        assert flushed == [True]
    with GraphStore(store_path, read_only=True) as reopened:
        assert sorted(map(str, reopened.graph_quads(graph))) == before
