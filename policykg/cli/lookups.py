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


def _involvement(ctx: Context, dept: str, jurisdiction: str | None, roles: tuple[str, ...] | None):
    from policykg.queries.lookup import involvement, resolve_department

    with ctx.open(read_only=True) as store:
        return involvement(store, resolve_department(store, dept, jurisdiction), roles)


def involvement_rows(inv: Involvement) -> list[tuple]:
    """Return one row per measure and role, in :data:`INVOLVEMENT_COLUMNS` order, values whole."""
    return [
        (m.role, m.document_title, m.number, m.title, m.text, m.inherited, m.measure, m.document)
        for items in inv.by_role.values()
        for m in items
    ]


def _excerpt(text: str, size: int = _EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _show_involvement(inv: Involvement, fmt: str) -> None:
    if fmt != "table":
        emit(render_rows(INVOLVEMENT_COLUMNS, involvement_rows(inv), fmt))
        return
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
    """List the measures DEPT leads (a name or any alias), grouped by document."""
    _show_involvement(_involvement(ctx, dept, jurisdiction, (LEAD.key,)), fmt)


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
    """List every measure DEPT has a role in, grouped by role and document."""
    _show_involvement(_involvement(ctx, dept, jurisdiction, role or None), fmt)


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
