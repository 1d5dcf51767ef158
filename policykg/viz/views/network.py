"""The co-responsibility network: departments linked by the measures they share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policykg.graph.store.protocol import SparqlStore
from policykg.viz import layout
from policykg.viz.boxes import Box
from policykg.viz.page import LABELLED_MAX, PageParts
from policykg.viz.view import View, make_view
from policykg.viz.views.style import COMMUNITY_COLOURS, node, place

FORCE_LAYOUT_MAX = 400  # above this many departments a force layout takes too long: communities are packed
OWN_COLOURS = len(COMMUNITY_COLOURS) - 1  # communities with a colour of their own; the rest share the last
LEGEND_MEMBERS = 3  # a community's legend entry names this many of its largest members
FILTER_LIST_MAX = 3000  # above this many departments the page offers no department list to filter by


def network_view(store: SparqlStore | None = None, graph: Any = None) -> View:
    """Return the view of the co-responsibility network: width = shared measures, size = measures led,
    colour = community.

    Pass a networkx ``graph`` (as made by :func:`policykg.queries.network.department_network`) to draw
    that instead of the store's.
    """
    from policykg.queries.network import communities, department_network

    g = graph if graph is not None else department_network(store)
    groups = communities(g)
    member = {n: k for k, group in enumerate(groups) for n in group}
    nodes = [_department(n, data, (0.0, 0.0), member.get(n, 0)) for n, data in g.nodes(data=True)]
    place(nodes, lambda boxes: _arrange(g, groups, boxes))
    edges = [
        {"from": a, "to": b, "value": d.get("weight", 1), "title": f"{d.get('weight', 1)} shared measures"}
        for a, b, d in g.edges(data=True)
    ]
    names = sorted(d.get("label", str(n)) for n, d in g.nodes(data=True))
    parts = PageParts(
        "部门协同网络 Co-responsibility network",
        community_legend(g, groups),
        [],
        names if g.number_of_nodes() <= FILTER_LIST_MAX else [],
        f"{len(groups)} communities; edge width = measures shared, node size = measures led",
    )
    return make_view(parts, nodes, edges)


def _arrange(g: Any, groups: list[set[str]], boxes: Mapping[str, Box]) -> Mapping[str, tuple[float, float]]:
    """Return a force layout of a small network, packed community discs for a large one; where labels
    are drawn at first sight, no two boxes overlap."""
    labelled = boxes if g.number_of_nodes() <= LABELLED_MAX else None
    if g.number_of_nodes() <= FORCE_LAYOUT_MAX:
        return layout.force(g, boxes=labelled)
    return layout.packed_communities(groups, boxes=labelled)


def community_legend(g: Any, groups: list[set[str]]) -> list[dict[str, str]]:
    """Return a legend entry per community (its colour, and its largest members' names); the
    communities past the palette share one entry."""
    entries = []
    named = len(groups) if len(groups) <= len(COMMUNITY_COLOURS) else OWN_COLOURS  # the last alone is named
    for k, group in enumerate(groups[:named]):
        largest = sorted(group, key=lambda n: (-g.nodes[n].get("led", 0), -g.degree(n), str(n)))
        names = "、".join(g.nodes[n].get("label", str(n)) for n in largest[:LEGEND_MEMBERS])
        more = f" … (+{len(group) - LEGEND_MEMBERS})" if len(group) > LEGEND_MEMBERS else ""
        entries.append(
            {
                "kind": _community_key(k),
                "label": f"社区 {k + 1} community: {names}{more}",
                "color": _colour(k),
            }
        )
    if len(groups) > named:
        rest = len(groups) - named
        entries.append(
            {
                "kind": _community_key(OWN_COLOURS),
                "label": f"其他 {rest} communities",
                "color": _colour(OWN_COLOURS),
            }
        )
    return entries


def _community_key(k: int) -> str:
    """Return the legend key of community ``k`` (those past the palette share the last one)."""
    return f"community-{min(k, OWN_COLOURS) + 1}"


def _colour(k: int) -> str:
    """Return the colour of community ``k``: its own among the first, the palette's last for the rest."""
    return COMMUNITY_COLOURS[min(k, OWN_COLOURS)]


def _department(n: str, data: dict[str, Any], pos: tuple[float, float], community: int) -> dict[str, Any]:
    """Return a department's node, coloured by its community and sized by the measures it leads."""
    label = data.get("label", str(n))
    led = data.get("led", 0)
    tooltip = f"{label}\n{data.get('jurisdiction', '')}\n牵头 leads {led}\n社区 community {community + 1}"
    drawn = node(n, label, "department", pos, tooltip, departments=[label], value=1 + led)
    drawn["color"] = _colour(community)
    drawn["legend"] = _community_key(community)
    return drawn
