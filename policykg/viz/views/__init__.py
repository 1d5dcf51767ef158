"""The views, one module each: functions that read the graph and return a :class:`policykg.viz.view.View`.

Nodes are positioned beforehand (physics off) and carry tooltips and the fields the page's
filters and legend use.
"""

from policykg.viz.views.cascade import cascade_view
from policykg.viz.views.citations import citations_view
from policykg.viz.views.department import department_view
from policykg.viz.views.indicators import indicators_view
from policykg.viz.views.network import network_view
from policykg.viz.views.overview import AGGREGATE_ABOVE, overview_view
from policykg.viz.views.style import ROLE_COLOURS

__all__ = [
    "AGGREGATE_ABOVE",
    "ROLE_COLOURS",
    "cascade_view",
    "citations_view",
    "department_view",
    "indicators_view",
    "network_view",
    "overview_view",
]
