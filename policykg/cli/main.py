"""The ``policykg`` command: the group, its commands, and how errors become one line and an exit code.

Exit codes: 0 success (also when a reader closes the pipe early); 1 an input, store or query error,
validation violations, or audit findings with --fail-on-findings; 2 a usage error; 70 an internal
error (a bug: EX_SOFTWARE); 130 interrupted (Ctrl-C). Errors are one line on stderr; data goes to stdout.
"""

from __future__ import annotations

import os
import sys

import click

from policykg import __version__
from policykg.cli import audit, info, lookups, network, sparql, store, views
from policykg.cli.options import (
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Context,
    store_options,
)
from policykg.errors import PolicyKGError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@store_options
@click.version_option(__version__, prog_name="policykg")
@click.pass_context
def cli(
    ctx: click.Context, store: str, endpoint: str | None, update_endpoint: str | None, graph_store: str | None
) -> None:
    """Turn policy notices into a knowledge graph, and ask it who is responsible for what.

    Credentials for a server come from $POLICYKG_ENDPOINT_USER and $POLICYKG_ENDPOINT_PASSWORD or
    ~/.netrc; they are never printed.
    """
    from policykg.graph.store.server import Endpoint

    if endpoint is None and (update_endpoint or graph_store):
        raise click.UsageError("--update-endpoint and --graph-store need --endpoint")
    server = Endpoint(endpoint, update_endpoint, graph_store) if endpoint else None
    ctx.obj = Context(store=store, endpoint=server)


for group in (store, info, sparql, lookups, audit, network, views):
    for command in group.COMMANDS:
        cli.add_command(command)


def main() -> None:
    """Run the command line; turn every error into one line on stderr and an exit code."""
    try:
        code = cli.main(standalone_mode=False)  # a command's ctx.exit(n) comes back as n
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except click.exceptions.Abort:
        click.echo("policykg: aborted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PolicyKGError as exc:
        click.echo(f"policykg: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("policykg: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except OSError as exc:  # a file we were told to write or read: the user's to fix
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(f"policykg: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: still one line, with a way to see more
        if os.environ.get("POLICYKG_DEBUG"):
            raise
        click.echo(
            f"policykg: internal error: {type(exc).__name__}: {exc} (set POLICYKG_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
