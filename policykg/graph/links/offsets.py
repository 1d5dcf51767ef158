"""From a place in a measure's text to a place in its source file's plain text.

A measure's ``pol:text`` is its span of the source (``pol:charStart`` .. ``pol:charEnd``) with page
breaks mended: characters taken out (line breaks, spaces, Markdown's ``**``) and a few words
repaired (pinyin or English a converter left: `` and `` → 和). With the source's text at hand the two
are aligned (rapidfuzz's Indel alignment), so every character the repair kept has its exact offset; without it (a store linked apart from its files) an offset is placed in
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
        if source is not None and len(source) >= self.end:
            return _walk(self.text, source, self.start, self.end)
        if span == len(self.text) or not self.text:
            return [self.start + i for i in range(len(self.text) + 1)]
        return [self.start + round(i * span / len(self.text)) for i in range(len(self.text) + 1)]

    def exact_without_source(self) -> bool:
        """True when the text is its span as written, so offsets need no source."""
        return self.end - self.start == len(self.text)


def _walk(text: str, source: str, start: int, end: int) -> list[int]:
    """Return each text character's offset in ``source[start:end]`` (and the end's), from the Indel
    alignment of the two: a character the repair wrote (no counterpart) takes the offset after the
    character before it."""
    from rapidfuzz.distance import Indel

    found = [-1] * (len(text) + 1)
    for op in Indel.opcodes(text, source[start:end]):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                found[op.src_start + k] = start + op.dest_start + k
    previous = start - 1
    for i, at in enumerate(found[:-1]):
        found[i] = at if at >= 0 else previous + 1
        previous = found[i]
    found[-1] = previous + 1 if text else start
    return found
