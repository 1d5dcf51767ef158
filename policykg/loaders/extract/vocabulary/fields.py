"""Field labels and table header words: 牵头单位：, 完成时限：, 序号 / 工作任务 / 牵头单位 …."""

from __future__ import annotations

from policykg.loaders.extract.vocabulary.roles import CO, LEAD, RESPONSIBLE, ROLES, UNIT_WORDS, alternation

ROLE_FIELD_LABELS: tuple[str, ...] = tuple(label for r in ROLES for label in r.field_labels)
ROLE_FIELD_LABEL_PATTERN = (
    rf"(?:{alternation(stem for r in ROLES for stem in r.label_stems)})(?:{alternation(UNIT_WORDS)})"
)
"""A regex matching exactly the role field labels (any stem + any unit word), factored: one
alternative per label made regex searches over every sentence slower."""
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
