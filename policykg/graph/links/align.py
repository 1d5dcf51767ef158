"""Local alignment of two measures' texts: the stretches of characters they share, and the passages
those stretches form.

Chinese needs no word segmentation here: two measures share a task when they share stretches of
characters. Shared stretches are found seed-and-extend (every character trigram both texts hold is
a seed, extended both ways while the characters agree), so stretches are found in any order; nearby
stretches on both sides are then joined into passages, with rapidfuzz's Indel alignment telling how
nearly verbatim each passage is (a Smith-Waterman-style local alignment in effect: gaps between
stretches are allowed while they are short). Each passage is then extended at both ends while the
characters mostly agree (an ungapped X-drop extension, as BLAST extends its seeds), so a copied
sentence with one word replaced (全流程线上办理 / 全流程网上办理) is one passage, not a stretch and a
remainder too short to count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Indel

SEED = 3  # characters: the shortest stretch two texts must share to count (a trigram)
MAX_GAP = 6  # characters: stretches this close on both sides belong to one passage
BLANK = "\x00"  # a character blanked out of a text (a responsibility clause): never part of a stretch
# extension: an agreeing character scores +1, a differing one -MISMATCH; extension stops where the
# score falls DROP below the best reached, and ends at that best
MISMATCH = 2
DROP = 3


@dataclass(frozen=True)
class Stretch:
    """A run of characters both texts hold: ``lower[lower_start:lower_start+length]`` equals
    ``upper[upper_start:upper_start+length]`` (compared folded)."""

    lower_start: int
    upper_start: int
    length: int


@dataclass(frozen=True)
class Passage:
    """Aligned passages of both texts (end offsets exclusive) made of one or more nearby stretches;
    ``matched`` is how many of the lower passage's characters the stretches cover."""

    lower_start: int
    lower_end: int
    upper_start: int
    upper_end: int
    matched: int

    @property
    def lower_length(self) -> int:
        """Return the passage's length in the lower text."""
        return self.lower_end - self.lower_start


def shared_stretches(lower: str, upper: str, seed: int = SEED) -> list[Stretch]:
    """Return every maximal stretch of at least ``seed`` characters the two texts share, ordered by
    position in ``lower``; a stretch of ``lower`` repeated in ``upper`` is returned at each place."""
    where: dict[str, list[int]] = defaultdict(list)
    for j in range(len(upper) - seed + 1):
        where[upper[j : j + seed]].append(j)
    found: list[Stretch] = []
    for i in range(len(lower) - seed + 1):
        gram = lower[i : i + seed]
        if BLANK in gram:
            continue
        for j in where.get(gram, ()):
            if i and j and lower[i - 1] == upper[j - 1] != BLANK:
                continue  # inside a stretch already started one character earlier
            length = seed
            while (
                i + length < len(lower)
                and j + length < len(upper)
                and lower[i + length] == upper[j + length] != BLANK
            ):
                length += 1
            found.append(Stretch(i, j, length))
    return found


def best_stretches(stretches: list[Stretch]) -> list[Stretch]:
    """Return the stretches that are not inside a longer one at the same lower characters: of the
    places one lower stretch repeats at in the upper text, the longest (then the first) is kept."""
    kept: list[Stretch] = []
    for s in sorted(stretches, key=lambda s: (-s.length, s.lower_start, s.upper_start)):
        if not any(
            k.lower_start <= s.lower_start and s.lower_start + s.length <= k.lower_start + k.length
            for k in kept
        ):
            kept.append(s)
    return sorted(kept, key=lambda s: (s.lower_start, s.upper_start))


def passages(stretches: list[Stretch], max_gap: int = MAX_GAP) -> list[Passage]:
    """Join stretches that follow each other within ``max_gap`` characters on both sides into
    passages, in lower order."""
    result: list[Passage] = []
    for s in sorted(stretches, key=lambda s: (s.lower_start, s.upper_start)):
        last = result[-1] if result else None
        lower_gap = s.lower_start - last.lower_end if last else -1
        upper_gap = s.upper_start - last.upper_end if last else -1
        if last and 0 <= lower_gap <= max_gap and 0 <= upper_gap <= max_gap:
            result[-1] = Passage(
                last.lower_start,
                s.lower_start + s.length,
                last.upper_start,
                s.upper_start + s.length,
                last.matched + s.length,
            )
        else:
            result.append(
                Passage(
                    s.lower_start, s.lower_start + s.length, s.upper_start, s.upper_start + s.length, s.length
                )
            )
    return result


def verbatim_ratio(lower: str, upper: str, passage: Passage) -> float:
    """Return how nearly the two sides of ``passage`` are the same text, 0..1 (Indel similarity)."""
    return Indel.normalized_similarity(
        lower[passage.lower_start : passage.lower_end], upper[passage.upper_start : passage.upper_end]
    )


def extended(lower: str, upper: str, passage: Passage) -> Passage:
    """Return ``passage`` grown at both ends over characters that mostly agree (ungapped X-drop: each
    agreeing character +1, each differing one -MISMATCH, stopping DROP below the best score); a
    blanked character or a text's end stops it."""
    ahead = _reach(lower, upper, passage.lower_end, passage.upper_end, 1)
    behind = _reach(lower, upper, passage.lower_start - 1, passage.upper_start - 1, -1)
    return Passage(
        passage.lower_start - behind[0],
        passage.lower_end + ahead[0],
        passage.upper_start - behind[0],
        passage.upper_end + ahead[0],
        passage.matched + ahead[1] + behind[1],
    )


def _reach(lower: str, upper: str, i: int, j: int, step: int) -> tuple[int, int]:
    """Return how many characters from ``lower[i]`` / ``upper[j]`` on, going by ``step``, the
    extension takes, and how many of them agree."""
    score = best = taken = agreeing = agreeing_at_best = 0
    k = 0
    while 0 <= i + k * step < len(lower) and 0 <= j + k * step < len(upper):
        a, b = lower[i + k * step], upper[j + k * step]
        if BLANK in (a, b):
            break
        k += 1
        score += 1 if a == b else -MISMATCH
        agreeing += a == b
        if score > best:
            best, taken, agreeing_at_best = score, k, agreeing
        elif score <= best - DROP:
            break
    return taken, agreeing_at_best
