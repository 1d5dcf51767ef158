"""From a place in a measure's text to a place in its source file's plain text.

A measure's ``pol:text`` is its span of the source (``pol:charStart`` .. ``pol:charEnd``) with page
breaks mended: whitespace taken out. With the source's text at hand the two are walked side by side,
so every offset is exact; without it (a store linked apart from its files) an offset is placed in
proportion along the span, off by at most the few characters the mending took out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeasureSpan:
    """A measure's text and where it lies in its source file."""

    text: str
    start: int
    end: int

    def offsets(self, source: str | None) -> list[int]:
        """Return the source offset of every character of the text, and of its end (one more entry).

        ``source`` is the whole plain text of the measure's file, or None when it is not at hand.
        """
        span = self.end - self.start
        if source is not None:
            exact = _walk(self.text, source, self.start, self.end)
            if exact is not None:
                return exact
        if span == len(self.text) or not self.text:
            return [self.start + i for i in range(len(self.text) + 1)]
        return [self.start + round(i * span / len(self.text)) for i in range(len(self.text) + 1)]

    def exact_without_source(self) -> bool:
        """True when the text is its span as written, so offsets need no source."""
        return self.end - self.start == len(self.text)


def _walk(text: str, source: str, start: int, end: int) -> list[int] | None:
    """Return each text character's offset in ``source[start:end]``, skipping the source's extra
    whitespace; None when the text is not the span with whitespace taken out."""
    found: list[int] = []
    j = start
    for ch in text:
        while j < end and source[j] != ch and source[j].isspace():
            j += 1
        if j >= end or source[j] != ch:
            return None
        found.append(j)
        j += 1
    found.append(j if not found else found[-1] + 1)
    return found
