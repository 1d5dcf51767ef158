"""The names in a list of units: ``市发改委、市财政局等相关部门``, ``济南、青岛、烟台市政府``,
``各区、县级市政府``, ``分管副市长`` (an official: no one to name).

Works on folded text (:func:`policykg.text.folding.fold`) and returns offsets into it, so the caller
can label each name as the source wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.extract.vocabulary import (
    EACH,
    GENERIC_BODIES,
    GENERIC_QUALIFIERS,
    LEVEL_WORDS,
    OFFICIAL_TITLES,
    ORG_NAME_ENDINGS,
    ZONE_ENDINGS,
    alternation,
)

OPENERS = {"(": ")", "〔": "〕", "[": "]"}
CLOSERS = {v: k for k, v in OPENERS.items()}
INNER_BRACKETS = {"<": "(", ">": ")", "〈": "(", "〉": ")"}
"""Brackets a list inside brackets writes for its own brackets: （…，各县<市、区>人民政府）."""
_LIST_OPENERS = (*OPENERS, "<", "〈")
_LIST_CLOSERS = (*CLOSERS, ">", "〉")
SEPARATOR_CHARS = "、/／ \t\n\u3000"
# an item of a list with no brackets: a run of characters that are no separators
_UNSEPARATED = re.compile(f"[^{re.escape(SEPARATOR_CHARS)}]+")
# one opening or closing bracket
_BRACKETS = re.compile(f"[{re.escape(''.join(OPENERS) + ''.join(CLOSERS))}]")
# one bracket (an inner one too) or separator: what splitting a list looks at
_MARKS = re.compile(f"[{re.escape(''.join(_LIST_OPENERS) + ''.join(_LIST_CLOSERS) + SEPARATOR_CHARS)}]")
# an inner bracket, read as the bracket it stands for
_INNER = re.compile(f"[{re.escape(''.join(INNER_BRACKETS))}]")
CONJUNCTIONS = re.compile(r"以及|及|和|与|会同|并")
ET_CETERA = re.compile(r"等")
# a name with something in brackets after it: 县发改委（县信用办）, 市财政局（牵头）
ALIAS = re.compile(r"^(.+?)\s*\(([^()]+)\)$")
# what may follow 等 in a list of actors: 等相关部门, 等市有关单位, 等部门
CATEGORY = re.compile(
    rf"^[省市县区]?(?:{alternation((EACH, *GENERIC_QUALIFIERS))})?(?:部门|单位|机构|方面)?(?:单位)?$"
)
_MIN_KNOWN = 2  # the shortest name a glued item is split into
_MIN_GLUED_PART = 3  # the shortest piece a glued cell is cut into by name endings
_MAX_GLUED_PLACE = 10  # the longest piece read as a town or zone by its ending alone
_GLUED_PLACE_ENDS = ("镇", "乡", "街道", "城", "区")
_GLUED_ENDS = set(ORG_NAME_ENDINGS) | set("镇乡道城区")  # where a glued cell may be cut
SHORT_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
LEVEL_CHARS = "省市县区州盟旗"
# the place part of a name a list shares its suffix with: 烟台|市政府
SUFFIX_AFTER_PLACE = re.compile(rf"^([\u4e00-\u9fff]{{2,4}}?)(?=[{LEVEL_CHARS}])")
_LEVELS = alternation(LEVEL_WORDS)
_BODIES = alternation((*GENERIC_BODIES, "人民政府", "管委会"))
# an item that only continues a list of kinds opened by 各/相关: 市, 县级市政府, 区（市）政府, 单位
KIND_CONTINUATION = re.compile(
    rf"^(?:(?:{_LEVELS})+(?:\((?:{_LEVELS})(?:、(?:{_LEVELS}))*\))?)?(?:{_BODIES})?(?:\((?:{_BODIES})\))?$"
)
# a body word with at most one qualifying character: 安委会, 管委会, 人民政府 (a stray space may stand before it)
SPACED_BODY = re.compile(r"^[\u4e00-\u9fff]?(?:委员会|委会|人民政府|政府|党委|党工委|办公室)$")
# a body of the same place joined to a name by a conjunction: 县党委和人民政府, 高新区党工委和管委会
_SHARED_PLACE_BODIES = ("人民政府", "政府", "管委会", "党委", "党工委", "工委")
JOINED_BODY = re.compile(rf"^(.+?)(?:和|及|与)(?:{alternation(_SHARED_PLACE_BODIES)})$")
# a bracketed list of levels inside a kind: 各县（市、区）政府 is read as 各县政府, 各县区（开发区）安委会 as 各县区安委会
LEVEL_LIST_IN_BRACKETS = re.compile(rf"\((?:{_LEVELS})(?:、(?:{_LEVELS}))*\)")
OFFICIAL = re.compile(rf"(?:{alternation(OFFICIAL_TITLES)})$")
# a zone's name with its body after it: 青樾经开区管委会 (the body group is what a list shares)
ZONE_BODY = re.compile(rf"[{''.join(ZONE_ENDINGS)}]区({alternation(_SHARED_PLACE_BODIES)})$")
# a zone's name alone, no body after it: 高新区, 青樾经开区
BARE_ZONE = re.compile(rf"^[\u4e00-\u9fff]*[{''.join(ZONE_ENDINGS)}]区$")
_GENERIC_OPENER = re.compile(alternation((EACH, *GENERIC_QUALIFIERS)))


def _share_zone_body(names: list[Name], text: str, offset: int) -> None:
    """高新区、经开区管委会: the zones listed right before a zone's body share that body, so each bare
    zone gets it as a suffix (高新区, also written 高新区管委会), as 济南、青岛市政府 shares 市政府."""
    for k in range(len(names) - 1, 0, -1):
        last = names[k]
        body = ZONE_BODY.search(text[last.start - offset : last.end - offset])
        if body is None or last.suffix is not None:
            continue
        j = k - 1
        while j >= 0 and names[j].kind == "dept" and names[j].suffix is None:
            between = text[names[j].end - offset : names[j + 1].start - offset]
            if between != "、" or not BARE_ZONE.match(text[names[j].start - offset : names[j].end - offset]):
                break
            names[j] = Name(
                names[j].start, names[j].end, "dept", suffix=(last.start + body.start(1), last.end)
            )
            j -= 1


@dataclass
class Name:
    """One name found in a list, as offsets into the folded text."""

    start: int
    end: int
    kind: str  # "dept" or "generic"
    suffix: tuple[int, int] | None = None  # a suffix written once for the list (济南、青岛、烟台市政府)


@dataclass
class Listing:
    """What a stretch of text lists: the names, whether anything else was there, whether officials."""

    names: list[Name]
    unknown: bool = False
    officials: bool = False


def split_items(text: str) -> list[tuple[int, str]]:
    """Return the items of a list with their offsets: split at 、 and spaces, never inside brackets."""
    if not any(opener in text for opener in _LIST_OPENERS):  # nothing to count: split in C
        return [(m.start(), m.group()) for m in _UNSEPARATED.finditer(text)]
    items: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for m in _MARKS.finditer(text):  # only brackets and separators change anything
        i, ch = m.start(), m.group()
        if ch in _LIST_OPENERS:
            depth += 1
        elif ch in _LIST_CLOSERS and depth:
            depth -= 1
        elif ch in SEPARATOR_CHARS and depth == 0:
            if i > start:
                items.append((start, text[start:i]))
            start = i + 1
    if start < len(text):
        items.append((start, text[start:]))
    return items


def _join_spaced_parts(text: str, items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join to the item before it an item a space alone separates from it that is a bracketed alias or
    a bare body: 市安委办 （工作专班办公室）, 各县区（开发区） 安委会 — a page's stray space, not a list."""
    if " " not in text:
        return items
    joined: list[tuple[int, str]] = []
    for start, item in items:
        if joined:
            prev_start, prev = joined[-1]
            gap = text[prev_start + len(prev) : start]
            if gap and not gap.strip() and (item[0] in OPENERS or SPACED_BODY.match(item)):
                joined[-1] = (prev_start, text[prev_start : start + len(item)])
                continue
        joined.append((start, item))
    return joined


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """Return ``(open, close)`` index pairs of balanced bracket groups; an unclosed one runs to the end."""
    groups: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _BRACKETS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in OPENERS:
            stack.append(i)
        elif ch in CLOSERS and stack:
            groups.append((stack.pop(), i))
    if stack:
        groups.append((stack[0], len(text)))
    groups.sort()
    return groups


class NameReader:
    """Reads the names of a list of units with an :class:`ActorRecognizer`."""

    def __init__(self, recognizer: ActorRecognizer) -> None:
        self.recognizer = recognizer
        self.known: set[str] = set()  # department names (folded) the document has written on their own

    def _known_parts(self, item: str) -> list[str] | None:
        """文化宣传股文化馆: return the known names an item is glued together from (two or more), if any."""
        if item in self.known or len(self.known) < 2:
            return None
        ways: dict[int, list[str]] = {0: []}  # end offset -> fewest known names covering item[:end]
        for start in range(len(item)):
            if start not in ways:
                continue
            for end in range(start + _MIN_KNOWN, len(item) + 1):
                piece = item[start:end]
                if piece in self.known and (end not in ways or len(ways[end]) > len(ways[start]) + 1):
                    ways[end] = [*ways[start], piece]
        parts = ways.get(len(item))
        return parts if parts and len(parts) >= 2 else None

    def _glued_names(self, item: str) -> list[tuple[int, int, str]] | None:
        """区文广旅游体育局区委宣传部蜀山街道: the names a table cell glued together (its line breaks
        lost), cut after name endings into as many pieces as are each a name; None unless two or more."""
        if len(item) < 2 * _MIN_GLUED_PART:
            return None
        cuts = [k + 1 for k, ch in enumerate(item) if ch in _GLUED_ENDS]
        best: dict[int, list[tuple[int, int, str]]] = {0: []}  # end -> most pieces covering item[:end]
        for end in cuts:
            for start in [b for b in best if end - b >= _MIN_GLUED_PART]:
                kind = self._glued_kind(item[start:end])
                if kind and (end not in best or len(best[end]) < len(best[start]) + 1):
                    best[end] = [*best[start], (start, end, kind)]
        found = best.get(len(item))
        return found if found and len(found) >= 2 else None

    def _glued_kind(self, piece: str) -> str | None:
        """The kind of one piece of a glued cell: a name, or a town or zone named by its own place."""
        kind = self.kind(piece)
        if kind is None and len(piece) <= _MAX_GLUED_PLACE and piece.endswith(_GLUED_PLACE_ENDS):
            return "dept"  # 瓜沥镇, 蜀山街道, 湘湖国家旅游度假区
        return kind

    def kind(self, name: str) -> str | None:
        """Return "dept", "generic" or None for one name (各县（市、区）政府 is read as 各县政府)."""
        if " " in name:  # a stray space inside a name: 各县区（开发区） 安委会
            name = name.replace(" ", "")
        name = _INNER.sub(lambda m: INNER_BRACKETS[m.group()], name)  # 各县<市、区>政府 is 各县(市、区)政府
        if "(" in name and LEVEL_LIST_IN_BRACKETS.search(name):
            return self.recognizer.kind(LEVEL_LIST_IN_BRACKETS.sub("", name))
        return self.recognizer.kind(name)

    def names(self, text: str, offset: int) -> Listing:
        """Return the names listed in ``text`` (offsets shifted by ``offset``)."""
        listing = Listing([])
        bare: list[tuple[int, str]] = []  # unrecognised short items waiting for a shared suffix
        items = _join_spaced_parts(text, split_items(text))
        k = 0
        while k < len(items):
            i_start, item = items[k]
            k += 1
            found, rest_unknown = self._item(item, offset + i_start)
            if found and found[-1].kind == "generic" and _GENERIC_OPENER.search(item):
                # 各区、县级市政府: the kinds after 各 are one actor with it
                while k < len(items) and KIND_CONTINUATION.match(items[k][1]):
                    i_end = items[k][0] + len(items[k][1])
                    found[-1] = Name(found[-1].start, offset + i_end, "generic")
                    k += 1
            if rest_unknown and not found and OFFICIAL.search(item):
                listing.officials = True
                continue
            if rest_unknown and not found and SHORT_PLACE.match(item):
                bare.append((offset + i_start, item))
                continue
            if bare and len(found) == 1 and found[0].kind == "dept":
                shared = self._shared_suffix(bare, item, offset + i_start)
                if shared:
                    listing.names.extend(shared)
                    bare = []
            listing.unknown = listing.unknown or bool(bare) or rest_unknown
            bare = []
            listing.names.extend(found)
        listing.unknown = listing.unknown or bool(bare)
        _share_zone_body(listing.names, text, offset)
        return listing

    def _shared_suffix(self, bare: list[tuple[int, str]], last: str, last_offset: int) -> list[Name]:
        """济南、青岛、烟台市政府: give each bare place the suffix written once after the last one.

        A bare item that is a whole place already (银川市) takes the suffix after its level
        (银川市人民政府); bare items of the last one's place length take what follows it
        (广东、深圳、珠海检验检疫局).
        """
        m = SUFFIX_AFTER_PLACE.match(last)
        lengths = {len(place) for _, place in bare}
        if m:
            cut = m.end(1)
        elif len(lengths) == 1 and not last[: min(lengths)].endswith(ORG_NAME_ENDINGS):
            cut = min(lengths)
        else:
            return []
        names = []
        for o, place in bare:
            skip = 1 if place[-1] in LEVEL_CHARS and last[cut] in LEVEL_CHARS else 0
            if self.recognizer.kind(place + last[cut + skip :]) != "dept":
                return []
            names.append(
                Name(o, o + len(place), "dept", suffix=(last_offset + cut + skip, last_offset + len(last)))
            )
        return names

    def _item(self, item: str, offset: int) -> tuple[list[Name], bool]:
        """Names in one listed item: ``X等相关部门`` gives X; ``X及Y`` gives both when both are names."""
        et = ET_CETERA.search(item)
        if et:
            head, tail = item[: et.start()], item[et.end() :]
            # 区农业农村局、等区政府有关部门: a stray 、 before 等 leaves the category an item of its own
            names, unknown = self._item(head, offset) if head else ([], False)
            # after 等 comes the category the list belongs to (相关部门); a name after a conjunction stands
            conj = CONJUNCTIONS.search(tail)
            category = tail[: conj.start()] if conj else tail
            unknown = unknown or not CATEGORY.match(category)  # X等地全面推行…: not a list of actors
            if conj:
                more, more_unknown = self._item(tail[conj.end() :], offset + et.end() + conj.end())
                return names + more, unknown or more_unknown
            return names, unknown
        joined = JOINED_BODY.match(item)
        if joined and self.kind(joined.group(1)):  # 各县（市、区）党委和人民政府: one actor
            return [Name(offset, offset + len(item), self.kind(joined.group(1)) or "dept")], False
        for conj in CONJUNCTIONS.finditer(item):
            left, right = item[: conj.start()], item[conj.end() :]
            if not left or not right:
                continue
            left_names, left_unknown = self._item(left, offset)
            right_names, right_unknown = self._item(right, offset + conj.end())
            if left_names and right_names and not left_unknown and not right_unknown:
                return left_names + right_names, False
        parts = self._known_parts(item)
        if parts:
            starts = [offset + sum(len(p) for p in parts[:k]) for k in range(len(parts))]
            return [Name(s, s + len(p), "dept") for s, p in zip(starts, parts, strict=True)], False
        kind = self.kind(item)
        if kind:
            return [Name(offset, offset + len(item), kind)], False
        glued = self._glued_names(item)
        if glued:
            return [Name(offset + a, offset + b, k) for a, b, k in glued], False
        alias = ALIAS.match(item)
        if alias and self.recognizer.kind(alias.group(1).strip()) == "dept":
            return [Name(offset, offset + len(item), "dept")], False
        return [], True
