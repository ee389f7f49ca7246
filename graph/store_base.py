"""The graph-store abstraction, :class:`Store`, and the code both stores share.

A store holds one graph. ``write(G)`` makes it hold exactly ``G``: it upserts
every node and relationship in batches (``UNWIND $rows AS row MERGE …``, the
statements of :mod:`graph.cypher`) and then deletes what is no longer in ``G``,
so writing the same graph twice leaves the same contents. ``query()`` runs one
Cypher statement with parameters and returns plain, JSON-serialisable rows (a
:class:`graph.result.QueryResult`: a list of dicts that also converts to a DataFrame
or a networkx graph).

Two implementations subclass :class:`Store`:
:class:`graph.embedded_store.EmbeddedStore` (LadybugDB, a file under the output
directory, no server) and :class:`graph.neo4j_store.Neo4jStore` (a Neo4j server
through the official driver). :mod:`graph.store` opens one of them.
"""

from __future__ import annotations

import datetime as _dt
import gc
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Self

import networkx as nx

from . import cypher
from .errors import GraphError, ReadOnlyError, StoreError
from .result import QueryResult

DEFAULT_BATCH_SIZE = 1000
"""Rows per ``UNWIND`` batch."""

READ_ONLY_STORE = (
    "the graph store was opened read-only",
    "open it without read_only=True to change it",
    "rerun with --write to change it",
)
"""The :class:`ReadOnlyError` arguments for a write to a store opened read-only."""


Step = tuple[str, dict]
"""One statement and its parameters."""


def batched(rows: list, size: int) -> list[list]:
    """``rows`` in consecutive chunks of at most ``size``."""
    if size < 1:
        raise StoreError(f"batch size must be at least 1, not {size}")
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def plan_write(
    rows: cypher.GraphRows,
    existing_nodes: Mapping[str, set[str]],
    existing_rels: Mapping[tuple[str, str, str], set[tuple[str, str, str]]],
    batch_size: int,
    dialect: str,
    upserts: cypher.GraphRows | None = None,
) -> tuple[list[Step], dict]:
    """The statements that turn a store holding ``existing_*`` into one holding ``rows``.

    Order: node upserts, relationship upserts, stale-relationship deletions,
    stale-node deletions. Empty batches are never sent (LadybugDB cannot type an
    empty ``$rows``). ``upserts`` (default: all of ``rows``) are the rows to
    send; a caller that knows which stored rows are already equal leaves those
    out. Returns ``(steps, summary)``."""
    if upserts is None:
        upserts = rows
    steps: list[Step] = []
    for label, node_rows in upserts.nodes.items():
        steps += [
            (cypher.node_upsert(label, dialect), {"rows": b})
            for b in batched(node_rows, batch_size)
        ]
    for (rel_type, src, dst), rel_rows in upserts.rels.items():
        stmt = cypher.rel_upsert(rel_type, src, dst, dialect)
        steps += [(stmt, {"rows": b}) for b in batched(rel_rows, batch_size)]
    deleted_rels = 0
    for triple in cypher.rel_endpoints():
        keep = {(r["src"], r["dst"], r["key"]) for r in rows.rels.get(triple, [])}
        stale = sorted(existing_rels.get(triple, set()) - keep)
        deleted_rels += len(stale)
        stmt = cypher.rel_delete(*triple)
        steps += [
            (stmt, {"rows": [{"src": s, "dst": d, "key": k} for s, d, k in b]})
            for b in batched(stale, batch_size)
        ]
    deleted_nodes = 0
    for label in cypher.NODE_LABELS:
        ids = {r["id"] for r in rows.nodes.get(label, [])}
        stale_ids = sorted(existing_nodes.get(label, set()) - ids)
        deleted_nodes += len(stale_ids)
        steps += [(cypher.node_delete(label), {"ids": b}) for b in batched(stale_ids, batch_size)]
    summary = {
        "nodes": sum(map(len, rows.nodes.values())),
        "relationships": sum(map(len, rows.rels.values())),
        "deleted_nodes": deleted_nodes,
        "deleted_relationships": deleted_rels,
    }
    return steps, summary


def plain(value: Any) -> Any:
    """A driver value as plain JSON-serialisable Python: dates become ISO strings,
    tuples lists, Decimals floats; nodes and relationships are converted by the stores."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return str(value)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: a write makes hundreds of thousands of
    short-lived rows, and every collection would also walk the (large, long-lived)
    graph; about half of ``graph_rows`` went to it on a 50k-edge graph. Reference
    counting still frees the rows; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Store(ABC):
    """What every graph store offers, and the write and read logic both share.

    Subclasses supply :meth:`_read`, :meth:`_run_steps`, :meth:`query` and
    :meth:`close`; the embedded store also has its own :meth:`write`."""

    dialect: str = ""
    read_only: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE

    @abstractmethod
    def _read(self, statement: str, params: dict | None = None) -> list[dict]:
        """Run one trusted read statement of :mod:`graph.cypher`."""

    @abstractmethod
    def _run_steps(self, steps: list[Step]) -> None:
        """Run write statements inside transactions."""

    def _prepare_write(self) -> None:  # noqa: B027 - an optional hook, not abstract
        """Create schema or constraints before the first write (default: nothing)."""

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> QueryResult:
        """Run one Cypher statement; rows as dicts keyed by the RETURN column names, in a
        :class:`graph.result.QueryResult` (``to_df()``, ``to_networkx()``).

        With ``write=False`` (the default) the database itself refuses any change
        and :class:`ReadOnlyError` is raised."""

    @abstractmethod
    def close(self) -> None:
        """Release the database (idempotent)."""

    def write(self, graph: nx.MultiDiGraph) -> dict:
        """Make the store hold exactly ``graph`` (idempotent). Returns a summary:
        ``nodes``, ``relationships`` written, ``deleted_nodes``, ``deleted_relationships``."""
        if self.read_only:
            raise ReadOnlyError(*READ_ONLY_STORE)
        with gc_paused():
            rows = cypher.graph_rows(graph)
            self._prepare_write()
            return self._write_rows(rows)

    def _write_rows(self, rows: cypher.GraphRows) -> dict:
        """Upsert ``rows`` and delete what the store holds beyond them (the summary of
        :meth:`write`). The embedded store has its own :meth:`write`."""
        existing_nodes = {
            label: {r["id"] for r in self._read(cypher.node_ids(label))}
            for label in cypher.NODE_LABELS
        }
        existing_rels = {
            t: {(r["src"], r["dst"], r["key"]) for r in self._read(cypher.rel_keys(*t))}
            for t in cypher.rel_endpoints()
        }
        steps, summary = plan_write(
            rows, existing_nodes, existing_rels, self.batch_size, self.dialect
        )
        self._run_steps(steps)
        return summary

    def read_graph(self) -> nx.MultiDiGraph:
        """Everything the store holds, back as a graph equal to the one last written."""
        nodes = {
            label: [r["n"] for r in self._read(cypher.node_all(label))]
            for label in cypher.NODE_LABELS
        }
        rels = {
            t: [
                {**r["r"], "src": r["src"], "dst": r["dst"]} for r in self._read(cypher.rel_all(*t))
            ]
            for t in cypher.rel_endpoints()
        }
        try:
            return cypher.rows_to_graph(nodes, rels)
        except GraphError as exc:
            raise StoreError(f"the store does not hold a consistent graph: {exc}") from None

    def counts(self) -> dict:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for every label and type."""
        nodes = {
            label: int(self._read(cypher.node_count(label))[0]["n"]) for label in cypher.NODE_LABELS
        }
        rels = {t: int(self._read(cypher.rel_count(t))[0]["n"]) for t in cypher.REL_TYPES}
        return {"nodes": nodes, "relationships": rels}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
