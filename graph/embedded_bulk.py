"""The bulk load of an empty embedded store: ``COPY`` from CSV files, sent on a worker thread.

:func:`copy_graph` writes one CSV file per node label and per relationship endpoint
pair (the format of :mod:`graph.cypher.bulk`) and sends the ``COPY`` statements
that read them: node tables first, then relationship tables (``COPY`` finds the
end nodes by id). Rows the files cannot carry are upserted after their tables'
``COPY``. :class:`WritePipeline` runs the statements in order, in one transaction,
on a worker thread while the caller builds the next rows and files.

:class:`graph.embedded_store.EmbeddedStore` uses both when it writes into an empty
store; the statements reach the engine only through the callables it passes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import networkx as nx

from . import cypher
from .errors import StoreError
from .store_base import Step, batched

COPY_TMP_PREFIX = ".unionkg-copy-"
"""Prefix of the folder of CSV files a bulk load writes beside the database (so
that the next build clears it if this one is killed)."""

Send = Callable[..., None]
"""``send(statement, params=None)``: hands one write statement to the pipeline."""


class WritePipeline:
    """Write statements run in order, in one transaction, on a worker thread, while
    the caller prepares the next ones (the engine releases the GIL while it
    executes): ``with WritePipeline(...) as send: send(statement, params)``.

    ``execute(statement, params)`` runs one statement on the store's connection,
    ``rollback()`` rolls its transaction back and ``interrupt()`` stops the running
    statement; ``where`` names the database in error messages.

    On leaving the block the transaction is committed if every statement succeeded
    and the block raised nothing; otherwise it is rolled back, and an engine error
    becomes :class:`StoreError`. ``send`` raises that error as soon as the worker
    has seen it, so the caller stops preparing."""

    def __init__(
        self,
        execute: Callable[[str, dict], Any],
        rollback: Callable[[], None],
        interrupt: Callable[[], None],
        where: str | Path,
    ):
        self._execute = execute
        self._rollback = rollback
        self._interrupt = interrupt
        self._where = where
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._work, name="unionkg-store-write", daemon=True)

    def __enter__(self) -> Send:
        self._execute("BEGIN TRANSACTION", {})
        self._thread.start()
        return self.send

    def send(self, statement: str, params: dict | None = None) -> None:
        if self._error is not None:
            raise self._failure(self._error)
        self._queue.put((statement, params or {}))

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is None and not self._cancelled:
                try:
                    self._execute(*item)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                    self._error = exc

    def _failure(self, error: BaseException) -> BaseException:
        if isinstance(error, RuntimeError):
            return StoreError(
                f"writing the graph to {self._where} failed and was rolled back: {error}"
            )
        return error

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        if exc_type is not None:
            self._cancelled = True  # skip what is still queued
            if issubclass(exc_type, KeyboardInterrupt):
                self._interrupt()
        self._queue.put(None)
        while self._thread.is_alive():
            try:
                self._thread.join()
            except KeyboardInterrupt:  # the connection must be idle before the rollback
                self._cancelled = True
                self._interrupt()
                exc_type = exc_type or KeyboardInterrupt
        if exc_type is None and self._error is None:
            try:
                self._execute("COMMIT", {})
                return False
            except RuntimeError as err:
                self._error = err
        self._rollback()
        if exc_type is None and self._error is not None:
            raise self._failure(self._error)
        return False


def copy_graph(
    graph: nx.MultiDiGraph, send: Send, folder: str, batch_size: int, dialect: str
) -> tuple[dict, int]:
    """Send what fills an empty store with ``graph``: a ``COPY`` per node label and
    per relationship endpoint pair (reading files written to ``folder``), and
    upserts of the rows the files cannot carry (see :func:`graph.cypher.copy_csv`).

    Returns the write summary and how many rows were upserted instead of copied.
    Raises :class:`GraphError` for a graph outside the schema (found while sending,
    so the caller's transaction must roll back)."""
    nodes, labels = cypher.node_rows(graph)
    upserts: list[Step] = []
    for label, node_rows in nodes.items():
        text, rest = cypher.copy_csv(node_rows, cypher.copy_node_columns(label))
        if text is not None:
            send(cypher.node_copy(label, write_copy_file(folder, label, text)))
        stmt = cypher.node_upsert(label, dialect)
        upserts += [(stmt, {"rows": b}) for b in batched(rest, batch_size)]
    for step in upserts:  # before any relationship COPY looks for the nodes
        send(*step)
    rels = cypher.edge_rows(graph, labels)
    bulk_upserts = sum(len(p["rows"]) for _, p in upserts)
    upserts = []
    for (rel_type, src, dst), rel_rows in rels.items():
        text, rest = cypher.copy_csv(rel_rows, cypher.copy_rel_columns(rel_type))
        if text is not None:
            path = write_copy_file(folder, f"{rel_type}-{src}-{dst}", text)
            send(cypher.rel_copy(rel_type, src, dst, path))
        stmt = cypher.rel_upsert(rel_type, src, dst, dialect)
        upserts += [(stmt, {"rows": b}) for b in batched(rest, batch_size)]
    for step in upserts:
        send(*step)
    bulk_upserts += sum(len(p["rows"]) for _, p in upserts)
    summary = {
        "nodes": sum(map(len, nodes.values())),
        "relationships": sum(map(len, rels.values())),
        "deleted_nodes": 0,
        "deleted_relationships": 0,
    }
    return summary, bulk_upserts


def write_copy_file(folder: str, name: str, text: str) -> str:
    """Write one bulk-load file into ``folder``; its path, as a COPY statement names it."""
    path = f"{folder}/{name}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path
