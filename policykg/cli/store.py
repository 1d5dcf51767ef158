"""Commands that fill and copy the store: build, import, export, push."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from policykg.cli.options import (
    EXIT_ERROR,
    Context,
    emit,
    pass_context,
    quiet_option,
    shows_progress,
)
from policykg.errors import InputError, PolicyKGError
from policykg.graph.store.formats import RdfFileFormat
from policykg.loaders.read.fetch import DEFAULT_DELAY

if TYPE_CHECKING:
    from policykg.graph.reports import BuildReport
    from policykg.loaders.read.fetch import FetchReport


def _show_files(report: BuildReport) -> None:
    """Print each file's measures, how many name no one (`policykg explain` shows why), and its warnings."""
    urls = _fetched_urls(report)
    for f in report.built:
        where = urls.get(f.path, f.path)  # a fetched file is shown by its URL, not its place in the cache
        click.echo(f"  {where}: {f.measures} measures, {f.naming_no_one} naming no one", err=True)
        for warning in f.warnings:
            click.echo(f"policykg: warning: {where}: {warning}", err=True)


def _show_formats(report: BuildReport) -> None:
    """Print per file format what was read, converted, recognised or refused, when not all was read."""
    formats = report.by_format()
    if len(formats) > 1 or any(set(counts) != {"read"} for counts in formats.values()):
        for suffix, counts in formats.items():  # not indented: indented lines list the files
            click.echo(f"format {suffix}: " + ", ".join(f"{n} {how}" for how, n in counts.items()), err=True)


def _fetched_urls(report: BuildReport) -> dict[str, str]:
    """Return the URL of each file the build fetched, by its path in the cache."""
    return {str(f.path): f.url for f in report.fetched.files} if report.fetched else {}


def _show_fetched(fetched: FetchReport, quiet: bool) -> None:
    """Print the links a page had that were not fetched, and (unless quiet) what was fetched."""
    for url, why in fetched.not_fetched:
        click.echo(f"policykg: warning: {url}: not fetched: {why}", err=True)
    for f in fetched.files:
        if f.stale:
            click.echo(f"policykg: warning: {f.url}: no answer; built from the copy fetched before", err=True)
    if not quiet and fetched.files:
        unchanged = sum(f.unchanged for f in fetched.files)
        click.echo(
            f"fetched {len(fetched.files)} file(s) into {fetched.cache} ({unchanged} unchanged)", err=True
        )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@quiet_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Parse in this many processes.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False),
    default=None,
    help="Keep pages fetched from URLs here (default: ~/.cache/policykg/web).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=DEFAULT_DELAY,
    show_default=True,
    help="Seconds to wait between two requests when fetching URLs.",
)
@pass_context
def build(
    ctx: Context, paths: tuple[str, ...], quiet: bool, jobs: int, cache: str | None, delay: float
) -> None:
    """Parse notices (.txt, .html, .docx, .pdf, spreadsheets, .ofd; .doc/.wps/.rtf through LibreOffice;
    scans through Tesseract; directories recursively; URLs) into the store.

    Each file becomes one named graph; building a file again replaces its graph. A file that cannot
    be read is reported and skipped, and the store keeps what it had. A web page given by its URL is
    fetched with the attachments it links to on the same host, and kept in a cache.
    """
    from policykg.graph.build import build as build_graph
    from policykg.loaders.extract.actors import recognizer_from_environment
    from policykg.loaders.read.fetch import FetchSettings

    with recognizer_from_environment() as recognizer:
        report = build_graph(
            paths,
            ctx.open() if ctx.endpoint else ctx.store,
            recognizer=recognizer,
            progress=shows_progress(quiet),
            jobs=jobs,
            fetch=FetchSettings(cache=Path(cache) if cache else None, delay=delay),
        )
    urls = _fetched_urls(report)
    for err in report.failed:
        shown = InputError(urls[err.path], err.message, err.position) if err.path in urls else err
        click.echo(f"policykg: error: {shown}", err=True)
    if report.fetched:
        _show_fetched(report.fetched, quiet)
    if not quiet:
        _show_files(report)
        _show_formats(report)
        documents = sum(f.documents for f in report.built)
        skipped = f"; {len(report.failed)} file(s) skipped" if report.failed else ""
        click.echo(
            f"built {len(report.built)} file(s) into {ctx.where}: {documents} documents, "
            f"{report.measures} measures ({report.naming_no_one} naming no one), "
            f"{report.departments} departments{skipped}",
            err=True,
        )
        if report.links is not None and report.links.files:
            click.echo(f"linked across levels: {report.links.summary()}", err=True)
    if not report.built and not report.failed:
        raise PolicyKGError("no source files found under the paths given")
    if report.failed:
        sys.exit(EXIT_ERROR)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RdfFileFormat.names()),
    default=RdfFileFormat.TURTLE.value,
    show_default=True,
    help="nq and trig keep one named graph per source file.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    show_default=True,
    help="File to write, - for stdout.",
)
@pass_context
def export(ctx: Context, fmt: str, output: str) -> None:
    """Write the whole graph in an RDF format."""
    from policykg.files import write_with

    with ctx.open(read_only=True) as store:
        if output == "-":
            emit(store.export(None, RdfFileFormat(fmt)) or b"")
        else:
            write_with(output, lambda tmp: store.export(str(tmp), RdfFileFormat(fmt)))


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RdfFileFormat.names()),
    default=None,
    help="The file's format (default: from its extension).",
)
@click.option(
    "--graph", default=None, help="Named graph for a triple format (default: one named after the file)."
)
@pass_context
def import_rdf(ctx: Context, path: str, fmt: str | None, graph: str | None) -> None:
    """Load an RDF export (or any RDF) into the store, replacing the graphs it holds."""
    from policykg.graph.iris import graph_iri, source_key

    rdf_format = RdfFileFormat(fmt) if fmt else RdfFileFormat.from_path(path)
    if graph is None and not rdf_format.keeps_graphs:
        graph = graph_iri("imported/" + source_key(Path(path).name))
    with ctx.open() as store:
        graphs = store.import_file(path, rdf_format, graph)
    click.echo(f"imported {len(graphs)} graph(s) from {path}", err=True)


@click.command()
@click.option(
    "--endpoint",
    "endpoint_url",
    metavar="URL",
    help="The server's query URL (default: the global --endpoint).",
)
@click.option("--update-endpoint", metavar="URL", help="Its SPARQL Update URL, when not the query URL.")
@click.option("--graph-store", metavar="URL", help="Its Graph Store Protocol URL (graphs are PUT whole).")
@quiet_option
@pass_context
def push(
    ctx: Context,
    endpoint_url: str | None,
    update_endpoint: str | None,
    graph_store: str | None,
    quiet: bool,
) -> None:
    """Upload every named graph of the --store directory to a SPARQL server, replacing its copies.

    Pushing twice changes nothing. Afterwards, --endpoint URL runs any command on the server.
    """
    from policykg.graph.store.embedded import GraphStore
    from policykg.graph.store.server import Endpoint, EndpointStore
    from policykg.graph.store.server import push as push_graphs

    if endpoint_url is not None:
        server = Endpoint(endpoint_url, update_endpoint, graph_store)
    elif ctx.endpoint is not None:
        server = ctx.endpoint
    else:
        raise click.UsageError("push needs --endpoint URL (the server to upload to)")
    with GraphStore(ctx.store, read_only=True) as source, EndpointStore(server) as target:
        graphs = push_graphs(source, target, progress=shows_progress(quiet))
    if not quiet:
        click.echo(f"pushed {len(graphs)} graph(s) from {ctx.store} to {server.shown}", err=True)


COMMANDS = (build, import_rdf, export, push)
