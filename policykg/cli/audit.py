"""The audit command: responsibility findings as tables, or as rows with their section."""

from __future__ import annotations

import datetime as dt
import sys

import click

from policykg.cli.options import EXIT_ERROR, Context, emit, format_option, pass_context
from policykg.queries.audits import AUDITS

DEFAULT_WINDOW_DAYS = 30
DEFAULT_MANY_LEADS = 3


@click.command()
@click.argument("subject", type=click.Choice([*AUDITS, "cascade"]))
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="deadlines: the date to judge against (default today).",
)
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=DEFAULT_WINDOW_DAYS,
    show_default=True,
    help="deadlines: days after --as-of that count as due.",
)
@click.option(
    "--many-leads",
    type=click.IntRange(min=2),
    default=DEFAULT_MANY_LEADS,
    show_default=True,
    help="coverage: how many leads make responsibility diffused.",
)
@click.option("--above", metavar="DOC", default=None, help="cascade: only pairs below this document or file.")
@click.option("--below", metavar="DOC", default=None, help="cascade: only this lower document or file.")
@click.option(
    "--fail-on-findings", is_flag=True, help="Exit 1 when the audit finds anything (for pipelines)."
)
@format_option()
@pass_context
def audit(
    ctx: Context,
    subject: str,
    as_of: dt.datetime | None,
    within: int,
    many_leads: int,
    above: str | None,
    below: str | None,
    fail_on_findings: bool,
    fmt: str,
) -> None:
    """Audit responsibility: orphans, coverage, indicators, deadlines, citations or cascade.

    JSON, CSV and TSV give one row per finding or table row, its section named in the first field.
    """
    from policykg.cli.render import render_audit
    from policykg.queries.cascade import audit_cascade

    if (above or below) and subject != "cascade":
        raise click.UsageError("--above and --below narrow the cascade audit only")
    options = {
        "deadlines": {"as_of": as_of.date() if as_of else None, "within": within},
        "coverage": {"many_leads": many_leads},
        "cascade": {"above": above, "below": below},
    }.get(subject, {})
    with ctx.open(read_only=True) as store:
        result = {**AUDITS, "cascade": audit_cascade}[subject](store, **options)
    emit(render_audit(result, fmt))
    if fail_on_findings and result.findings:
        click.echo(f"policykg: {result.findings} finding(s)", err=True)
        sys.exit(EXIT_ERROR)


COMMANDS = (audit,)
