"""Places and web pages: province abbreviations, words that look like places, page furniture."""

from __future__ import annotations

_PROVINCES = (
    "京北京市 津天津市 沪上海市 渝重庆市 冀河北省 晋山西省 蒙内蒙古自治区 辽辽宁省 吉吉林省 黑黑龙江省 苏江苏省"
    " 浙浙江省 皖安徽省 闽福建省 赣江西省 鲁山东省 豫河南省 鄂湖北省 湘湖南省 粤广东省 桂广西壮族自治区 琼海南省"
    " 川四川省 蜀四川省 贵贵州省 黔贵州省 云云南省 滇云南省 藏西藏自治区 陕陕西省 甘甘肃省 陇甘肃省 青青海省"
    " 宁宁夏回族自治区 新新疆维吾尔自治区"
)
PROVINCE_ABBREVIATIONS = {entry[0]: entry[1:] for entry in _PROVINCES.split()}
"""The one-character abbreviations provinces put before their document numbers: 湘政发 → 湖南省."""
NOT_PLACE_STEMS = tuple("人行 开发 示范 经济 高新 自治 自贸 保税 工业 产业 园 辖 夜 超 集 股 菜 早".split())
"""What stands before 市/区/县 in words that are no places: 人行市中心支行, 开发区, 县示范区, 自治区 alone,
and the common nouns in 市 that tasks name (一次特色夜市, 社区超市, 农贸集市, 稳定股市, 早市, 菜市)."""
TOWN_CHAR = "城"
"""A place's name may end with it (盐城市, 聊城市, 钢城区) only as its second character: a longer stem
before 城市/城区 is a word (文明城市, 智慧城市, 中心城区)."""
URBAN_AREA_STEMS = ("主城", "老城", "新城", "旧城")
"""Two-character stems that make words of an urban area, not places: 主城区, 老城区, 新城区."""
PAGE_SOURCE_LABELS = (
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "发布机构",
    "发文机关",
    "发布单位",
    "发文单位",
)
"""Web-page fields naming who published a notice: 来源：鹤汀县人民政府办公室."""
PAGE_FIELD_LABELS = (
    *PAGE_SOURCE_LABELS,
    *"发布日期 发布时间 成文日期 印发日期 生成日期 更新时间 时间 日期 浏览次数 浏览量 点击数 点击量".split(),
    *"阅读数 阅读次数 访问量 人气 作者 发布人 编辑 字体 字号 索引号 主题分类 主题词 分类 文号 发文字号".split(),
    *"有效性 体裁分类".split(),
)
"""Labels of the fields a government web page prints around a notice (发布日期：…, 浏览次数：…)."""
PAGE_DATE_LABELS = ("成文日期", "印发日期", "发文日期", "发布日期", "发布时间", "公开日期")
"""Page fields dating the notice itself, most trusted first: 成文日期：2021-01-18."""
PAGE_TOOLS = tuple(
    "打印 关闭 分享到 收藏 无障碍 长辈版 关怀版 简体 繁体 English 切换 扫一扫 在手机打开 返回顶部 我要纠错".split()
)
"""Buttons of a government web page (打印, 关闭, 分享到, 无障碍 …): lines made of them are furniture."""
BREADCRUMB_WORDS = ("您的位置", "您现在的位置", "当前位置", "您现在所在的位置", "所在位置", "首页", "主页")
"""Words a breadcrumb line (首页 > 政务公开 > …) opens with."""
