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
    """A query or write was refused because the store or the query is read-only."""

    def __init__(self, message: str = "this query writes; rerun with --write to allow it"):
        super().__init__(message)


class QueryError(StoreError):
    """A Cypher query was rejected by the database (syntax, unknown label or property …)."""


class ExportError(GraphError):
    """A graph could not be exported to, or loaded back from, a file format."""
