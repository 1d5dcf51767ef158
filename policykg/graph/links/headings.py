"""Measures' headings: the task's name a measure opens with (提升涉审中介服务质效。…), compared across
levels.

A task list often names its item as the superior plan named the measure it takes up (深化“双随机、一公开”
监管 under 强化“双随机、一公开”日常监管的科学性), though the body is rewritten: when nearly all the
specific weight of the lighter heading is shared, the two measures name the same task, however little
their bodies share. Headings are compared for every pair at once, like the texts
(:meth:`TrigramWeights.shared_weight`): one sparse matrix product over the headings' trigrams.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np
from scipy import sparse

from policykg.graph.links.weights import TrigramWeights, presence_rows, specific_trigrams

HEADING_END = "。"
HEADING_MAX = 40  # characters: a longer first sentence is the measure's body, and it has no heading


def heading(text: str) -> str:
    """Return a measure's heading: what its folded text says before the first 。, or "" when that is
    over HEADING_MAX characters (a measure that opens with its body has no heading)."""
    first = text.split(HEADING_END, 1)[0]
    return first if len(first) <= HEADING_MAX else ""


@dataclass(frozen=True)
class HeadingAgreement:
    """How far the headings of each lower × upper pair agree (dense arrays of that shape)."""

    share: np.ndarray  # weight both headings hold / the lighter heading's weight (0 when it weighs 0)
    lighter: np.ndarray  # the lighter heading's weight


def heading_agreement(
    weights: TrigramWeights, lower: Sequence[int], upper: Sequence[int]
) -> HeadingAgreement:
    """Return how the headings of the ``lower`` and ``upper`` measures (indices into ``weights``' texts)
    agree, pair by pair."""
    low, up = _heading_rows(weights, lower), _heading_rows(weights, upper)
    shared = np.asarray((low.multiply(weights.weights) @ up.T).todense()).reshape(len(lower), len(upper))
    low_weight = np.asarray(low @ weights.weights).ravel()
    up_weight = np.asarray(up @ weights.weights).ravel()
    lighter = np.minimum.outer(low_weight, up_weight)
    share = np.divide(shared, lighter, out=np.zeros_like(shared), where=lighter > 0)
    return HeadingAgreement(share, lighter)


def _heading_rows(weights: TrigramWeights, measures: Sequence[int]) -> sparse.csr_matrix:
    """Return a 0/1 matrix: which trigram columns each of ``measures``' headings holds."""
    every = _ALL_HEADING_ROWS.get(weights)
    if every is None:  # made once for all fitted texts: a superior plan is compared with every file below it
        every = _ALL_HEADING_ROWS[weights] = _rows(weights, range(weights.count))
    return every[list(measures)]


_ALL_HEADING_ROWS: WeakKeyDictionary[TrigramWeights, sparse.csr_matrix] = WeakKeyDictionary()


def _rows(weights: TrigramWeights, measures: Iterable[int]) -> sparse.csr_matrix:
    return presence_rows((_heading_columns(weights, index) for index in measures), len(weights.weights))


def _heading_columns(weights: TrigramWeights, index: int) -> list[int]:
    """Return the trigram columns of measure ``index``'s heading."""
    columns = map(weights.vocabulary.get, specific_trigrams(heading(weights.folded[index])))
    return [c for c in columns if c is not None]
