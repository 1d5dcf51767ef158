"""The ``policykg`` command line: click commands that parse arguments and render results."""

from policykg.cli.main import cli, main

__all__ = ["cli", "main"]
