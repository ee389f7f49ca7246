"""Injection points: the places in a build where a crash must leave an output folder the
next build can finish (docs/input.md, *Rebuilds and interrupted builds*).

The build calls :func:`point` at each of them. It does nothing unless a test installed a
handler with :func:`install`; tests/crash/kill_at.py installs one that kills the process
there, as a power cut would. The points, in the order a build passes them:

``"extract"``
    after each document extracted, with ``done`` and ``total`` (the documents to extract);
``"extractions"``
    ``extractions.jsonl`` written (or found as it should be);
``"store"``
    the store opened for writing, with ``store``: nothing written to it yet;
``"stored"``
    the store written and checked;
``"maps"``
    the maps about to be written;
``"report"``
    everything written but ``report.json``.
"""

from __future__ import annotations

from typing import Any, Protocol


class Handler(Protocol):
    def __call__(self, name: str, **context: Any) -> None: ...


_handler: Handler | None = None


def install(handler: Handler | None) -> None:
    """Call ``handler(name, **context)`` at every point from now on (None: nothing again)."""
    global _handler
    _handler = handler


def point(name: str, **context: Any) -> None:
    """Injection point ``name``: nothing happens unless a handler is installed."""
    if _handler is not None:
        _handler(name, **context)
