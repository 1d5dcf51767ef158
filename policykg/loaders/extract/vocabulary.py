"""The genre's vocabulary, written once: roles, and the words that signal them.

Every other module (the extractors, the actor patterns, the graph, the queries, the views and the
command line) reads what it knows of the genre from here, so adding a cue word is a one-line change.
Regular expressions built from these words list them longest first (:func:`alternation`), so a long
word is never cut short by a shorter one it starts with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UNIT_WORDS = ("单位", "部门")
"""What a field label ends with after its role stem: 牵头 + 单位 → 牵头单位."""


@dataclass(frozen=True)
class Role:
    """A role a department can have in a measure."""

    key: str  # "lead", "responsible", "co": the name used in facts, JSON and CLI options
    zh: str  # the genre's word: 牵头, 负责, 配合
    en: str  # a reader's word for it: leads, is responsible for, co-operates on
    department_property: str  # local name of the measure -> department property in the ontology
    clause_property: str  # local name of the clause -> department property in the ontology
    cues: tuple[str, ...] = ()  # words after a list of names that give them the role: X牵头, Y配合
    label_stems: tuple[str, ...] = ()  # field labels are a stem + 单位/部门: 牵头单位：, 主责部门：
    short_labels: tuple[str, ...] = ()  # labels used bare before a colon: （牵头：X；配合：Y）
    column_words: tuple[str, ...] = ()  # table header words beyond the field labels: 责任主体

    @property
    def label(self) -> str:
        """The bilingual label views and reports show, e.g. ``牵头 lead``."""
        return f"{self.zh} {self.key}"

    @property
    def field_labels(self) -> tuple[str, ...]:
        """Return the labels of a field naming this role's units: 牵头单位, 牵头部门, 主办单位 …"""
        return tuple(stem + unit for stem in self.label_stems for unit in UNIT_WORDS)

    @property
    def column_headers(self) -> tuple[str, ...]:
        """Return the header words of a table column listing this role's units."""
        return self.field_labels + self.short_labels + self.column_words


LEAD = Role(
    "lead",
    "牵头",
    "leads",
    "leadDepartment",
    "statesLead",
    cues=("牵头负责", "总牵头", "牵头", "负总责", "主责", "主办"),
    label_stems=("牵头", "主办", "主责", "牵头责任", "主要责任"),
    short_labels=("牵头", "主办"),
)
RESPONSIBLE = Role(
    "responsible",
    "负责",
    "is responsible for",
    "responsibleDepartment",
    "statesResponsible",
    cues=("负责",),
    label_stems=("责任", "实施", "承办"),
    short_labels=("责任", "责任主体"),
    column_words=("责任主体",),
)
CO = Role(
    "co",
    "配合",
    "co-operates on",
    "coDepartment",
    "statesCo",
    cues=("配合", "参与", "参加", "协助", "协办"),
    label_stems=("配合", "参与", "协办", "协同责任", "协同", "其他责任"),
    short_labels=("配合", "协办", "参与"),
)

ROLES: tuple[Role, ...] = (LEAD, RESPONSIBLE, CO)
"""The department roles, strongest first: lists and views order roles this way."""

ROLE_KEYS: tuple[str, ...] = tuple(r.key for r in ROLES)
ROLE_BY_KEY: dict[str, Role] = {r.key: r for r in ROLES}
GENERIC = "generic"
"""The role key of a named but non-specific actor (市相关部门, 各县区)."""


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, escaped, without repeats, longest first.

    >>> alternation(["牵头", "牵头单位", "时限"])
    '牵头单位|牵头|时限'
    """
    unique = list(dict.fromkeys(words))
    return "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True))


# -- responsibility ------------------------------------------------------------------------------
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
BLANKET_CLOSERS = ("不再一一列出", "不再列出", "不再一一列举", "不再列举", *SAME_BELOW)
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
LEADER_LABELS = ("牵头领导", "责任领导", "分管领导", "联系领导", "包抓领导")
"""Labels of a field naming officials, not units: 牵头领导：区政府分管领导同志."""
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

# -- field labels --------------------------------------------------------------------------------
ROLE_FIELD_LABELS: tuple[str, ...] = tuple(label for r in ROLES for label in r.field_labels)
ROLE_SHORT_LABELS: tuple[str, ...] = tuple(label for r in ROLES for label in r.short_labels)
DEADLINE_LABELS = ("完成时限", "完成时间", "完成期限", "截止时间", "时间节点", "时限要求", "时限")
"""Labels of a deadline field; a line opening with one is a field of its own."""
DEADLINE_INLINE_LABELS = (*DEADLINE_LABELS, "时间")
"""Deadline labels including the bare 时间：, read as a field only inside a measure's text."""
DEADLINE_COLUMN_WORDS = (*DEADLINE_LABELS, "时间安排", "进度安排")
BASIS_LABELS = ("政策依据", "依据")
"""Labels of a field naming the legal basis of a measure."""
NUMBER_COLUMN_WORDS = ("序号", "编号", "号")
TASK_COLUMN_WORDS = (
    "重点任务",
    "主要任务",
    "工作任务",
    "任务内容",
    "具体任务",
    "具体措施",
    "工作措施",
    "改革事项",
    "工作内容",
    "主要内容",
    "任务",
    "措施",
    "事项",
    "内容",
)
TABLE_FIELD_LABELS = {
    "lead": LEAD.field_labels[0],
    "co": CO.field_labels[0],
    "responsible": RESPONSIBLE.field_labels[0],
    "deadline": DEADLINE_LABELS[0],
    "basis": BASIS_LABELS[-1],
}
"""The label a table cell is given when its row is read as a measure body: 牵头单位, 完成时限, 依据."""
COLUMN_LEADER_WORDS = ("领导", "责任人", "联系人", "负责人")
"""Header words of a column naming persons, never departments: 责任领导, 分管领导, 牵头县领导."""
COLUMN_PLACE_WORDS = ("地点", "地址", "所在地")
"""Header words of a column naming where a project is (建设地点): place names there are no units."""
COLUMN_UNIT_STEMS = ("科室", "股室", "处室", "主体")
"""What a responsibility header may end with besides 单位/部门: 责任科室, 责任股室, 实施主体."""
COLUMN_DEADLINE_WORDS = (*DEADLINE_COLUMN_WORDS, "建设时间", "建设年限", "完成期限", "时间")
"""Header words of a time column, found inside the header cell: 完成时限, 时间节点, 建设时间."""
COLUMN_IGNORED_WORDS = (
    "情况",
    "进度",
    "进展",
    "问题",
    "困难",
    "下一步",
    "说明",
    "备注",
    "是否",
    "金额",
    "投资",
    "资金",
    "万元",
    "成效",
    "得分",
    "分值",
)
"""Header words of columns a row is not read from: progress, remarks, places, money."""
COLUMN_TASK_STEMS = (*TASK_COLUMN_WORDS, "举措", "工作", "项目", "实事", "要求", "指标", "目标", "名称")
"""Header words of a column holding (part of) a row's task, found inside the cell: 主要工作举措."""
INDICATOR_HEADER_WORDS = ("级指标", "分值", "权重")
"""Header words of an indicator table (一级指标 / 二级指标 / 分值): such a table is no task table."""

# -- deadlines -----------------------------------------------------------------------------------
ONGOING_STEADFAST = ("长年坚持", "长期坚持")
"""Ongoing words that close a clause: （…，长期坚持）."""
ONGOING_CONTINUING = ("持续推进", "长期推进", "常态化推进", "持续开展")
"""Ongoing words that close a bracket or the text: （持续推进）."""
ONGOING_PHRASES = ONGOING_STEADFAST + ONGOING_CONTINUING
ONGOING_WORDS = (*ONGOING_PHRASES, "长期")
"""Any of these in a deadline field makes the measure ongoing."""
ONGOING_STEMS = tuple(dict.fromkeys(p[:2] for p in ONGOING_PHRASES))
"""How a table cell saying a measure is ongoing starts: 长年, 长期, 持续, 常态."""
POLICY_PERIOD_VERBS = ("执行", "延续", "延长", "施行", "有效期")
"""Before 至2027年底 these say how long a policy holds, not when a task is due: 延续执行至2027年底."""

# -- actors --------------------------------------------------------------------------------------
ORG_NAME_ENDINGS = tuple("局委办厅部院处室所站队馆行社团联府会署心司关组校科盟股")
"""The last character of an organisation's name: 市场监管局, 发改委, 政务办, 政务服务中心 …"""
NOT_ACTING_ENDINGS = ("组", "校", "科", "盟", "股")
"""Endings of names that are not read as the subject of an action (县营商办将…): too often a word."""
ZONE_ENDINGS = tuple("发新开税贸园片验范港业")
"""The character before 区 in the name of a zone that acts as a unit: 开发区, 高新区, 自贸区 …"""
GENERIC_QUALIFIERS = ("相关", "有关", "其他", "其它", "所属")
"""Words that make a department-shaped name non-specific: 市相关部门, 其他有关单位."""
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
)
"""How a non-specific actor ends, besides a place character: 相关部门, 各园区, 各街道."""
PLACE_CHARS = "县区镇乡市省"
"""Administrative levels a non-specific actor may end with: 各县区, 各镇."""

# -- places and web pages ------------------------------------------------------------------------
_PROVINCES = (
    "京北京市 津天津市 沪上海市 渝重庆市 冀河北省 晋山西省 蒙内蒙古自治区 辽辽宁省 吉吉林省 黑黑龙江省 苏江苏省"
    " 浙浙江省 皖安徽省 闽福建省 赣江西省 鲁山东省 豫河南省 鄂湖北省 湘湖南省 粤广东省 桂广西壮族自治区 琼海南省"
    " 川四川省 蜀四川省 贵贵州省 黔贵州省 云云南省 滇云南省 藏西藏自治区 陕陕西省 甘甘肃省 陇甘肃省 青青海省"
    " 宁宁夏回族自治区 新新疆维吾尔自治区"
)
PROVINCE_ABBREVIATIONS = {entry[0]: entry[1:] for entry in _PROVINCES.split()}
"""The one-character abbreviations provinces put before their document numbers: 湘政发 → 湖南省."""
NOT_PLACE_STEMS = tuple("人行 开发 示范 经济 高新 自治 自贸 保税 工业 产业 园 城 辖".split())
"""What stands before 市/区/县 in words that are no places: 人行市中心支行, 开发区, 县示范区, 自治区 alone."""
PAGE_SOURCE_LABELS = ("来源", "信息来源", "发布机构", "发文机关", "发布单位", "发文单位")
"""Web-page fields naming who published a notice: 来源：鹤汀县人民政府办公室."""
PAGE_FIELD_LABELS = (
    *PAGE_SOURCE_LABELS,
    *"发布日期 发布时间 成文日期 印发日期 生成日期 更新时间 时间 日期 浏览次数 浏览量 点击数 点击量".split(),
    *"阅读数 阅读次数 访问量 人气 作者 发布人 编辑 字体 字号 索引号 主题分类 主题词 分类 文号 发文字号".split(),
    *"有效性 体裁分类".split(),
)
"""Labels of the fields a government web page prints around a notice (发布日期：…, 浏览次数：…)."""
PAGE_TOOLS = tuple(
    "打印 关闭 分享到 收藏 无障碍 长辈版 关怀版 简体 繁体 English 切换 扫一扫 在手机打开 返回顶部 我要纠错".split()
)
"""Buttons of a government web page (打印, 关闭, 分享到, 无障碍 …): lines made of them are furniture."""
BREADCRUMB_WORDS = ("您的位置", "您现在的位置", "当前位置", "您现在所在的位置", "所在位置", "首页", "主页")
"""Words a breadcrumb line (首页 > 政务公开 > …) opens with."""

# -- documents -----------------------------------------------------------------------------------
DOC_TYPES = (
    "实施方案",
    "工作方案",
    "行动方案",
    "方案",
    "行动计划",
    "工作计划",
    "计划",
    "任务清单",
    "责任清单",
    "清单",
    "实施意见",
    "指导意见",
    "意见",
    "实施办法",
    "管理办法",
    "办法",
    "若干措施",
    "措施",
    "实施细则",
    "细则",
    "工作要点",
    "要点",
    "规划",
    "一览表",
    "分解表",
    "进度表",
    "推进表",
    "明细表",
    "分工表",
    "任务表",
    "责任表",
    "台账",
    "通知",
    "决定",
    "规定",
    "条例",
    "纲要",
    "指引",
    "指南",
    "举措",
    "任务分工",
    "工作安排",
    "分工",
)
"""What a document title ends with: 实施方案, 任务清单, 一览表 …"""
NOTICE_TYPES = ("通知", "决定", "通报", "批复", "函", "公告", "意见")
"""What the title of a covering notice ends with."""
TASK_LIST_WORDS = ("清单", "台账", "任务表", "分工表", "责任表", "任务分解")
"""A title holding one of these is a task list."""
LEGAL_FORMS = (
    "实施细则",
    "实施方案",
    "实施意见",
    "管理办法",
    "实施办法",
    "行动计划",
    "工作方案",
    "任务清单",
    "条例",
    "办法",
    "规定",
    "意见",
    "方案",
    "计划",
    "清单",
    "决定",
    "通知",
    "细则",
    "规范",
    "标准",
    "规则",
    "纲要",
    "指引",
    "指南",
    "目录",
    "措施",
    "规划",
    "要点",
    "法",
    "条",
)
"""The form of a cited document, read from the end of its title: 条例, 实施方案, 法 …"""
NATIONAL_FORMS = ("法", "条例")
"""Forms that, named without a place, are national: 优化营商环境条例."""
FRAME_SECTION_WORDS = (
    "总体要求",
    "指导思想",
    "基本原则",
    "工作原则",
    "总体目标",
    "主要目标",
    "工作目标",
    "发展目标",
    "目标任务",
    "目标要求",
    "总体思路",
    "实施步骤",
    "进度安排",
    "时间安排",
    "工作步骤",
    "方法步骤",
    "保障措施",
    "组织保障",
    "工作要求",
    "组织实施",
    "保障机制",
    "工作保障",
    "附则",
    "其他事项",
    "有关要求",
    "组织领导",
    "适用范围",
    "编制依据",
)
"""Headings of sections that frame a plan rather than assign tasks: their paragraphs are no measures."""
