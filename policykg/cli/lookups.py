"""Commands that look a department up: leads, involves, departments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from policykg.cli.options import Context, emit, format_option, jurisdiction_option, pass_context
from policykg.cli.render import render_rows
from policykg.loaders.extract.vocabulary import LEAD, ROLE_BY_KEY, ROLE_KEYS

if TYPE_CHECKING:
    from policykg.queries.lookup import Involvement

INVOLVEMENT_COLUMNS = (
    "jurisdiction",
    "department",
    "role",
    "document",
    "number",
    "title",
    "text",
    "inherited",
    "measure",
    "document IRI",
)
# how much of a measure's text the table for people shows
_EXCERPT = 40


def _involvements(
    ctx: Context, dept: str, jurisdiction: str | None, roles: tuple[str, ...] | None
) -> list[Involvement]:
    from policykg.queries.lookup import involvements

    with ctx.open(read_only=True) as store:
        return involvements(store, dept, jurisdiction, roles)


def involvement_rows(inv: Involvement) -> list[tuple]:
    """Return one row per measure and role, in :data:`INVOLVEMENT_COLUMNS` order, values whole."""
    d = inv.department
    return [
        (d.jurisdiction, d.label, m.role, m.document_title, m.number, m.title, m.text, m.inherited)
        + (m.measure, m.document)
        for items in inv.by_role.values()
        for m in items
    ]


def _excerpt(text: str, size: int = _EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _show_involvements(name: str, found: list[Involvement], fmt: str) -> None:
    """Print each department's measures; a name used in several places gets a heading per place."""
    if fmt != "table":
        emit(render_rows(INVOLVEMENT_COLUMNS, [r for inv in found for r in involvement_rows(inv)], fmt))
        return
    if len(found) == 1:
        _print_involvement(found[0])
        return
    places = [inv.department.jurisdiction or "jurisdiction unknown" for inv in found]
    click.echo(f"{name} names {len(found)} departments, one per place below ({', '.join(places)});")
    click.echo("--jurisdiction PLACE shows one")
    for place, inv in zip(places, found, strict=True):
        click.echo(f"\n== {place} ==")
        _print_involvement(inv)


def _print_involvement(inv: Involvement) -> None:
    d = inv.department
    also = f"; also written {'、'.join(d.aliases)}" if d.aliases else ""
    click.echo(f"{d.label} ({d.jurisdiction or 'jurisdiction unknown'}{also})")
    if not inv.by_role:
        click.echo("  no measures")
    for role, items in inv.by_role.items():
        click.echo(f"\n{ROLE_BY_KEY[role].en} {len(items)} measure(s)")
        document = None
        for m in items:
            if m.document_title != document:
                document = m.document_title
                click.echo(f"  {document}")
            mark = " (from its heading)" if m.inherited else ""
            click.echo(f"    {m.number:>4}  {m.title or ''}{mark}  {_excerpt(m.text)}")


@click.command()
@click.argument("dept")
@jurisdiction_option
@format_option()
@pass_context
def leads(ctx: Context, dept: str, jurisdiction: str | None, fmt: str) -> None:
    """List the measures DEPT leads (a name or any alias), grouped by document.

    A name used in several jurisdictions lists each one's measures under its own heading.
    """
    _show_involvements(dept, _involvements(ctx, dept, jurisdiction, (LEAD.key,)), fmt)


@click.command()
@click.argument("dept")
@click.option(
    "--role",
    type=click.Choice(ROLE_KEYS),
    multiple=True,
    help="Only these roles (repeatable); all by default.",
)
@jurisdiction_option
@format_option()
@pass_context
def involves(ctx: Context, dept: str, role: tuple[str, ...], jurisdiction: str | None, fmt: str) -> None:
    """List every measure DEPT has a role in, grouped by role and document (per place, as leads)."""
    _show_involvements(dept, _involvements(ctx, dept, jurisdiction, role or None), fmt)


@click.command()
@format_option()
@pass_context
def departments(ctx: Context, fmt: str) -> None:
    """List departments with how many measures each leads, is responsible for and co-operates on."""
    from policykg.queries.run import run_named
    from policykg.queries.values import term_value

    wanted = ("name", "jurisdiction", "lead", "responsible", "cooperating", "measures", "dept")
    with ctx.open(read_only=True) as store:
        rows = [[term_value(s[c]) for c in wanted] for s in run_named(store, "departments-by-load")]
    emit(render_rows(["department", "jurisdiction", *ROLE_KEYS, "measures", "iri"], rows, fmt))


COMMANDS = (leads, involves, departments)
