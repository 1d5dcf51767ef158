"""The ``policykg`` command: the group, its commands, and how errors become one line and an exit code.

Exit codes: 0 success (also when a reader closes the pipe early); 1 an input, store or query error,
validation violations, or audit findings with --fail-on-findings; 2 a usage error; 70 an internal
error (a bug: EX_SOFTWARE); 130 interrupted (Ctrl-C). Errors are one line on stderr; data goes to stdout.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

import click

from policykg import __version__
from policykg.cli import audit, explain, info, link, lookups, network, serve, sparql, store, views
from policykg.cli.options import (
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Context,
    store_options,
)
from policykg.errors import PolicyKGError


class CommandError(click.ClickException):
    """An error the command reports as one line on stderr, with its exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        """Print ``policykg: <message>`` on stderr."""
        click.echo(f"policykg: {self.message}", err=True)


class PolicyKGGroup(click.Group):
    """The command group: a library error, an unreadable file or a bug becomes a :class:`CommandError`."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, translating errors (click's own and interrupts pass through)."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise
        except PolicyKGError as exc:
            raise CommandError(f"error: {exc}") from None
        except OSError as exc:  # a file we were told to write or read: the user's to fix
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise CommandError(f"error: {where}{exc.strerror or exc}") from None
        except Exception as exc:  # a bug: still one line, with a way to see more
            if os.environ.get("POLICYKG_DEBUG"):
                raise
            message = f"internal error: {type(exc).__name__}: {exc} (set POLICYKG_DEBUG=1 for details)"
            raise CommandError(message, EXIT_INTERNAL) from None


@click.group(cls=PolicyKGGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


for group in (store, link, explain, info, sparql, lookups, audit, network, views, serve):
    for command in group.COMMANDS:
        cli.add_command(command)


def main(args: list[str] | None = None) -> None:
    """Run the command line on ``args`` (default: the process's); exit with the code the module doc lists."""
    try:
        code = cli.main(args, prog_name="policykg", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)  # a command's ctx.exit(n) comes back as n
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("policykg: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
