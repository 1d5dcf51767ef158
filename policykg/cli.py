"""The ``policykg`` command: a thin layer over the library that formats its results.

Exit codes: 0 success; 1 an input, store or query error, or validation violations; 2 a usage error.
Errors are one line on stderr; data goes to stdout.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass

import click

from . import __version__
from .errors import InputError, PolicyKGError

STORE_HELP = "Store directory (default ./policykg.store, or $POLICYKG_STORE)."


@dataclass
class Context:
    """What every command shares: where the store is."""

    store: str


pass_context = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="POLICYKG_STORE",
    default="policykg.store",
    show_default=True,
    type=click.Path(file_okay=False),
    help=STORE_HELP,
)
@click.version_option(__version__, prog_name="policykg")
@click.pass_context
def cli(ctx: click.Context, store: str) -> None:
    """Turn policy notices into a knowledge graph, and ask it who is responsible for what."""
    ctx.obj = Context(store=store)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@pass_context
def build(ctx: Context, paths: tuple[str, ...], quiet: bool) -> None:
    """Parse notices (.txt, .html, .docx, .pdf; directories recursively) into the store.

    Each file becomes one named graph; building a file again replaces its graph. A file that cannot
    be read is reported and skipped, and the store keeps what it had.
    """
    from .graph.build import build as build_graph
    from .loaders.actors import ActorRecognizer, CachedRecognizer

    no_cache = os.environ.get("POLICYKG_NO_CACHE", "") not in ("", "0")
    with ActorRecognizer() if no_cache else CachedRecognizer() as recognizer:
        report = build_graph(
            paths, ctx.store, recognizer=recognizer, progress=not quiet and sys.stderr.isatty()
        )
    for err in report.failed:
        click.echo(f"policykg: error: {err}", err=True)
    if not quiet:
        for f in report.built:
            for warning in f.warnings:
                click.echo(f"policykg: warning: {f.path}: {warning}", err=True)
        docs = sum(f.documents for f in report.built)
        click.echo(
            f"built {len(report.built)} file(s) into {ctx.store}: {docs} documents, {report.measures} measures, "
            f"{report.departments} departments"
            + (f"; {len(report.failed)} file(s) skipped" if report.failed else ""),
            err=True,
        )
    if not report.built and not report.failed:
        raise PolicyKGError("no source files found under the paths given")
    if report.failed:
        sys.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def stats(ctx: Context, fmt: str) -> None:
    """Count documents, measures, departments, legal bases and indicators in the store."""
    from .graph.store import open_store
    from .queries.named import load_query

    with open_store(ctx.store, read_only=True) as store:
        rows = {str(r["what"].value): int(r["count"].value) for r in store.select(load_query("stats").sparql)}
        graphs = len(store.named_graphs())
    order = [
        "source files",
        "documents",
        "sections",
        "measures",
        "departments",
        "generic actors",
        "legal bases",
        "indicators",
        "targets",
        "measures without a named department",
    ]
    counts = {k: rows.get(k, 0) for k in order}
    counts["named graphs"] = graphs
    if fmt == "json":
        click.echo(json.dumps(counts, ensure_ascii=False, indent=1))
    else:
        width = max(map(len, counts))
        for k, v in counts.items():
            click.echo(f"{k:<{width}}  {v}")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
    default="ttl",
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
    from .graph.store import open_store

    with open_store(ctx.store, read_only=True) as store:
        if output == "-":
            sys.stdout.buffer.write(store.export(None, fmt) or b"")
        else:
            tmp = f"{output}.part"
            store.export(tmp, fmt)
            os.replace(tmp, output)


@cli.command()
@click.option("--shapes", is_flag=True, help="Print the SHACL shapes instead of the OWL ontology.")
def ontology(shapes: bool) -> None:
    """Print the policykg ontology (OWL, Turtle)."""
    from .ontology import ontology_text, shapes_text

    click.echo(shapes_text() if shapes else ontology_text(), nl=False)


@cli.command()
@click.option("--verbose", "-v", is_flag=True, help="Print pySHACL's full report.")
@pass_context
def validate(ctx: Context, verbose: bool) -> None:
    """Check the store against the SHACL shapes; exit 1 on any violation."""
    from .graph.store import open_store
    from .graph.validate import validate_store

    with open_store(ctx.store, read_only=True) as store:
        result = validate_store(store)
    if verbose or not result.conforms:
        click.echo(result.text)
    click.echo(f"{'conforms' if result.conforms else 'does not conform'}: {result.violations} violation(s)")
    if not result.conforms:
        sys.exit(1)


def main() -> None:
    """Run the command line; turn every error into one line on stderr and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("policykg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except InputError as exc:
        click.echo(f"policykg: error: {exc}", err=True)
        sys.exit(1)
    except PolicyKGError as exc:
        click.echo(f"policykg: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("policykg: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: still one line, with a way to see more
        if os.environ.get("POLICYKG_DEBUG"):
            raise
        click.echo(
            f"policykg: internal error: {type(exc).__name__}: {exc} (set POLICYKG_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":  # pragma: no cover
    main()
