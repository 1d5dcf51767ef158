"""Commands that run SPARQL: the named queries (queries, query) and any query (sparql)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policykg.cli.options import Context, emit, format_option, jurisdiction_option, pass_context
from policykg.cli.render import GRAPH_FORMATS, SOLUTION_FORMATS
from policykg.errors import PolicyKGError

# a one-line argument shorter than this is tried as a file name before it is taken as SPARQL text
_LONGEST_FILE_NAME = 300
_SOLUTIONS_HELP = (
    "table for people; csv, tsv and json (an array of objects) for scripts; "
    "sparql-json, sparql-csv and sparql-tsv for the W3C SPARQL results formats."
)


@click.command("queries")
@format_option()
def list_named_queries(fmt: str) -> None:
    """List the named queries with what each answers and its parameters."""
    from policykg.cli.render import render_rows
    from policykg.queries.named import list_queries

    rows = [
        (q.name, q.title, ", ".join(f"{p.name} ({p.type})" for p in q.params) or "-", q.answers)
        for q in list_queries()
    ]
    if fmt == "table":
        for name, title, params, _answers in rows:
            click.echo(f"{name:<26} {title}  [parameters: {params}]")
    else:
        emit(render_rows(["name", "title", "parameters", "answers"], rows, fmt))


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


@click.command("query")
@click.argument("name")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A parameter value (repeatable)."
)
@jurisdiction_option
@format_option(SOLUTION_FORMATS, _SOLUTIONS_HELP)
@pass_context
def named_query(ctx: Context, name: str, params: tuple[str, ...], jurisdiction: str | None, fmt: str) -> None:
    """Run a named query (see `policykg queries`); parameters are bound, never pasted into the query."""
    from policykg.cli.render import render_solutions
    from policykg.queries.run import run_named

    with ctx.open(read_only=True) as store:
        emit(render_solutions(run_named(store, name, _parse_params(params), jurisdiction), fmt))


@click.command()
@click.argument("query")
@format_option(SOLUTION_FORMATS + GRAPH_FORMATS, _SOLUTIONS_HELP + " CONSTRUCT and DESCRIBE: ttl or nt.")
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL Update to change the store.")
@pass_context
def sparql(ctx: Context, query: str, fmt: str, allow_update: bool) -> None:
    """Run SPARQL over all graphs: QUERY is the text, a .rq file, or - for stdin.

    SELECT, ASK, CONSTRUCT and DESCRIBE are answered; an update is refused unless --allow-update.
    """
    from policykg.queries.run import is_update, run_update

    text = _query_text(query)
    if is_update(text):
        if not allow_update:
            raise PolicyKGError(
                "this is a SPARQL update; it changes the store and runs only with --allow-update"
            )
        with ctx.open() as store:
            run_update(store, text)
        click.echo("update applied", err=True)
        return
    with ctx.open(read_only=True) as store:
        emit(_answer(store, text, fmt))


def _answer(store, text: str, fmt: str) -> bytes:  # noqa: ANN001
    """Return a query's answer rendered in ``fmt`` (graphs as Turtle unless nt was asked for)."""
    from pyoxigraph import QueryBoolean, QueryTriples

    from policykg.cli.render import render_boolean, render_graph, render_solutions
    from policykg.queries.run import run_sparql

    result = run_sparql(store, text)
    if isinstance(result, QueryTriples):
        return render_graph(result, fmt if fmt in GRAPH_FORMATS else "ttl")
    if isinstance(result, QueryBoolean):
        return render_boolean(result, fmt)
    if fmt in GRAPH_FORMATS:
        choices = ", ".join(SOLUTION_FORMATS)
        raise click.UsageError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT gives {choices}")
    return render_solutions(result, fmt)


def _query_text(query: str) -> str:
    """Return the SPARQL text QUERY stands for: stdin for -, a file's text, or QUERY itself."""
    if query == "-":
        return sys.stdin.read()
    path = Path(query)
    looks_like_file = len(query) < _LONGEST_FILE_NAME and "\n" not in query and path.is_file()
    if query.endswith((".rq", ".sparql")) or looks_like_file:
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PolicyKGError(f"{query}: cannot read: {exc.strerror}") from None
    return query


COMMANDS = (list_named_queries, named_query, sparql)
