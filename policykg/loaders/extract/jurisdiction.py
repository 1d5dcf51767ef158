"""Where a notice applies: the place named by its issuer (连云港市, 灌南县 …) and the city above a county.

The place is looked for where a notice names itself, most trusted first: its issuers and signature,
the publisher a web page names (``来源：鹤汀县人民政府办公室``), its titles, the first lines of the page,
the province abbreviation of its document number (``湘政发〔2016〕3号``), and last the government the
body names most often at the level its departments speak from (``市财政局`` → a city).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from policykg.loaders.extract.lines import TITLE_END
from policykg.loaders.extract.vocabulary import (
    NOT_PLACE_STEMS,
    PAGE_SOURCE_LABELS,
    PROVINCE_ABBREVIATIONS,
    TOWN_CHAR,
    URBAN_AREA_STEMS,
    alternation,
)
from policykg.text.folding import fold

_SUFFIXES = ("自治州", "自治县", "自治区", "自治旗", "省", "市", "县", "区", "州", "盟", "旗")
PLACE = re.compile(rf"([\u4e00-\u9fff]{{2,7}}?(?:{'|'.join(_SUFFIXES)}))(?!场)")
# what may stand before the place a name or title opens with: 中共灌南县委, 关于印发, 加快西宁市…
_PREFIX = re.compile(
    r"^(?:中共|关于|印发|转发|进一步|加快|推进|推动|促进|深化|加强|贯彻落实|贯彻|落实|做好|支持|全面|实施)+"
)
LEVELS = {
    "省": "province",
    "区": "county",
    "县": "county",
    "旗": "county",
    "市": "city",
    "州": "city",
    "盟": "city",
}
_LEVEL_CHARS = "省市县区州盟旗"
# where a place name may end: after its level suffix (市场 is no 市)
_SUFFIX = re.compile(r"(?:自治[州县区旗]|[省市县区州盟旗])(?!场)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a stem that is a word, not a name: 全市, 各区, 本县, 该市, 我省
_NOT_NAME_START = "各全本该我其此"
# characters no place name holds, which a match running over a word boundary does: 2022年度市, 由…副市
_NOT_IN_NAME = re.compile(r"[年度的和与及等副之为是在对把被将由于经请报局委办厅]")
# two-character names may hold the function words above (和平区, 于都县, 将乐县, 无为市, 天等县, 共和县):
# only these never stand in one
_NOT_IN_SHORT_NAME = re.compile(r"[年度的之是局委办厅]")
_TWO_CHARACTER_STEM = 2
_BEFORE_NAME = "由在对为与和及年省市"  # a name may start right after these: 2024年沈阳市, 浙江省杭州市
_MAX_STEM = 4  # 乌鲁木齐市: a place's name before 市/县/区 is at most this long
_MIN_ETHNIC_STEM = 3  # 回族 alone is a people, not a place: 宁夏回族, 延边朝鲜族
_MAX_AUTONOMOUS_STEM = 8  # 克孜勒苏柯尔克孜自治州: before 自治区/州/县 names run longer
_HEAD_CHARS = 1500  # page fields and the notice's own first lines are looked for this far in
_HEAD_LINES = 12  # a place alone on one of the first lines names the notice's place (馬鞍山市)
_MIN_BODY_MENTIONS = 2  # a government named once in the body is cited, not the issuer
_PLACES_KEPT = 65536  # names whose opening place is remembered
# a government publishing the notice, as a news page says it: 渝中区人民政府办公室发布《…》
_PUBLISHED_BY = re.compile(r"(?:人民政府|政府)[\u4e00-\u9fff]{0,4}?(?:发布|印发|出台|公布)")
# how the name of an issuing body ends: a first line holding only one names the notice's own place
_ISSUER_END = re.compile(r"(?:办公室|办公厅|委员会|人民政府|局|厅)(?:关于|$)")
_MAX_ISSUER_LINE = 20  # characters after the place in such a line
# what follows the place on a first line naming the notice's own place: 人民政府办公室关于…, 关于印发…
_OWN_PLACE_AFTER = re.compile(r"(?:人民政府|政府|委员会|党委|委|办公室|办公厅|关于|印发)")
# a web-page field naming the publisher: 来源：苍南县人民政府办公室, 发布机构 | 区文化和广电旅游体育局, also
# right after the time field before it once repair took the space out (11:30来源：…)
_PAGE_SOURCE = re.compile(rf"(?:^|[\s|•\d])(?:{alternation(PAGE_SOURCE_LABELS)})\s*[:|]\s*([^\s|]+)", re.M)
# a document number's issuer prefix before its bracketed year: 湘政发〔2016〕, 鄂政發[2018]
_DOC_NUMBER_PREFIX = re.compile(
    r"([\u4e00-\u9fff]{2,8})\s*[〔\[(（]\s*(?:19|20)\d{2}\s*[〕\])）]\s*\d{1,4}\s*号"
)
_PROVINCE_NUMBER = re.compile(r"^(.)(?:政|府|办|发|委)")
# a province speaking of itself: 省人民政府, 省政府各部门, 全省, 省直单位
_PROVINCE_SPEAKS = re.compile(r"省(?:人民)?政府|全省|省直|省级|省有关|自治区(?:人民)?政府|全区")
# a place's government named in the body: 青岛市人民政府, 西宁市委, 沁县政府
_GOVERNMENT_AFTER = re.compile(r"(?:人民政府|政府|委员会|党委|委|办公室|办公厅)")
# a department named from the notice's own level: 、市财政局 / (县教育局 — the level char after a boundary
_SELF_LEVEL = re.compile(r"(?:^|[、,，;；:：(（\s])([省市县区])[\u4e00-\u9fff]{1,10}?[局委办厅]")


def is_place(place: str) -> bool:
    """True when a PLACE match names a place, not a word ending in 市/区/县 (人行市, 开发区, 县示范区).

    >>> [is_place(p) for p in ("连云港市", "宁夏回族自治区", "沁县", "开发区", "县示范区", "自治区", "人行市")]
    [True, True, True, False, False, False, False]
    >>> [is_place(p) for p in ("于都县", "和平区", "将乐县", "无为市", "天等县", "共和县", "和田市", "2024年度市")]
    [True, True, True, True, True, True, True, False]
    >>> is_place("发布机构区")
    False
    >>> [is_place(p) for p in ("次特色夜市", "社区超市", "农贸集市", "江门市", "集宁区")]
    [False, False, False, True, True]
    >>> [is_place(p) for p in ("盐城市", "钢城区", "文明城市", "智慧城市", "主城区", "新城区")]
    [True, True, False, False, False, False]
    """
    stem = short_name(place)
    not_in_name = _NOT_IN_SHORT_NAME if len(stem) == _TWO_CHARACTER_STEM else _NOT_IN_NAME
    if not stem or stem[0] in _LEVEL_CHARS or stem[0] in _NOT_NAME_START or not_in_name.search(stem):
        return False
    if stem.startswith(PAGE_SOURCE_LABELS):
        return False  # 发布机构区: a web page's field label run into the place after it
    if stem.endswith("族") and len(stem) < _MIN_ETHNIC_STEM:
        return False  # 回族自治区 is the end of 宁夏回族自治区
    if len(stem) == 1:
        return (
            place[-1] == "县"
        )  # 沁县, 洋县: one-character counties are common, one-character cities are not
    if stem.endswith(TOWN_CHAR):
        return len(stem) == _TWO_CHARACTER_STEM and stem not in URBAN_AREA_STEMS
    return not stem.endswith(NOT_PLACE_STEMS)


@lru_cache(maxsize=_PLACES_KEPT)  # a department's name is asked about at each mention
def place_at_start(name: str) -> str | None:
    """Return the place a name opens with (``中共灌南县委办公室`` → ``灌南县``), or None.

    >>> place_at_start("连云港市优化营商环境工作领导小组办公室")
    '连云港市'
    >>> place_at_start("县委办公室") is None
    True
    >>> place_at_start("沁县人民政府办公室")
    '沁县'
    """
    name = _PREFIX.sub("", fold(name).strip().lstrip("《“\"'"))
    place = _place_match(name, 0)
    inner = _place_match(name, len(place)) if place else None
    if inner and level_of(inner) != level_of(place):
        return inner  # 沈阳市辽中区人民政府: the district is the place, the city above it
    return place


def _place_match(text: str, start: int) -> str | None:
    """Return the valid place that opens ``text[start:]``, or None."""
    m = PLACE.match(text, start)
    if m and is_place(m.group(1)):
        return m.group(1)
    one_char = re.compile(r"[\u4e00-\u9fff]县").match(text, start)  # 沁县 is shorter than PLACE allows
    return one_char.group(0) if one_char and is_place(one_char.group(0)) else None


def level_of(place: str) -> str:
    """Return "province", "city" or "county" for a place name."""
    if place.endswith("自治区"):
        return "province"
    return LEVELS.get(place[-1], "county")


def short_name(place: str) -> str:
    """Return a place name without its administrative suffix (灌南县 → 灌南)."""
    return re.sub(rf"(?:{'|'.join(_SUFFIXES)})$", "", place)


def find_jurisdiction(candidates: Iterable[str]) -> str | None:
    """Return the first place named at the start of any candidate (issuers first, then titles)."""
    for text in candidates:
        place = place_at_start(text)
        if place:
            return place
    return None


def locate(issuers: list[str], titles: list[str], text: str) -> str | None:
    """Return the place a notice applies to, or None when it names none of its own.

    ``issuers`` are the bodies that issued or signed it, ``titles`` its documents' titles and
    ``text`` the whole (folded) text, from which page fields, first lines, the document number and
    the body's governments are read.
    """
    head = text[:_HEAD_CHARS]
    page_sources = [m.group(1) for m in _PAGE_SOURCE.finditer(head)]
    first_lines = [ln for ln in head.splitlines()[:_HEAD_LINES] if _names_own_place(ln)]
    found = find_jurisdiction([*issuers, *page_sources, *titles, *first_lines])
    return found or _province_of_number(text) or _publisher(head) or _most_named_government(text)


def _names_own_place(line: str) -> bool:
    """True when a first line is a place alone (馬鞍山市) or opens with a place's government or 关于."""
    line = re.sub(r"[\s|]", "", line)  # a page's field cell ends in |
    place = place_at_start(line)
    if place is None or re.search(r"[,，。;；]", line):
        return False
    rest = line[line.find(place) + len(place) :]
    issuer = _ISSUER_END.search(rest[: _MAX_ISSUER_LINE + 2])  # 安康市安全生产委员会办公室（关于…）
    return not rest or bool(_OWN_PLACE_AFTER.match(rest) or TITLE_END.search(rest) or issuer)


def _publisher(text: str) -> str | None:
    """Return the place whose government a page says published the notice (X区人民政府办公室发布), or None."""
    for m in _SUFFIX.finditer(text):
        place = _place_ending_at(text, m.end())
        if place and _PUBLISHED_BY.match(text, m.end()):
            return place
    return None


def _province_of_number(text: str) -> str | None:
    """Return the province whose abbreviation opens the notice's document number (湘政发 → 湖南省),
    when the text speaks as a province or names it; else None (青政办发 is Qingdao's as often)."""
    head = text[:_HEAD_CHARS]
    own = (m for m in _DOC_NUMBER_PREFIX.finditer(head) if not _inside_brackets(head, m.start()))
    m = next(own, None)  # 《湖北省…条例》（鄂政发〔2018〕26号）: a cited document's number, not the notice's
    abbreviation = _PROVINCE_NUMBER.match(m.group(1)) if m else None
    province = PROVINCE_ABBREVIATIONS.get(abbreviation.group(1)) if abbreviation else None
    if province is None:
        return None
    own_name = province[:2] if province.endswith("自治区") else short_name(province)
    speaks = level_of(province) == "province" and _PROVINCE_SPEAKS.search(text)
    return province if speaks or own_name in text else None


def _inside_brackets(text: str, at: int) -> bool:
    """True when ``text[at]`` stands inside an open round bracket: （鄂政办发〔2022〕52号）."""
    before = text[:at]
    return before.rfind("(") > before.rfind(")")


def _most_named_government(text: str) -> str | None:
    """Return the place whose government the body names most often at the level its departments
    speak from (市财政局 … → a city), if named at least twice; else None."""
    levels = Counter(m.group(1) for m in _SELF_LEVEL.finditer(text))
    if not levels:
        return None
    level = LEVELS[levels.most_common(1)[0][0]]
    ends = [m.end() for m in _SUFFIX.finditer(text) if _GOVERNMENT_AFTER.match(text, m.end())]
    best = _most_named(text, ends, lambda place: level_of(place) == level)
    return best[0] if best and best[1] >= _MIN_BODY_MENTIONS else None


def _candidates(text: str, end: int) -> list[str]:
    """Return the places that may end at ``end``, shortest first (汀县, 鹤汀县, 经鹤汀县 …), valid ones only."""
    longest = _MAX_AUTONOMOUS_STEM + 3 if text.endswith("自治", 0, end - 1) else _MAX_STEM + 1
    found = []
    for begin in range(end - 2, max(0, end - longest) - 1, -1):
        if not _CJK.match(text, begin):
            break
        if is_place(text[begin:end]):
            found.append(text[begin:end])
    return found


def _place_ending_at(text: str, end: int) -> str | None:
    """Return the place ending at ``end`` that starts after a non-name character, else the shortest
    (落实青樾市: 青樾市; a name of four characters before its suffix is read only after a boundary)."""
    found = _candidates(text, end)
    for place in found:
        begin = end - len(place)
        at_boundary = begin == 0 or not _CJK.match(text, begin - 1) or text[begin - 1] in _BEFORE_NAME
        if at_boundary and (len(short_name(place)) < _MAX_STEM or "自治" in place):
            return place
    return found[0] if found else None


def _most_named(text: str, ends: list[int], keep: Callable[[str], bool]) -> tuple[str, int] | None:
    """Return the place most often ending at one of ``ends`` and its count; of equal counts the longest
    (鹤汀县 over 汀县: every mention of the one is one of the other, so the longer is the name)."""
    counts = Counter(place for end in ends for place in _candidates(text, end) if keep(place))
    if not counts:
        return None
    return max(counts.items(), key=lambda item: (item[1], len(item[0])))


def find_parent_city(text: str, jurisdiction: str | None) -> str | None:
    """For a county notice, return the city it names most often (its cited city documents), or None."""
    if not jurisdiction or level_of(jurisdiction) != "county":
        return None
    text = fold(text)
    for m in re.finditer(re.escape(jurisdiction), text):
        before = _candidates(text, m.start())
        if before and before[0].endswith("市"):
            return _place_ending_at(text, m.start())  # 沈阳市辽中区
    ends = [m.end() for m in _SUFFIX.finditer(text) if m.group(0) == "市"]
    best = _most_named(text, ends, lambda place: place != jurisdiction)
    return best[0] if best else None
