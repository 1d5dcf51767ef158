"""Every view of the examples and of the corpus, opened in Chromium: no two labels overlap and the
whole graph is in the window at the zoom the page opens with (measured from what vis-network drew)."""

from __future__ import annotations

import pytest

from .browser import require_browser, running_browser
from .readable import measure, require_cjk_font

BUSIEST = 8  # the department views measured: the busiest departments' (the most crowded)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    require_cjk_font()
    with running_browser() as started:
        yield started


def all_views(store_path, departments: int | None = None):
    """Yield (name, View) for every view of a store: the four whole-graph views and department views,
    of every department or of the ``departments`` busiest."""
    from policykg.graph.store import open_store
    from policykg.ontology.terms import POL
    from policykg.queries.snapshot import load_snapshot
    from policykg.viz import views

    with open_store(store_path, read_only=True) as store:
        snap = load_snapshot(store)
        yield "overview", views.overview_view(store, snapshot=snap)
        yield "network", views.network_view(store)
        yield "citations", views.citations_view(store, snapshot=snap)
        yield "indicators", views.indicators_view(store, snapshot=snap)
        load: dict[str, int] = {}
        for m in snap.of_type(POL.Measure):
            for _, d in snap.roles.get(m, []):
                load[d] = load.get(d, 0) + 1
        ranked = sorted(load, key=lambda d: (-load[d], d))
        for d in ranked[:departments] if departments else ranked:
            yield f"department {snap.name(d)}", views.department_view(store, d, snapshot=snap)


def assert_readable(browser, tmp_path, named_views) -> int:
    """Open each view; return how many were measured, failing on the first overlap or node outside."""
    count = 0
    for k, (name, view) in enumerate(named_views):
        path = view.write(tmp_path / f"view-{k}.html")
        page = browser.new_page(1280, 800)
        page.goto(path.as_uri())
        found = measure(page)
        page.close()
        assert found.labels == found.nodes == view.node_count, name
        assert found.overlaps == [], f"{name}: labels overlap: {found.overlaps[:5]}"
        assert found.crowded == [], f"{name}: nodes overlap: {found.crowded[:5]}"
        assert found.outside == [], f"{name}: {len(found.outside)} nodes outside the window"
        count += 1
    return count


def test_every_view_of_the_examples_is_readable(browser, example_store, tmp_path):
    assert assert_readable(browser, tmp_path, all_views(example_store, BUSIEST)) == 4 + BUSIEST


def test_every_view_of_the_corpus_is_readable(browser, corpus_store, tmp_path):
    assert assert_readable(browser, tmp_path, all_views(corpus_store, BUSIEST)) == 4 + BUSIEST


def test_a_crowded_network_is_spread_until_readable(browser, tmp_path):
    """Two dense communities of long names, a bridge, and lone nodes: what drew overlapping blobs."""
    import networkx as nx

    from policykg.viz.views import network_view

    g = nx.union(nx.complete_graph(30), nx.complete_graph(range(30, 70)))
    g.add_edge(0, 30)
    g.add_nodes_from(range(70, 80))
    for n in g.nodes:
        g.nodes[n].update(label=f"某某市第{n}号综合行政执法改革领导小组办公室", led=n % 5)
    assert assert_readable(browser, tmp_path, [("crowded network", network_view(graph=g))]) == 1


def _department_views_leave_room(store_path) -> int:
    """Check every department's view of a store by the boxes its layout reserved (no browser)."""
    from policykg.graph.store import open_store
    from policykg.ontology.terms import POL
    from policykg.queries.snapshot import load_snapshot
    from policykg.viz import views
    from policykg.viz.boxes import node_boxes, overlapping_pairs

    with open_store(store_path, read_only=True) as store:
        snap = load_snapshot(store)
        departments = {d for m in snap.of_type(POL.Measure) for _, d in snap.roles.get(m, [])}
        for d in sorted(departments):
            view = views.department_view(store, d, snapshot=snap)
            pos = {n["id"]: (n["x"], n["y"]) for n in view.nodes}
            assert overlapping_pairs(pos, node_boxes(view.nodes), gap=1) == [], view.title
    return len(departments)


def test_every_department_view_of_the_examples_leaves_room_for_its_labels(example_store):
    """All department views, beyond the busiest measured in the browser, by the boxes reserved."""
    assert _department_views_leave_room(example_store) > 30


def test_every_department_view_of_the_corpus_leaves_room_for_its_labels(corpus_store):
    assert _department_views_leave_room(corpus_store) > 90
