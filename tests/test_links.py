"""Links across levels: known answers on a superior plan and a lower one written for these tests
(tests/data/links: a copied measure, a reworded one, a superior measure split over two lower ones and
two local additions), the build hook, declared pairs, bad input, and the corpus pair's figures."""

from __future__ import annotations

import importlib.util
import re
import shutil

import pytest
from click.testing import CliRunner

import policykg
from policykg.cli import cli
from policykg.ontology.terms import ID_NS

from .conftest import CORPUS, DATA_DIR, GOLD, needs_corpus

FIXTURES = DATA_DIR / "links"
UPPER = "chengyang-city-plan.txt"
LOWER = "fenglin-county-plan.txt"
PREFIX = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
LINKS = (
    PREFIX
    + """SELECT ?lower ?upper ?relation ?copy ?score WHERE {
  ?link a pol:MeasureLink ; pol:lowerMeasure ?lower ; pol:upperMeasure ?upper ;
        pol:linkRelation ?relation ; pol:nearVerbatim ?copy ; pol:linkScore ?score .
  ?lower pol:implementsMeasure ?upper .
}"""
)
PASSAGES = (
    PREFIX
    + """SELECT ?lower ?upper ?ls ?le ?us ?ue ?shared WHERE {
  ?link pol:lowerMeasure ?lower ; pol:upperMeasure ?upper ; pol:hasAlignment ?a .
  ?a a pol:Alignment ; pol:lowerStart ?ls ; pol:lowerEnd ?le ; pol:upperStart ?us ; pol:upperEnd ?ue ;
     pol:sharedText ?shared .
}"""
)
# (lower measure, upper measure) -> (relation, near-verbatim): what the fixture pair was written to hold
EXPECTED = {
    (1, 1): ("same", True),  # copied word for word
    (2, 4): ("same", False),  # the same task reworded
    (3, 6): ("part", False),  # the superior measure's first sub-task (电子证照)
    (4, 6): ("part", False),  # ... and its second (好差评)
}


def measure(file_name: str, order: int) -> str:
    return f"{ID_NS}doc/{file_name}/1/measure/{order}"


def links_of(store_path) -> dict[tuple[int, int], tuple[str, bool, float]]:
    """Return the fixture's links as (lower order, upper order) -> (relation, copy, score)."""
    found = {}
    with policykg.open_store(store_path, read_only=True) as store:
        for row in store.select(LINKS):
            low = int(row["lower"].value.rsplit("/", 1)[1])
            up = int(row["upper"].value.rsplit("/", 1)[1])
            assert row["lower"].value == measure(LOWER, low) and row["upper"].value == measure(UPPER, up)
            found[(low, up)] = (row["relation"].value, row["copy"].value == "true", float(row["score"].value))
    return found


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("links") / "store"
    report = policykg.build([FIXTURES / UPPER, FIXTURES / LOWER], path)
    assert report.ok and report.links is not None
    return path


def test_fixture_pair_gives_exactly_the_links_it_was_written_with(fixture_store):
    found = links_of(fixture_store)
    assert {k: v[:2] for k, v in found.items()} == EXPECTED
    assert all(0 < score < 1 for _, _, score in found.values())
    # the copy scores highest, the split halves lowest
    assert found[(1, 1)][2] > found[(2, 4)][2] > max(found[(3, 6)][2], found[(4, 6)][2])


def test_local_additions_and_unimplemented_measures_have_no_link(fixture_store):
    found = links_of(fixture_store)
    assert {low for low, _ in found} == {1, 2, 3, 4}  # 5 (山茶油 推介会) and 6 (快递进村) are local
    assert {up for _, up in found} == {1, 4, 6}


def test_the_county_plan_implements_the_city_plan_and_counterparts_are_stated(fixture_store):
    with policykg.open_store(fixture_store, read_only=True) as store:
        pairs = {
            (r["a"].value, r["b"].value)
            for r in store.select(PREFIX + "SELECT ?a ?b WHERE { ?a pol:implementsDocument ?b }")
        }
        graphs = store.named_graphs()
        counterparts = {
            (r["a"].value, r["b"].value)
            for r in store.select(PREFIX + "SELECT ?a ?b WHERE { ?a pol:counterpartOf ?b }")
        }
    assert pairs == {(f"{ID_NS}doc/{LOWER}/1", f"{ID_NS}doc/{UPPER}/1")}
    dept = f"{ID_NS}dept/"
    assert (f"{dept}枫林县/县市场监管局", f"{dept}澄阳市/市市场监管局") in counterparts
    assert (f"{dept}枫林县/县数据局", f"{dept}澄阳市/市数据局") in counterparts
    assert f"{ID_NS}graph/links/{LOWER}" in graphs
    assert not any(g.startswith(f"{ID_NS}graph/links/{UPPER}") for g in graphs)


def test_aligned_passages_point_at_the_shared_characters_of_both_source_files(fixture_store):
    texts = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in (UPPER, LOWER)}
    with policykg.open_store(fixture_store, read_only=True) as store:
        rows = list(store.select(PASSAGES))
    assert rows
    for row in rows:
        shared = row["shared"].value
        lower = texts[LOWER][int(row["ls"].value) : int(row["le"].value)]
        upper = texts[UPPER][int(row["us"].value) : int(row["ue"].value)]
        assert re.sub(r"\s", "", lower) == shared
        assert upper[:2] == shared[:2] and upper[-2:] == shared[-2:]  # a passage may differ inside
    copied = [r["shared"].value for r in rows if r["lower"].value == measure(LOWER, 1)]
    assert max(map(len, copied)) >= 20


def test_links_conform_to_the_shapes(fixture_store):
    with policykg.open_store(fixture_store, read_only=True) as store:
        report = policykg.validate_store(store)
    assert report.conforms, report.text


def test_adding_the_upper_file_after_the_lower_makes_links_and_rebuilding_drops_stale_ones(tmp_path):
    store = tmp_path / "store"
    work = tmp_path / "files"
    work.mkdir()
    shutil.copy(FIXTURES / LOWER, work / LOWER)
    shutil.copy(FIXTURES / UPPER, work / UPPER)
    policykg.build([work / LOWER], store)
    assert links_of(store) == {}
    report = policykg.build([work / UPPER], store)
    assert report.links.files == [LOWER]
    assert {k: v[:2] for k, v in links_of(store).items()} == EXPECTED
    # the county rewrites its copied measure as a task of its own: its link goes, the others stay
    text = (work / LOWER).read_text(encoding="utf-8")
    start = text.index("1. 推行经营主体登记")
    end = text.index("2. 对县域工业集中区")
    own = "1. 开展县域特色小吃品牌评选，每年评出十种枫林名小吃并统一标识。（县市场监管局负责）\n\n"
    (work / LOWER).write_text(text[:start] + own + text[end:], encoding="utf-8")
    policykg.build([work / LOWER], store)
    assert {k: v[:2] for k, v in links_of(store).items()} == {
        k: v for k, v in EXPECTED.items() if k != (1, 1)
    }
    # the city keeps only the first sub-task of its split measure: the second half's link goes, and
    # the first half is now the whole task
    upper = (work / UPPER).read_text(encoding="utf-8")
    dropped = upper[upper.index("同时完善政务服务“好差评”") : upper.index("（市数据局牵头")]
    (work / UPPER).write_text(upper.replace(dropped, ""), encoding="utf-8")
    policykg.build([work / UPPER], store)
    assert {k: v[:2] for k, v in links_of(store).items()} == {
        (2, 4): ("same", False),
        (3, 6): ("same", False),
    }


def test_linking_again_changes_nothing_and_no_measure_fact(fixture_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(fixture_store, store)
    with policykg.open_store(store, read_only=True) as opened:
        before = {g: sorted(map(str, opened.graph_quads(g))) for g in opened.named_graphs()}
    report = policykg.link_documents(
        store, sources={n: (FIXTURES / n).read_text("utf-8") for n in (UPPER, LOWER)}
    )
    assert (report.links, report.copies, report.unlinked, report.lower_measures) == (4, 1, 2, 6)
    with policykg.open_store(store, read_only=True) as opened:
        after = {g: sorted(map(str, opened.graph_quads(g))) for g in opened.named_graphs()}
    assert after == before


def invoke(store, *args):
    return CliRunner().invoke(
        cli, ["--store", str(store), *args], prog_name="policykg", env={"POLICYKG_DEBUG": ""}
    )


def _unplaced_county(tmp_path):
    """A county plan of another county that cites no city document: nothing says what it is below."""
    text = (FIXTURES / LOWER).read_text(encoding="utf-8").replace("枫林", "柏溪")
    text = text.replace("为贯彻落实《澄阳市营商环境提质增效行动方案》，", "")
    path = tmp_path / "baixi-county-plan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_declared_pair_links_documents_the_text_does_not_relate(tmp_path):
    store = tmp_path / "store"
    baixi = _unplaced_county(tmp_path)
    policykg.build([FIXTURES / UPPER, baixi], store)
    with policykg.open_store(store, read_only=True) as opened:
        assert not list(opened.select(PREFIX + "SELECT * WHERE { ?a pol:implementsDocument ?b }"))
    result = invoke(
        store,
        "link",
        "--above",
        UPPER,
        "--below",
        baixi.name,
        "--source",
        str(FIXTURES),
        "--source",
        str(baixi),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("linked 1 lower file(s)")
    assert (
        "1 document pair(s), 4 link(s), 1 near-verbatim copy, 2 of 6 lower measure(s) unlinked"
        in result.stdout
    )
    # the declared pair is kept: rebuilding the lower file links it again
    report = policykg.build([baixi], store)
    assert report.links.links == 4


def test_link_with_a_document_not_in_the_store_is_one_clear_error(fixture_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(fixture_store, store)
    result = invoke(store, "link", "--above", "nowhere.txt", "--below", LOWER)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "policykg: error: nowhere.txt: no such document or file in the store (a file name or a document IRI)"
    ]
    half = invoke(store, "link", "--above", UPPER)
    assert half.exit_code == 2 and "--above and --below go together" in half.stderr


def test_two_documents_of_one_level_are_paired_only_when_forced(tmp_path):
    store = tmp_path / "store"
    baixi = _unplaced_county(tmp_path)
    policykg.build([FIXTURES / LOWER, baixi], store)
    result = invoke(store, "link", "--above", LOWER, "--below", baixi.name)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"policykg: error: {baixi.name} (county) is not below {LOWER} (county): documents of the same or a "
        "higher level are paired only when forced"
    ]
    with policykg.open_store(store, read_only=True) as opened:
        assert not opened.graph_quads(f"{ID_NS}declared-links")
    forced = invoke(store, "link", "--above", LOWER, "--below", baixi.name, "--force")
    assert forced.exit_code == 0, forced.output


def _score_links():
    spec = importlib.util.spec_from_file_location("score_links", GOLD.parent / "tools" / "score_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_corpus
def test_corpus_pair_scores_at_least_the_measured_figures(tmp_path):
    """links_001 (the county's action plan and first task list), measured when the method was last
    changed: precision 0.86, recall 0.62, recall of same 1.0, 8 of 8 local additions unlinked, 5 of 5
    copies."""
    import json

    from rdflib import Graph

    store = tmp_path / "store"
    files = sorted(CORPUS.glob("*.txt"))
    policykg.build(files, store)
    # without the sources, linking again keeps the offsets the build placed exactly
    report = policykg.link_documents(store)
    assert report.pairs and report.links and report.approximate == 0
    export = tmp_path / "graph.nt"
    with policykg.open_store(store, read_only=True) as opened:
        opened.export(export, "nt")
    graph = Graph()
    graph.parse(export, format="nt")
    rows = [
        json.loads(line)
        for line in (GOLD / "links_001.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    scores = _score_links().score(rows, graph)
    assert scores["precision"] >= 0.86
    assert scores["recall"] >= 0.62
    assert scores["recall_same"] == 1.0
    assert scores["copies_flagged"] == "5/5"
    assert scores["no_link_kept"] == "8/8"
