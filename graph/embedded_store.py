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
nothing.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import cypher
from .errors import QueryError, ReadOnlyError, StoreError
from .store import DEFAULT_BATCH_SIZE, READ_ONLY_STORE, BaseStore, Step, plain

_COMMENT = re.compile(r"\s*(?://[^\n]*(?:\n|$)|/\*.*?\*/)", re.S)
_WORDS = re.compile(r"[A-Za-z_]+")

TRANSACTION_KEYWORDS = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT", "START", "END", "ABORT"})
"""Statements that would end or bypass the store's transaction; never accepted by ``query()``."""

FILE_KEYWORDS = frozenset({"COPY", "EXPORT", "IMPORT", "INSTALL", "UNINSTALL", "ATTACH", "DETACH", "USE",
                           "UPDATE", "FORCE"})
"""Leading keywords of statements that write files, extensions or attached databases
(``LOAD EXTENSION`` too); refused unless ``write=True``. (``DETACH DELETE`` starts
with MATCH, so it is not caught here but by the engine.)"""

_SINGLE_STATEMENT_PARAM = "unionkg_single_statement"


def leading_keywords(statement: str) -> list[str]:
    """The first two words of a statement, upper-cased, after leading comments."""
    text = statement
    while True:
        m = _COMMENT.match(text)
        if not m or not m.group(0):
            break
        text = text[m.end():]
    return [w.upper() for w in _WORDS.findall(text[:200])[:2]]


def _lbug_value(value: Any) -> Any:
    """LadybugDB values as plain Python: nodes and relationships become dicts of their
    properties plus ``_label`` / ``_type`` (``None`` properties dropped, as Neo4j does);
    paths and recursive relationships become ``{"nodes": [...], "relationships": [...]}``."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {"nodes": [_lbug_value(n) for n in value["_NODES"]],
                    "relationships": [_lbug_value(r) for r in value["_RELS"]]}
        if "_LABEL" in value and "_ID" in value:
            tag = "_type" if "_SRC" in value else "_label"
            out = {tag: value["_LABEL"]}
            out.update((k, _lbug_value(v)) for k, v in value.items()
                       if not k.startswith("_") and v is not None)
            return out
        return {str(k): _lbug_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lbug_value(v) for v in value]
    return plain(value)


def _is_read_only_refusal(message: str) -> bool:
    msg = message.lower()
    return "read-only" in msg or "read only" in msg


class EmbeddedStore(BaseStore):
    """A LadybugDB database file holding the graph."""

    dialect = "ladybug"

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 batch_size: int = DEFAULT_BATCH_SIZE):
        import ladybug

        self.path = Path(path)
        self.read_only = read_only
        self.batch_size = batch_size
        if read_only and not self.path.exists():
            raise StoreError(f"no graph database at {self.path}; build it first "
                             "(`unionkg build` or `unionkg graph`), or check the output directory")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open the graph database {self.path}: {exc}. Close other programs "
                             "using it; if it needs recovery, open it once without read_only") from None
        self._closed = False
        if not read_only:
            self._run_steps([(s, {}) for s in cypher.schema_statements()])

    # ------------------------------------------------------------ internals

    def _execute(self, statement: str, params: dict | None = None) -> list[dict]:
        result = self._conn.execute(statement, params or {})
        if isinstance(result, list):  # only reachable with unprepared multi-statement text
            result = result[-1]
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append({c: _lbug_value(v) for c, v in zip(columns, result.get_next())})
        result.close()
        return rows

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the graph store {self.path} is closed; open it again with open_store()")

    def _read(self, statement: str, params: dict | None = None) -> list[dict]:
        self._check_open()
        try:
            return self._execute(statement, params)
        except RuntimeError as exc:
            raise StoreError(f"reading {self.path} failed: {exc}") from None

    def _run_steps(self, steps: list[Step]) -> None:
        self._check_open()
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_STORE)
        self._execute("BEGIN TRANSACTION")
        try:
            for statement, params in steps:
                self._execute(statement, params)
        except RuntimeError as exc:
            self._rollback()
            raise StoreError(f"writing the graph to {self.path} failed and was rolled back: {exc}") from None
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def _rollback(self) -> None:
        try:
            self._execute("ROLLBACK")
        except RuntimeError:
            pass  # the engine already rolled back after the error

    # ------------------------------------------------------------ public API

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]:
        """Run one Cypher statement (LadybugDB dialect) with ``$parameters``.

        Rows are dicts keyed by the RETURN column names (write ``AS name``: LadybugDB
        names an unaliased ``count(r)`` ``COUNT(r._ID)``). Raises
        :class:`ReadOnlyError` when the statement would write and ``write`` is False
        or the store is read-only, :class:`QueryError` when the engine rejects it."""
        self._check_open()
        if not isinstance(cypher, str) or not cypher.strip():
            raise QueryError("empty query; give one Cypher statement")
        words = leading_keywords(cypher)
        if words and words[0] in TRANSACTION_KEYWORDS:
            raise QueryError(f"{words[0]} is not accepted: the store manages transactions; "
                             "send the statement without it")
        if write and self.read_only:
            raise ReadOnlyError(READ_ONLY_STORE)
        if not write and words and (words[0] in FILE_KEYWORDS or words[:2] == ["LOAD", "EXTENSION"]):
            raise ReadOnlyError()
        if params is not None and not isinstance(params, dict):
            raise QueryError(f"query parameters must be a dict, not {type(params).__name__}")
        # A non-empty parameter dict makes LadybugDB prepare the statement, which
        # refuses several statements in one string; unused parameters are ignored.
        bound = {**(params or {}), _SINGLE_STATEMENT_PARAM: True}
        if not write:
            self._execute("BEGIN TRANSACTION READ ONLY")
        try:
            return self._execute(cypher, bound)
        except RuntimeError as exc:
            message = str(exc)
            if _is_read_only_refusal(message):
                raise ReadOnlyError() from None
            if "multiple statements" in message:
                raise QueryError("one statement per query: remove the `;` and run the "
                                 "statements one at a time") from None
            raise QueryError(f"{message.strip()} — check the query against docs/schema.md "
                             "(LadybugDB dialect, see docs/cypher.md)") from None
        finally:
            if not write:
                self._rollback()

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
