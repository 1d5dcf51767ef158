"""Web pages: the notice read out of the site around it gives what the same notice in .txt gives.

The fixtures in tests/data/formats are pages written for these tests in the style of government
sites (places and departments do not exist): web_notice.html a modern page (banner, menu,
breadcrumb, page fields, 字号 大 中 小, share buttons, related links, footer), web_layout.html an
older one laid out in table cells; each has a .txt twin holding only the notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read.html import html_to_text
from policykg.loaders.read.sources import read_source
from policykg.loaders.read.webpage import attachment_links, page_to_text

from .test_table_layouts import row

FORMATS = Path(__file__).parent / "data" / "formats"
PAGES = ("web_notice", "web_layout")
# what each fixture's site prints around the notice: none of it may reach the text
FURNITURE = (
    "欢迎访问",
    "无障碍",
    "网站首页",
    "政务公开",
    "信息公开目录",
    "您现在的位置",
    "当前位置",
    "索引号",
    "浏览次数",
    "阅读次数",
    "字号",
    "字体",
    "分享到",
    "打印本页",
    "关闭窗口",
    "相关文章",
    "友情链接",
    "主办单位",
    "版权所有",
    "网站标识码",
    "ICP备",
)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_gives_the_measures_and_roles_of_its_notice_as_text(name):
    page = parse_file(FORMATS / f"{name}.html")
    text = parse_file(FORMATS / f"{name}.txt")
    assert len(text.measures) >= 5
    assert [row(m) for m in page.measures] == [row(m) for m in text.measures]
    assert [d.title for d in page.documents] == [d.title for d in text.documents]
    assert page.jurisdiction == text.jurisdiction


@pytest.mark.parametrize("name", PAGES)
def test_the_site_around_a_notice_is_dropped_at_read_time(name):
    source = read_source(FORMATS / f"{name}.html")
    assert source.method == "extracted from a web page"
    assert [word for word in FURNITURE if word in source.text] == []
    lines = [line for line in source.text.splitlines() if line]
    twin = [line for line in (FORMATS / f"{name}.txt").read_text(encoding="utf-8").splitlines() if line]
    assert lines[0] == twin[0]  # the title, which the page shows outside the notice's element
    assert any(line.startswith("附件：") for line in lines)  # a line that is mostly a link stays
    header = next(line for line in twin if line.startswith("序号\t"))
    assert header in lines  # the task table stays a table: header row, then its rows
    rows = [line.replace(" ", "") for line in lines if "\t" in line]  # a <br> in a cell is a space
    assert rows == [line for line in twin if "\t" in line]


@pytest.mark.parametrize("name", PAGES)
def test_the_same_page_always_gives_the_same_text(name):
    html = (FORMATS / f"{name}.html").read_text(encoding="utf-8")
    first = page_to_text(html, name)
    assert first.extracted
    assert all(page_to_text(html, name) == first for _ in range(3))
    source = read_source(FORMATS / f"{name}.html")
    for measure in parse_file(FORMATS / f"{name}.html").measures:
        start, end = measure.span
        assert "".join(measure.text.split())[:6] in "".join(source.text[start:end].split())


def test_the_page_fields_printed_with_the_title_are_kept_on_one_line(tmp_path):
    """The publisher a page names may be the only place a notice has; link texts and counters go."""
    source = read_source(FORMATS / "web_notice.html")
    assert source.text.splitlines()[1] == "发布时间：2025-02-19 来源：澄湾市人民政府办公室"
    page = (
        "<html><body><nav><a href='/'>首页</a> <a href='/xxgk/'>信息公开</a></nav><div class='art'>"
        "<h2>关于做好2025年汛期安全防范工作的通知</h2><div>信息来源：岱屿县应急管理局 点击数：<b>88</b> "
        "【字体：<a href='#'>大</a> <a href='#'>中</a> <a href='#'>小</a>】</div><div class='text'>"
        "<p>各乡镇人民政府，县直有关单位：</p><p>一、加强隐患排查</p>"
        "<p>1.开展汛前地质灾害隐患排查，建立隐患点台账。（县自然资源局牵头，各乡镇人民政府配合）</p>"
        "<p>2.做好防汛物资储备，储备编织袋10万条以上。（县应急管理局负责）</p></div></div>"
        "<footer>主办单位：岚溪市人民政府办公室</footer></body></html>"
    )
    path = tmp_path / "flood.html"
    path.write_text(page, encoding="utf-8")
    lines = read_source(path).text.splitlines()
    assert lines[:2] == ["关于做好2025年汛期安全防范工作的通知", "信息来源：岱屿县应急管理局"]
    parsed = parse_file(path)
    assert parsed.jurisdiction == "岱屿县"
    assert [m.actors("lead")[0].name if m.actors("lead") else None for m in parsed.measures] == [
        "县自然资源局",
        None,
    ]


def content_as(body: str) -> str:
    """The fixture page with its notice's element holding ``body`` instead."""
    html = (FORMATS / "web_notice.html").read_text(encoding="utf-8")
    start, end = html.index('<div class="article-content"'), html.index('<div class="share">')
    return html[:start] + f'<div class="article-content" id="zoom">{body}</div>' + html[end:]


def test_a_notice_in_lines_broken_by_br_is_found():
    lines = (FORMATS / "web_notice.txt").read_text(encoding="utf-8").splitlines()
    body = "<br>".join(line for line in lines[1:] if "\t" not in line and not line.startswith("附件"))
    read = page_to_text(content_as(body), "br.html")
    assert read.extracted and [w for w in FURNITURE if w in read.text] == []
    assert read.text.splitlines()[2:] == [
        line for line in lines[1:] if "\t" not in line and not line.startswith("附件")
    ]


def test_a_page_holding_only_a_task_table_keeps_the_lines_around_it():
    html = (FORMATS / "web_notice.html").read_text(encoding="utf-8")
    table = html[html.index("<table") : html.index("</table>") + len("</table>")]
    read = page_to_text(content_as("<p>澄政办发〔2025〕7号</p>" + table), "table.html")
    assert read.extracted and [w for w in FURNITURE if w in read.text] == []
    lines = [line for line in read.text.splitlines() if line]
    assert lines[1:3] == ["发布时间：2025-02-19 来源：澄湾市人民政府办公室", "澄政办发〔2025〕7号"]
    assert lines[3] == "序号\t重点任务\t牵头单位\t配合单位\t完成时限" and len(lines) == 7


def test_a_title_shown_in_a_styled_block_is_taken_without_the_site_name():
    html = (FORMATS / "web_notice.html").read_text(encoding="utf-8")
    html = html.replace(
        '<meta name="ArticleTitle"', '<meta name="Other"'
    )  # <title> then ends in _澄湾市人民政府
    html = html.replace('<h1 class="article-title">', '<div class="article-title">').replace(
        "</h1>", "</div>"
    )
    lines = page_to_text(html, "styled.html").text.splitlines()
    assert lines[:2] == [
        "澄湾市人民政府办公室关于印发澄湾市2025年数字政府建设重点任务的通知",
        "发布时间：2025-02-19 来源：澄湾市人民政府办公室",
    ]


def test_a_page_that_is_only_the_notice_is_read_whole():
    html = (
        "<html><body><h1>某县实施方案</h1><p>1. <b>推进改革。</b>（县政务办负责）</p>"
        "<table><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td>推进改革</td></tr></table></body></html>"
    )
    read = page_to_text(html, "bare.html")
    assert read.text == html_to_text(html, "bare.html") and not read.extracted
    assert "1. **推进改革。**（县政务办负责）" in read.text and "1\t推进改革" in read.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><ul>"
        + "".join(f"<li><a href='/a{i}.html'>通知{i}</a></li>" for i in range(300))
        + "</ul>",
        "<html><body><div><p>1. 推进改革。（县政务办负责）<table><tr><td>牵头单位<td>县财政局</div></body>",
        "<p>一、总体要求</p><p>1. 推进改革。（县政务办负责）</p>" * 2000,
        "<html><body>"
        + "<table><tr><td>" * 300
        + "1. 推进改革。（县政务办负责）"
        + "</td></tr></table>" * 300,
        "<?xml version='1.0' encoding='gb2312'?><html><body><p>1. 推进改革。（县政务办负责）</p></body></html>",
    ],
    ids=["link-listing", "unclosed-tags", "many-paragraphs", "nested-layout", "xml-declaration"],
)
def test_odd_pages_give_text_not_errors(html):
    read = page_to_text(html, "odd.html")
    assert read.text.strip()
    assert page_to_text(html, "odd.html") == read


def test_a_page_too_long_to_extract_from_in_time_is_read_whole():
    from policykg.loaders.read.webpage import MAX_EXTRACTED_CHARS

    html = (FORMATS / "web_notice.html").read_text(encoding="utf-8")
    filler = "<p>1.推进改革，提升服务效能。（市大数据局负责）</p>" * (MAX_EXTRACTED_CHARS // 30)
    read = page_to_text(html.replace("<p>附件：", filler + "<p>附件："), "long.html")
    assert not read.extracted and "分享到" in read.text


def test_attachment_links_are_the_documents_a_page_links_to():
    page = """<html><body><div>
      <p>附件：<a href="/files/分工表.xlsx">分工表</a> <a href="fj2.DOCX#page=2">附件2</a></p>
      <a href="https://other.example/a.pdf">外站附件</a> <a href="/files/分工表.xlsx">再次链接</a>
      <a href="/news/t1.html">新闻</a> <a href="mailto:a@b.example">邮件</a>
      <a href="javascript:void(0)">打印</a> <a href="http://[bad/x.doc">坏链接</a> <a>无链接</a>
      <a href="download.wps?id=3">金山文档</a> <a href="/scan.ofd">版式文件</a>
      <a href="/down.jsp?id=7">附件3：任务清单.XLS </a> <a href="/down.jsp?id=8">说明.html</a>
    </div></body></html>"""
    assert attachment_links(page, "http://gov.example/zwgk/t1.html") == [
        "http://gov.example/files/分工表.xlsx",
        "http://gov.example/zwgk/fj2.DOCX",
        "https://other.example/a.pdf",
        "http://gov.example/zwgk/download.wps?id=3",
        "http://gov.example/scan.ofd",
        "http://gov.example/down.jsp?id=7",
    ]
    assert attachment_links("", "http://gov.example/") == []


@pytest.mark.parametrize(
    "name", ["deep.html", "entities.html", "script.html", "link-maze.html", "deep-layout.html"]
)
def test_hostile_pages_keep_their_notice(name):
    from .hostile import NOTICE, hostile_files

    text = page_to_text(hostile_files()[name][0].decode(), name).text
    assert "1. 推进改革。（市政务办牵头，市财政局配合）" in text and "alert" not in text
    assert text.count(NOTICE.splitlines()[0]) == 1
