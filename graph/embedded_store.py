"""The embedded graph store: LadybugDB (the maintained fork of Kùzu), no server.

The database is one file, ``<out_dir>/graph.lbug``. Opening it read-write creates
the schema of :mod:`graph.cypher` if missing (node tables keyed by ``id``; one
relationship table per type, with a ``FROM … TO …`` pair per allowed endpoint
pair). ``read_only=True`` opens the database read-only, so the engine itself
refuses every write.

How ``query()`` keeps a read a read (``write=False``, the default):

* the statement runs inside ``BEGIN TRANSACTION READ ONLY``, so the engine
  refuses writes whatever their spelling (comments, lower case, ``MERGE`` …);
  its refusal becomes :class:`ReadOnlyError`;
* the statement is always prepared, so one call runs exactly one statement
  (LadybugDB refuses to prepare ``a; b``);
* statements the engine does not count as writes but that would escape the
  transaction or touch files are refused before they are sent: transaction
  control and ``CHECKPOINT`` always (a ``CHECKPOINT`` on a read-only LadybugDB
  0.22 database leaves it needing a read-write recovery), ``COPY``,
  ``EXPORT``/``IMPORT DATABASE``, ``INSTALL``/``LOAD EXTENSION`` unless
  ``write=True``.

Every write of :meth:`EmbeddedStore.write` runs in one transaction: it is all or
nothing. Into an empty database (every table empty) it bulk-loads the graph with
one ``COPY … FROM`` per table and endpoint pair, reading CSV files written to a
temporary folder (:mod:`graph.embedded_bulk` sends them; :mod:`graph.cypher.bulk`
defines the file format and the statements). Otherwise it reads what the store holds, upserts the rows that
differ in ``UNWIND … MERGE`` batches and deletes what is stale. Both give the
same contents; ``last_write`` says which one ran.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import networkx as nx

from . import cypher
from .dialect import explain_error, translate
from .embedded_bulk import COPY_TMP_PREFIX, WritePipeline, copy_graph
from .embedded_values import fetch_nodes, lbug_value
from .errors import QueryError, ReadOnlyError, StoreError
from .readonly import check_read_only
from .result import EndResolver, QueryResult
from .store_base import (
    DEFAULT_BATCH_SIZE,
    READ_ONLY_STORE,
    Step,
    Store,
    gc_paused,
    plan_write,
)

_COMMENT = re.compile(r"\s*(?://[^\n]*(?:\n|$)|/\*.*?\*/)", re.S)
_WORDS = re.compile(r"[A-Za-z_]+")

TRANSACTION_KEYWORDS = frozenset(
    {"BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT", "START", "END", "ABORT"}
)
"""Statements that would end or bypass the store's transaction; never accepted by ``query()``."""

_SINGLE_STATEMENT_PARAM = "unionkg_single_statement"


def leading_keywords(statement: str) -> list[str]:
    """The first two words of a statement, upper-cased, after leading comments."""
    text = statement
    while True:
        m = _COMMENT.match(text)
        if not m or not m.group(0):
            break
        text = text[m.end() :]
    return [w.upper() for w in _WORDS.findall(text[:200])[:2]]


def _stored_row(row: dict) -> dict:
    """A row as the store gives it back: ``None`` properties and the engine's own
    ``_label`` / ``_type`` keys left out, so a row to write and a stored one compare."""
    return {k: v for k, v in row.items() if v is not None and not k.startswith("_")}


def _is_read_only_refusal(message: str) -> bool:
    msg = message.lower()
    return "read-only" in msg or "read only" in msg


class EmbeddedStore(Store):
    """A LadybugDB database file holding the graph."""

    dialect = "ladybug"

    last_write: str | None = None
    """How the last :meth:`write` went: ``"copy"`` (bulk load into an empty store),
    ``"merge"`` (batched upserts and deletions) or ``None`` (no write yet)."""

    last_upserts: int = 0
    """Rows the last incremental write sent (those that differed from the store)."""

    last_bulk_upserts: int = 0
    """Rows the last bulk load upserted instead of copying (lists the CSV files
    cannot carry: an empty element, or one containing U+001F)."""

    copy_error: str | None = None
    """Why the last write into an empty store fell back from ``COPY`` to the upserts
    (the engine's error; the failed load was rolled back), else ``None``."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, batch_size: int = DEFAULT_BATCH_SIZE
    ):
        import ladybug

        self.path = Path(path)
        self.read_only = read_only
        self.batch_size = batch_size
        if read_only and not self.path.exists():
            raise StoreError(
                f"no graph database at {self.path}; build it first "
                "(`unionkg build CORPUS --out DIR`), or check the output directory"
            )
        if read_only and self.path.is_file() and self.path.stat().st_size == 0:
            # the engine would read an empty file as an empty graph
            raise StoreError(
                f"the graph database {self.path} is empty (0 bytes), not a graph: "
                "run `unionkg build` again to write it"
            )
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(
                f"cannot open the graph database {self.path}: {exc}. Close other programs "
                "using it; if it needs recovery, run `unionkg build` on its folder again "
                "(a build opens it for writing, which recovers it)"
            ) from None
        self._closed = False
        if not read_only:
            self._run_steps([(s, {}) for s in cypher.schema_statements()])
            stale = self._stale_tables()
            if stale:
                self.close()
                raise StoreError(
                    f"the graph database {self.path} was written by an older unionkg "
                    f"({stale}); `unionkg build` writes it again from extractions.jsonl"
                )

    # ------------------------------------------------------------ internals

    def _execute(
        self, statement: str, params: dict | None = None, ends: EndResolver | None = None
    ) -> QueryResult:
        result = self._conn.execute(statement, params or {})
        if isinstance(result, list):  # only reachable with unprepared multi-statement text
            result = result[-1]
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(
                {c: lbug_value(v, ends) for c, v in zip(columns, result.get_next(), strict=False)}
            )
        result.close()
        return QueryResult(rows, columns)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the graph store {self.path} is closed; open it again to use it")

    def _read(self, statement: str, params: dict | None = None) -> list[dict]:
        self._check_open()
        try:
            return self._execute(statement, params)
        except RuntimeError as exc:
            raise StoreError(f"reading {self.path} failed: {exc}") from None

    def _run_steps(self, steps: list[Step]) -> None:
        self._check_open()
        if self.read_only:
            raise ReadOnlyError(*READ_ONLY_STORE)
        self._execute("BEGIN TRANSACTION")
        try:
            for statement, params in steps:
                self._execute(statement, params)
        except RuntimeError as exc:
            self._rollback()
            raise StoreError(
                f"writing the graph to {self.path} failed and was rolled back: {exc}"
            ) from None
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def _rollback(self) -> None:
        try:
            self._execute("ROLLBACK")
        except RuntimeError:
            pass  # the engine already rolled back after the error

    def _stale_tables(self) -> str:
        """The tables whose columns are not the schema's, said in a few words; "" if none."""
        out = []
        for table, want in cypher.table_columns().items():
            got = [r["name"] for r in self._read(f"CALL table_info('{table}') RETURN name")]
            if got != want:
                out.append(f"{table} lacks {', '.join(sorted(set(want) - set(got))) or 'nothing'}")
        return "; ".join(out)

    def _is_empty(self) -> bool:
        return int(self._read(cypher.node_total())[0]["n"]) == 0

    def write(self, graph: nx.MultiDiGraph) -> dict:
        """Make the store hold exactly ``graph`` (idempotent), in one transaction.
        Returns a summary: ``nodes``, ``relationships`` written, ``deleted_nodes``,
        ``deleted_relationships``.

        An empty store is bulk-loaded with ``COPY``; if that fails it is rolled
        back and the upserts run instead (``copy_error`` says why). A store that
        holds something gets only the rows that differ, then loses what is stale."""
        if self.read_only:
            raise ReadOnlyError(*READ_ONLY_STORE)
        self._check_open()
        with gc_paused():
            self.copy_error, self.last_upserts, self.last_bulk_upserts = None, 0, 0
            if self._is_empty():
                try:
                    summary = self._bulk_load(graph)
                except StoreError as exc:
                    # rolled back, so the store is still empty; the upserts below
                    # give the same contents from any starting state
                    self.copy_error, summary = str(exc), None
                if summary is not None:
                    self.last_write = "copy"
                    return summary
            self.last_write = "merge"
            return self._upsert_changes(cypher.graph_rows(graph))

    def _upsert_changes(self, rows: cypher.GraphRows) -> dict:
        """Upsert only the rows that differ from what the store holds, then delete
        what is stale. Reading every stored node and relationship once costs far
        less than re-sending rows that are already there (``MERGE`` and the
        binding's parameter conversion; docs/performance.md has the figures). A
        row counts as unchanged only if every property is equal."""
        stored_nodes: dict[str, dict[str, dict]] = {}
        for label in cypher.NODE_LABELS:
            stored_nodes[label] = {
                r["n"]["id"]: _stored_row(r["n"]) for r in self._read(cypher.node_all(label))
            }
        stored_rels: dict[tuple[str, str, str], dict[tuple, dict]] = {}
        for t in cypher.rel_endpoints():
            stored_rels[t] = {}
            for r in self._read(cypher.rel_all(*t)):
                row = _stored_row(r["r"])
                row["src"], row["dst"] = r["src"], r["dst"]
                stored_rels[t][(row["src"], row["dst"], row.get("key"))] = row
        changed = cypher.GraphRows(
            {
                label: [r for r in node_rows if stored_nodes[label].get(r["id"]) != _stored_row(r)]
                for label, node_rows in rows.nodes.items()
            },
            {
                t: [
                    r
                    for r in rel_rows
                    if stored_rels[t].get((r["src"], r["dst"], r["key"])) != _stored_row(r)
                ]
                for t, rel_rows in rows.rels.items()
            },
        )
        self.last_upserts = sum(map(len, changed.nodes.values())) + sum(
            map(len, changed.rels.values())
        )
        steps, summary = plan_write(
            rows,
            {label: set(ids) for label, ids in stored_nodes.items()},
            {t: set(keys) for t, keys in stored_rels.items()},
            self.batch_size,
            self.dialect,
            upserts=changed,
        )
        self._run_steps(steps)
        return summary

    def _bulk_load(self, graph: nx.MultiDiGraph) -> dict | None:
        """Fill the empty store with ``COPY`` from CSV files, in one transaction
        (:func:`graph.embedded_bulk.copy_graph` on a :class:`WritePipeline`).

        Returns the write summary, or ``None`` (store untouched) when the temporary
        folder's path cannot go into a statement. Raises :class:`GraphError` for a
        graph outside the schema and :class:`StoreError` when the engine fails,
        after rolling back."""
        # beside the database, so that the next build clears it if this one is killed
        with tempfile.TemporaryDirectory(prefix=COPY_TMP_PREFIX, dir=self.path.parent) as tmp:
            folder = Path(tmp).as_posix()
            if not cypher.copy_path_ok(folder):
                return None
            self._check_open()
            if self.read_only:
                raise ReadOnlyError(*READ_ONLY_STORE)
            pipeline = WritePipeline(self._execute, self._rollback, self._conn.interrupt, self.path)
            with pipeline as send:
                summary, self.last_bulk_upserts = copy_graph(
                    graph, send, folder, self.batch_size, self.dialect
                )
        return summary

    # ------------------------------------------------------------ public API

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> QueryResult:
        """Run one Cypher statement (LadybugDB dialect) with ``$parameters``.

        Rows are dicts keyed by the RETURN column names; an unaliased expression is
        named as written, as Neo4j does. Neo4j spellings (``type(r)``, ``labels(n)``,
        ``CALL db.labels()``, a reserved word as an alias) are translated first
        (:mod:`graph.dialect`). Raises
        :class:`ReadOnlyError` when the statement would write and ``write`` is False
        or the store is read-only, :class:`QueryError` when the engine rejects it."""
        self._check_open()
        if not isinstance(cypher, str) or not cypher.strip():
            raise QueryError("empty query; give one Cypher statement")
        words = leading_keywords(cypher)
        if words and words[0] in TRANSACTION_KEYWORDS:
            raise QueryError(
                f"{words[0]} is not accepted: the store manages transactions; "
                "send the statement without it"
            )
        if write and self.read_only:
            raise ReadOnlyError(*READ_ONLY_STORE)
        if not write:
            check_read_only(cypher)
        cypher = translate(cypher)
        if not write:
            check_read_only(cypher)  # and what is sent, after the translation
        if params is not None and not isinstance(params, dict):
            raise QueryError(f"query parameters must be a dict, not {type(params).__name__}")
        # A non-empty parameter dict makes LadybugDB prepare the statement, which
        # refuses several statements in one string; unused parameters are ignored.
        bound = {**(params or {}), _SINGLE_STATEMENT_PARAM: True}
        if not write:
            self._execute("BEGIN TRANSACTION READ ONLY")
        try:
            ends = EndResolver()
            rows = self._execute(cypher, bound, ends)
            return QueryResult(rows, rows.columns, ends.resolve(self._fetch_nodes))
        except RuntimeError as exc:
            message = str(exc)
            if _is_read_only_refusal(message):
                raise ReadOnlyError() from None
            if "multiple statements" in message:
                raise QueryError(
                    "one statement per query: remove the `;` and run the statements one at a time"
                ) from None
            hint = explain_error(message)
            raise QueryError(
                f"{hint or message.strip()} — check the query against docs/schema.md "
                "(LadybugDB dialect, see docs/cypher.md)"
            ) from None
        finally:
            if not write:
                self._rollback()

    def _fetch_nodes(self, ids: list) -> dict:
        return fetch_nodes(self._execute, ids)

    def close(self) -> None:
        if getattr(self, "_closed", True):
            return
        self._closed = True
        try:
            self._conn.close()
        finally:
            self._db.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"EmbeddedStore({str(self.path)!r}, {mode})"
