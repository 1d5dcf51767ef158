"""Every view and the report, opened in headless Chromium: drawn, offline, silent, and safe."""

from __future__ import annotations

import pytest

from .browser import running_browser
from .conftest import EXAMPLES
from .test_cli import run


@pytest.fixture(scope="module")
def browser():
    with running_browser() as started:
        yield started


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The example store's views and report, written with the CLI, with the views' own counts."""
    from policykg.graph.store import open_store
    from policykg.queries.lookup import resolve_department
    from policykg.viz import views

    folder = tmp_path_factory.mktemp("pages")
    store = folder / "store"
    run(store, "build", str(EXAMPLES))
    expected = {}
    with open_store(store, read_only=True) as s:
        for name in ("overview", "network", "citations", "indicators"):
            view = getattr(views, f"{name}_view")(s)
            expected[name] = (view.node_count, view.edge_count)
            run(store, "viz", name, "--output", str(folder / f"{name}.html"))
        dept = resolve_department(s, "市政务服务管理办公室")
        view = views.department_view(s, dept.iri)
        expected["department"] = (view.node_count, view.edge_count)
    run(store, "viz", "department", "市政务服务管理办公室", "--output", str(folder / "department.html"))
    run(store, "report", "--output", str(folder / "report" / "report.html"), "--as-of", "2023-07-01")
    return folder, expected


@pytest.mark.parametrize("name", ["overview", "department", "network", "citations", "indicators"])
def test_view_draws_offline_without_errors(browser, pages, name):
    folder, expected = pages
    visit = browser.visit(folder / f"{name}.html")
    assert (visit.view["nodes"], visit.view["edges"]) == expected[name]
    assert visit.view["shown"] == expected[name][0]
    assert visit.errors == []
    assert [r for r in visit.requests if not r.startswith("file://")] == []
    assert len(visit.requests) == 1
    assert visit.painted > 500, "the canvas is blank"


def test_report_and_its_views_open(browser, pages):
    folder, _ = pages
    report = folder / "report" / "report.html"
    visit = browser.visit(report, wait_for_view=False)
    assert visit.errors == [] and len(visit.requests) == 1
    html = report.read_text(encoding="utf-8")
    for name in ("overview", "network", "citations", "indicators"):
        assert f'href="report-{name}.html"' in html
        linked = browser.visit(report.with_name(f"report-{name}.html"))
        assert linked.errors == [] and linked.painted > 500
    assert "Overdue as of 2023-07-01" in html and "<svg" in html


def test_a_notice_with_script_runs_no_script(browser, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        '某市实施方案</script><script>window.pwned=1</script>\n\n一、重点任务<img src=x onerror="window.pwned=1">\n\n'
        "1. **推进改革<script>window.pwned=1</script>。**加强协同<img src=x onerror=window.pwned=1>。"
        "（市政务办牵头，市财政局配合）\n\n2. 优化服务。（市<b>财政局负责）\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    run(store, "build", str(hostile))
    for name in ("overview", "citations", "indicators", "network"):
        run(store, "viz", name, "--output", str(tmp_path / f"{name}.html"))
        visit = browser.visit(tmp_path / f"{name}.html")
        assert not visit.pwned and visit.errors == [], name
        assert len(visit.requests) == 1, visit.requests
    run(store, "report", "--output", str(tmp_path / "r" / "report.html"), "--no-views")
    visit = browser.visit(tmp_path / "r" / "report.html", wait_for_view=False)
    assert not visit.pwned and len(visit.requests) == 1
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    assert "<script>window.pwned" not in page and "\\u003cscript\\u003ewindow.pwned" in page


def test_large_overview_is_aggregated(tmp_path):
    from policykg.graph.store import open_store
    from policykg.viz.views import overview_view

    store = tmp_path / "store"
    run(store, "build", str(EXAMPLES))
    with open_store(store, read_only=True) as s:
        view = overview_view(s, aggregate_above=5)
    kinds = {n["kind"] for n in view.nodes}
    assert "measure-group" in kinds and "measure" not in kinds
    assert "drawn as one node per section" in view.note and view.note in view.summary
    assert sum(n.get("value", 0) for n in view.nodes if n["kind"] == "measure-group") == 21


def test_large_views_label_what_the_user_zooms_into(browser, tmp_path):
    import networkx as nx

    from policykg.viz.views import network_view

    g = nx.path_graph(3500)
    for n in g.nodes:
        g.nodes[n]["label"] = f"部门{n}"
    path = tmp_path / "big.html"
    network_view(graph=g).write(path)
    page = browser.new_page(1000, 700)
    page.goto(path.as_uri())
    page.wait_for_function("window.policykgView && window.policykgView.drawn !== null", timeout=60000)
    count = "window.policykgView.network.body.data.nodes.get({filter: n => !!n.label}).length"
    assert page.evaluate(count) == 0
    # zoom in where nodes are (the middle of a spiral of community discs may be empty)
    spot = page.evaluate(
        """() => { const n = window.policykgView.network; const d = n.canvasToDOM(n.getPositions([0])[0]);
        const r = document.getElementById('graph').getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }"""
    )
    page.mouse.move(spot["x"], spot["y"])
    for _ in range(60):
        page.mouse.wheel(0, -400)
        page.wait_for_timeout(20)
        if page.evaluate("window.policykgView.network.getScale()") >= 0.5:
            break
    page.mouse.wheel(0, -100)
    page.wait_for_timeout(200)
    labelled = page.evaluate(count)
    page.close()
    assert 0 < labelled <= 2000


def test_a_measure_in_a_view_leads_to_its_place_in_the_source_page(browser, pages):
    folder, _ = pages
    notice = EXAMPLES / "jiangzhou_city_notice.txt"
    run(
        folder / "store",
        "viz",
        "source",
        str(notice),
        "-o",
        str(folder / "source-jiangzhou_city_notice.txt.html"),
    )
    visit = browser.visit(folder / "source-jiangzhou_city_notice.txt.html", wait_for_view=False)
    assert visit.errors == [] and len(visit.requests) == 1
    page = browser.new_page(1280, 800)
    page.goto((folder / "overview.html").as_uri())
    page.wait_for_function("window.policykgView && window.policykgView.drawn !== null", timeout=60000)
    measure = "https://w3id.org/policykg/id/doc/jiangzhou_city_notice.txt/1/measure/4"
    spot = page.evaluate(
        """(id) => { const n = window.policykgView.network; n.focus(id, {scale: 1.5, animation: false});
        const p = n.getPositions([id])[id]; const d = n.canvasToDOM(p);
        const r = document.getElementById('graph').getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }""",
        measure,
    )
    page.wait_for_timeout(100)
    page.mouse.click(spot["x"], spot["y"])
    link = page.locator("#source-link")
    assert link.is_visible() and link.get_attribute("href") == "source-jiangzhou_city_notice.txt.html#m1-4"
    link.click()
    page.wait_for_url("**/source-jiangzhou_city_notice.txt.html#m1-4")
    target = page.evaluate(
        """() => { const e = document.querySelector(':target'); const r = e.getBoundingClientRect();
        return {id: e.id, shown: r.top >= 0 && r.top < window.innerHeight, text: e.textContent}; }"""
    )
    page.close()
    assert target["id"] == "m1-4" and target["shown"] and "优化水电气报装服务" in target["text"]
