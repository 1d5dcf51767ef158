"""The link command: which lower measures implement which superior measures."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.cli.options import Context, pass_context, quiet_option


def _source_texts(paths: tuple[str, ...]) -> dict[str, str]:
    """Return the plain text of each source file under ``paths``, by file name."""
    from policykg.loaders.read.sources import iter_source_paths, read_source

    return {Path(p).name: read_source(p).text for p in iter_source_paths(paths)}


@click.command()
@click.option("--above", metavar="DOC", help="The superior document (a file name or a document IRI).")
@click.option("--below", metavar="DOC", help="The lower document that implements it.")
@click.option("--force", is_flag=True, help="Pair --above and --below even when they are of one level.")
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Path(exists=True),
    help="A source file (or folder) the store was built from, for exact offsets; repeatable.",
)
@quiet_option
@pass_context
def link(
    ctx: Context, above: str | None, below: str | None, force: bool, sources: tuple[str, ...], quiet: bool
) -> None:
    """Link every lower document's measures to the superior measures they implement.

    Documents are paired by their places (a county's under its city's), by the titles they cite
    (贯彻落实《X》), and by --above DOC --below DOC, which is kept for later builds. Prints the pairs,
    links, near-verbatim copies and unlinked lower measures.
    """
    from policykg.graph.links import link_documents

    if (above is None) != (below is None):
        raise click.UsageError("--above and --below go together")
    with ctx.open() as store:
        report = link_documents(store, above, below, force=force, sources=_source_texts(sources))
    if not quiet:
        click.echo(f"linked {len(report.files)} lower file(s) in {ctx.where}: {report.summary()}")
        if report.approximate:
            click.echo(
                f"policykg: note: {report.approximate} passage(s) placed without their source "
                "text (offsets may be off by the whitespace mended out); give --source for exact ones",
                err=True,
            )


COMMANDS = (link,)
