"""The ``serve`` command: the store as a SPARQL 1.1 Protocol endpoint with a query page."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from policykg.cli.options import Context, pass_context
from policykg.graph.store.serving import DEFAULT_BIND, DEFAULT_TIMEOUT_S


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # leave serving the way Ctrl-C does: both servers stop, the lock is released


@click.command()
@click.option("--bind", default=DEFAULT_BIND, show_default=True, metavar="HOST:PORT", help="Where to listen.")
@click.option("--allow-remote", is_flag=True, help="Allow an address other machines can reach.")
@click.option("--writable", is_flag=True, help="Accept SPARQL Update too (read-only by default).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    metavar="S",
    help="Cancel a query after S seconds; it answers an error.",
)
@click.option("--cors", "cors", metavar="ORIGIN", default=None, help="Let pages from ORIGIN (or *) query it.")
@pass_context
def serve(
    ctx: Context, bind: str, allow_remote: bool, writable: bool, timeout: float, cors: str | None
) -> None:
    """Serve the store as a SPARQL endpoint (/query) with a query page (/), until Ctrl-C."""
    from policykg.graph.store.serving import ServeSettings, Serving, parse_bind
    from policykg.viz.query_page import render_query_page

    if ctx.endpoint is not None:
        raise click.UsageError("serve works on a store directory (--store), not on a server")
    host, port = parse_bind(bind)
    settings = ServeSettings(Path(ctx.store), host, port, writable, timeout, cors, allow_remote)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        with Serving(settings, render_query_page(read_only=not writable)) as served:
            mode = "read-write" if writable else "read-only"
            click.echo(f"serving {ctx.store} ({mode}) at {served.url}  SPARQL endpoint: {served.url}query")
            click.echo("press Ctrl-C to stop", err=True)
            served.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        signal.signal(signal.SIGTERM, previous)


COMMANDS = (serve,)
