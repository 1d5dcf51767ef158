"""What a heading paragraph or a labelled line is: a task, a title sentence, a whole label value.

Text tests the outline (:mod:`policykg.loaders.extract.document_state`) asks of the lines it joins.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.lines import FIELD_LABEL, Line
from policykg.loaders.extract.vocabulary import LEAD, ORG_NAME_ENDINGS, RESPONSIBLE, alternation
from policykg.text.folding import fold

# a bracketed clause giving a role (or one the text's end cuts): （分管副省长负责，省发展改革委牵头，…）
_ROLE_CLAUSE = re.compile(rf"\([^()]*(?:{alternation((LEAD.zh, RESPONSIBLE.zh))})[^()]*(?:\)|$)")
# a line opening with a short label of any kind (分管省领导：, 监督方式：): it ends the line before it
ANY_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}:")
# how a whole label value ends (配合单位：市发改委); a value a PDF line break cuts (县自然资) does not
_VALUE_END = frozenset(ORG_NAME_ENDINGS) | frozenset("。;；)）府位门前底日月年成")
# a short first sentence that titles a heading's paragraph: （一）优化审批流程。…
TITLE_SENTENCE = re.compile(r"^(?:\*\*)?([^。;!?；！？]{2,40}?)[。.](?:\*\*)?")
# a short phrase closed by 。 opening a measure's text: its title
_LEADING_TITLE = re.compile(r"^([^。;,，、:()《》]{2,30})。")
# one bracketed clause, with one level of brackets inside, and a stop after it
_LONE_CLAUSE = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)[。.]?")
_MIN_TASK_PARAGRAPH = 30  # characters a heading paragraph without a title sentence needs to be a task
_MIN_TASK_AFTER_TITLE = 10  # characters after a heading's title sentence that make it a task
_MIN_TEXT_AFTER_TITLE = 4  # characters after a leading title that make it a title, not the whole text


def is_label_line(line: Line) -> bool:
    """True for a line opening with a label: a role or time field (牵头单位：), or any short one (分管省领导：)."""
    compact = line.compact
    return bool(FIELD_LABEL.match(compact) or ANY_LABEL.match(compact))


def value_is_whole(line: Line) -> bool:
    """True when a labelled line's value ends whole (配合单位：市发改委): the next line is no part of it
    (a value a PDF line break cuts, 责任单位：县自然资, goes on)."""
    return line.folded.rstrip(" *")[-1:] in _VALUE_END


def assigns_units(body: str) -> bool:
    """True when a heading paragraph gives units a role: a labelled line (责任单位：) under a target
    heading, or a bracketed clause (…牵头) even in a 总体要求 paragraph: it is a task then."""
    folded = fold(body)
    return any(FIELD_LABEL.match(line.strip()) for line in folded.split("\n")[1:]) or bool(
        _ROLE_CLAUSE.search(folded)
    )


def has_task_text(body: str) -> bool:
    """True when a heading paragraph says more than its own title."""
    sentence = TITLE_SENTENCE.match(fold(body))
    if sentence is None:  # no short title sentence: a paragraph that is task text from its first word
        return len(re.sub(r"\s", "", body)) >= _MIN_TASK_PARAGRAPH and bool(re.search(r"[，,；;。]", body))
    return len(re.sub(r"\s", "", body[sentence.end() :])) >= _MIN_TASK_AFTER_TITLE


def leading_title(body: str) -> str | None:
    """Return the short phrase before the first 。 when more task text follows it."""
    folded = fold(body)
    m = _LEADING_TITLE.match(folded)
    if not m:
        return None
    rest = folded[m.end() :].strip()
    rest = _LONE_CLAUSE.sub("", rest)  # a lone clause is no task text
    if len(rest) < _MIN_TEXT_AFTER_TITLE:
        return None
    return body[: m.end(1)].strip()
