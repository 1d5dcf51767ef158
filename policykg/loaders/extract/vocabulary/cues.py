"""The words of responsibility clauses: cue endings, declared leads, blanket notes, officials, level words."""

from __future__ import annotations

from policykg.loaders.extract.vocabulary.roles import ROLES, Role

ACTING_VERBS = ("落实", "实施")
"""Verbs that may close a list of names without saying a role: X、Y落实 (the field decides)."""
CUE_ENDINGS = ("实施", "落实", "推进", "完成")
"""What may follow a cue word: 牵头落实, 配合实施, 负责推进."""
CUE_ADVERBS = (
    "按职责分工",
    "按照职责分工",
    "按各自职责",
    "按照各自职责",
    "按职责",
    "根据职责",
    "分别",
    "共同",
    "具体",
    "各自",
)
"""What may stand between the names and the cue: X、Y按职责分工负责."""
BY_DUTY = "按职责"
"""A phrase no name holds: a span with it is a clause fragment."""
ALL_CUES: tuple[str, ...] = tuple(c for r in ROLES for c in r.cues)


def cue_role(text: str) -> Role | None:
    """Return the role of the cue word ``text`` opens with (牵头单位 → lead), or None.

    >>> cue_role("负总责").key, cue_role("协办单位").key, cue_role("落实")
    ('lead', 'co', None)
    """
    for cue in sorted(ALL_CUES, key=len, reverse=True):
        if text.startswith(cue):
            return next(r for r in ROLES if cue in r.cues)
    return None


FIRST_LISTED_LEAD_NOTE = (
    r"(?:列|排名|排)(?:在|为)?(?:第一位|第一个|第一名|首位|第一)(?:者|的)?(?:责任)?(?:单位|部门)?(?:为|是)牵头"
    r"|第一(?:个|位)?(?:责任)?(?:单位|部门)(?:为|是)牵头"
)
"""How a notice says the first unit of a list leads: 列第一位者为牵头单位, 列首位的为牵头部门,
排在第一位的责任单位为牵头单位, 第一责任单位为牵头单位."""
OTHERS_WORDS = ("其余", "其他", "其它")
"""How the part of such a note about the other listed units opens: 其余为配合单位 (they co-operate)."""
SAME_BELOW = ("以下同", "下同", "同下")
"""A note holds for the later items too: （…，列第一位者为牵头单位，下同）."""
BLANKET_OPENERS = ("以下", "具体任务", "具体工作", "各项任务")
"""How a note naming an actor for every item opens: 以下各项均需X落实，不再一一列出."""
BLANKET_CLOSERS = (
    "不再一一列出",
    "不再列出",
    "不再单独列出",
    "不再一一列举",
    "不再列举",
    "不再做分工",
    "不再作分工",
    "不再分工",
    "不再另行分工",
    *SAME_BELOW,
)
"""How such a note closes."""
DUTY_PHRASES = ("按照职责分工", "按职责分工", "按照各自职责", "按各自职责")
"""按职责分工 closing a list of names says they are responsible, whatever verb follows (…卖力)."""
ROLE_WORK_WORDS = ("工作", "任务", "事项")
"""What may follow a role word in a heading: 一、X牵头工作（8项）."""
OFFICIAL_TITLES = (
    "副省长",
    "省长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副区长",
    "区长",
    "秘书长",
    "主任",
    "书记",
    "领导同志",
    "领导",
    "负责同志",
)
"""How the title of an official ends: a person is neither a department nor a generic actor."""
DIVISION_LABELS = ("部门分工", "责任分工", "任务分工")
"""Labels of a field whose value is a clause of its own: 部门分工：X牵头，各地各部门配合."""
LEADER_STEMS = ("牵头", "责任", "分管", "联系", "包抓", "包联", "协管", "挂点")
"""What opens the label of a field naming officials: 牵头领导, 分管省领导, 包联县领导."""
LEADER_LEVELS = ("", "省", "市", "州", "县", "区", "旗", "镇", "乡")
"""The level a leader label may name between its stem and 领导: 分管省领导, 牵头县领导."""
LEADER_LABELS = tuple(stem + level + "领导" for stem in LEADER_STEMS for level in LEADER_LEVELS)
LEADER_LABEL_PATTERN = rf"(?:{'|'.join(LEADER_STEMS)})[{''.join(LEADER_LEVELS)}]?领导"
"""A regex matching exactly the leader labels, factored for speed."""
"""Labels of a field naming officials, not units: 牵头领导：区政府分管领导同志, 分管省领导：…"""
LEVEL_WORDS = (
    "县级市",
    "开发区",
    "街道",
    "乡镇",
    "镇街",
    "县市",
    "区县",
    "县区",
    "市区",
    "省",
    "市",
    "县",
    "区",
    "乡",
    "镇",
    "旗",
    "州",
    "盟",
)
"""Administrative levels a list of kinds is made of: 各区、县级市政府, 相关市、县政府."""
LEVEL_BODIES = ("人民政府", "政府", "党委", "管委会", "部门", "单位", "街道办事处", "办事处")
"""What a body named by its levels alone ends with: 乡镇人民政府, 县市区政府 (generic: no place named)."""
UNNAMED_ZONES = ("开发园区", "工业园区", "产业园区", "开发区", "园区")
"""Zones written with no name of their own: a kind of body, not one body."""
JOINT_WORDS = ("会同", "联合", "协同")
"""由X会同Y负责: X leads and Y co-operates (a State Council division of work writes it so)."""
JOINT_VERBS = ("负责", "研究", "组织", "牵头", "落实", "推进", "实施", "制定", "做好", "抓好", "共同")
"""What follows the names of such a sentence: 由X会同Y等部门研究提出落实意见, …负责落实."""
SCOPE_WORDS = ("本行政区域", "本辖区", "本地区", "本区域", "辖区内", "本部门", "本系统", "本行业", "本单位")
"""Whose share a cue may name before its verb: 各县人民政府负责本辖区落实."""
