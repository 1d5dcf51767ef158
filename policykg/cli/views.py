"""Commands that write offline HTML pages: the viz views and the audit report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from policykg.cli.options import (
    Context,
    jurisdiction_option,
    output_option,
    pass_context,
    source_folders_option,
)

if TYPE_CHECKING:
    from policykg.graph.store.protocol import SparqlStore
    from policykg.viz import View


@click.group()
def viz() -> None:
    """Interactive offline HTML views (vis-network inlined; no request leaves the page)."""


def _write_view(ctx: Context, make: Callable[[SparqlStore], View], output: str) -> None:
    with ctx.open(read_only=True) as store:
        view = make(store)
    path = view.write(output)
    click.echo(f"wrote {view.summary} to {path}", err=True)


@viz.command("overview")
@output_option()
@click.option(
    "--aggregate-above",
    type=click.IntRange(min=1),
    default=None,
    help="Above this many measures, draw one node per section (default 2000).",
)
@pass_context
def viz_overview(ctx: Context, output: str, aggregate_above: int | None) -> None:
    """Documents → sections → measures → departments and cited documents."""
    from policykg.viz.views import overview_view

    if aggregate_above is None:
        _write_view(ctx, overview_view, output)
    else:
        _write_view(ctx, lambda s: overview_view(s, aggregate_above=aggregate_above), output)


@viz.command("department")
@click.argument("dept")
@click.option(
    "--depth",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="2 adds the measures of the departments it shares work with.",
)
@jurisdiction_option
@output_option()
@pass_context
def viz_department(ctx: Context, dept: str, depth: int, jurisdiction: str | None, output: str) -> None:
    """One department's measures by role, their documents and its partners.

    A name used in several places gives one page per place, named OUTPUT-<place>.html.
    """
    from pathlib import Path

    from policykg.queries.lookup import resolve_departments
    from policykg.viz.views import department_view

    with ctx.open(read_only=True) as store:
        found = resolve_departments(store, dept, jurisdiction)
        views = [department_view(store, d.iri, depth) for d in found]
    for d, view in zip(found, views, strict=True):
        target = Path(output)
        if len(found) > 1:  # one page per place, beside each other
            target = target.with_name(f"{target.stem}-{d.jurisdiction or 'unplaced'}{target.suffix}")
        path = view.write(str(target))
        click.echo(f"wrote {view.summary} to {path}", err=True)


@viz.command("network")
@output_option()
@pass_context
def viz_network(ctx: Context, output: str) -> None:
    """The co-responsibility network: width = shared measures, size = measures led, colour = community."""
    from policykg.viz.views import network_view

    _write_view(ctx, network_view, output)


@viz.command("citations")
@output_option()
@pass_context
def viz_citations(ctx: Context, output: str) -> None:
    """Documents and measures → what they cite, by level (national … county)."""
    from policykg.viz.views import citations_view

    _write_view(ctx, citations_view, output)


@viz.command("indicators")
@output_option()
@pass_context
def viz_indicators(ctx: Context, output: str) -> None:
    """Indicators ↔ measures ↔ departments; unserved indicators and orphan measures highlighted."""
    from policykg.viz.views import indicators_view

    _write_view(ctx, indicators_view, output)


@viz.command("cascade")
@click.option("--above", metavar="DOC", default=None, help="The superior document (IRI or file name).")
@click.option("--below", metavar="DOC", default=None, help="The lower document (IRI or file name).")
@output_option()
@pass_context
def viz_cascade(ctx: Context, above: str | None, below: str | None, output: str) -> None:
    """Superior and lower documents side by side, measure links drawn by strength; click one for its passages."""
    from policykg.viz.views.cascade import cascade_view

    _write_view(ctx, lambda s: cascade_view(s, above, below), output)


@viz.command("source")
@click.argument("source")
@source_folders_option(
    "Where to look for the file when SOURCE names a stored file or document (default: here)."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="The .html file to write (default: source-<file name>.html, where the other views link).",
)
@pass_context
def viz_source(ctx: Context, source: str, folders: tuple[str, ...], output: str | None) -> None:
    """A notice's text with measures, clauses, named units by role, citations, deadlines and targets marked.

    SOURCE is the file, or the name of a stored file, or a document's IRI or title.
    """
    from policykg.cli.source_text import read_stored_source
    from policykg.viz.links import source_page_name
    from policykg.viz.views.source import source_view

    with ctx.open(read_only=True) as store:
        file, text = read_stored_source(store, source, folders or (".",))
        view = source_view(store, text.text, file)
    path = view.write(output or source_page_name(file.iri))
    click.echo(f"wrote {view.summary} to {path}", err=True)


@click.command()
@output_option()
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge deadlines as of this date (default today).",
)
@click.option("--no-views", is_flag=True, help="Write only the report, not the views it links to.")
@source_folders_option(
    "A folder holding the source files: their pages are written too, measures link into them."
)
@pass_context
def report(
    ctx: Context, output: str, as_of: dt.datetime | None, no_views: bool, folders: tuple[str, ...]
) -> None:
    """Write the audit report (findings, workload chart, department × document matrix) and its views."""
    from policykg.cli.source_text import read_stored_sources
    from policykg.viz.report import write_report

    with ctx.open(read_only=True) as store:
        texts = read_stored_sources(store, folders) if folders else {}
        files = write_report(
            store, output, as_of.date() if as_of else None, with_views=not no_views, texts=texts
        )
    click.echo(f"wrote {', '.join(str(f) for f in files)}", err=True)


COMMANDS = (viz, report)
