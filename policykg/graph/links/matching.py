"""Which superior measures a lower measure implements: cheap retrieval for every pair, then alignment
of the pairs that stand out.

Retrieval: the weight of specific trigrams each lower measure shares with each superior measure, for
all pairs at once (:meth:`TrigramWeights.shared_weight`). A pair stands out when it shares far more
than the lower measure shares with the superior plans' other measures, and than the superior
measure shares with the lower plans' other measures: the *surprise* on each side is the pair's
shared weight in standard deviations above the mean of that row or column (leaving the pair itself
out, so that a small plan's one strong match is not hidden by its own weight). A long, broad measure
shares something with everything; its surprise stays low unless one superior measure stands out.
A pair whose headings name the same task (nearly all the lighter heading's specific weight shared,
:mod:`policykg.graph.links.headings`) is a candidate too, however little its bodies share.
Alignment (:func:`policykg.graph.links.evidence.weigh`) then runs only on the candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from policykg.graph.links.evidence import Evidence, weigh
from policykg.graph.links.headings import heading_agreement
from policykg.graph.links.weights import TrigramWeights

# calibrated on the corpus pair (docs/links.md): a link shares stretches of four characters or more
# weighing at least MIN_WEIGHT (about four trigrams found in no other measure), and stands out of
# both its row and its column by MIN_SURPRISE standard deviations together
MIN_WEIGHT = 4.0
MIN_SURPRISE = 10.0
MIN_SPREAD = 0.5  # a row or column whose weights hardly vary is measured against this spread instead
SPLIT_SHARE = 0.5  # a runner-up this close to the strongest match makes both links `part`
SCORE_HALF = 8.0  # the evidence weight that scores 0.5; the score approaches 1 as the weight grows
# headings name the same task when they share this share of the lighter heading's weight, and that
# heading weighs at least MIN_HEADING_WEIGHT (a rare trigram or two: not a heading of stock phrases)
NAMED_ALIKE = 0.8
MIN_HEADING_WEIGHT = 1.0
# `same` task (besides being each other's strongest match): the headings share this share of the
# lighter heading's weight
SAME_HEADING = 0.5


@dataclass(frozen=True)
class Match:
    """A lower measure that implements an upper measure (indices into the fitted texts)."""

    lower: int
    upper: int
    evidence: Evidence
    surprise: float
    heading_share: float  # weight the two headings share / the lighter heading's weight
    relation: str = "part"  # "same" task, or one "part" of a broader measure

    @property
    def score(self) -> float:
        """Return the link's strength in 0..1: the evidence weight w as w / (w + SCORE_HALF)."""
        return self.evidence.weight / (self.evidence.weight + SCORE_HALF)


def surprise(shared: np.ndarray) -> np.ndarray:
    """Return, for each pair, how far its shared weight stands above its row's and its column's other
    pairs, in standard deviations (each side leaving the pair out), the two sides summed."""
    return _leave_one_out_z(shared, axis=1) + _leave_one_out_z(shared, axis=0)


def _leave_one_out_z(values: np.ndarray, axis: int) -> np.ndarray:
    n = values.shape[axis]
    if n < 2:
        return values / MIN_SPREAD
    total = values.sum(axis=axis, keepdims=True)
    squares = (values**2).sum(axis=axis, keepdims=True)
    mean = (total - values) / (n - 1)
    variance = np.maximum((squares - values**2) / (n - 1) - mean**2, 0.0)
    return (values - mean) / np.maximum(np.sqrt(variance), MIN_SPREAD)


def match_measures(weights: TrigramWeights, lower: Sequence[int], upper: Sequence[int]) -> list[Match]:
    """Return the links between the ``lower`` and ``upper`` measures (indices into ``weights``' texts),
    ordered by lower measure, then by descending score."""
    shared = weights.shared_weight(lower, upper)
    standing = surprise(shared)
    headings = heading_agreement(weights, lower, upper)
    named_alike = (headings.share >= NAMED_ALIKE) & (headings.lighter >= MIN_HEADING_WEIGHT)
    candidates = ((shared >= MIN_WEIGHT) & (standing >= MIN_SURPRISE)) | named_alike
    found: list[Match] = []
    for i, j in zip(*np.nonzero(candidates), strict=True):
        li, uj = lower[i], upper[j]
        evidence = weigh(weights.folded[li], weights.folded[uj], weights)
        if evidence.passages and (evidence.weight >= MIN_WEIGHT or named_alike[i, j]):
            found.append(Match(li, uj, evidence, float(standing[i, j]), float(headings.share[i, j])))
    return sorted(_with_relations(found), key=lambda m: (m.lower, -m.evidence.weight, m.upper))


def _with_relations(found: list[Match]) -> list[Match]:
    """Return the matches with their relation: ``same`` when the two measures are each other's strongest
    match and neither has a runner-up of at least SPLIT_SHARE of that weight (a superior task split over
    several lower measures, or a lower measure taking up several superior ones, is ``part`` of each), or
    when their headings name the same task; ``part`` otherwise."""
    by_lower: dict[int, list[Match]] = defaultdict(list)
    by_upper: dict[int, list[Match]] = defaultdict(list)
    for m in found:
        by_lower[m.lower].append(m)
        by_upper[m.upper].append(m)
    return [
        replace(m, relation="same")
        if (_clear_best(m, by_lower[m.lower]) and _clear_best(m, by_upper[m.upper]))
        or m.heading_share >= SAME_HEADING
        else m
        for m in found
    ]


def _clear_best(match: Match, rivals: list[Match]) -> bool:
    """True when ``match`` weighs most of ``rivals`` and the next weighs under SPLIT_SHARE of it."""
    ranked = sorted((r.evidence.weight for r in rivals), reverse=True)
    if match.evidence.weight < ranked[0]:
        return False
    return len(ranked) < 2 or ranked[1] < SPLIT_SHARE * ranked[0]
