"""What two measures share, weighed: the aligned passages, how specific they are, and whether one
copies the other."""

from __future__ import annotations

from dataclasses import dataclass

from policykg.graph.links.align import (
    Passage,
    best_stretches,
    extended,
    passages,
    shared_stretches,
    verbatim_ratio,
)
from policykg.graph.links.weights import TrigramWeights, specific_trigrams

MIN_STRETCH = 4  # characters: shorter shared runs (三字 coincidences: 推进政, 服务事) are not evidence
MIN_PASSAGE_WEIGHT = 0.5  # a passage that weighs less than half a specific trigram is not reported
COPY_LENGTH = 18  # characters (about 20: a short sentence): a passage this long ...
COPY_SIMILARITY = 0.9  # ... this nearly identical on both sides (Indel similarity) is a copy


@dataclass(frozen=True)
class WeighedPassage:
    """An aligned passage with the weight of its specific trigrams and how verbatim it is."""

    passage: Passage
    weight: float
    similarity: float


@dataclass(frozen=True)
class Evidence:
    """What a lower and an upper measure share."""

    weight: float  # summed weight of the distinct specific trigrams of the shared stretches
    passages: tuple[WeighedPassage, ...]
    copied: bool  # a passage of COPY_LENGTH characters or more repeated nearly verbatim


def weigh(lower: str, upper: str, weights: TrigramWeights) -> Evidence:
    """Return what the folded texts ``lower`` and ``upper`` share, weighed by ``weights``."""
    stretches = [s for s in best_stretches(shared_stretches(lower, upper)) if s.length >= MIN_STRETCH]
    shared: set[str] = set()
    for s in stretches:
        shared.update(specific_trigrams(lower[s.lower_start : s.lower_start + s.length]))
    weight = sum(weights.weight(t) for t in shared)
    weighed = []
    for p in (extended(lower, upper, p) for p in passages(stretches)):
        passage_weight = weights.text_weight(lower[p.lower_start : p.lower_end])
        if passage_weight >= MIN_PASSAGE_WEIGHT:
            weighed.append(WeighedPassage(p, passage_weight, verbatim_ratio(lower, upper, p)))
    copied = any(w.passage.lower_length >= COPY_LENGTH and w.similarity >= COPY_SIMILARITY for w in weighed)
    return Evidence(weight=weight, passages=tuple(weighed), copied=copied)
