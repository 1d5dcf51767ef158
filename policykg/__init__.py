"""policykg: turn government policy notices into a traceable knowledge graph.

Use from Python or a notebook::

    import policykg
    report = policykg.build(["examples/"], "policykg.store")
    parsed = policykg.parse_file("examples/jiangzhou_city_notice.txt")

Heavy dependencies (spaCy, pyoxigraph, rdflib) are imported only when a function needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "FetchSettings",
    "GraphStore",
    "InputError",
    "LinkReport",
    "ParsedSource",
    "PolicyKGError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
    "__version__",
    "audit_cascade",
    "build",
    "cascade_view",
    "counterpart_pairs",
    "fetch_sources",
    "link_documents",
    "open_store",
    "parse_file",
    "read_source",
    "source_view",
    "validate_store",
]

_LAZY = {
    "BuildReport": "policykg.graph.reports",
    "build": "policykg.graph.build",
    "link_documents": "policykg.graph.links",
    "counterpart_pairs": "policykg.graph.links.counterparts",
    "audit_cascade": "policykg.queries.cascade",
    "cascade_view": "policykg.viz.views.cascade",
    "LinkReport": "policykg.graph.links",
    "GraphStore": "policykg.graph.store.embedded",
    "open_store": "policykg.graph.store",
    "validate_store": "policykg.graph.store.validate",
    "parse_file": "policykg.loaders.extract.pipeline",
    "read_source": "policykg.loaders.read.sources",
    "FetchSettings": "policykg.loaders.read.fetch",
    "fetch_sources": "policykg.loaders.read.fetch",
    "source_view": "policykg.viz.views.source",
    "ParsedSource": "policykg.loaders.extract.model",
    "InputError": "policykg.errors",
    "PolicyKGError": "policykg.errors",
    "QueryError": "policykg.errors",
    "StoreError": "policykg.errors",
    "StoreLockedError": "policykg.errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
