"""The explain command: each measure of a file with the clauses and cells read and the role each unit got."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import click

from policykg.cli.options import emit, format_option
from policykg.cli.render import render_rows
from policykg.loaders.extract.vocabulary import ROLE_BY_KEY

if TYPE_CHECKING:
    from policykg.loaders.extract.explain import ExplainedRole

# how much of a measure's text the table for people shows
_EXCERPT = 36


def _excerpt(text: str, size: int = _EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _show_for_people(path: str, rows: list[ExplainedRole]) -> None:
    click.echo(path)
    document = measure = clause = None
    for r in rows:
        if r.document != document:
            document = r.document
            click.echo(f"\n{document or '(untitled)'}")
        if (r.number, r.measure_start) != measure:
            measure, clause = (r.number, r.measure_start), None
            click.echo(f"  {r.number:>4}  {_excerpt(r.measure_text)}  [{r.measure_start}–{r.measure_end}]")
            if not r.role:
                click.echo("        names no one")
        if r.clause and r.clause_start != clause:
            clause = r.clause_start
            origin = "heading" if r.inherited else "clause"
            click.echo(f"        {origin} 「{' '.join(r.clause.split())}」 [{r.clause_start}–{r.clause_end}]")
        if r.role:
            role = ROLE_BY_KEY[r.role].label if r.role in ROLE_BY_KEY else r.role
            kind = " (generic)" if r.kind == "generic" else ""
            click.echo(f"          {role:<14} {r.unit}{kind}")


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@format_option()
def explain(path: str, fmt: str) -> None:
    """Show why each measure of PATH got its departments: the clauses and cells read, the role each unit got.

    Reads the file only; the store is not touched. Offsets are characters into the file's plain text.
    """
    from policykg.loaders.extract.actors import recognizer_from_environment
    from policykg.loaders.extract.explain import ExplainedRole
    from policykg.loaders.extract.explain import explain as explain_parsed
    from policykg.loaders.extract.pipeline import parse_file

    rows = explain_parsed(parse_file(path, recognizer_from_environment()))
    if fmt == "table":
        _show_for_people(path, rows)
        return
    columns = [f.name for f in dataclasses.fields(ExplainedRole)]
    emit(render_rows(columns, (dataclasses.astuple(r) for r in rows), fmt))


COMMANDS = (explain,)
