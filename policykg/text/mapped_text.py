"""Text that remembers where each of its characters came from in the original."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    """A string whose every character carries its offset in an original text.

    ``origin[i]`` is the offset in the original of ``text[i]``; ``origin`` has one more entry than
    ``text``: the original offset just past the last character, so empty spans map too.
    ``written_as`` is None unless an annotation was dropped (:meth:`drop`); then ``written_as[i]`` is
    ``text[i]`` as the source wrote it, with the annotation that followed it (``發`` → ``發(fā)``).
    """

    text: str
    origin: tuple[int, ...]
    written_as: tuple[str, ...] | None = None

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """Return ``text`` mapped onto itself."""
        return cls(text, tuple(range(len(text) + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original ``(start, end)`` offsets that cover ``text[start:end]``.

        Text joined from pieces out of source order (a table row's cells in column order) maps to the
        smallest span holding all of its characters, so a span never ends before it starts.

        >>> MappedText("ab", (5, 2, 9)).span(0, 2)
        (2, 6)
        """
        if end <= start:
            return self.origin[start], self.origin[start]
        first, last = self.origin[start], self.origin[end - 1]
        if last < first or end - start > 2:
            window = self.origin[start:end]
            first, last = min(window), max(window)
        return first, last + 1

    def slice(self, start: int, end: int) -> MappedText:
        """Return ``text[start:end]`` with its mapping."""
        written = self.written_as[start:end] if self.written_as is not None else None
        return MappedText(self.text[start:end], self.origin[start:end] + (self._end_origin(end),), written)

    def written(self, start: int = 0, end: int | None = None) -> str:
        """Return ``text[start:end]`` as the source wrote it: with the annotations :meth:`drop` removed."""
        if self.written_as is None:
            return self.text[start:end]
        return "".join(self.written_as[start:end])

    def drop(self, pattern: re.Pattern[str]) -> MappedText:
        """Return a copy without the matches of ``pattern``, each kept in the written form of the
        character before it (a match at the very start is dropped from the written form too)."""
        matches = list(pattern.finditer(self.text))
        if not matches:
            return self
        keep = self._written_list()
        for m in reversed(matches):
            if m.start() > 0:
                keep[m.start() - 1] += "".join(keep[m.start() : m.end()])
        spans = [m.span() for m in matches]
        starts = [0] + [e for _, e in spans]
        ends = [s for s, _ in spans] + [len(self.text)]
        text = "".join(self.text[a:b] for a, b in zip(starts, ends, strict=True))
        origin = [o for a, b in zip(starts, ends, strict=True) for o in self.origin[a:b]]
        written = [w for a, b in zip(starts, ends, strict=True) for w in keep[a:b]]
        return MappedText(text, (*origin, self.origin[len(self.text)]), tuple(written))

    def _written_list(self) -> list[str]:
        return list(self.written_as) if self.written_as is not None else list(self.text)

    def _end_origin(self, end: int) -> int:
        return self.origin[end - 1] + 1 if end > 0 else self.origin[0]

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        """Return a copy with every match of ``pattern`` replaced, keeping the mapping.

        A replacement of the same length maps character by character; any other replacement maps
        all its characters to the start of the match.
        """
        pieces: list[str] = []
        origin: list[int] = []
        written: list[str] | None = [] if self.written_as is not None else None
        last = 0
        for m in pattern.finditer(self.text):
            s, e = m.span()
            pieces.append(self.text[last:s])
            origin.extend(self.origin[last:s])
            new = repl(m) if callable(repl) else m.expand(repl)
            pieces.append(new)
            if len(new) == e - s:
                origin.extend(self.origin[s:e])
            else:
                origin.extend([self.origin[s]] * len(new))
            if written is not None:
                written.extend(self.written_as[last:s])
                written.extend(self.written_as[s:e] if len(new) == e - s else new)
            last = e
        if not pieces:
            return self
        pieces.append(self.text[last:])
        origin.extend(self.origin[last:])
        origin.append(self.origin[len(self.text)])
        if written is not None:
            written.extend(self.written_as[last:])
        return MappedText("".join(pieces), tuple(origin), tuple(written) if written is not None else None)

    def strip(self) -> MappedText:
        """Return a copy without leading and trailing whitespace."""
        start, end = 0, len(self.text)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return self.slice(start, end)


def concat(parts: list[MappedText]) -> MappedText:
    """Return the parts joined into one mapped text."""
    if not parts:
        return MappedText("", (0,))
    text = "".join(p.text for p in parts)
    origin: list[int] = []
    for p in parts:
        origin.extend(p.origin[:-1])
    origin.append(parts[-1].origin[-1])
    if all(p.written_as is None for p in parts):
        return MappedText(text, tuple(origin))
    written = tuple(w for p in parts for w in p._written_list())
    return MappedText(text, tuple(origin), written)
