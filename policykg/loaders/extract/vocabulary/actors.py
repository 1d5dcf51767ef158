"""What an organisation's name ends with, and the words that make an actor non-specific."""

from __future__ import annotations

ORG_NAME_ENDINGS = tuple("局委办厅部院处室所站队馆行社团联府会署心司关组校科盟股")
"""The last character of an organisation's name: 市场监管局, 发改委, 政务办, 政务服务中心 …"""
ORG_NAME_WORD_ENDINGS = ("专班",)
"""Two-character endings of an organisation's name whose last character alone ends too many words:
市创城工作专班 (but 培训班, 值班)."""
NOT_ACTING_ENDINGS = ("组", "校", "科", "盟", "股")
"""Endings of names that are not read as the subject of an action (县营商办将…): too often a word."""
OFFICE_KINDS = (
    ("委员会", "局", "厅", "委", "部"),
    ("办公室", "办公厅", "办"),
    ("中心",),
    ("院",),
    ("所",),
    ("站",),
)
"""Endings of one kind of office, longest first: a body keeps its function one level down under any
ending of its kind (省财政厅 → 市财政局, 市发改委 → 县发改局, 市政务办 → 县政务服务管理办公室)."""
NAME_SHORT_FORMS = {"中国共产党": "中共", "人民政府": "政府"}
"""Words a name writes in full or short: 县人民政府办公室 is 县政府办公室."""
ZONE_ENDINGS = tuple("发新开税贸园片验范港业")
"""The character before 区 in the name of a zone that acts as a unit: 开发区, 高新区, 自贸区 …"""
GENERIC_QUALIFIERS = (
    "相关",
    "有关",
    "其他",
    "其它",
    "所属",
    "委属",
    "局属",
    "厅属",
    "市属",
    "县属",
    "区属",
    "成员",
)
"""Words that make a department-shaped name non-specific: 市相关部门, 其他有关单位, 委属部门单位,
区疫情防控指挥部成员单位 (the members of a named body)."""
EACH = "各"
"""各县区, 市各部门: a name opening with (or holding) 各 names a kind, not a body."""
GENERIC_MARKS = (EACH, *GENERIC_QUALIFIERS, "涉及", "等部门", "等单位")
"""Anything in a name that makes it non-specific."""
GENERIC_BODIES = (
    "部门",
    "单位",
    "机构",
    "机关",
    "政府",
    "部委",
    "委办局",
    "园区",
    "板块",
    "街道",
    "企业",
    "国企",
    "镇街",
    "街",
    "地",
    "专班",
    "管委会",
)
"""How a non-specific actor ends, besides a place character: 相关部门, 各园区, 各街道, 各专班."""
WHOLE_AREA = "全"
"""全县各乡镇, 全区经济运行各专班: the units of a kind across the whole area, a non-specific actor."""
PLACE_CHARS = "县区镇乡市省"
"""Administrative levels a non-specific actor may end with: 各县区, 各镇."""
