"""The co-responsibility network: departments linked by the measures they share."""

from __future__ import annotations

from typing import Any

from policykg.graph.store.protocol import SparqlStore
from policykg.viz import layout
from policykg.viz.page import PageParts
from policykg.viz.view import View, make_view
from policykg.viz.views.style import COMMUNITY_COLOURS, legend, node

FORCE_LAYOUT_MAX = 400  # above this many departments a force layout takes too long: communities are packed
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
    small = g.number_of_nodes() <= FORCE_LAYOUT_MAX
    pos = layout.force(g) if small else layout.packed_communities(groups)
    nodes = [_department(n, data, pos[n], member.get(n, 0)) for n, data in g.nodes(data=True)]
    edges = [
        {"from": a, "to": b, "value": d.get("weight", 1), "title": f"{d.get('weight', 1)} shared measures"}
        for a, b, d in g.edges(data=True)
    ]
    names = sorted(d.get("label", str(n)) for n, d in g.nodes(data=True))
    parts = PageParts(
        "部门协同网络 Co-responsibility network",
        legend(["department"]),
        [],
        names if g.number_of_nodes() <= FILTER_LIST_MAX else [],
        f"{len(groups)} communities; edge width = measures shared, node size = measures led",
    )
    return make_view(parts, nodes, edges)


def _department(n: str, data: dict[str, Any], pos: tuple[float, float], community: int) -> dict[str, Any]:
    """Return a department's node, coloured by its community and sized by the measures it leads."""
    label = data.get("label", str(n))
    led = data.get("led", 0)
    tooltip = f"{label}\n{data.get('jurisdiction', '')}\n牵头 leads {led}\n社区 community {community + 1}"
    drawn = node(n, label, "department", pos, tooltip, departments=[label], value=1 + led)
    drawn["color"] = COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)]
    return drawn
