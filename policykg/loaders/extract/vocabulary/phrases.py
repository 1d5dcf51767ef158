"""The genre's stock phrases (套话): words every plan uses whatever its task, so sharing them says
nothing about sharing a task.

Linking across levels (graph/links) weighs shared characters by their rarity among the measures in
the store; in a large store these phrases are common and weigh nothing anyway, but a store of one
city and one county holds a few hundred measures, where 坚持问题导向 or 长效机制 can look as rare as a
real task's name. These phrases weigh nothing in any store. They are the genre's connective tissue
(working methods, slogans, document kinds, adverbs of effort, the levels' leading bodies), never a
task's object: 不动产登记, 涉审中介, 一件事 are tasks and are not here.
"""

from __future__ import annotations

from policykg.loaders.extract.vocabulary.documents import DOC_TYPES

# how a plan urges: adverbs and verbs of effort
EFFORT_PHRASES = (
    "坚持",
    "进一步",
    "全面推进",
    "全面推行",
    "全面落实",
    "加快推进",
    "深入推进",
    "大力推进",
    "积极推进",
    "持续推进",
    "扎实推进",
    "持续深化",
    "切实加强",
    "不断完善",
    "建立健全",
    "健全完善",
    "贯彻落实",
    "认真落实",
    "狠抓落实",
    "落地落实",
    "压实责任",
    "全力以赴",
    "统筹协调",
    "组织领导",
    "取得实效",
    "见行见效",
    "提质增效",
    "降本增效",
    "举一反三",
    "立行立改",
)
# slogans and the aims every plan states
SLOGANS = (
    "决策部署",
    "重要讲话精神",
    "问题导向",
    "目标导向",
    "结果导向",
    "需求导向",
    "高质量发展",
    "放管服",
    "优化营商环境",
    "营商环境",
    "各类市场主体",
    "市场主体",
    "企业群众",
    "企业和群众",
    "人民群众",
    "获得感",
    "满意度",
    "便利度",
    "急难愁盼",
    "责任感",
    "紧迫感",
    "使命感",
    "浓厚氛围",
    "示范引领",
    "先行先试",
    "改革创新",
    "复制推广",
    "经验做法",
    "全生命周期",
)
# the machinery of carrying a plan out
WORKING_PHRASES = (
    "专项行动",
    "工作机制",
    "协调机制",
    "长效机制",
    "体制机制",
    "主体责任",
    "常态化",
    "标准化",
    "规范化",
    "便利化",
    "数字化",
    "信息化",
    "智能化",
    "法治化",
    "国际化",
    "一体化",
    "全流程",
    "全覆盖",
    "重点任务",
    "重点领域",
    "关键环节",
    "相关工作",
    "有关要求",
    "督查督办",
    "考核评价",
    "宣传引导",
    "各地各部门",
    "有关部门",
    "相关部门",
    "按职责分工",
    "依法依规",
)
# the leading bodies every level answers to
LEADING_BODIES = ("党中央", "国务院", "省委", "省政府", "市委", "市政府", "县委", "县政府")

# (a two-character word counts only where it meets another stock phrase: 坚持 + 问题导向)
STOCK_PHRASES: tuple[str, ...] = EFFORT_PHRASES + SLOGANS + WORKING_PHRASES + LEADING_BODIES + DOC_TYPES
