"""Departments a measure names as the subject of an action: ``县营商办将及时受理…``.

Used only for measures that name no one in a responsibility clause.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.actors import ActorRecognizer
from policykg.loaders.extract.model import Actor, Assignment, Clause
from policykg.loaders.extract.vocabulary import NOT_ACTING_ENDINGS, ORG_NAME_ENDINGS
from policykg.text.mapped_text import MappedText

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
