"""Responsibility clauses: who leads a measure, who is responsible, who cooperates.

Recognised forms (on the folded text, so widths and Traditional characters do not matter):

- bracketed clauses at the end of a sub-task: ``（市市场监管局、市政务办牵头负责）``,
  ``（市司法局牵头，市相关部门及各县区（板块）按职责分工负责）``, ``〔牵头单位：X；责任单位：Y〕``;
- a bare list of units closing a sentence, ``（市发改委、市财政局）``, or on a line of its own;
- labelled fields, in brackets or on lines of their own: ``牵头单位：``, ``责任单位：``, ``配合单位：``,
  ``牵头责任单位：``, ``协同责任单位：``, ``部门分工：X牵头，Y配合``;
- a sentence made only of names and role words: ``市发改委牵头，市财政局配合。``, or opening or
  closing with a chain of them: ``由分管副市长负责，市发改委牵头，相关部门配合，尽快完成…``;
- in headings: ``一、开办企业（责任部门：县行政审批局）``, ``（由X牵头实施）``, ``X牵头工作（8项）``.

Roles: 牵头 / 牵头单位 → lead; 配合 / 参与 / 参加 / 协办 → co; 负责 / 责任单位 / a bare list → responsible,
or co when the same clause names a lead. Under a declaration that the first-listed unit leads
(:mod:`policykg.loaders.extract.declared_leads`), a list of two or more departments that names no
lead gets its first department as lead and the others as co.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.extract.clause_fields import (
    CLAUSE_END,
    FIELD,
    closes_sentence,
    field_groups,
    field_runs,
    in_field_line,
    own_line,
    sentences,
)
from policykg.loaders.extract.declared_leads import LeadDeclaration, declaration_in, read_notes
from policykg.loaders.extract.model import Actor, Assignment, Clause
from policykg.loaders.extract.tables import cell_shape
from policykg.loaders.extract.unit_lists import ALIAS, Listing, Name, NameReader, bracket_groups
from policykg.loaders.extract.vocabulary import (
    ACTING_VERBS,
    ALL_CUES,
    CUE_ADVERBS,
    CUE_ENDINGS,
    DUTY_PHRASES,
    JOINT_VERBS,
    JOINT_WORDS,
    RESPONSIBLE,
    ROLE_FIELD_LABEL_PATTERN,
    ROLE_SHORT_LABELS,
    ROLE_WORK_WORDS,
    SCOPE_WORDS,
    alternation,
    cue_role,
)
from policykg.text.mapped_text import MappedText
from policykg.text.spans import SpanIndex

_DUTY = alternation(DUTY_PHRASES)
# a role word, a field label, 按职责分工, or a bare label before a colon: 牵头, 责任单位, 责任：
CUE = re.compile(
    rf"{ROLE_FIELD_LABEL_PATTERN}|{alternation(ALL_CUES + DUTY_PHRASES)}|(?:{alternation(ROLE_SHORT_LABELS)})\s*:"
)
# a spun or unknown verb after a role word, at the end of a clause: 牵头卖力 (not 负责人, 负责同志)
_SPUN_TAIL = r"(?![人的同])[\u4e00-\u9fff]{1,2}"
_WORK_TAIL = rf"的?(?:{alternation(ROLE_WORK_WORDS)})(?:\(\d+项\))?"  # 牵头工作（8项）
# the cue closing a list of names, with what may stand before and after it: 按职责分工分别牵头负责,
# 牵头落实, 负责本辖区落实, 牵头工作（8项）; or 按职责分工 and a verb of any kind (按职责分工卖力)
TRAILING_CUE = re.compile(
    rf"(?:并|要)?(?:{alternation(CUE_ADVERBS)})*"
    rf"(?:({alternation(ALL_CUES + ACTING_VERBS)})(?:{alternation(SCOPE_WORDS)})?"
    rf"(?:{alternation(CUE_ENDINGS)}|{_WORK_TAIL}|{_SPUN_TAIL})?"
    rf"|(?:{_DUTY})[\u4e00-\u9fff]{{0,3}})$"
)
_MAX_BARE_CLAUSE = 120  # a longer unlabelled sentence is a task, not a list of names and roles
_MIN_BARE_NAME = 3  # a lone shorter bracketed "name" (场所, 站点) is a common noun, not a unit
_MAX_BARE_NAME = 18  # a longer "name" in a list with no role word is a task that ends like one (…履行)
LEADING_NOISE = re.compile(r"^(?:由|请|各由|会同)")
# 由X会同Y等部门负责落实: X leads, Y co-operates (the lead and the co names captured)
JOINT = re.compile(
    rf"由(?P<lead>[^,，。;；由]{{2,40}}?)(?:{alternation(JOINT_WORDS)})(?P<co>[^,，。;；]{{2,160}}?)"
    rf"(?:等(?:有关|相关)?(?:部门|单位|方面))?(?:{alternation(JOINT_VERBS)})"
)
_TIME_HINT = re.compile(r"[\d年月底前内]|持续|长期|常态")  # what a time chunk holds: checked before its shape
JOINT_WORD = re.compile(alternation(JOINT_WORDS))  # 会同, 联合: the names before it lead
CHUNK_SPLIT = re.compile(r"([,;。.，；])")
_TITLE_END = re.compile(r"[,，。;；:：!！?？]")  # a title line has no sentence punctuation


class ClauseParser:
    """Finds the responsibility clauses of a text and the role each names.

    ``first_listed_leads``: the notice declares that the first listed unit leads, for every list. A
    declaration with 下同 inside a clause holds for the later texts passed to :meth:`find` until
    :meth:`start_document`.
    """

    def __init__(self, recognizer: ActorRecognizer, first_listed_leads: bool = False) -> None:
        self.recognizer = recognizer
        self.reader = NameReader(recognizer)
        self.first_listed_leads = first_listed_leads
        self.carried: LeadDeclaration | None = None

    def start_document(self) -> None:
        """Forget a declaration a clause of the previous document made for the items after it."""
        self.carried = None
        self.reader.known = set()

    # -- finding clauses ---------------------------------------------------------------------------
    def find(self, body: MappedText, folded: str, line_starts: Sequence[int] = ()) -> list[Clause]:
        """Return the clauses in ``body`` (``folded`` is its matching view), in text order.

        ``line_starts``: where lines of the source began that the outline joined into one (a title
        line before its paragraph); a chain of role chunks may open there.
        """
        clauses: list[Clause] = []
        taken: list[tuple[int, int]] = []
        reach = -1  # the furthest end taken: groups come by start, so a taken one reaching end holds this
        for start, end in bracket_groups(folded):
            if reach >= end:
                continue
            if CUE.search(folded[start + 1 : end]):
                clause = self.parse(body, folded, start + 1, end)
            elif closes_sentence(folded, end) and not in_field_line(folded, start):
                clause = self._bare_list(body, folded, start + 1, end)
            else:
                continue
            if clause.assignments:
                clause.text = body.text[start : end + 1 if end < len(folded) else end]
                clause.span = body.span(start, min(end + 1, len(folded)))
                clauses.append(clause)
                taken.append((start, end))
                reach = max(reach, end)
        taken_spans, line_starts = SpanIndex(taken), sorted(line_starts)
        for start, end in field_runs(folded, sentences(folded)):
            if taken_spans.overlaps(start, end):
                continue  # a sentence holding a bracketed clause is the task it assigns, not a clause
            inside = line_starts[bisect_right(line_starts, start) : bisect_left(line_starts, end)]
            titled = [b for b in inside if not _TITLE_END.search(folded[start:b])]
            clause = self._joint_clause(body, folded, start, end) if "由" in folded[start:end] else None
            if clause is None:
                clause = self._sentence_clause(body, folded, titled[-1] if titled else start, end)
            if titled and (clause is None or not clause.assignments):
                clause = self._sentence_clause(body, folded, start, end)
            if clause is not None and clause.assignments:
                clauses.append(clause)
        clauses.sort(key=lambda c: c.span[0])
        return clauses

    def _sentence_clause(self, body: MappedText, folded: str, start: int, end: int) -> Clause | None:
        """Return the clause one sentence states: a field, names and roles only, a chain at its
        start or end, or names alone on a line of their own or closing the item."""
        sentence = folded[start:end]
        if FIELD.match(sentence.lstrip()):
            return self.parse(body, folded, start, end) if CUE.search(sentence) else None
        if not CUE.search(sentence):
            if start > 0 and own_line(folded, start, end):
                return self._bare_list(body, folded, start, end)
            if start > 0 and not folded[end:].strip(
                CLAUSE_END + " "
            ):  # 。市商务局、市财政局 closing the item
                return self._bare_list(body, folded, start, end, min_names=2)
            return None
        if len(sentence) <= _MAX_BARE_CLAUSE:
            clause = self.parse(body, folded, start, end, strict=True)
            if clause.assignments:
                return clause
        for chain_start, chain_end in self._chains(folded, start, end):
            clause = self.parse(body, folded, chain_start, chain_end, strict=True)
            if clause.assignments:
                return clause
        return None

    def _joint_clause(self, body: MappedText, folded: str, start: int, end: int) -> Clause | None:
        """Return the clause of a sentence saying 由X会同Y负责 (X leads, Y co-operates), if it is one."""
        m = JOINT.search(folded, start, end)
        if m is None:
            return None
        lead = self.reader.names(m.group("lead"), m.start("lead") - start)
        co = self.reader.names(m.group("co"), m.start("co") - start)
        if lead.unknown or co.unknown or not lead.names or not co.names:
            return None
        assignments = [Assignment("lead", self._actor(body, folded, start, n)) for n in lead.names]
        assignments += [Assignment("co", self._actor(body, folded, start, n)) for n in co.names]
        return Clause(body.text[m.start() : m.end()], body.span(m.start(), m.end()), assignments)

    def _joint_names(self, text: str, skip: int, offset: int) -> tuple[list[Name], list[Name]] | None:
        """The names before and after 会同 in a chunk of names (X会同Y), if both sides are names only."""
        joint = JOINT_WORD.search(text, skip)
        if joint is None:
            return None
        left = self.reader.names(text[skip : joint.start()], offset + skip)
        right = self.reader.names(text[joint.end() :], offset + joint.end())
        if left.unknown or right.unknown or not left.names or not right.names:
            return None
        return left.names, right.names

    def _bare_list(self, body: MappedText, folded: str, start: int, end: int, min_names: int = 1) -> Clause:
        """Return the clause a list of units with no role word states (responsible), if every item
        is a name of a unit's length, at least ``min_names`` of them, and one is a department."""
        clause = self.parse(body, folded, start, end, strict=True)
        actors = [a.actor for a in clause.assignments]
        if (
            len(actors) < min_names
            or not any(a.kind == "dept" for a in actors)
            or any(len(a.name) > _MAX_BARE_NAME for a in actors)
            or (len(actors) == 1 and len(actors[0].name) < _MIN_BARE_NAME)  # 企业（场所）: a noun
        ):
            clause.assignments = []
        return clause

    def _chains(self, folded: str, start: int, end: int) -> list[tuple[int, int]]:
        """Return the spans of the role chunks opening and closing a sentence (由X负责，Y牵头，…)."""
        chunks = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^,，]+", folded[start:end])]
        kinds: list[str] = []
        for c_start, c_end in chunks:  # from the start, through the last chunk with a role word
            kind = self._chunk_kind(folded[c_start:c_end])
            if kind is None:
                break
            kinds.append(kind)
        spans = []
        if "cued" in kinds and len(kinds) < len(chunks):
            last = len(kinds) - 1 - kinds[::-1].index("cued")
            spans.append((chunks[0][0], chunks[last][1]))
        tail = 0  # from the end: the last chunk must carry the role word
        for k in range(len(chunks) - 1, -1, -1):  # chunks read above are not read again
            read = k <= len(kinds)  # the one after the last kind is the one that was not a chunk of names
            kind = (
                (kinds[k] if k < len(kinds) else None)
                if read
                else self._chunk_kind(folded[slice(*chunks[k])])
            )
            if kind is None or (tail == 0 and kind != "cued"):
                break
            tail += 1
        if 0 < tail < len(chunks):
            spans.append((chunks[-tail][0], chunks[-1][1]))
        return spans

    def _chunk_kind(self, chunk: str) -> str | None:
        """Return "cued" for names (or officials) with a role word, "names" for names alone, None
        for anything else."""
        text = chunk.strip()
        cue = TRAILING_CUE.search(text)
        names_text = text[: cue.start()] if cue else text
        noise = LEADING_NOISE.match(names_text)
        listing = self.reader.names(names_text[noise.end() if noise else 0 :], 0)
        if listing.unknown or not (listing.names or (cue and listing.officials)):
            return None
        return "cued" if cue else "names"

    # -- parsing one clause ------------------------------------------------------------------------
    def parse(self, body: MappedText, folded: str, start: int, end: int, strict: bool = False) -> Clause:
        """Return the clause ``folded[start:end]`` with its role assignments (none if it names no one).

        With ``strict``, every comma-separated part must be names and role words only.
        """
        notes = read_notes(folded[start:end])
        content = notes.text
        raw: list[tuple[str, Name]] = []  # (role or "responsible*", name)
        for g_start, g_end, default in field_groups(content):
            parsed = self._role_chunks(content, g_start, g_end, default, strict)
            if parsed is None:
                return Clause(body.text[start:end], body.span(start, end))
            raw.extend(parsed)
        raw = [(_bracket_mark(content, name) or role, name) for role, name in raw]
        declaration = (
            notes.declaration or self.carried or (LeadDeclaration() if self.first_listed_leads else None)
        )
        if notes.declaration is not None and notes.declaration.following:
            self.carried = notes.declaration
        roles = _resolve_roles(raw, declaration is not None)
        for w_start, w_end in notes.blanket:  # 以下各项均需X落实: X for this item
            listing = self.reader.names(folded[start + w_start : start + w_end], w_start)
            raw.extend(("responsible*", n) for n in listing.names)
            roles.extend("co" if "lead" in roles else "responsible" for _ in listing.names)
        assignments = [
            Assignment(role, self._actor(body, folded, start, name))
            for role, (_, name) in zip(roles, raw, strict=True)
        ]
        self.reader.known.update(folded[start + n.start : start + n.end] for _, n in raw if n.kind == "dept")
        return Clause(body.text[start:end], body.span(start, end), assignments)

    def _actor(self, body: MappedText, folded: str, start: int, name: Name) -> Actor:
        """Return the actor a name found in the clause at ``start`` denotes, labelled as written."""
        n_start, n_end = start + name.start, start + name.end
        text = body.written(n_start, n_end)
        span = body.span(n_start, n_end)
        if name.suffix is not None:  # 济南、青岛市政府: 济南, also written 济南市政府
            expanded = text + body.written(start + name.suffix[0], start + name.suffix[1])
            return Actor(name=text, kind=name.kind, span=span, aliases=(expanded,))
        alias = ALIAS.match(folded[n_start:n_end])
        if alias and name.kind == "dept" and self.recognizer.kind(alias.group(1)) == "dept":
            cut = n_start + alias.end(1)
            inner_is_name = self.recognizer.kind(alias.group(2)) == "dept"
            return Actor(
                name=body.written(n_start, cut),
                kind="dept",
                span=body.span(n_start, cut),
                aliases=(body.written(n_start + alias.start(2), n_start + alias.end(2)),)
                if inner_is_name
                else (),
            )
        return Actor(name=text, kind=name.kind, span=span)

    def _role_chunks(
        self, content: str, start: int, end: int, default: str | None, strict: bool
    ) -> list[tuple[str, Name]] | None:
        """Split ``content[start:end]`` at commas into chunks; give each chunk's names their role."""
        out: list[tuple[str, Name]] = []
        pending: list[Name] = []
        last_role = default or "responsible*"
        pos = start
        for piece in CHUNK_SPLIT.split(content[start:end]):
            p_start, pos = pos, pos + len(piece)
            text = piece.strip()
            if not text or piece in ",;。.，；":
                continue
            offset = p_start + (len(piece) - len(piece.lstrip()))
            cue = TRAILING_CUE.search(text)
            names_text = text[: cue.start()] if cue else text
            lead_noise = LEADING_NOISE.match(names_text)
            skip = lead_noise.end() if lead_noise else 0
            if not cue and _TIME_HINT.search(text) and cell_shape(text) == "deadline":
                continue  # （县教体局，持续推进）, （市发改委，6月底前）: the time, read by the deadline reader
            joint = self._joint_names(names_text, skip, offset) if cue else None
            if joint is not None:  # X会同Y负责: X leads, Y co-operates
                out.extend([("lead", n) for n in pending + joint[0]] + [("co", n) for n in joint[1]])
                pending, last_role = [], "lead"
                continue
            listing: Listing = self.reader.names(names_text[skip:], offset + skip)
            if strict and (listing.unknown or not (listing.names or (cue and listing.officials))):
                return None
            if cue:
                role = _cue_role(cue.group(1), default)
                out.extend((role, n) for n in pending + listing.names)
                pending = []
                last_role = role
            else:
                pending.extend(listing.names)
        out.extend((default or last_role, n) for n in pending)
        return out


def _bracket_mark(content: str, name: Name) -> str | None:
    """市发展改革委（牵头）: the role written in brackets after a name, if any."""
    mark = ALIAS.match(content[name.start : name.end])
    return _marked_role(mark.group(2).strip()) if mark else None


def _resolve_roles(raw: list[tuple[str, Name]], declared: bool) -> list[str]:
    """Return the final role of each name: "responsible*" is co beside a lead, else responsible;
    under a declaration, a list of two or more departments with no lead is led by its first."""
    has_lead = any(role == "lead" for role, _ in raw)
    listed = [i for i, (role, name) in enumerate(raw) if role == "responsible*" and name.kind == "dept"]
    led = set(listed) if declared and not has_lead and len(listed) >= 2 else set()  # first leads
    roles = []
    for i, (role, _name) in enumerate(raw):
        if i in led:
            role = "lead" if i == listed[0] else "co"
        elif role == "responsible*":
            role = "co" if has_lead else "responsible"
        roles.append(role)
    return roles


def _marked_role(cue: str) -> str | None:
    """Return the role a cue gives on its own (牵头 → lead, 配合 → co); None for 负责, which the
    clause around it decides."""
    role = cue_role(cue)
    return role.key if role is not None and role is not RESPONSIBLE else None


def _cue_role(cue: str | None, default: str | None) -> str:
    return (_marked_role(cue) if cue else None) or default or "responsible*"


def says_first_listed_leads(text: str) -> bool:
    """True when a notice says the first unit of a list leads (列第一位者为牵头单位)."""
    return declaration_in(text) is not None
