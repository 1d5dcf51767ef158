"""Notes that decide roles for lists of units rather than name them.

- a declared lead: ``列第一位者为牵头单位`` (the first listed unit leads, the others co-operate); inside
  a clause it holds for that clause, with ``下同`` for the later items too, and in the body of a
  notice for the whole file;
- a blanket note: ``以下各项均需各区政府落实，不再一一列出`` names an actor for the item it is written in.

Both are cut out of a clause (blanked, so offsets stay) before its names are read: the words of a
note (``其他部门和单位``, ``以下各项均需…``) are no actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.extract.vocabulary import (
    BLANKET_CLOSERS,
    BLANKET_OPENERS,
    FIRST_LISTED_LEAD_NOTE,
    OTHERS_WORDS,
    SAME_BELOW,
    alternation,
)

FIRST_LISTED_LEADS = re.compile(FIRST_LISTED_LEAD_NOTE)
CHUNK_SEPARATORS = ",，"
SENTENCE_SEPARATORS = "。;；"
# the part of a declaration about the other listed units: 其余为配合单位, 其他部门和单位按职责分工负责
OTHERS = re.compile(rf"^(?:{alternation(OTHERS_WORDS)})")
SAME_BELOW_CHUNK = re.compile(rf"^(?:{alternation(SAME_BELOW)})$")
# a note naming who carries out every item, the actor captured: 以下各项工作均需X负责落实，不再一一列出
BLANKET_NOTE = re.compile(
    rf"(?:{alternation(BLANKET_OPENERS)})(?:各项)?(?:工作|政策措施|措施|任务)?(?:均|都)"
    r"(?:需要|需|须|由|要|涉及)?(?P<who>[^,，。;；]{2,40}?)(?:负责)?(?:落实|实施|执行)?[,，]?"
    rf"(?:{alternation(BLANKET_CLOSERS)})"
)


@dataclass(frozen=True)
class LeadDeclaration:
    """The first listed unit of a list leads; the rest co-operate."""

    following: bool = False  # 下同: holds for the later items of the document too


@dataclass
class Notes:
    """The notes found in one clause and the clause with them blanked out."""

    text: str  # the clause's folded text, each note replaced by spaces
    declaration: LeadDeclaration | None = None
    blanket: list[tuple[int, int]] = field(default_factory=list)  # spans of the actors blanket notes name


def read_notes(content: str) -> Notes:
    """Return the declarations and blanket notes of a clause's folded text, and the text without them."""
    chars = list(content)
    blanket = []
    for m in BLANKET_NOTE.finditer(content):
        blanket.append(m.span("who"))
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    declaration = None
    for m in FIRST_LISTED_LEADS.finditer(content):
        start, end, following = _declaration_extent(content, m.start(), m.end())
        chars[start:end] = " " * (end - start)
        declaration = LeadDeclaration(
            following=following or (declaration is not None and declaration.following)
        )
    return Notes("".join(chars), declaration, blanket)


def _declaration_extent(content: str, start: int, end: int) -> tuple[int, int, bool]:
    """Return where the declaration around ``content[start:end]`` begins and ends, and whether it
    says 下同: it runs from its own chunk through the chunks about the others and 下同 after it."""
    while start > 0 and content[start - 1] not in CHUNK_SEPARATORS + SENTENCE_SEPARATORS:
        start -= 1
    following = False
    pos = end
    while pos < len(content) and content[pos] not in CHUNK_SEPARATORS + SENTENCE_SEPARATORS:
        pos += 1
    end = pos
    while pos < len(content) and content[pos] in CHUNK_SEPARATORS:
        nxt = pos + 1
        while nxt < len(content) and content[nxt] not in CHUNK_SEPARATORS + SENTENCE_SEPARATORS:
            nxt += 1
        chunk = content[pos + 1 : nxt].strip().rstrip(")）")
        if SAME_BELOW_CHUNK.match(chunk):
            following = True
        elif not OTHERS.match(chunk):
            break
        end = pos = nxt
    return start, end, following


def declaration_in(text: str) -> LeadDeclaration | None:
    """Return the declaration ``text`` (folded) makes, if any (列第一位者为牵头单位)."""
    return LeadDeclaration(following=True) if FIRST_LISTED_LEADS.search(text) else None


def declaration_offsets(text: str) -> list[int]:
    """Return where in ``text`` (folded) declarations of a first-listed lead stand."""
    return [m.start() for m in FIRST_LISTED_LEADS.finditer(text)]
