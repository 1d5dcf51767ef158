"""A superior plan and a lower plan (tests/data/cascade, written for these tests), built into a store,
with the links between them written by hand as the issue-14 graph contract states them.

The lower plan copies one measure nearly word for word, rewords one, splits one in two, takes one up
under another body, and adds one of its own; one superior measure is taken up by no one. The links
name the passages they share, found in each source file's own text, so offsets are real.
"""

from __future__ import annotations

from pathlib import Path

from policykg.graph.build import build
from policykg.graph.links.counterparts import document_counterparts
from policykg.graph.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "cascade"
UPPER_FILE, LOWER_FILE = "liuan-plan.txt", "qinghe-plan.txt"
ID = "https://w3id.org/policykg/id/"
POL = "https://w3id.org/policykg/ontology#"
UPPER_DOC, LOWER_DOC = f"{ID}doc/{UPPER_FILE}/1", f"{ID}doc/{LOWER_FILE}/1"
UPPER = {k: f"{UPPER_DOC}/measure/{k}" for k in range(1, 6)}
LOWER = {k: f"{LOWER_DOC}/measure/{k}" for k in range(1, 7)}
LINKS_GRAPH = f"{ID}graph/links/{LOWER_FILE}"

COPIED_PASSAGE = "推行企业开办全程网上办理。依托企业开办一网通办平台，将营业执照、公章刻制、发票申领、社保登记等事项一次提交、一日办结"
# (lower number, upper number, relation, score, near-verbatim, the passages both texts hold)
LINKS = [
    (1, 1, "same", "0.93", True, [COPIED_PASSAGE]),
    (2, 2, "same", "0.61", False, ["信用档案", "信用修复"]),
    (3, 3, "part", "0.72", False, ["社会投资低风险项目", "拿地即开工"]),
    (4, 3, "part", "0.66", False, ["联合竣工验收", "施工图审查时限", "10个工作日以内"]),
    (5, 4, "same", "0.48", False, ["前台综合受理、后台分类审批"]),
]
UNIMPLEMENTED = [5]  # upper measures no lower measure links to
LOCAL_ADDITIONS = [6]  # lower measures linking to nothing
DRIFTED = [(4, 3), (5, 4)]  # 县自然资源局 for 市住建局; 县行政审批局 for 市政务办


def link_iri(lower: int, upper: int) -> str:
    """Return the contract's IRI of the link from lower measure ``lower`` to upper measure ``upper``."""
    return f"{ID}link/{LOWER_FILE}/1/measure/{lower}/to/{UPPER_FILE}/1/measure/{upper}"


def _measure_spans(store) -> dict[str, int]:
    rows = store.select(f"SELECT ?m ?s WHERE {{ ?m <{POL}charStart> ?s }}")
    return {r["m"].value: int(r["s"].value) for r in rows}


def _offset(text: str, passage: str, measure_start: int) -> int:
    """Return where ``passage`` stands in a source file's text, searching from its measure's start."""
    at = text.find(passage, measure_start)
    assert at >= 0, passage
    return at


def _turtle(store, counterparts: list[tuple[str, str]]) -> str:
    texts = {f: (DATA / f).read_text(encoding="utf-8") for f in (UPPER_FILE, LOWER_FILE)}
    starts = _measure_spans(store)
    lines = [f"@prefix pol: <{POL}> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."]
    lines.append(f"<{LOWER_DOC}> pol:implementsDocument <{UPPER_DOC}> .")
    lines += [f"<{low}> pol:counterpartOf <{up}> ." for low, up in counterparts]
    for lower, upper, relation, score, verbatim, passages in LINKS:
        link, low, up = link_iri(lower, upper), LOWER[lower], UPPER[upper]
        lines.append(f"<{low}> pol:implementsMeasure <{up}> .")
        lines.append(
            f"<{link}> a pol:MeasureLink ; pol:lowerMeasure <{low}> ; pol:upperMeasure <{up}> ; "
            f'pol:nearVerbatim "{str(verbatim).lower()}"^^xsd:boolean ; pol:linkScore "{score}"^^xsd:decimal ; '
            f'pol:linkRelation "{relation}" .'
        )
        for k, passage in enumerate(passages):
            i = _offset(texts[LOWER_FILE], passage, starts[low])
            k2 = _offset(texts[UPPER_FILE], passage, starts[up])
            a = f"{link}/alignment/{k}"
            lines.append(
                f"<{link}> pol:hasAlignment <{a}> . <{a}> a pol:Alignment ; pol:lowerStart {i} ; "
                f"pol:lowerEnd {i + len(passage)} ; pol:upperStart {k2} ; pol:upperEnd {k2 + len(passage)} ; "
                f'pol:sharedText "{passage}" .'
            )
    return "\n".join(lines) + "\n"


def build_cascade_store(path: Path, with_links: bool = True) -> Path:
    """Build the two plans into a store at ``path`` and put the hand-written links in place of the
    lower file's links graph (whatever a build computed); without ``with_links``, leave no links."""
    report = build([DATA / UPPER_FILE, DATA / LOWER_FILE], path)
    assert report.ok and report.built, report.failed
    if not with_links:
        with open_store(path) as store:
            if LINKS_GRAPH in store.named_graphs():
                store.remove_graph(LINKS_GRAPH)
    else:
        from pyoxigraph import NamedNode, Quad, RdfFormat, parse

        with open_store(path) as store:
            counterparts = document_counterparts(store, LOWER_DOC, UPPER_DOC)
            graph = NamedNode(LINKS_GRAPH)
            triples = parse(_turtle(store, counterparts), format=RdfFormat.TURTLE)
            quads = [Quad(t.subject, t.predicate, t.object, graph) for t in triples]
            store.replace_graph(LINKS_GRAPH, quads)
    return path
