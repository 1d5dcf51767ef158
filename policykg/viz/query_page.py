"""The query page of ``policykg serve``: YASGUI with our prefixes, and the named queries as examples."""

from __future__ import annotations

from policykg.ontology.terms import PREFIXES
from policykg.queries.named import NamedQuery, list_queries
from policykg.viz.page import environment, script_json

PAGE_TITLE = "policykg SPARQL endpoint"
FIRST_QUERY = "departments-by-load"
"""The named query the first tab opens with: every department and how many measures it carries."""


def _prefix_lines(names: tuple[str, ...]) -> str:
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in names)


def first_query(examples: list[NamedQuery]) -> str:
    """Return the query the page opens with: the first example, else our prefixes and a SELECT."""
    chosen = next((q for q in examples if q.name == FIRST_QUERY), None)
    if chosen is not None:
        return chosen.sparql
    return (
        _prefix_lines(("pol", "dcterms"))
        + "SELECT ?document ?title WHERE {\n  ?document dcterms:title ?title\n} LIMIT 20\n"
    )


def render_query_page(title: str = PAGE_TITLE, read_only: bool = True) -> bytes:
    """Return the query page as UTF-8 HTML; it loads YASGUI from the server that serves it."""
    examples = list_queries()
    rows = [{"name": q.name, "title": q.title or q.name, "sparql": q.sparql} for q in examples]
    html = (
        environment()
        .get_template("query.html")
        .render(
            title=title,
            read_only=read_only,
            examples=[{"title": q.title or q.name, "answers": q.answers} for q in examples],
            prefixes_json=script_json(PREFIXES),
            examples_json=script_json(rows),
            first_query_json=script_json(first_query(examples)),
        )
    )
    return html.encode("utf-8")
