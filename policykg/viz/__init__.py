"""Interactive views of the graph (vis-network) and the audit report, as offline HTML pages.

A view function returns a :class:`View`: the whole page, what it draws, and a one-line summary;
``view.write(path)`` writes it.
"""

from policykg.viz.view import View
from policykg.viz.views import (
    AGGREGATE_ABOVE,
    citations_view,
    department_view,
    indicators_view,
    network_view,
    overview_view,
)
from policykg.viz.views.source import source_view

__all__ = [
    "AGGREGATE_ABOVE",
    "View",
    "citations_view",
    "department_view",
    "indicators_view",
    "network_view",
    "overview_view",
    "source_view",
]
