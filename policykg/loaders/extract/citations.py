"""Titles cited in 《》, the role the citing text gives each, and the legal form of what is cited.

Roles, by the verb that governs the title: basis (根据/依据/按照 …, or a 依据： field), implements
(贯彻/落实/执行 …), produces (制定/出台/编制 …, or a title followed directly by who is to draft it),
mentions (anything else). A title whose opening 《 was lost in extraction is recovered back to the verb
or punctuation before it.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.model import Citation
from policykg.loaders.extract.vocabulary import LEGAL_FORMS, NATIONAL_FORMS, alternation
from policykg.text.mapped_text import MappedText

BASIS = r"根据|依据|按照|依照|遵照|遵循|依托|对标"
IMPLEMENTS = r"贯彻落实|贯彻执行|宣传贯彻|学习贯彻|深入贯彻|贯彻实施|落实好|严格执行|贯彻|落实|执行|实施|对照|宣贯|学习"
PRODUCES = r"研究制定|制定出台|制定|出台|编制|修订|修改|发布|印发|起草|拟定|制订|形成|完善"
_VERB = re.compile(rf"({BASIS}|{IMPLEMENTS}|{PRODUCES})")
_BASIS, _IMPLEMENTS, _PRODUCES = (re.compile(rf"^(?:{p})$") for p in (BASIS, IMPLEMENTS, PRODUCES))
_BETWEEN_TITLES = re.compile(r"^[、,，和及与以及或\s]*$")
# longest first, so 实施方案 is read before 方案
_FORMS = tuple(sorted(LEGAL_FORMS, key=len, reverse=True))
_TRAILING_PARENS = re.compile(r"(?:[(（][^()（）]*[)）])+$")
_LOST_OPENING_STOP = re.compile(r"[。;；,，:：、]")
_MIN_LOST_TITLE = 4  # fewer characters before a lone 》 are no title


def legal_form(title: str) -> str | None:
    """Return the form of a cited document from its title (条例, 办法, 方案 …), or None.

    >>> legal_form("江苏省优化营商环境条例")
    '条例'
    >>> legal_form("连云港市打造公平有序的市场环境实施方案（2022—2024年）")
    '实施方案'
    """
    core = _TRAILING_PARENS.sub("", title.strip())
    for form in _FORMS:
        if core.endswith(form):
            return form
    return None


_MODIFIERS = re.compile(r"新修订的|修订后的|新出台的|新制定的|新发布的|已出台的|已发布的")
_COORDINATED = re.compile(r"^[和及并与、]$")


_NATIONAL = re.compile(r"^(?:中华人民共和国|国务院|国家|全国|中共中央|中央|最高人民法院|最高人民检察院)")
_PROVINCE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区)|省委|省政府|省人民政府)")
_COUNTY = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}?(?:县|区|旗)|县委|县政府|县人民政府)")
_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}?(?:市|自治州|州|盟)|市委|市政府|市人民政府)(?!场)")
# a title ending in a law's or regulation's form: 优化营商环境条例
_NATIONAL_FORMS = re.compile(rf"(?:{alternation(NATIONAL_FORMS)})$")


def basis_level(title: str) -> str | None:
    """Return the level a cited document comes from, read from its title, or None when unsaid.

    A law or regulation named without a place (优化营商环境条例) is national: local ones carry theirs.

    >>> [basis_level(t) for t in ("优化营商环境条例", "江苏省优化营商环境条例", "灌南县优化营商环境政策100条")]
    ['national', 'provincial', 'county']
    """
    core = _TRAILING_PARENS.sub("", title.strip())
    if _NATIONAL.match(core):
        return "national"
    if _PROVINCE.match(core):
        return "provincial"
    if _COUNTY.match(core):
        return "county"
    if _CITY.match(core):
        return "municipal"
    if len(core) > 4 and _NATIONAL_FORMS.search(core) and not core.startswith("关于"):
        return "national"
    return None


def _role(before: str) -> str:
    before = _MODIFIERS.sub("", before)
    verbs = list(_VERB.finditer(before))
    if not verbs:
        return "mentions"
    last = verbs[-1]
    # 制定和落实《X》: coordinated verbs; the first says what happens to X first
    while len(verbs) > 1 and _COORDINATED.match(before[verbs[-2].end() : last.start()] or "x"):
        verbs.pop()
        last = verbs[-1]
    verb = last.group(0)
    if _BASIS.match(verb):
        return "basis"
    if _PRODUCES.match(verb):
        return "produces"
    return "implements"


def _title_brackets(folded: str) -> list[tuple[int, int, int, int]]:
    """Return ``(open, close, title start, title end)`` of each outermost 《…》, and of each 》 whose
    《 was lost (its title read back to the previous stop or verb)."""
    found: list[tuple[int, int, int, int]] = []
    depth_open: list[int] = []
    for i, ch in enumerate(folded):
        if ch == "《":
            depth_open.append(i)
        elif ch == "》":
            if depth_open:
                o = depth_open.pop()
                if not depth_open:
                    found.append((o, i, o + 1, i))
            else:  # the opening bracket was lost: read back to the previous stop or verb
                start = i
                while (
                    start > 0
                    and not _LOST_OPENING_STOP.match(folded[start - 1])
                    and folded[start - 1] != "》"
                ):
                    start -= 1
                verbs = list(_VERB.finditer(folded, start, i))
                verb = verbs[-1] if verbs else None
                title_start = verb.end() if verb else start
                if i - title_start >= _MIN_LOST_TITLE:
                    found.append((title_start, i, title_start, i))
    return found


def find_citations(body: MappedText, folded: str, clause_spans: list[tuple[int, int]] = ()) -> list[Citation]:
    """Return the titles cited in ``body`` with their roles, in text order.

    ``clause_spans`` are the folded-text spans of responsibility clauses: a title right before one
    (《X》（市自然资源局牵头负责）) is a document the measure produces.
    """
    found = _title_brackets(folded)
    citations: list[Citation] = []
    run_start = 0  # index in ``citations`` of the first title of the current run (《A》《B》和《C》)
    previous_end = 0
    last_role = "mentions"
    for open_at, close_at, t_start, t_end in found:
        title = re.sub(r"\s+", "", body.written(t_start, t_end))
        if not title:
            continue
        between = folded[previous_end:open_at]
        if citations and _BETWEEN_TITLES.match(between):
            role = last_role  # 《A》《B》和《C》 share the verb before 《A》
        else:
            _close_run(citations, run_start, folded, previous_end)
            run_start = len(citations)
            sentence_start = max(folded.rfind(p, 0, open_at) for p in "。;；,，\n") + 1
            prefix = folded[sentence_start:open_at]
            role = "basis" if re.search(r"依据\s*:$", prefix) else _role(prefix)
        after = folded[close_at + 1 : close_at + 3]
        if role == "mentions" and after.startswith("(") and any(s == close_at + 1 for s, _ in clause_spans):
            role = "produces"
        citations.append(
            Citation(
                title=title,
                role=role,
                form=legal_form(title),
                span=body.span(open_at, close_at + 1),
                level=basis_level(title),
            )
        )
        previous_end = close_at + 1
        last_role = role
    _close_run(citations, run_start, folded, previous_end)
    return citations


_ISSUED_AFTER = re.compile(r"^[^。;；]{0,24}?(?:印发|发布|出台|下发)")
_IMPLEMENTED_AFTER = re.compile(r"^的?(?:贯彻落实|贯彻执行|贯彻实施|宣传贯彻|落实|实施|执行)")


def _close_run(citations: list[Citation], run_start: int, folded: str, run_end: int) -> None:
    """Titles whose verb comes after them: 现将《A》印发给你们 (produces), 抓好《A》的贯彻落实 (implements)."""
    run = citations[run_start:]
    if not run or any(c.role != "mentions" for c in run):
        return
    after = folded[run_end:]
    role = (
        "implements"
        if _IMPLEMENTED_AFTER.match(after)
        else "produces"
        if _ISSUED_AFTER.match(after)
        else None
    )
    for c in run if role else ():
        c.role = role
