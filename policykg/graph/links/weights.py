"""How much a shared character trigram says: its rarity among all the measures in the store.

Chinese plans share their genre's phrases everywhere (优化营商环境, 按职责分工负责, 政务服务): a link
needs a specific shared task, so a trigram weighs by its inverse document frequency over every
measure in the store, scaled so that a trigram found in only two measures (the pair itself) weighs 1
and one found in at least ``COMMON_SHARE`` of all measures weighs nothing. Only trigrams of
characters that carry content (Chinese characters, letters, digits) count: punctuation and the
brackets of document numbers (发〔2021〕) say nothing about the task. Nor do the genre's stock
phrases (vocabulary ``STOCK_PHRASES``: 坚持问题导向, 长效机制, 贯彻落实 …), in any store: a trigram lying
wholly within stock phrases (效机制, or 全长效 where 建立健全 meets 长效机制) is not taken
(:func:`specific_trigrams`), one reaching out of them is (境痛点 of 营商环境痛点: a short word's only
trigrams). A store of one city and one county is too small for their idf to say so.

The idf is scikit-learn's smoothed idf, ln((1 + n) / (1 + df)) + 1, computed here from a SciPy sparse
matrix of which measure holds which trigram (importing scikit-learn alone takes longer than linking
the corpus pair); the same matrix gives, for every pair of measures at once, the weight they share:
one sparse matrix product (:meth:`TrigramWeights.shared_weight`).
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from policykg.loaders.extract.vocabulary import STOCK_PHRASES, alternation
from policykg.text.folding import fold

GRAM = 3  # characters per n-gram
COMMON_SHARE = 0.10  # a trigram in this share of all measures (or more) is the genre's, and weighs 0
MIN_COMMON_MEASURES = 5  # ... and, in a small store, one found in this many measures


# anything but a content character (Chinese, letters, digits)
_NOT_CONTENT = re.compile(r"[^\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")
_STOCK = re.compile(alternation(fold(phrase) for phrase in STOCK_PHRASES))


def content_trigrams(text: str) -> list[str]:
    """Return the distinct trigrams of content characters in an already folded ``text`` (none spans
    punctuation).

    >>> sorted(content_trigrams("推进“一网通办”"))
    ['一网通', '网通办']
    """
    return _trigrams(_NOT_CONTENT.sub("\x00", text), [range(len(text) - GRAM + 1)])


def specific_trigrams(text: str) -> list[str]:
    """Return the distinct content trigrams of an already folded ``text`` that do not lie wholly
    within the genre's stock phrases.

    >>> sorted(specific_trigrams("坚持问题导向，营商环境痛点"))
    ['境痛点', '环境痛']
    """
    return _trigrams(_NOT_CONTENT.sub("\x00", text), _uncovered_starts(text))


def _uncovered_starts(text: str) -> list[range]:
    """Return the starts of the trigrams of ``text`` that do not lie wholly within a run of adjoining
    stock phrases, as ranges (the gaps between the runs: testing each start took most of the time)."""
    gaps: list[range] = []
    next_start = 0  # the first start not yet known to be covered
    run_start = run_end = -1
    for found in [*_STOCK.finditer(text), None]:
        if found is not None and found.start() == run_end:
            run_end = found.end()
            continue
        if run_end - GRAM + 1 > run_start:  # the run ending here covers starts run_start .. run_end - GRAM
            gaps.append(range(next_start, run_start))
            next_start = max(next_start, run_end - GRAM + 1)
        if found is not None:
            run_start, run_end = found.start(), found.end()
    gaps.append(range(next_start, len(text) - GRAM + 1))
    return gaps


def _trigrams(clean: str, starts: Iterable[Iterable[int]]) -> list[str]:
    grams = {clean[i : i + GRAM] for gap in starts for i in gap}
    return [g for g in grams if "\x00" not in g]


def presence_rows(rows: Iterable[Iterable[int]], width: int | None = None) -> sparse.csr_matrix:
    """Return a 0/1 matrix with a row for each item of ``rows``, holding 1 in each of its (distinct)
    columns, ``width`` columns wide (by default, up to the largest column given)."""
    # compressed rows built directly (4 bytes a column; Python lists of ints took 70 bytes a trigram,
    # 1 GB at 100,000 measures)
    columns = array("i")
    starts = array("q", [0])
    for row in rows:
        columns.extend(row)
        starts.append(len(columns))
    found = np.frombuffer(columns, dtype=np.int32)
    return sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), found, starts),
        shape=(len(starts) - 1, (int(found.max()) + 1 if len(found) else 0) if width is None else width),
    )


class TrigramWeights:
    """The weight of every content trigram of a collection of measure texts (fitted on them)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.folded = [fold(t) for t in texts]
        self.count = len(texts)
        self.vocabulary: dict[str, int] = {}
        self.presence = presence_rows(
            (self.vocabulary.setdefault(g, len(self.vocabulary)) for g in specific_trigrams(text))
            for text in self.folded
        )
        measures = np.asarray(self.presence.sum(axis=0)).ravel()
        idf = np.log((1 + self.count) / (1 + measures)) + 1
        self.weights = np.clip((idf - self._idf(self._common())) / self._span(), 0.0, 1.0)

    def _idf(self, measures: float) -> float:
        """Return the smoothed idf of a trigram found in ``measures`` measures (scikit-learn's formula)."""
        return math.log((1 + self.count) / (1 + measures)) + 1

    def _common(self) -> float:
        return max(COMMON_SHARE * self.count, MIN_COMMON_MEASURES)

    def _span(self) -> float:
        """Return the idf between a trigram of the pair alone and one common to the genre (at least a
        little, so that a tiny store still weighs its rarest trigrams)."""
        return max(self._idf(2) - self._idf(self._common()), 1e-6)

    def weight(self, trigram: str) -> float:
        """Return the weight of one trigram, 0 for one no measure holds."""
        index = self.vocabulary.get(trigram)
        return 0.0 if index is None else float(self.weights[index])

    def text_weight(self, folded: str) -> float:
        """Return the summed weight of the distinct specific trigrams of a folded text."""
        columns = self.vocabulary.get
        weights = self.weights
        return sum(0.0 if (k := columns(t)) is None else float(weights[k]) for t in specific_trigrams(folded))

    def shared_weight(self, lower: Sequence[int], upper: Sequence[int]) -> np.ndarray:
        """Return, for each pair of measures (by their index in the fitted texts), the summed weight of
        the distinct content trigrams both hold: a dense ``len(lower) × len(upper)`` array."""
        if not len(lower) or not len(upper):
            return np.zeros((len(lower), len(upper)))
        weighted = self.presence[list(lower)] @ sparse.diags(self.weights)
        return np.asarray((weighted @ self.presence[list(upper)].T).todense())
