"""The cascade view of a city plan and a county plan (tests/data/cascade, links per tests/cascade_pair.py):
what it draws, and in Chromium, that clicking a link shows both passages with the shared characters marked.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from policykg.cli.main import cli
from policykg.errors import QueryError
from policykg.graph.store.embedded import GraphStore
from policykg.viz.views.cascade import LINK_COLOURS, cascade_view

from .browser import running_browser
from .cascade_pair import COPIED_PASSAGE, LOWER, LOWER_FILE, UPPER, UPPER_FILE, build_cascade_store, link_iri


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_cascade_store(tmp_path_factory.mktemp("cascade-view") / "store")


@pytest.fixture(scope="module")
def view(store_path):
    with GraphStore(store_path, read_only=True) as store:
        return cascade_view(store, UPPER_FILE, LOWER_FILE)


def test_both_sides_in_document_order_with_unlinked_measures_marked(view):
    sides = [(n["side"], n["id"], n["kind"]) for n in view.nodes]
    assert sides == [
        *[("upper", UPPER[k], "upper") for k in range(1, 5)],
        ("upper", UPPER[5], "unimplemented"),
        *[("lower", LOWER[k], "lower") for k in range(1, 6)],
        ("lower", LOWER[6], "local"),
    ]
    assert view.summary.startswith("11 measures and 5 links")


def test_links_are_drawn_by_strength_and_kind(view):
    edges = {e["id"]: e for e in view.edges}
    copy, reworded, weak = edges[link_iri(1, 1)], edges[link_iri(2, 2)], edges[link_iri(5, 4)]
    assert (copy["from"], copy["to"]) == (LOWER[1], UPPER[1])
    assert copy["kind"] == "copy" and copy["color"] == "#d62728"
    assert reworded["kind"] == "same" and reworded["color"] == "#1f77b4"
    assert edges[link_iri(4, 3)]["kind"] == "part" and edges[link_iri(4, 3)]["color"] == LINK_COLOURS["part"]
    # score 0.93 > 0.61 > 0.48: wider and more opaque in that order
    assert copy["width"] > reworded["width"] > weak["width"]
    assert copy["opacity"] > reworded["opacity"] > weak["opacity"]


def test_marks_fall_on_the_shared_characters_of_both_texts(view):
    nodes = {n["id"]: n for n in view.nodes}
    for edge in view.edges:
        lower, upper = nodes[edge["from"]]["text"], nodes[edge["to"]]["text"]
        marked_lower = [lower[a:b] for a, b in edge["lowerMarks"]]
        marked_upper = [upper[a:b] for a, b in edge["upperMarks"]]
        assert marked_lower == edge["shared"], edge["id"]
        assert marked_upper == edge["shared"], edge["id"]  # the fixture's passages stand verbatim above too
    split = next(e for e in view.edges if e["id"] == link_iri(4, 3))
    assert split["shared"] == ["联合竣工验收", "施工图审查时限", "10个工作日以内"]


def test_the_page_holds_the_data_and_no_request(view):
    html = view.html
    assert "<script src" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    data = json.loads(
        re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html, re.S)[1]
    )
    assert len(data["nodes"]) == 11 and len(data["edges"]) == 5
    assert data["documents"][data["nodes"][0]["document"]] == "柳岸市优化营商环境三年行动方案"


def test_viz_cascade_command_and_a_bad_document(store_path, tmp_path):
    out = tmp_path / "cascade.html"
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", str(store_path), "viz", "cascade", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 11 measures and 5 links" in result.output and out.is_file()
    bad = tmp_path / "bad.html"
    result = runner.invoke(
        cli, ["--store", str(store_path), "viz", "cascade", "--below", "nowhere.txt", "--output", str(bad)]
    )
    assert result.exit_code == 1 and not bad.exists()
    assert (
        result.output.strip()
        == "policykg: error: no document or source file named 'nowhere.txt' in the store"
    )
    with GraphStore(store_path, read_only=True) as store, pytest.raises(QueryError):
        cascade_view(store, "nowhere.txt")


def test_a_store_without_links_draws_both_sides_unlinked(tmp_path):
    path = build_cascade_store(tmp_path / "store", with_links=False)
    with GraphStore(path, read_only=True) as store:
        view = cascade_view(store, UPPER_FILE, LOWER_FILE)
    assert view.edge_count == 0
    assert {n["kind"] for n in view.nodes} == {"unimplemented", "local"}


# -- in Chromium ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with running_browser() as started:
        yield started


def click_link(page, k: int) -> None:
    """Click with the mouse on the middle of link ``k``'s drawn line (a flat line has no box to aim at)."""
    point = page.evaluate(
        """k => { const path = document.querySelector(`#links path.hit[data-link="${k}"]`);
        const mid = path.getPointAtLength(path.getTotalLength() / 2);
        const box = path.ownerSVGElement.getBoundingClientRect();
        return [box.left + mid.x, box.top + mid.y]; }""",
        k,
    )
    page.mouse.click(*point)


def test_clicking_a_link_shows_both_passages_highlighted(browser, view, tmp_path):
    page_file = view.write(tmp_path / "cascade.html")
    page = browser.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.resolve().as_uri())
    page.wait_for_function("window.policykgView && window.policykgView.drawn !== null", timeout=60000)
    assert page.locator("#links path.line").count() == 5
    assert page.locator(".card.unimplemented").count() == 1 and page.locator(".card.local").count() == 1
    k = [e["id"] for e in view.edges].index(link_iri(4, 3))
    click_link(page, k)
    upper = page.locator("#details .passage.upper")
    lower = page.locator("#details .passage.lower")
    shared = ["联合竣工验收", "施工图审查时限", "10个工作日以内"]
    assert upper.locator("mark").all_text_contents() == shared
    assert lower.locator("mark").all_text_contents() == shared
    assert "深化工程建设项目审批制度改革" in upper.text_content()
    assert "县自然资源局牵头" in lower.text_content()
    assert "part" in page.locator("#details .head").text_content()
    assert page.locator("#links path.line.selected").count() == 1
    copy = [e["id"] for e in view.edges].index(link_iri(1, 1))
    click_link(page, copy)
    assert page.locator("#details .passage.lower mark").all_text_contents() == [COPIED_PASSAGE]
    assert "near-verbatim" in page.locator("#details .head").text_content()
    assert errors == [] and len(requests) == 1
    page.close()
