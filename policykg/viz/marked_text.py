"""Text with marked spans as HTML: spans may nest or cross, and every element still closes in order.

Where two spans cross, the inner one (higher ``layer``) is closed at the outer one's boundary and
opened again after it, so a clause that runs past the end of a deadline, or a name cut by a line of
a table, is still drawn whole. A span's ``head`` is written once, where it opens first; its
``tail`` (a label, as displaCy draws an entity's) once, where it closes last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Mark:
    """A span of the text and how it is drawn: the element and attributes that wrap it."""

    start: int
    end: int
    layer: int  # outer spans have lower layers: measure < clause < name
    tag: str  # e.g. "span", "mark"
    classes: str
    attributes: tuple[tuple[str, str], ...] = ()  # on every piece (style, title …)
    anchor: str = ""  # an id, on the first piece only
    head: str = ""  # text written at its start (a number badge)
    tail: str = ""  # text written at its end (a label)


def _open(mark: Mark, first: bool) -> str:
    """Return the opening tag of a piece of ``mark`` (its id and head on the first piece only)."""
    attrs = [f'class="{escape(mark.classes)}"']
    if first and mark.anchor:
        attrs.append(f'id="{escape(mark.anchor)}"')
    attrs += [f'{name}="{escape(value)}"' for name, value in mark.attributes]
    head = f'<span class="head">{escape(mark.head)}</span>' if first and mark.head else ""
    return f"<{mark.tag} {' '.join(attrs)}>{head}"


def _close(mark: Mark, last: bool) -> str:
    """Return the closing tag of a piece of ``mark`` (with its tail on the last piece only)."""
    tail = f'<span class="tail">{escape(mark.tail)}</span>' if last and mark.tail else ""
    return f"{tail}</{mark.tag}>"


def render_marked(text: str, marks: Sequence[Mark]) -> str:
    """Return ``text`` as escaped HTML with every mark's span wrapped in its element, properly nested."""
    usable = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.layer, m.start, -m.end, m.classes),
    )
    bounds = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    starting: dict[int, list[Mark]] = {}
    for m in usable:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []  # open at the current boundary, in nesting order
    opened: set[int] = set()  # marks whose first piece is written
    stack: list[Mark] = []  # the elements open in the output
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        active.sort(key=lambda m: (m.layer, m.start, -m.end, m.classes))
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(_close(m, m.end <= left))
        del stack[keep:]
        for m in active[keep:]:
            out.append(_open(m, id(m) not in opened))
            opened.add(id(m))
            stack.append(m)
        out.append(escape(text[left:right]))
    out.extend(_close(m, True) for m in reversed(stack))
    return "".join(out)
