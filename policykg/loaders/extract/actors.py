"""Recognise departments and generic actors by the shape of their names, with a spaCy pipeline.

The default pipeline is ``spacy.blank("zh")`` (one token per character) with an EntityRuler whose
patterns (:func:`actor_patterns`, built from :mod:`policykg.loaders.extract.vocabulary`) describe the
shape of an organisation name — a name ending in 局, 委, 办, 中心, 公司 … — and of a non-specific
actor (各…, …相关部门); a last rule-based component
re-labels names that are non-specific. No list of department names is involved, so a notice from any
city or county works.

A user with a trained Chinese model can pass their own ``nlp``: any entity labelled ``ORG`` or
``DEPT`` that covers a listed name counts as a department, ``GENERIC`` as a generic actor.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.loaders.extract.vocabulary import (
    ALL_CUES,
    BY_DUTY,
    EACH,
    GENERIC_BODIES,
    GENERIC_MARKS,
    GENERIC_QUALIFIERS,
    LEVEL_BODIES,
    LEVEL_WORDS,
    ORG_NAME_ENDINGS,
    ORG_NAME_WORD_ENDINGS,
    PLACE_CHARS,
    UNNAMED_ZONES,
    WHOLE_AREA,
    ZONE_ENDINGS,
    alternation,
)

if TYPE_CHECKING:
    from spacy.language import Language

DEPT_LABELS = frozenset({"DEPT", "ORG"})
GENERIC_LABEL = "GENERIC"
GENERIC_MARKERS = re.compile(alternation(GENERIC_MARKS))
# Role words: a span holding one is a clause fragment, not a name.
NOT_A_NAME = re.compile(alternation((*ALL_CUES, BY_DUTY)))
# how a non-specific actor ends: a category of bodies (部门, 单位 …) or of places (各镇, 各县区（板块）)
_MAX_AFTER_EACH = 6  # 各管委会, 各重点国企: what may stand between 各 and an organisation ending
GENERIC_END = re.compile(
    rf"(?:{alternation(GENERIC_BODIES)}|[{PLACE_CHARS}]|[)）])$"
    rf"|{EACH}[^{EACH}]{{0,{_MAX_AFTER_EACH}}}[{''.join(ORG_NAME_ENDINGS)}]$"
)
# a body named by levels alone (乡镇人民政府, 县市区政府), a zone with no name (开发园区) or the zones a
# level runs directly (市直园区管委会): a kind of body
_LEVELS = [w for w in LEVEL_WORDS if w not in UNNAMED_ZONES]
UNNAMED_BODY = re.compile(
    rf"^(?:(?:{alternation(_LEVELS)}){{2,}}|{alternation(w for w in _LEVELS if len(w) > 1)})"
    rf"(?:{alternation(LEVEL_BODIES)})$|^(?:{alternation(UNNAMED_ZONES)})$"
    rf"|^[省市县区]直(?:{alternation(UNNAMED_ZONES)})(?:{alternation(LEVEL_BODIES)})?$"
)
# one character of a name, and one that may also be a bracket (各县区（板块）)
_NAME_CHAR = '^[\\u3400-\\u9fff“”"‘’·]$'
_NAME_OR_BRACKET_CHAR = '^[\\u3400-\\u9fff“”"‘’·()（）]$'
_EACH_LEVELS = ("省", "市", "县", "区", "镇", "乡", "州")  # 市各部门, 县各镇
_EACH_KINDS = ("直", "属", "级")  # 市直各部门, 市属各单位, 市级各部门
_MIN_NAME, _MAX_NAME = 2, 40  # the lengths a department name may have
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
            if NOT_A_NAME.search(text) and not (ent.label_ == GENERIC_LABEL and GENERIC_END.search(text)):
                continue
            if ent.label_ in DEPT_LABELS and (GENERIC_MARKERS.search(text) or UNNAMED_BODY.match(text)):
                ent = doc.char_span(ent.start_char, ent.end_char, label=GENERIC_LABEL)
            if ent.label_ == GENERIC_LABEL and not GENERIC_END.search(text):
                continue  # 配合水电气相关部门完成联动过户 is a task, not an actor
            ents.append(ent)
        doc.ents = filter_spans(ents)
        return doc


def actor_patterns() -> list[dict[str, Any]]:
    """Return the EntityRuler patterns for the shape of department names and non-specific actors."""
    name_chars = {"TEXT": {"REGEX": _NAME_CHAR}, "OP": "+"}
    ending_in = {"TEXT": {"REGEX": _NAME_OR_BRACKET_CHAR}, "OP": "+"}
    patterns: list[dict[str, Any]] = [
        {
            "label": "DEPT",
            "id": "organisation-name",
            "pattern": [name_chars, {"TEXT": {"IN": list(ORG_NAME_ENDINGS)}}],
        },
        *(
            {
                "label": "DEPT",
                "id": f"organisation-name-{ending}",  # 市创城工作专班
                "pattern": [name_chars, *({"TEXT": ch} for ch in ending)],
            }
            for ending in ORG_NAME_WORD_ENDINGS
        ),
        {
            "label": "DEPT",
            "id": "development-zone",
            "pattern": [name_chars, {"TEXT": {"IN": list(ZONE_ENDINGS)}}, {"TEXT": "区"}],
        },
        {
            "label": GENERIC_LABEL,
            "id": "each-of-a-kind",
            "pattern": [
                {"TEXT": {"IN": list(_EACH_LEVELS)}, "OP": "?"},
                {"TEXT": {"IN": list(_EACH_KINDS)}, "OP": "?"},
                {"TEXT": EACH},
                ending_in,
            ],
        },
        {
            "label": GENERIC_LABEL,
            "id": "each-of-a-body",  # 全县各乡镇, 全区经济运行各专班, 市政府各部门, 县委各部门
            "pattern": [
                {"TEXT": WHOLE_AREA, "OP": "?"},
                {"TEXT": {"IN": list(_EACH_LEVELS)}},
                {"TEXT": {"REGEX": _NAME_CHAR}, "OP": "*"},
                {"TEXT": EACH},
                ending_in,
            ],
        },
    ]
    for qualifier in GENERIC_QUALIFIERS:
        patterns.append(
            {
                "label": GENERIC_LABEL,
                "id": f"unnamed-{qualifier}",
                "pattern": [
                    {"TEXT": {"REGEX": _NAME_CHAR}, "OP": "*"},
                    *({"TEXT": ch} for ch in qualifier),
                    ending_in,
                ],
            }
        )
    return patterns


def build_actor_pipeline() -> Language:
    """Return the default rule-based pipeline: blank Chinese, shape patterns, generic-actor rules."""
    import spacy

    _register_component()
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "TEXT"})
    ruler.add_patterns(actor_patterns())
    nlp.add_pipe(_COMPONENT)
    return nlp


class ActorRecognizer:
    """Tells whether a listed name is a department, a generic actor, or neither.

    Names are passed in their folded form (:func:`policykg.text.folding.fold`), so Traditional and
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

    def __enter__(self) -> ActorRecognizer:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _kind(self, name: str) -> str | None:
        """Return "dept", "generic" or None for a name standing on its own."""
        name = name.strip()
        if not _MIN_NAME <= len(name) <= _MAX_NAME:
            return None
        doc = self.nlp(name)
        for ent in doc.ents:
            if ent.start_char == 0 and ent.end_char == len(name):
                if ent.label_ == GENERIC_LABEL:
                    return "generic"
                if ent.label_ in DEPT_LABELS:
                    return "generic" if GENERIC_MARKERS.search(name) or UNNAMED_BODY.match(name) else "dept"
        return None


@lru_cache(maxsize=1)
def default_recognizer() -> ActorRecognizer:
    """Return the shared recognizer with the default pipeline."""
    return ActorRecognizer()


def _cache_key() -> str:
    """Return a digest of everything that decides a name's kind: patterns, rules, spaCy's version."""
    digest = hashlib.sha256()
    digest.update(json.dumps(actor_patterns(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for part in (
        GENERIC_MARKERS.pattern,
        GENERIC_END.pattern,
        UNNAMED_BODY.pattern,
        NOT_A_NAME.pattern,
        ",".join(sorted(DEPT_LABELS)),
        metadata.version("spacy"),
    ):
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """Return where the name cache lives: ``$POLICYKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/policykg``."""
    if os.environ.get("POLICYKG_CACHE_DIR"):
        return Path(os.environ["POLICYKG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policykg"


class CachedRecognizer(ActorRecognizer):
    """The default recognizer, remembering on disk the kind of every name it has classified.

    The cache file is named after a digest of the patterns, the rules and spaCy's version, so any
    change to them starts a new cache; names are classified by the same pipeline either way, and
    spaCy is only imported when a name is new. Use it as a context manager: the cache is written,
    atomically, on exit.
    """

    MAX_ENTRIES = 500_000

    def __init__(self, cache_dir: str | os.PathLike[str] | None = None) -> None:
        super().__init__(None)
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = folder / f"actor-kinds-{_cache_key()}.json"
        self._known: dict[str, str | None] = {}
        self._new = 0
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._known = {k: v for k, v in loaded.items() if v in (None, "dept", "generic")}
        except (OSError, ValueError):
            pass

    def _kind(self, name: str) -> str | None:
        if name in self._known:
            return self._known[name]
        kind = super()._kind(name)
        if len(self._known) < self.MAX_ENTRIES:
            self._known[name] = kind
            self._new += 1
        return kind

    def save(self) -> None:
        """Write the cache if new names were classified (a failure to write is not an error)."""
        if not self._new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".actor-kinds-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._known, f, ensure_ascii=False)
            os.replace(tmp, self.path)
            self._new = 0
        except OSError:
            pass

    def __enter__(self) -> CachedRecognizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.save()


def recognizer_from_environment() -> ActorRecognizer:
    """Return the recognizer a build should use, to be used as a context manager.

    A :class:`CachedRecognizer` in :func:`default_cache_dir`, or a plain one when
    ``$POLICYKG_NO_CACHE`` is set to anything but ``0``.
    """
    if os.environ.get("POLICYKG_NO_CACHE", "") not in ("", "0"):
        return ActorRecognizer()
    return CachedRecognizer()
