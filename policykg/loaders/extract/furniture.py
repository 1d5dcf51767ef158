"""Page furniture: what a government web page prints around a notice (banners, breadcrumbs, page fields).

Such lines (``无障碍 | 长辈版``, ``您现在的位置：首页 > 政务公开``, ``• 发布日期：2024-04-08``,
``字号：大 中 小  打印  关闭``, ``分享到：``) are neither titles nor issuers. The publisher a page names
(``来源：…``) is read for the notice's place by :mod:`policykg.loaders.extract.jurisdiction`.
"""

from __future__ import annotations

import re

from policykg.loaders.extract.vocabulary import BREADCRUMB_WORDS, PAGE_FIELD_LABELS, PAGE_TOOLS, alternation

# a page field: 发布日期：…, • 浏览次数：, 索引号 | H019/…, [字体: ]
_FIELD = re.compile(rf"^[•·\s\[【]*(?:{alternation(PAGE_FIELD_LABELS)})\s*[:：|]")
# a breadcrumb: 您现在的位置：首页 > …, 首页>政务公开>…
_BREADCRUMB = re.compile(rf"^(?:{alternation(BREADCRUMB_WORDS)}).*(?:>|＞|»|/)|(?:>|＞|»).*(?:>|＞|»)")
# a line made only of page buttons and separators: 无障碍 | 长辈版, 打印 关闭, 字号 大 中 小
_TOOLS = re.compile(
    rf"^(?:[\s|｜/【】\[\]()（）:：•·]|{alternation((*PAGE_TOOLS, '字号', '字体', '大', '中', '小'))})+$"
)
# a document-sharing banner: 《X.docx》由会员分享，可在线阅读
_SHARING_BANNER = re.compile(r"由会员分享|可在线阅读|请在.{0,12}上搜索")
# a page button in brackets anywhere on a line: 国内政策【切换】国际政策
_BRACKETED_TOOL = re.compile(rf"[\[【](?:{alternation(PAGE_TOOLS)})[\]】]")
# a page field in the middle of a line: 2024年03月15日来源：沈河区人民政府办公室
_INNER_FIELD = re.compile(r"(?:来源|发布时间|发布日期|浏览次数|点击数)\s*[:：]")


# a line holding only breadcrumb words: 当前位置：首页, 您现在的位置：首页 (the path after it cut off)
_BREADCRUMB_ONLY = re.compile(rf"^(?:{alternation(BREADCRUMB_WORDS)}|[\s:：>＞»•·])+$")
# the site's name a page prints after the title: …的意见-湖南省人民政府门户网站, …_中国政府网
_SITE_SUFFIX = re.compile(r"\s*[-_|–—]\s*[^-_|–—]*(?:门户网站|政府网|网站).*$")
# the notice's own number in brackets closing its title: …分工方案的通知（粤府〔2021〕22号）
_TRAILING_NUMBER = re.compile(
    r"[(（][\u4e00-\u9fff]{1,12}\s*[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]\s*\d{1,4}\s*号[)）]$"
)


def page_title(title: str) -> str:
    """Return a title without what a web page adds to it: the site's name, the bracketed number."""
    return _TRAILING_NUMBER.sub("", _SITE_SUFFIX.sub("", title)).strip()


def is_furniture(text: str) -> bool:
    """True when a line is web-page furniture rather than part of the notice."""
    line = text.strip()
    if not line:
        return False
    return bool(
        _FIELD.match(line)
        or _BREADCRUMB.search(line)
        or _BREADCRUMB_ONLY.match(line)
        or _TOOLS.match(line)
        or _SHARING_BANNER.search(line)
        or _BRACKETED_TOOL.search(line)
        or _INNER_FIELD.search(line)
    )
