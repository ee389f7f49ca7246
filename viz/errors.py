"""Exceptions raised by the viz package.

Every message says what went wrong and how to fix it; the CLI prints them as one
line. Library code only raises.
"""

from __future__ import annotations


class VizError(Exception):
    """Base class for every error raised by viz."""


class NodeNotFoundError(VizError, LookupError):
    """No node has the given id, name or alias."""

    def __init__(self, query: str, matches: list[str], label: str | None = None):
        self.query = query
        self.matches = list(matches)
        self.label = label
        what = f"{label} node" if label else "node"
        msg = f"no {what} with id, name or alias {query!r}"
        if self.matches:
            msg += "; close matches: " + ", ".join(self.matches)
            msg += " (pass one of these names or a node id)"
        else:
            msg += " (pass a node id such as 'TradeUnion:平湖市总工会' or an exact name)"
        super().__init__(msg)


class AmbiguousNodeError(VizError, LookupError):
    """A name or alias matches several nodes."""

    def __init__(self, query: str, ids: list[str]):
        self.query = query
        self.ids = list(ids)
        super().__init__(
            f"{query!r} names {len(self.ids)} nodes: {', '.join(self.ids)} "
            "(pass one of these node ids instead)"
        )


class NoAdoptionsError(VizError):
    """A programme has no places to draw on a spread map."""


class GraphTooLargeError(VizError):
    """No longer raised: a graph larger than one page draws gets an aggregated page
    (viz/data/page-limits.txt, docs/maps.md). Kept for code that catches it."""


class InvalidOptionError(VizError, ValueError):
    """An argument has a value viz cannot use (bad radius, unsafe link, ...)."""
