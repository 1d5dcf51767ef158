"""Sets of ``(start, end)`` spans asked, in logarithmic time, whether any covers a place or a stretch.

Asking each span in turn made extraction quadratic in a measure holding thousands of clauses or
titles: every number or sentence of it was checked against every span.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """Half-open spans ``[start, end)``, sorted by start, with the furthest end reached so far."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def _furthest_end(self, count: int) -> int | None:
        """Return the furthest end of the first ``count`` spans, or None when there are none."""
        return self._reach[count - 1] if count else None

    def covers(self, place: int) -> bool:
        """True when some span has ``start <= place < end``."""
        reach = self._furthest_end(bisect_right(self._starts, place))
        return reach is not None and reach > place

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span has ``span_start < end`` and ``start < span_end``."""
        reach = self._furthest_end(bisect_left(self._starts, end))
        return reach is not None and reach > start

    def contains(self, start: int, end: int) -> bool:
        """True when some span has ``span_start <= start`` and ``end <= span_end``."""
        reach = self._furthest_end(bisect_right(self._starts, start))
        return reach is not None and reach >= end
