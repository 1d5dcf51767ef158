"""Link a store's documents across levels: which lower measure implements which superior measure.

For each lower file, its links graph is recomputed whole (document pairs, measure links, counterpart
departments) and replaced in one transaction, so a rebuilt file never keeps stale links; a file that
is no longer below anything loses its links graph. Linking reads measures and writes only links
graphs (and the declared pairs): no measure's own facts change.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from policykg.errors import PolicyKGError, QueryError
from policykg.graph.links.align import BLANK
from policykg.graph.links.hierarchy import DECLARED_GRAPH, LEVEL_RANKS, Hierarchy, read_hierarchy
from policykg.graph.links.matching import Match, match_measures
from policykg.graph.links.offsets import MeasureSpan
from policykg.graph.links.queries import sparql
from policykg.graph.links.statements import (
    AlignedPassage,
    LinkRecord,
    link_quads,
    links_graph_iri,
    same_statements,
)
from policykg.graph.links.weights import TrigramWeights
from policykg.graph.store import DEFAULT_STORE, open_store
from policykg.graph.store.protocol import SparqlStore
from policykg.ontology.terms import ID_NS, POL

LINKS_GRAPH_PREFIX = f"{ID_NS}graph/links/"
# the store is flushed after this many links statements: RocksDB held every write since the last flush
# in memory (700 MB for 100,000 measures' links), and wrote more slowly as that grew
FLUSH_QUADS = 100_000


@dataclass
class LinkReport:
    """What linking found: document pairs, links, copies, and the lower measures left unlinked."""

    pairs: list[tuple[str, str]] = field(default_factory=list)  # (lower document, upper document)
    links: int = 0
    copies: int = 0  # links flagged near-verbatim
    lower_measures: int = 0
    unlinked: int = 0  # lower measures that implement nothing above (local additions)
    files: list[str] = field(default_factory=list)  # lower files whose links were written
    approximate: int = 0  # passages placed without their source texts (offsets may be a few characters off)

    def summary(self) -> str:
        """Return one line: pairs, links, copies, unlinked."""
        return (
            f"{len(self.pairs)} document pair(s), {self.links} link(s), {self.copies} near-verbatim "
            f"cop{'y' if self.copies == 1 else 'ies'}, {self.unlinked} of {self.lower_measures} lower "
            "measure(s) unlinked"
        )


@dataclass
class _Measures:
    iris: list[str]
    documents: list[str]
    spans: list[MeasureSpan]
    by_document: dict[str, list[int]]


def link_documents(
    store: str | os.PathLike[str] | SparqlStore = DEFAULT_STORE,
    above: str | None = None,
    below: str | None = None,
    *,
    force: bool = False,
    files: Collection[str] | None = None,
    sources: Mapping[str, str] | None = None,
) -> LinkReport:
    """Find which lower measures implement which superior ones and state it in ``store``; return a report.

    With ``above`` and ``below`` (a file name or a document IRI each), the pair is declared first
    (kept in the store; documents of the same level need ``force``) and the lower file relinked.
    ``files`` limits the work to what adding those files changed (their own links, and the links of
    files below them); by default every lower file is relinked. ``sources`` maps file names to their
    plain text, for exact offsets where measures' texts were mended.
    """
    if isinstance(store, (str, os.PathLike)):
        with open_store(store) as opened:
            return link_documents(opened, above, below, force=force, files=files, sources=sources)
    measures = _read_measures(store)
    counts = {d: len(ix) for d, ix in measures.by_document.items()}
    hierarchy = read_hierarchy(store, counts)
    if above is not None or below is not None:
        lower_file = _declare(store, hierarchy, above, below, force)
        hierarchy = read_hierarchy(store, counts)
        files = {lower_file}
    targets = _files_to_link(store, hierarchy, files)
    report = LinkReport()
    if not targets:
        return report
    compared = {
        d for low, up in hierarchy.pairs if hierarchy.documents[low].file in targets for d in (low, up)
    }
    inputs = _Inputs(
        measures,
        TrigramWeights(_without_clauses(store, measures)),
        sources or {},
        _document_departments(store, compared),  # read once: a query per file took 5 s each at 30,000
    )
    unflushed = 0
    for file_name in sorted(targets):
        unflushed += _link_file(store, file_name, hierarchy, inputs, report)
        if unflushed >= FLUSH_QUADS:
            store.flush()
            unflushed = 0
    return report


def _read_measures(store: SparqlStore) -> _Measures:
    rows = sorted(
        (r["measure"].value, r["document"].value, r["text"].value, int(r["start"].value), int(r["end"].value))
        for r in store.select(sparql("link-measures.rq"))
    )
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_document[row[1]].append(i)
    return _Measures(
        [r[0] for r in rows], [r[1] for r in rows], [MeasureSpan(r[2], r[3], r[4]) for r in rows], by_document
    )


def _without_clauses(store: SparqlStore, measures: _Measures) -> list[str]:
    """Return each measure's text with its responsibility clauses blanked out (same length, so offsets
    hold): departments and roles are not the task, and 市市场监管局牵头 ↔ 县市场监管局牵头 is no link."""
    index = {iri: i for i, iri in enumerate(measures.iris)}
    texts = [s.text for s in measures.spans]
    for row in store.select(sparql("link-clauses.rq")):
        i = index.get(row["measure"].value)
        clause = row["text"].value
        if i is not None and clause:
            texts[i] = texts[i].replace(clause, BLANK * len(clause))
    return texts


def _resolve(hierarchy: Hierarchy, name: str) -> list[str]:
    """Return the documents holding measures that ``name`` (a file name or a document IRI) stands for."""
    if name in hierarchy.documents:
        return [name]
    found = sorted(d.iri for d in hierarchy.documents.values() if d.file == name and d.measures)
    if not found:
        raise QueryError(f"{name}: no such document or file in the store (a file name or a document IRI)")
    return found


def _declare(
    store: SparqlStore, hierarchy: Hierarchy, above: str | None, below: str | None, force: bool
) -> str:
    """Keep the declared pairs of ``below``'s documents under ``above``'s; return the lower file."""
    if above is None or below is None:
        raise QueryError("a declared pair needs both the document above and the document below")
    uppers, lowers = _resolve(hierarchy, above), _resolve(hierarchy, below)
    files = {hierarchy.documents[d].file for d in lowers}
    if files & {hierarchy.documents[d].file for d in uppers}:
        raise QueryError(f"{above} and {below}: the same file cannot be above itself")
    for low in lowers:
        for up in uppers:
            low_level, up_level = hierarchy.level(low), hierarchy.level(up)
            if not force and low_level and up_level and LEVEL_RANKS[low_level] >= LEVEL_RANKS[up_level]:
                raise QueryError(
                    f"{below} ({low_level}) is not below {above} ({up_level}): documents of the same "
                    "or a higher level are paired only when forced"
                )
    kept = list(store.graph_quads(DECLARED_GRAPH))
    graph = NamedNode(DECLARED_GRAPH)
    new = [
        Quad(NamedNode(low), NamedNode(POL.implementsDocument), NamedNode(up), graph)
        for low in lowers
        for up in uppers
    ]
    store.replace_graph(DECLARED_GRAPH, list(dict.fromkeys(kept + new)))
    return files.pop()


def _files_to_link(store: SparqlStore, hierarchy: Hierarchy, files: Collection[str] | None) -> set[str]:
    """Return the lower files to relink; drop the links graphs of files no longer below anything."""
    lower_files = hierarchy.lower_files()
    if files is None:
        targets = lower_files
    else:
        changed = set(files)
        targets = {
            hierarchy.documents[low].file
            for low, up in hierarchy.pairs
            if hierarchy.documents[low].file in changed or hierarchy.documents[up].file in changed
        }
    kept = {links_graph_iri(f) for f in lower_files}
    considered = None if files is None else {links_graph_iri(f) for f in files}
    for graph in store.named_graphs():
        stale = graph.startswith(LINKS_GRAPH_PREFIX) and graph not in kept
        if stale and (considered is None or graph in considered):
            store.remove_graph(graph)
    return targets


@dataclass
class _Inputs:
    """What every lower file is linked from."""

    measures: _Measures
    weights: TrigramWeights
    sources: Mapping[str, str]
    departments: dict[str, list]  # document -> its departments, for counterparts


def _link_file(
    store: SparqlStore, file_name: str, hierarchy: Hierarchy, inputs: _Inputs, report: LinkReport
) -> int:
    """Recompute and write the links graph of one lower file; return how many statements were written."""
    measures, weights = inputs.measures, inputs.weights
    graph = links_graph_iri(file_name)
    held = store.graph_quads(graph)
    stored = _stored_passages(held)
    pairs = sorted((low, up) for low, up in hierarchy.pairs if hierarchy.documents[low].file == file_name)
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)  # lower documents with the same uppers
    for low in sorted({low for low, _ in pairs}):
        groups[tuple(hierarchy.uppers(low))].append(low)
    records: list[LinkRecord] = []
    for uppers, lowers in groups.items():
        lower_ix = [i for d in lowers for i in measures.by_document.get(d, [])]
        upper_ix = [i for d in uppers for i in measures.by_document.get(d, [])]
        matches = match_measures(weights, lower_ix, upper_ix)
        records += [_record(m, inputs, hierarchy, stored, report) for m in matches]
        linked = {m.lower for m in matches}
        report.lower_measures += len(lower_ix)
        report.unlinked += sum(1 for i in lower_ix if i not in linked)
    quads = link_quads(file_name, pairs, records, _counterparts(inputs.departments, pairs))
    written = 0
    if not same_statements(quads, held):  # linking the same store again writes nothing
        store.replace_graph(graph, quads)
        written = len(quads)
    report.pairs += pairs
    report.links += len(records)
    report.copies += sum(r.near_verbatim for r in records)
    report.files.append(file_name)
    return written


def _record(
    match: Match,
    inputs: _Inputs,
    hierarchy: Hierarchy,
    stored: dict[tuple, AlignedPassage],
    report: LinkReport,
) -> LinkRecord:
    """Return a match with its passages placed in both source files. Without a file's text, a passage
    the store already holds for the same link keeps its offsets (a build placed them exactly)."""
    measures, sources = inputs.measures, inputs.sources
    lower, upper = measures.spans[match.lower], measures.spans[match.upper]
    lower_file = hierarchy.documents[measures.documents[match.lower]].file
    upper_file = hierarchy.documents[measures.documents[match.upper]].file
    lower_at = lower.offsets(sources.get(lower_file))
    upper_at = upper.offsets(sources.get(upper_file))
    exact = (lower_file in sources or lower.exact_without_source()) and (
        upper_file in sources or upper.exact_without_source()
    )
    lower_iri, upper_iri = measures.iris[match.lower], measures.iris[match.upper]
    passages = []
    for k, w in enumerate(match.evidence.passages, start=1):
        text = lower.text[w.passage.lower_start : w.passage.lower_end]
        kept = None if exact else stored.get((lower_iri, upper_iri, k, text))
        report.approximate += not exact and kept is None
        passages.append(
            kept
            or AlignedPassage(
                lower_at[w.passage.lower_start],
                lower_at[w.passage.lower_end - 1] + 1,
                upper_at[w.passage.upper_start],
                upper_at[w.passage.upper_end - 1] + 1,
                text,
            )
        )
    return LinkRecord(
        lower_iri, upper_iri, round(match.score, 4), match.relation, match.evidence.copied, tuple(passages)
    )


def _stored_passages(held: Iterable[Quad]) -> dict[tuple[str, str, int, str], AlignedPassage]:
    """Return the passages the statements ``held`` (a links graph) state, by (lower measure, upper
    measure, place among the link's passages from 1, shared text)."""
    values: dict[str, dict[str, str]] = defaultdict(dict)
    owner: dict[str, str] = {}
    has_alignment = POL.hasAlignment
    for q in held:
        if q.predicate.value == has_alignment:
            owner[q.object.value] = q.subject.value
        else:
            values[q.subject.value][q.predicate.value] = q.object.value
    found = {}
    for alignment, link in owner.items():
        a, ends = values[alignment], values[link]
        try:
            passage = AlignedPassage(
                *(int(a[p]) for p in (POL.lowerStart, POL.lowerEnd, POL.upperStart, POL.upperEnd)),
                a[POL.sharedText],
            )
            k = int(alignment.rsplit("/", 1)[1])
            found[(ends[POL.lowerMeasure], ends[POL.upperMeasure], k, passage.shared_text)] = passage
        except (KeyError, ValueError):  # written by hand or by another tool: placed afresh
            continue
    return found


def _counterparts(departments: dict[str, list], pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return the counterpart departments of each document pair (found by the counterparts module)."""
    from policykg.graph.links.counterparts import counterpart_pairs

    found: set[tuple[str, str]] = set()
    for low, up in pairs:
        found.update(counterpart_pairs(departments.get(low, []), departments.get(up, [])))
    return sorted(found)


def _document_departments(store: SparqlStore, documents: set[str]) -> dict[str, list]:
    """Return the departments named in roles of each of ``documents``' measures, read in one query
    (a query per document took 30 s for 300 documents)."""
    from policykg.graph.links.counterparts import DepartmentNames

    if not documents:
        return {}
    found: dict[str, dict[str, tuple[set[str], str | None, str | None]]] = defaultdict(dict)
    for row in store.select(sparql("link-document-departments.rq")):
        document = row["document"].value
        if document not in documents:
            continue
        labels, _, _ = found[document].setdefault(
            row["dept"].value, (set(), _compact_text(row.get("place")), _compact_text(row.get("level")))
        )
        labels.add(row["label"].value)
    return {
        document: [
            DepartmentNames(iri, tuple(sorted(labels)), place, level)
            for iri, (labels, place, level) in sorted(depts.items())
        ]
        for document, depts in found.items()
    }


def _compact_text(term: object) -> str | None:
    return None if term is None else "".join(term.value.split())


# formats whose plain text is read again cheaply for exact offsets after a build (PDFs and scans are
# not: their passages are placed in proportion, see offsets.py)
_REREAD_SUFFIXES = (".txt", ".htm", ".html", ".docx")


def link_built_files(store: str | os.PathLike[str] | SparqlStore, built: Iterable[str]) -> LinkReport:
    """Relink what building the files at the paths ``built`` changed: their own links, and the links of
    the files below them; return the report."""
    from policykg.loaders.read.sources import read_source

    paths = [Path(p) for p in built]
    sources = {}
    for path in paths:
        if path.suffix.lower() in _REREAD_SUFFIXES and path.is_file():
            try:
                sources[path.name] = read_source(path).text
            except PolicyKGError:  # it was read a moment ago; without it, offsets are placed in proportion
                continue
    return link_documents(store, files={p.name for p in paths}, sources=sources)
