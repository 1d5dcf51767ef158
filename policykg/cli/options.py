"""What the commands share: the store they work on, and their common options as decorators."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from policykg.cli.render import TABLE_FORMATS

if TYPE_CHECKING:
    from policykg.graph.store.endpoint import Endpoint
    from policykg.graph.store.protocol import SparqlStore

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_ERROR = 1  # an input, store or query error; violations; findings with --fail-on-findings
EXIT_USAGE = 2  # click's usage errors
EXIT_INTERNAL = 70  # a bug: EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


@dataclass
class Context:
    """Where the store is: a directory, or a server's endpoint."""

    store: str
    endpoint: Endpoint | None = None

    def open(self, read_only: bool = False) -> SparqlStore:
        """Return the store the command works on: the server's endpoint when one was given."""
        from policykg.graph.store import open_store

        return open_store(self.endpoint or self.store, read_only=read_only)

    @property
    def where(self) -> str:
        """Return the store's name for messages (never with credentials)."""
        return self.endpoint.shown if self.endpoint is not None else self.store


pass_context = click.make_pass_decorator(Context)


def _apply(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def wrap(f: F) -> F:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return wrap


def store_options(f: F) -> F:
    """Add --store, --endpoint, --update-endpoint and --graph-store (the store every command uses)."""
    return _apply(
        click.option(
            "--store",
            envvar="POLICYKG_STORE",
            default="policykg.store",
            show_default=True,
            type=click.Path(file_okay=False),
            help="Store directory (or $POLICYKG_STORE).",
        ),
        click.option(
            "--endpoint",
            envvar="POLICYKG_ENDPOINT",
            metavar="URL",
            help="Work on a SPARQL 1.1 server instead of --store (query URL; or $POLICYKG_ENDPOINT).",
        ),
        click.option(
            "--update-endpoint",
            envvar="POLICYKG_UPDATE_ENDPOINT",
            metavar="URL",
            help="The server's SPARQL Update URL, when not the query URL.",
        ),
        click.option(
            "--graph-store",
            envvar="POLICYKG_GRAPH_STORE",
            metavar="URL",
            help="The server's Graph Store Protocol URL: graphs are then replaced whole, by PUT.",
        ),
    )(f)


def format_option(choices: tuple[str, ...] = TABLE_FORMATS, help: str | None = None) -> Callable[[F], F]:
    """Return the --format option: ``table`` for people, the others for scripts."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help=help or "table for people; csv, tsv and json (an array of objects) for scripts.",
    )


def jurisdiction_option(f: F) -> F:
    """Add --jurisdiction: which jurisdiction a department name means, where several use it."""
    return click.option(
        "--jurisdiction", default=None, help="The jurisdiction, where a name is used in several."
    )(f)


def output_option(help: str = "The .html file to write.") -> Callable[[F], F]:
    """Return the required --output/-o option naming the file a command writes."""
    return click.option("--output", "-o", type=click.Path(dir_okay=False), required=True, help=help)


def source_folders_option(help: str) -> Callable[[F], F]:
    """Return the repeatable --sources option: folders holding the files the store was built from,
    passed to the command as ``folders``."""
    return click.option("--sources", "folders", multiple=True, type=click.Path(file_okay=False), help=help)


def quiet_option(f: F) -> F:
    """Add --quiet/-q: print only errors."""
    return click.option("--quiet", "-q", is_flag=True, help="Print only errors.")(f)


def emit(data: bytes | str) -> None:
    """Write ``data`` to stdout as it is (text as UTF-8), and flush it."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def shows_progress(quiet: bool) -> bool:
    """True when a progress bar helps: not --quiet, and stderr is a terminal."""
    return not quiet and sys.stderr.isatty()
