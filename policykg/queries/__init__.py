"""Named SPARQL queries (``*.rq`` files shipped with the package) and what is computed from them."""

from __future__ import annotations

from policykg.queries.named import list_queries, load_query

__all__ = ["list_queries", "load_query"]
