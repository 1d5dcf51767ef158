"""Where the graph is kept: the embedded Oxigraph store or a SPARQL server, behind one protocol.

Callers say where the store is; :func:`open_store` decides which kind of store that is::

    with open_store("policykg.store", read_only=True) as store: ...
    with open_store(Endpoint("http://localhost:8890/sparql")) as store: ...
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykg.graph.store.endpoint import Endpoint
    from policykg.graph.store.protocol import SparqlStore

DEFAULT_STORE = "policykg.store"


def open_store(
    where: str | os.PathLike[str] | Endpoint = DEFAULT_STORE,
    *,
    read_only: bool = False,
    credentials: tuple[str, str] | None = None,
) -> SparqlStore:
    """Return the store at ``where``: a server's store for an :class:`Endpoint`, else the embedded one.

    The store is a context manager that closes it. ``credentials`` (user, password) are for a server;
    without them a server's are looked up as :mod:`policykg.graph.store.endpoint` says.
    """
    from policykg.graph.store.endpoint import Endpoint

    if isinstance(where, Endpoint):
        from policykg.graph.store.server import EndpointStore

        return EndpointStore(where, read_only=read_only, credentials=credentials)
    from policykg.graph.store.embedded import GraphStore

    return GraphStore(where, read_only=read_only)
