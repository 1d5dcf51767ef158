"""Recognise departments and generic actors by the shape of their names, with a spaCy pipeline.

The default pipeline is ``spacy.blank("zh")`` (one token per character) with an EntityRuler whose
patterns (``patterns/actors.jsonl``) describe the shape of an organisation name — a name ending in
局, 委, 办, 中心, 公司 … — and of a non-specific actor (各…, …相关部门); a last rule-based component
re-labels names that are non-specific. No list of department names is involved, so a notice from any
city or county works.

A user with a trained Chinese model can pass their own ``nlp``: any entity labelled ``ORG`` or
``DEPT`` that covers a listed name counts as a department, ``GENERIC`` as a generic actor.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEPT_LABELS = frozenset({"DEPT", "ORG"})
GENERIC_LABEL = "GENERIC"
GENERIC_MARKERS = re.compile(r"各|相关|有关|其他|其它|所属|涉及|等部门|等单位")
# Role words: a span holding one is a clause fragment, not a name.
NOT_A_NAME = re.compile(r"负责|牵头|配合|参与|按职责")
_COMPONENT = "policykg_actor_kinds"


def _register_component() -> None:
    from spacy.language import Language
    from spacy.util import filter_spans

    if Language.has_factory(_COMPONENT):
        return

    @Language.component(_COMPONENT)
    def actor_kinds(doc):  # type: ignore[no-untyped-def]
        """Label department-shaped spans that name no one in particular as GENERIC; drop non-names."""
        ents = []
        for ent in doc.ents:
            text = ent.text
            if NOT_A_NAME.search(text) and ent.label_ != GENERIC_LABEL:
                continue
            if ent.label_ in DEPT_LABELS and GENERIC_MARKERS.search(text):
                ent = doc.char_span(ent.start_char, ent.end_char, label=GENERIC_LABEL)
            ents.append(ent)
        doc.ents = filter_spans(ents)
        return doc


def build_actor_pipeline() -> Language:
    """Return the default rule-based pipeline: blank Chinese, shape patterns, generic-actor rules."""
    import spacy

    _register_component()
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "TEXT"})
    patterns = resources.files("policykg.loaders") / "patterns" / "actors.jsonl"
    import srsly

    ruler.add_patterns(list(srsly.read_jsonl(str(patterns))))
    nlp.add_pipe(_COMPONENT)
    return nlp


class ActorRecognizer:
    """Tells whether a listed name is a department, a generic actor, or neither.

    Names are passed in their folded form (:func:`policykg.loaders.folding.fold`), so Traditional and
    full-width spellings are recognised alike.
    """

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp
        self.kind = lru_cache(maxsize=65536)(self._kind)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline in use (built on first use)."""
        if self._nlp is None:
            self._nlp = build_actor_pipeline()
        return self._nlp

    def _kind(self, name: str) -> str | None:
        """Return "dept", "generic" or None for a name standing on its own."""
        name = name.strip()
        if not 2 <= len(name) <= 40:
            return None
        doc = self.nlp(name)
        for ent in doc.ents:
            if ent.start_char == 0 and ent.end_char == len(name):
                if ent.label_ == GENERIC_LABEL:
                    return "generic"
                if ent.label_ in DEPT_LABELS:
                    return "generic" if GENERIC_MARKERS.search(name) else "dept"
        return None


@lru_cache(maxsize=1)
def default_recognizer() -> ActorRecognizer:
    """Return the shared recognizer with the default pipeline."""
    return ActorRecognizer()
