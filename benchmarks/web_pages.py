"""Wrap generated notices in government-style web pages and time reading them.

    python benchmarks/web_pages.py [--files 40] [--measures 40]

``write_web_page`` is what benchmarks/formats.py calls to make the web-page share of its mixed
folder. Run alone, this writes ``--files`` notices (benchmarks/make_corpus.py) as .txt and as pages
with a banner, menus, breadcrumb, page fields, share buttons and a footer around the notice, then
prints the time to read the pages whole and with the site cut away, the peak memory, and how many
pages give the same measures and roles as their .txt.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import generate  # noqa: E402

SITE_TOP = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_{site}</title>
<script>function fontZoom(s){{document.getElementById('zoom').style.fontSize=s+'px';}}</script></head><body>
<div class="top"><a href="/wza/">无障碍</a> | <a href="/zbb/">长辈版</a> | <a href="/en/">English</a></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府文件</div>
<div class="article"><h1>{title}</h1>
<div class="meta">发布时间：2025-01-01 来源：{site} 字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="content" id="zoom">
"""
SITE_BOTTOM = """</div><div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/t1.html">关于做好有关工作的通知</a></li></ul></div>
<footer><p>主办单位：{site}　网站标识码：0000000001　某ICP备00000000号</p></footer></body></html>
"""


def write_web_page(text: str, path: Path, site: str = "某市人民政府") -> Path:
    """Write the notice ``text`` as a government web page at ``path``; return ``path``.

    The first line is the page's title (shown outside the notice's element, as sites do); each
    other line is a paragraph, and runs of tab-separated lines are one table.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    title = html.escape(lines[0]) if lines else ""
    body: list[str] = []
    rows: list[str] = []
    for line in lines[1:] + [""]:
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")) + "</tr>")
            continue
        if rows:
            body.append("<table border='1'>" + "".join(rows) + "</table>")
            rows = []
        if line:
            body.append(f"<p>{html.escape(line)}</p>")
    page = SITE_TOP.format(title=title, site=site) + "\n".join(body) + SITE_BOTTOM.format(site=site)
    path.write_text(page, encoding="utf-8")
    return path


def main() -> None:
    from policykg.loaders.extract.pipeline import parse_file
    from policykg.loaders.read.html import html_to_text
    from policykg.loaders.read.webpage import page_to_text

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--measures", type=int, default=40, help="measures per notice")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = generate(folder, args.files * args.measures, per_file=args.measures)
        pages = [write_web_page(p.read_text(encoding="utf-8"), p.with_suffix(".html")) for p in texts]
        markup = [p.read_text(encoding="utf-8") for p in pages]
        page_to_text(markup[0], "warm-up")  # trafilatura's first import takes a second or two
        readers = (("whole page", html_to_text), ("site cut away", lambda h, p: page_to_text(h, p).text))
        for label, read in readers:
            start = time.perf_counter()
            for page, path in zip(markup, pages, strict=True):
                read(page, str(path))
            elapsed = time.perf_counter() - start
            tracemalloc.start()  # a second pass: tracing slows reading several times over
            for page, path in zip(markup, pages, strict=True):
                read(page, str(path))
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            size = sum(len(m.encode()) for m in markup) / 1e6
            print(
                f"{label:>14}: {len(pages)} pages ({size:.1f} MB) in {elapsed:.2f} s, "
                f"{1000 * elapsed / len(pages):.1f} ms a page, peak {peak / 1e6:.1f} MB"
            )
        same = sum(_facts(parse_file(t)) == _facts(parse_file(p)) for t, p in zip(texts, pages, strict=True))
        print(f"same measures and roles as the .txt: {same} of {len(pages)} pages")


def _facts(parsed) -> list[tuple]:  # noqa: ANN001
    """Return each measure's number and the departments in each role."""
    roles = ("lead", "responsible", "co")
    return [(m.number, *(tuple(a.name for a in m.actors(r)) for r in roles)) for m in parsed.measures]


if __name__ == "__main__":
    main()
