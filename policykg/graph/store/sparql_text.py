"""SPARQL text rewritten for a server: values bound as a ``VALUES`` block, the form of a query told.

A server takes no pre-bound variables as Oxigraph does, so bound values are written into the query
as RDF terms in their N-Triples form, which pyoxigraph escapes; nothing is spliced in as raw text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from policykg.errors import StoreError

# what a WHERE clause is looked for in: a comment, a string or an IRI is skipped whole (its braces do
# not count); then "WHERE {" or a bare "{" (a WHERE keyword is optional before the first group)
_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>)"""
    r"""|(?P<where>\bWHERE\s*\{)|(?P<brace>\{)""",
    re.I,
)
# the keyword that says what a query returns
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


def query_form(sparql: str) -> str:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE: what the query returns (its first form keyword outside
    comments, strings and IRIs)."""
    stripped = _TOKEN.sub(lambda m: " " if m.group("skip") else m.group(0), sparql)
    match = _FORM.search(stripped)
    return match.group(1).upper() if match else "SELECT"
