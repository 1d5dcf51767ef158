"""SpanIndex answers as asking every span in turn would."""

from __future__ import annotations

import itertools

from policykg.text.spans import SpanIndex

SPANS = [(2, 5), (4, 9), (12, 12), (14, 16), (3, 4)]


def test_span_index_agrees_with_asking_each_span() -> None:
    index = SpanIndex(SPANS)
    for start, end in itertools.product(range(-1, 19), repeat=2):
        assert index.covers(start) == any(s <= start < e for s, e in SPANS)
        assert index.overlaps(start, end) == any(s < end and start < e for s, e in SPANS)
        assert index.contains(start, end) == any(s <= start and end <= e for s, e in SPANS)


def test_no_spans_cover_nothing() -> None:
    index = SpanIndex([])
    assert not index.covers(0)
    assert not index.overlaps(0, 10)
    assert not index.contains(0, 0)


def test_an_empty_span_covers_no_place() -> None:
    index = SpanIndex([(12, 12)])
    assert not index.covers(12)
    assert index.contains(12, 12)
    assert [p for p in range(20) if SpanIndex([(2, 5), (4, 9)]).covers(p)] == list(range(2, 9))
