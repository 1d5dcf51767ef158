"""Commands that describe the store and its schema: stats, validate, ontology."""

from __future__ import annotations

import sys

import click

from policykg.cli.options import EXIT_ERROR, Context, emit, format_option, pass_context
from policykg.cli.render import render_rows


@click.command()
@format_option()
@pass_context
def stats(ctx: Context, fmt: str) -> None:
    """Count documents, measures, departments, legal bases and indicators in the store.

    Rows are ``what``/``count`` pairs, from source files down to gaps, then the named graphs.
    """
    from policykg.queries.counts import store_counts

    with ctx.open(read_only=True) as store:
        counts = store_counts(store)
    if fmt != "table":
        emit(render_rows(["what", "count"], counts.items(), fmt))
        return
    width = max(map(len, counts))
    for what, count in counts.items():
        click.echo(f"{what:<{width}}  {count}")


@click.command()
@click.option("--verbose", "-v", is_flag=True, help="Print pySHACL's full report.")
@pass_context
def validate(ctx: Context, verbose: bool) -> None:
    """Check the store against the SHACL shapes; exit 1 on any violation."""
    from policykg.graph.store.validate import validate_store

    with ctx.open(read_only=True) as store:
        result = validate_store(store)
    if verbose or not result.conforms:
        click.echo(result.text)
    click.echo(f"{'conforms' if result.conforms else 'does not conform'}: {result.violations} violation(s)")
    if not result.conforms:
        sys.exit(EXIT_ERROR)


@click.command()
@click.option("--shapes", is_flag=True, help="Print the SHACL shapes instead of the OWL ontology.")
def ontology(shapes: bool) -> None:
    """Print the policykg ontology (OWL, Turtle)."""
    from policykg.ontology import ontology_text, shapes_text

    click.echo(shapes_text() if shapes else ontology_text(), nl=False)


COMMANDS = (stats, validate, ontology)
