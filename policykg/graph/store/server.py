"""A SPARQL 1.1 server used like the embedded store: Query and Update over HTTP, Graph Store Protocol.

Every command runs against an :class:`EndpointStore` as against a :class:`~policykg.graph.store.embedded.GraphStore`:
queries go to the query endpoint and come back as pyoxigraph results; writes go to the update endpoint,
or to a Graph Store Protocol endpoint when one is given (a whole graph in one ``PUT``).

Credentials come from ``$POLICYKG_ENDPOINT_USER`` / ``$POLICYKG_ENDPOINT_PASSWORD``, from ``~/.netrc``,
or from the URL's user part; they are sent only to the URLs given (HTTP Digest or Basic, as the
server asks) and never appear in a message: every URL shown is stripped of its user part.
"""

from __future__ import annotations

import netrc
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from policykg.errors import StoreError
from policykg.graph.iris import shared_graph_iri
from policykg.graph.store.embedded import (
    EXPORT_FORMATS,
    PREFIXES,
    _substitutions,
    import_graphs,
    prune_shared_query,
    solution_dicts,
)
from policykg.graph.store.ranks import rank_documents

UPDATE_CHUNK_TRIPLES = 5_000  # INSERT DATA requests stay below servers' request-size limits
_RESULTS_XML = "application/sparql-results+xml"


@dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL server answers: its query URL, its update URL and its Graph Store Protocol URL."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None

    @property
    def shown(self) -> str:
        """Return the query URL without any user or password in it, for messages."""
        return redact(self.query_url)


def redact(url: str) -> str:
    """Return ``url`` without its user part.

    >>> redact("http://dba:secret@localhost:8890/sparql")
    'http://localhost:8890/sparql'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _credentials(url: str) -> tuple[str, str] | None:
    parts = urllib.parse.urlsplit(url)
    user = os.environ.get("POLICYKG_ENDPOINT_USER")
    password = os.environ.get("POLICYKG_ENDPOINT_PASSWORD")
    if user is not None:
        return user, password or ""
    if parts.username is not None:
        return urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    try:
        found = netrc.netrc().authenticators(parts.hostname or "")
    except (OSError, netrc.NetrcParseError):
        found = None
    if found:
        return found[0] or "", found[2] or ""
    return None


class EndpointStore:
    """A triple store server behind SPARQL 1.1 endpoints, with the methods of the embedded store.

    ``credentials`` (user, password) are used when given; otherwise they are looked up as the module
    says. From a notebook: ``EndpointStore(Endpoint("http://localhost:8890/sparql"))``.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        read_only: bool = False,
        timeout: float = 600.0,
        credentials: tuple[str, str] | None = None,
    ) -> None:
        for url in (endpoint.query_url, endpoint.update_url, endpoint.graph_store_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"{redact(url)}: an endpoint is an http:// or https:// URL")
        self.endpoint = endpoint
        self.read_only = read_only
        self.path = endpoint.shown
        self.timeout = timeout
        import requests

        self._credentials = credentials or _credentials(endpoint.query_url)
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or netrc from the environment: we chose both
        if self._credentials is not None:
            from requests.auth import HTTPDigestAuth

            # Digest first; a server that asks for Basic gets it (see _request). Once answered, the
            # digest is sent with every request, so a large body is not refused half-sent.
            self._session.auth = HTTPDigestAuth(*self._credentials)
        self._primed = False

    def close(self) -> None:
        """Close the HTTP connections."""
        self._session.close()

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP ------------------------------------------------------------------------------------------
    def _request(
        self, url: str, data: bytes | None, headers: Mapping[str, str], method: str = "POST"
    ) -> bytes:
        import requests

        if data is not None and len(data) > 65_536 and not self._primed:
            self._prime()
        try:
            response = self._session.request(
                method, redact(url), data=data, headers=dict(headers), timeout=self.timeout
            )
            if response.status_code == 401 and self._asks_basic(response):
                self._session.auth = requests.auth.HTTPBasicAuth(*self._credentials)
                response = self._session.request(
                    method, redact(url), data=data, headers=dict(headers), timeout=self.timeout
                )
        except requests.RequestException as exc:
            reason = exc.__class__.__name__ if not str(exc) else _first_line(str(exc))
            # a message may quote the URL it failed on: never one with a user part
            raise StoreError(f"{redact(url)}: cannot reach the endpoint: {_redact_text(reason)}") from None
        if response.status_code >= 400:
            detail = _first_line(response.text) or response.reason
            if response.status_code in (401, 403):
                detail = (
                    f"not allowed ({response.status_code}); "
                    "set POLICYKG_ENDPOINT_USER and POLICYKG_ENDPOINT_PASSWORD"
                )
            raise StoreError(f"{redact(url)}: {method} failed: {_redact_text(detail)}")
        self._primed = True
        return response.content

    def _asks_basic(self, response) -> bool:  # noqa: ANN001
        challenge = response.headers.get("www-authenticate", "").lower()
        return self._credentials is not None and challenge.startswith("basic")

    def _prime(self) -> None:
        """Answer the server's challenge with a tiny request before sending a large body."""
        self._primed = True
        self._post_form(self.endpoint.query_url, "query", "ASK {}", _RESULTS_XML)

    def _post_form(self, url: str, field: str, text: str, accept: str) -> bytes:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        return self._request(
            url, body, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept}
        )

    # -- reading ---------------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """Run a SPARQL query on the server; return pyoxigraph's result (solutions, boolean or triples).

        ``bindings`` are bound as a ``VALUES`` block at the start of the query's WHERE clause, each
        value written as an RDF term, never spliced into the query as text.
        """
        text = bind_values(sparql, _substitutions(bindings)) if bindings else sparql
        form = _query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            data = self._post_form(self.endpoint.query_url, "query", text, "application/n-triples")
            return parse(data, RdfFormat.N_TRIPLES)
        data = self._post_form(self.endpoint.query_url, "query", text, _RESULTS_XML)
        try:
            return parse_query_results(data, QueryResultsFormat.XML)
        except SyntaxError as exc:
            raise StoreError(f"{self.path}: the server's answer is not SPARQL results: {exc}") from None

    def select(
        self, sparql: str, bindings: Mapping[str, object] | None = None
    ) -> Iterator[dict[str, object]]:
        """Yield each solution of a SELECT query as a dict of variable name → term (None if unbound)."""
        yield from solution_dicts(self.query(sparql, bindings))

    def named_graphs(self) -> list[str]:
        """Return the IRIs of policykg's named graphs on the server (its own system graphs left out)."""
        # a graph that types something with a policykg class, or the documents' ranks (which types nothing)
        rows = self.select(
            "SELECT DISTINCT ?g WHERE { { GRAPH ?g { ?s a ?class } "
            'FILTER(STRSTARTS(STR(?class), "https://w3id.org/policykg/")) } '
            "UNION { GRAPH ?g { ?s <https://w3id.org/policykg/ontology#documentRank> ?rank } } }"
        )
        return sorted(r["g"].value for r in rows)

    def export(self, output, fmt: str) -> bytes | None:
        """Write policykg's graphs in ``fmt`` to ``output``, or return bytes (as the embedded store does)."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        quads = [q for g in self.named_graphs() for q in self._graph_quads(g)]
        prefixes = {k: v for k, v in PREFIXES.items() if k not in {"sh", "id"}}
        if fmt in ("nq", "trig"):
            return serialize(quads, output, EXPORT_FORMATS[fmt], prefixes=prefixes if fmt == "trig" else None)
        triples = list(dict.fromkeys(q.triple for q in quads))
        return serialize(
            triples, output, EXPORT_FORMATS[fmt], prefixes=prefixes if fmt in ("ttl", "jsonld") else None
        )

    def _graph_quads(self, graph: str) -> list[Quad]:
        g = NamedNode(graph)
        # a NamedNode prints as a checked, escaped IRI (Virtuoso refuses VALUES in a CONSTRUCT)
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        return [Quad(t.subject, t.predicate, t.object, g) for t in triples]

    # -- writing ---------------------------------------------------------------------------------------
    def _writable(self) -> str:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return self.endpoint.update_url or self.endpoint.query_url

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server, then rank its documents anew (a second request)."""
        self._update(sparql)
        rank_documents(self)

    def _update(self, sparql: str) -> None:
        """Send one SPARQL Update request, as policykg's own writes do (nothing is ranked after it)."""
        self._post_form(self._writable(), "update", sparql, "*/*")

    def _data_in_chunks(self, operation: str, graph: str, triples: list[str]) -> None:
        """Send ``INSERT DATA`` or ``DELETE DATA`` for N-Triples lines in ``graph``, a chunk per request."""
        g = NamedNode(graph)
        for start in range(0, len(triples), UPDATE_CHUNK_TRIPLES):
            body = "\n".join(triples[start : start + UPDATE_CHUNK_TRIPLES])
            self._update(f"{operation} {{ GRAPH {g} {{\n{body}\n}} }}")

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` with the ``quads`` in it; add the others to their graphs.

        With a Graph Store Protocol endpoint the graph is replaced by one ``PUT``, which the server
        applies whole; over SPARQL Update it is dropped and inserted in chunks.
        """
        self._writable()
        by_graph: dict[str, list[Quad]] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name.value, []).append(q)
        own = by_graph.pop(graph, [])
        if self.endpoint.graph_store_url:
            self._put_graph(graph, own)
        else:
            self._update(f"DROP SILENT GRAPH {NamedNode(graph)}")
            self._insert(graph, own)
        for other, items in by_graph.items():
            self._insert(other, items)

    def add_new_graphs(self, graphs: dict[str, list[Quad]]) -> list[str]:
        """Write the graphs the server does not hold yet; return those written."""
        held = set(self.named_graphs())
        new = [g for g in graphs if g not in held]
        for g in new:
            self.replace_graph(g, graphs[g])
        return new

    def import_file(self, path, fmt: str, graph: str | None = None) -> list[str]:
        """Load an RDF file, replacing each named graph it holds on the server; return the graphs written."""
        return import_graphs(self, path, fmt, graph)

    def prune_shared(self) -> None:
        """Drop from the shared graph the nodes no source's graph refers to any more."""
        stale = [f"{r['node']} {r['p']} {r['o']} ." for r in self.select(prune_shared_query())]
        self._data_in_chunks("DELETE DATA", shared_graph_iri(), stale)

    def push_graph(self, graph: str, quads: list[Quad]) -> None:
        """Replace ``graph`` on the server with ``quads`` (all of them placed in that graph)."""
        self.replace_graph(graph, [Quad(q.subject, q.predicate, q.object, NamedNode(graph)) for q in quads])

    def _put_graph(self, graph: str, quads: list[Quad]) -> None:
        body = serialize([q.triple for q in quads], None, RdfFormat.N_TRIPLES) or b""
        url = f"{self.endpoint.graph_store_url}?{urllib.parse.urlencode({'graph': graph})}"
        self._request(url, body, {"Content-Type": "application/n-triples"}, method="PUT")

    def _insert(self, graph: str, quads: list[Quad]) -> None:
        self._data_in_chunks("INSERT DATA", graph, [f"{q.subject} {q.predicate} {q.object} ." for q in quads])


def push(source, target: EndpointStore, progress: bool = False) -> list[str]:
    """Upload every named graph of ``source`` (the embedded store) to ``target``; return their IRIs.

    Each graph replaces the server's graph of the same name, so pushing twice changes nothing.
    """
    from tqdm import tqdm

    graphs = source.named_graphs()
    for graph in tqdm(graphs, unit="graph", desc="pushing", disable=not progress, leave=False):
        quads = list(source.oxigraph.quads_for_pattern(None, None, None, NamedNode(graph)))
        target.push_graph(graph, quads)
    rank_documents(target)  # the server may hold other stores' documents too
    return graphs


# -- binding values into a query's text ---------------------------------------------------------------
_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>)"""
    r"""|(?P<where>\bWHERE\s*\{)|(?P<brace>\{)""",
    re.I,
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def bind_values(sparql: str, substitutions: Mapping[object, object]) -> str:
    """Return the query with a ``VALUES`` block binding the variables first in each WHERE clause.

    Every WHERE clause gets it, a sub-query's too, as a substitution binds a variable everywhere.
    Values are RDF terms written in their N-Triples form (pyoxigraph escapes them).

    >>> from pyoxigraph import Literal, Variable
    >>> bind_values("SELECT ?x WHERE { ?x ?p ?v }", {Variable("v"): Literal('a "b"')})
    'SELECT ?x WHERE { VALUES (?v) { ("a \\\\"b\\\\"") } ?x ?p ?v }'
    """
    names = " ".join(str(v) for v in substitutions)
    terms = " ".join(str(_check_term(t)) for t in substitutions.values())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    out, last, found = [], 0, False
    for match in _TOKEN.finditer(sparql):
        if match.group("skip") or (found and not match.group("where")):
            continue
        found = True
        out += [sparql[last : match.end()], block]
        last = match.end()
    if not found:
        raise StoreError("cannot bind values: the query has no WHERE clause")
    return "".join(out) + sparql[last:]


def _check_term(term: object) -> object:
    if not isinstance(term, (NamedNode, Literal)) or isinstance(term, BlankNode):
        raise StoreError(f"cannot bind {term!r} on a server")
    return term


def _query_form(sparql: str) -> str:
    stripped = _TOKEN.sub(lambda m: " " if m.group("skip") else m.group(0), sparql)
    match = _FORM.search(stripped)
    return match.group(1).upper() if match else "SELECT"


def _redact_text(text: str) -> str:
    return re.sub(r"(?<=://)[^/@\s]*@", "", text)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""
