"""Decode the bytes of a text source: byte-order marks, UTF-8, then detection (GB18030, Big5 …)."""

from __future__ import annotations

import codecs
import re

from policykg.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Tried in order when the bytes are not UTF-8 and detection is unsure: the encodings Chinese
# government sites publish in.
_FALLBACKS = ("gb18030", "big5")


def _looks_like_text(text: str) -> bool:
    """True when few characters are control characters (binary data decodes into many)."""
    if not text:
        return True
    bad = len(_CONTROL.findall(text)) + text.count("\ufffd")
    return bad <= max(2, len(text) // 200)


# (regular expressions: a Python loop over every character was a tenth of the parsing time)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\s]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _cjk_share(text: str) -> float:
    letters = len(_NON_ASCII_LETTER.findall(text))
    if not letters:
        return 1.0
    return len(_CJK.findall(text)) / letters


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file, or raise :class:`InputError`.

    A byte-order mark wins; then strict UTF-8; then charset detection, accepted only when the
    result reads as Chinese text; then GB18030 and Big5 strictly.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"invalid {name} at byte {exc.start + len(bom)}", exc.start + len(bom)
                ) from None
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise InputError(path, f"binary file (NUL byte at byte {at}), not a notice", at)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if not _looks_like_text(text):
            raise InputError(path, "binary file (control characters), not a notice")
        if _cjk_share(text) < 0.5:  # a few GB18030 bytes can also be valid UTF-8 (一 = \xd2\xbb = һ)
            try:
                other = data.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                if _cjk_share(other) >= 0.9:
                    return other, "gb18030"
        return text, "utf-8"

    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "gbk", "hz"]).best()
    candidates = ([best.encoding] if best is not None else []) + list(_FALLBACKS)
    if len(data) < 64 and candidates[0] != "gb18030":
        candidates.insert(0, "gb18030")  # too little text to tell Big5 from GB18030: the mainland's wins
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text) and _cjk_share(text) >= 0.6:
            return text, codecs.lookup(name).name
    raise InputError(
        path,
        f"cannot decode: invalid UTF-8 at byte {utf8_error.start} and not GB18030 or Big5 text",
        utf8_error.start,
    )
