"""Where a notice applies: the place named by its issuer (连云港市, 灌南县 …) and the city above a county."""

from __future__ import annotations

import re
from collections import Counter

from policykg.text.folding import fold

PLACE = re.compile(r"([\u4e00-\u9fff]{2,7}?(?:自治州|自治县|自治区|自治旗|省|市|县|区|州|盟|旗))(?!场)")
_PREFIX = re.compile(r"^(?:中共|关于印发|关于转发|关于|印发|转发)")
LEVELS = {
    "省": "province",
    "区": "county",
    "县": "county",
    "旗": "county",
    "市": "city",
    "州": "city",
    "盟": "city",
}


def place_at_start(name: str) -> str | None:
    """Return the place a name opens with (``中共灌南县委办公室`` → ``灌南县``), or None.

    >>> place_at_start("连云港市优化营商环境工作领导小组办公室")
    '连云港市'
    >>> place_at_start("县委办公室") is None
    True
    """
    name = _PREFIX.sub("", fold(name).strip())
    m = PLACE.match(name)
    return m.group(1) if m else None


def level_of(place: str) -> str:
    """Return "province", "city" or "county" for a place name."""
    if place.endswith("自治区"):
        return "province"
    return LEVELS.get(place[-1], "county")


def short_name(place: str) -> str:
    """Return a place name without its administrative suffix (灌南县 → 灌南)."""
    return re.sub(r"(?:自治州|自治县|自治区|自治旗|省|市|县|区|州|盟|旗)$", "", place)


def find_jurisdiction(candidates: list[str]) -> str | None:
    """Return the first place named at the start of any candidate (issuers first, then titles)."""
    for text in candidates:
        place = place_at_start(text)
        if place:
            return place
    return None


def find_parent_city(text: str, jurisdiction: str | None) -> str | None:
    """For a county notice, return the city it names most often (its cited city documents), or None."""
    if not jurisdiction or level_of(jurisdiction) != "county":
        return None
    counts = Counter(m.group(1) for m in PLACE.finditer(fold(text)) if m.group(1).endswith("市"))
    for place, _ in counts.most_common():
        if place != jurisdiction and 3 <= len(place) <= 6:
            return place
    return None
