"""Exceptions raised by the ``graph`` package.

Every message says what went wrong and how to fix it, so the CLI can print it
as a one-line error and exit 1.
"""

from __future__ import annotations


class GraphError(Exception):
    """Base class for every error raised by the graph package."""


class StoreError(GraphError):
    """A graph store could not be opened, written or read."""


class ReadOnlyError(StoreError):
    """A query or write was refused because the store or the query is read-only.

    The way out depends on the interface: ``str(exc)`` gives the Python API's
    (``pass write=True``), :attr:`cli_message` the command line's (``--write``).
    """

    def __init__(
        self,
        what: str = "this query writes",
        api_hint: str = "pass write=True to allow it",
        cli_hint: str = "rerun with --write to allow it",
    ):
        super().__init__(f"{what}; {api_hint}")
        self.what = what
        self.cli_message = f"{what}; {cli_hint}"
        """The message for a command-line user."""


class QueryError(StoreError):
    """A Cypher query was rejected by the database (syntax, unknown label or property …)."""


class ExportError(GraphError):
    """A graph could not be exported to, or loaded back from, a file format."""
