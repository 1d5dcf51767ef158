"""Responsibility clauses: who leads a measure, who is responsible, who cooperates.

Recognised forms (on the folded text, so widths and Traditional characters do not matter):

- bracketed clauses at the end of a sub-task: ``（市市场监管局、市政务办牵头负责）``,
  ``（市司法局牵头，市相关部门及各县区（板块）按职责分工负责）``, ``〔牵头单位：X；责任单位：Y〕``;
- labelled fields, in brackets or on lines of their own: ``牵头单位：``, ``责任单位：``, ``责任部门：``,
  ``配合单位：``, ``参与单位：``, ``协办单位：``;
- a sentence made only of names and role words: ``市发改委牵头，市财政局配合。``;
- in headings: ``一、开办企业（责任部门：县行政审批局）``, ``（由X牵头实施）``.

Roles: 牵头 / 牵头单位 → lead; 配合 / 参与 / 协办 → co; 负责 / 责任单位 → responsible, or co when the same
clause names a lead. Where a notice says the first-listed unit leads (列第一位者为牵头单位), the first
name of a 责任单位 list leads and the rest cooperate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.extract.model import Actor, Assignment, Clause
from policykg.loaders.extract.vocabulary import (
    ACTING_VERBS,
    ALL_CUES,
    BASIS_LABELS,
    CUE_ADVERBS,
    CUE_ENDINGS,
    DEADLINE_INLINE_LABELS,
    EACH,
    FIRST_LISTED_LEAD_NOTE,
    GENERIC_QUALIFIERS,
    NOT_ACTING_ENDINGS,
    ORG_NAME_ENDINGS,
    RESPONSIBLE,
    ROLE_FIELD_LABELS,
    ROLE_SHORT_LABELS,
    ROLES,
    alternation,
    cue_role,
)
from policykg.text.mapped_text import MappedText

OPENERS = {"(": ")", "〔": "〕", "[": "]"}
CLOSERS = {v: k for k, v in OPENERS.items()}
# a role word, a field label, or a bare label before a colon: 牵头, 责任单位, 责任：
CUE = re.compile(rf"{alternation(ALL_CUES + ROLE_FIELD_LABELS)}|(?:{alternation(ROLE_SHORT_LABELS)})\s*:")
# a labelled field, its label captured: 牵头单位：, 依据：, 完成时限：, 配合：
FIELD = re.compile(
    rf"({alternation(ROLE_FIELD_LABELS + BASIS_LABELS + DEADLINE_INLINE_LABELS + ROLE_SHORT_LABELS)})\s*:"
)
# the role a field label gives; "responsible*" is responsible, or co when the clause names a lead
FIELD_ROLES = {
    label: "responsible*" if role is RESPONSIBLE else role.key
    for role in ROLES
    for label in role.field_labels + role.short_labels
}
# the cue closing a list of names, with what may stand before and after it: 按职责分工负责, 牵头落实
TRAILING_CUE = re.compile(
    rf"(?:并|要)?(?:{alternation(CUE_ADVERBS)})?"
    rf"({alternation(ALL_CUES + ACTING_VERBS)})(?:{alternation(CUE_ENDINGS)})?$"
)
_MAX_BARE_CLAUSE = 120  # a longer unlabelled sentence is a task, not a list of names and roles
LEADING_NOISE = re.compile(r"^(?:由|请|各由|会同)")
ITEM_SEPARATORS = re.compile(r"[、/／\s]+")
CONJUNCTIONS = re.compile(r"以及|及|和|与|会同|并")
ET_CETERA = re.compile(r"等")
# a name with something in brackets after it: 县发改委（县信用办）, 市财政局（牵头）
ALIAS = re.compile(r"^(.+?)\(([^()]+)\)$")
# what may follow 等 in a list of actors: 等相关部门, 等市有关单位, 等部门
CATEGORY = re.compile(
    rf"^[省市县区]?(?:{alternation((EACH, *GENERIC_QUALIFIERS))})?(?:部门|单位|机构|方面)?(?:单位)?$"
)
SHORT_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
SUFFIX_AFTER_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?=[省市县区州])")
FIRST_LISTED_LEADS = re.compile(FIRST_LISTED_LEAD_NOTE)


@dataclass
class _Name:
    start: int  # in the clause's folded text
    end: int
    kind: str
    suffix: tuple[int, int] | None = None  # a suffix written once for the list (济南、青岛、烟台市政府)


class ClauseParser:
    """Finds the responsibility clauses of a text and the role each names."""

    def __init__(self, recognizer: ActorRecognizer, first_listed_leads: bool = False) -> None:
        self.recognizer = recognizer
        self.first_listed_leads = first_listed_leads

    # -- finding clauses ---------------------------------------------------------------------------
    def find(self, body: MappedText, folded: str) -> list[Clause]:
        """Return the clauses in ``body`` (``folded`` is its matching view), in text order."""
        clauses: list[Clause] = []
        taken: list[tuple[int, int]] = []
        for start, end in _bracket_groups(folded):
            inner = folded[start + 1 : end]
            if not CUE.search(inner) or any(s <= start and end <= e for s, e in taken):
                continue
            clause = self.parse(body, folded, start + 1, end)
            if clause.assignments:
                clause.text = body.text[start : end + 1 if end < len(folded) else end]
                clause.span = body.span(start, min(end + 1, len(folded)))
                clauses.append(clause)
                taken.append((start, end))
        for start, end in _field_runs(folded, _sentences(folded)):
            if any(s < end and start < e for s, e in taken):
                continue  # a sentence holding a bracketed clause is the task it assigns, not a clause
            sentence = folded[start:end]
            if FIELD.match(sentence.lstrip()) and CUE.search(sentence):
                clause = self.parse(body, folded, start, end)
            elif CUE.search(sentence) and len(sentence) <= _MAX_BARE_CLAUSE:
                clause = self.parse(body, folded, start, end, strict=True)
            else:
                continue
            if clause.assignments:
                clauses.append(clause)
        clauses.sort(key=lambda c: c.span[0])
        return clauses

    # -- parsing one clause ------------------------------------------------------------------------
    def parse(self, body: MappedText, folded: str, start: int, end: int, strict: bool = False) -> Clause:
        """Return the clause ``folded[start:end]`` with its role assignments (none if it names no one).

        With ``strict``, every comma-separated part must be names and role words only.
        """
        content = folded[start:end]
        fields = list(FIELD.finditer(content))
        groups: list[tuple[int, int, str | None]] = []  # (start, end, default role) in content
        if fields:
            if fields[0].start() > 0:
                groups.append((0, fields[0].start(), None))
            for k, f in enumerate(fields):
                value_end = fields[k + 1].start() if k + 1 < len(fields) else len(content)
                label = f.group(1)
                if label in FIELD_ROLES:
                    groups.append((f.end(), value_end, FIELD_ROLES[label]))
        else:
            groups.append((0, len(content), None))
        raw: list[tuple[str, _Name, bool]] = []  # (role or "responsible*", name, from a 责任单位 list)
        for g_start, g_end, default in groups:
            parsed = self._role_chunks(content, g_start, g_end, default, strict)
            if parsed is None:
                return Clause(body.text[start:end], body.span(start, end))
            listed = default == "responsible*" and self.first_listed_leads
            raw.extend((role, name, listed) for role, name in parsed)
        # 市发展改革委（牵头）、市财政局: a role written in brackets after a name
        marked = []
        for role, name, listed in raw:
            mark = ALIAS.match(content[name.start : name.end])
            cue = _marked_role(mark.group(2).strip()) if mark else None
            marked.append((cue or role, name, listed and cue is None))
        raw = marked
        has_lead = any(role == "lead" for role, _, _ in raw)
        assignments: list[Assignment] = []
        first_done = False
        for role, name, listed in raw:
            if listed and name.kind == "dept":
                role = "co" if first_done else "lead"
                first_done = True
            elif role == "responsible*":
                role = "co" if has_lead else "responsible"
            text = body.written(start + name.start, start + name.end)
            if name.suffix is not None:
                text += body.written(start + name.suffix[0], start + name.suffix[1])
            actor = Actor(name=text, kind=name.kind, span=body.span(start + name.start, start + name.end))
            alias = ALIAS.match(folded[start + name.start : start + name.end])
            if alias and name.kind == "dept" and self.recognizer.kind(alias.group(1)) == "dept":
                cut = start + name.start + len(alias.group(1))
                inner_is_name = self.recognizer.kind(alias.group(2)) == "dept"
                actor = Actor(
                    name=body.written(start + name.start, cut),
                    kind="dept",
                    span=body.span(start + name.start, cut),
                    aliases=(body.written(cut + 1, start + name.end - 1),) if inner_is_name else (),
                )
            assignments.append(Assignment(role, actor))
        return Clause(body.text[start:end], body.span(start, end), assignments)

    def _role_chunks(
        self, content: str, start: int, end: int, default: str | None, strict: bool
    ) -> list[tuple[str, _Name]] | None:
        """Split ``content[start:end]`` at commas into chunks; give each chunk's names their role."""
        out: list[tuple[str, _Name]] = []
        pending: list[_Name] = []
        last_role = default or "responsible*"
        pos = start
        for piece in re.split(r"([,;。.，；])", content[start:end]):
            p_start, pos = pos, pos + len(piece)
            if not piece or piece in ",;。.，；":
                continue
            text = piece.strip()
            offset = p_start + (len(piece) - len(piece.lstrip()))
            cue = TRAILING_CUE.search(text)
            names_text = text[: cue.start()] if cue else text
            lead_noise = LEADING_NOISE.match(names_text)
            skip = lead_noise.end() if lead_noise else 0
            names, unknown = self._names(names_text[skip:], offset + skip)
            if strict and (unknown or not names):
                return None
            if cue:
                role = _cue_role(cue.group(1), default)
                out.extend((role, n) for n in pending + names)
                pending = []
                last_role = role
            else:
                pending.extend(names)
        out.extend((default or last_role, n) for n in pending)
        return out

    def _names(self, text: str, offset: int) -> tuple[list[_Name], bool]:
        """Return the names listed in ``text`` and whether anything else was there."""
        names: list[_Name] = []
        unknown = False
        pos = 0
        bare: list[tuple[int, str]] = []  # unrecognised short items waiting for a shared suffix
        for item in ITEM_SEPARATORS.split(text):
            i_start = text.index(item, pos) if item else pos
            pos = i_start + len(item)
            if not item:
                continue
            found, rest_unknown = self._item(item, offset + i_start)
            if rest_unknown and not found and SHORT_PLACE.match(item):
                bare.append((offset + i_start, item))
                continue
            if bare and len(found) == 1 and found[0].kind == "dept":
                shared = self._shared_suffix(bare, item, offset + i_start)
                if shared:
                    names.extend(shared)
                    bare = []
            unknown = unknown or bool(bare) or rest_unknown
            bare = []
            names.extend(found)
        return names, unknown or bool(bare)

    def _shared_suffix(self, bare: list[tuple[int, str]], last: str, last_offset: int) -> list[_Name]:
        """济南、青岛、烟台市政府: give each bare place the suffix written once after the last one."""
        m = SUFFIX_AFTER_PLACE.match(last)
        if not m:
            return []
        suffix = last[m.end(1) :]
        span = (last_offset + m.end(1), last_offset + len(last))
        if all(self.recognizer.kind(place + suffix) == "dept" for _, place in bare):
            return [_Name(o, o + len(place), "dept", suffix=span) for o, place in bare]
        return []

    def _item(self, item: str, offset: int) -> tuple[list[_Name], bool]:
        """Names in one listed item: ``X等相关部门`` gives X; ``X及Y`` gives both when both are names."""
        et = ET_CETERA.search(item)
        if et and et.start() > 0:
            head, tail = item[: et.start()], item[et.end() :]
            names, unknown = self._item(head, offset)
            # after 等 comes the category the list belongs to (相关部门); a name after a conjunction stands
            conj = CONJUNCTIONS.search(tail)
            category = tail[: conj.start()] if conj else tail
            unknown = unknown or not CATEGORY.match(category)  # X等地全面推行…: not a list of actors
            if conj:
                more, more_unknown = self._item(tail[conj.end() :], offset + et.end() + conj.end())
                return names + more, unknown or more_unknown
            return names, unknown
        for conj in CONJUNCTIONS.finditer(item):
            left, right = item[: conj.start()], item[conj.end() :]
            if not left or not right:
                continue
            left_names, left_unknown = self._item(left, offset)
            right_names, right_unknown = self._item(right, offset + conj.end())
            if left_names and right_names and not left_unknown and not right_unknown:
                return left_names + right_names, False
        kind = self.recognizer.kind(item)
        if kind:
            return [_Name(offset, offset + len(item), kind)], False
        alias = ALIAS.match(item)
        if alias and self.recognizer.kind(alias.group(1)) == "dept":
            return [_Name(offset, offset + len(item), "dept")], False
        return [], True


_ACTING_ENDINGS = "".join(e for e in ORG_NAME_ENDINGS if e not in NOT_ACTING_ENDINGS)
# 县营商办将依规依纪依法及时受理: a department opening a clause and followed by what it will do
_ACTING_SUBJECT = re.compile(
    rf"(?:^|(?<=[,;。，；:：]))\s*([\u4e00-\u9fff“”]{{2,30}}?[{_ACTING_ENDINGS}])"
    r"(?=将|要|应当|应|须|对|负责|会同|牵头|统筹|组织|定期|及时|依法|按照)"
)


# a clause that opens with an action is no subject: 及时移交纪检监察机关…
_OPENS_WITH_ACTION = re.compile(
    r"^(?:及时|依法|积极|进一步|加快|加强|推进|推动|开展|建立|健全|完善|落实|组织|实施|移交|做好|强化|严格|全面|持续|认真|切实"
    r"|深化|优化|提升|提高|支持|鼓励|引导|督促|指导|配合|协助|会同|通过|依托|围绕|按照|根据)"
)


def acting_subjects(body: MappedText, folded: str, recognizer: ActorRecognizer) -> list[Clause]:
    """Return clauses for departments the text makes the subject of an action (县营商办将…).

    Used only for measures that name no one in a responsibility clause.
    """
    clauses: list[Clause] = []
    seen: set[str] = set()
    for m in _ACTING_SUBJECT.finditer(folded):
        name = m.group(1)
        if name in seen or _OPENS_WITH_ACTION.match(name) or recognizer.kind(name) != "dept":
            continue
        seen.add(name)
        start, end = m.span(1)
        end_of_clause = next((i for i in range(end, len(folded)) if folded[i] in ",;。，；"), len(folded))
        actor = Actor(name=body.written(start, end), kind="dept", span=body.span(start, end))
        clauses.append(
            Clause(
                body.text[start:end_of_clause],
                body.span(start, end_of_clause),
                [Assignment("responsible", actor)],
            )
        )
    return clauses


def _marked_role(cue: str) -> str | None:
    """Return the role a cue gives on its own (牵头 → lead, 配合 → co); None for 负责, which the
    clause around it decides."""
    role = cue_role(cue)
    return role.key if role is not None and role is not RESPONSIBLE else None


def _cue_role(cue: str, default: str | None) -> str:
    return _marked_role(cue) or default or "responsible*"


def _bracket_groups(text: str) -> list[tuple[int, int]]:
    """Return ``(open, close)`` index pairs of balanced bracket groups; an unclosed one runs to the end."""
    groups: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append(i)
        elif ch in CLOSERS and stack:
            groups.append((stack.pop(), i))
    if stack:
        groups.append((stack[0], len(text)))
    groups.sort()
    return groups


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of ``text`` (split at 。, ；, and line ends)."""
    spans = []
    start = 0
    for m in re.finditer(r"[。;；\n]", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _field_runs(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge consecutive sentences that each open with a labelled field (牵头单位：… 责任单位：…)."""
    merged: list[tuple[int, int]] = []
    for start, end in sentences:
        opens_field = bool(FIELD.match(text[start:end].lstrip()))
        if opens_field and merged and FIELD.match(text[merged[-1][0] : merged[-1][1]].lstrip()):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def says_first_listed_leads(text: str) -> bool:
    """True when a notice says the first unit of a list leads (列第一位者为牵头单位)."""
    return bool(FIRST_LISTED_LEADS.search(text))
