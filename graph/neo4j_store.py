"""The Neo4j graph store, through the official ``neo4j`` Python driver.

Writes: the uniqueness constraints of :func:`graph.cypher.constraint_statements`
are created (``IF NOT EXISTS``) before the first write; then every batch of
``UNWIND $rows …`` runs in its own managed write transaction
(``session.execute_write``), so a failed write may leave earlier batches in
place — writing again finishes the job, since writes are idempotent.

Queries run in a READ-mode transaction (``session.execute_read``) unless
``write=True``: the server refuses any write in it and the refusal becomes
:class:`ReadOnlyError`. A store opened with ``read_only=True`` refuses ``write()``
and ``write=True`` queries.

The password is handed to the driver and kept nowhere else; it never appears in
an error message, a log line or ``repr()``. ``neo4j`` is imported inside the
functions that need it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import cypher
from .errors import QueryError, ReadOnlyError, StoreError
from .readonly import check_read_only
from .result import EndResolver, QueryResult
from .store_base import DEFAULT_BATCH_SIZE, READ_ONLY_STORE, Step, Store, plain

_READ_ONLY_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
)


def _safe_uri(uri: str) -> str:
    """The URI without any ``user:password@`` part."""
    scheme, sep, rest = uri.partition("://")
    return f"{scheme}{sep}{rest.rsplit('@', 1)[-1]}" if sep else uri.rsplit("@", 1)[-1]


def _neo4j_value(value: Any, ends: EndResolver | None = None) -> Any:
    """Driver values as plain Python: nodes → properties + ``_label``, relationships →
    properties + ``_type`` (and, with ``ends``, ``_src`` / ``_dst``), paths →
    ``{"nodes", "relationships"}``."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        out = {"_label": sorted(value.labels)[0] if value.labels else None}
        out.update((k, _neo4j_value(v, ends)) for k, v in value.items())
        if ends is not None:
            ends.node(value.element_id, out)
        return out
    if isinstance(value, Relationship):
        out = {"_type": value.type}
        if ends is not None:
            out.update(_src=None, _dst=None)
            start, end = value.start_node, value.end_node
            ends.relationship(
                out,
                start.element_id if start is not None else None,
                end.element_id if end is not None else None,
            )
        out.update((k, _neo4j_value(v, ends)) for k, v in value.items())
        return out
    if isinstance(value, Path):
        return {
            "nodes": [_neo4j_value(n, ends) for n in value.nodes],
            "relationships": [_neo4j_value(r, ends) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {str(k): _neo4j_value(v, ends) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_neo4j_value(v, ends) for v in value]
    return plain(value)


_FETCH_NODES = "MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n"


class Neo4jStore(Store):
    """A Neo4j database holding the graph."""

    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        read_only: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
        driver: Any = None,
    ):
        """``driver`` lets tests pass a stand-in; normally the official driver is created."""
        self.uri = _safe_uri(uri)
        self.user = user
        self.database = database
        self.read_only = read_only
        self.batch_size = batch_size
        self._constraints_done = False
        self._closed = False
        if driver is None:
            if self.uri != uri:  # the driver refuses user:password@ in the URI anyway
                raise StoreError(
                    f"the Neo4j URI {self.uri} must not hold a user name or password: "
                    "set NEO4J_USERNAME and NEO4J_PASSWORD instead"
                )
            try:
                import neo4j
                from neo4j.exceptions import DriverError, Neo4jError
            except ImportError:  # pragma: no cover - a declared dependency
                raise ImportError("the Neo4j store needs the driver: pip install neo4j") from None
            try:
                driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            except Exception as exc:  # ConfigurationError, ValueError on a bad URI
                raise StoreError(
                    f"cannot use the Neo4j URI {self.uri}: {type(exc).__name__}; "
                    "check NEO4J_URI (e.g. neo4j://localhost:7687)"
                ) from None
            # Fail at once when the server cannot be reached or refuses the credentials,
            # instead of after the driver's 30 s of retried transactions.
            try:
                driver.verify_connectivity()
            except (Neo4jError, DriverError) as exc:
                driver.close()
                raise self._translate(exc, "connecting") from None
        self._driver = driver

    # ------------------------------------------------------------ internals

    def _session(self, read: bool):
        import neo4j

        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _translate(self, exc: Exception, doing: str) -> Exception:
        """A driver exception as one of ours, without the password in it."""
        from neo4j import exceptions as nx_exc

        code = getattr(exc, "code", None) or ""
        if code in _READ_ONLY_CODES:
            return ReadOnlyError()
        if isinstance(exc, nx_exc.AuthError):
            return StoreError(
                f"Neo4j at {self.uri} refused the credentials of user {self.user!r}; "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        if isinstance(exc, nx_exc.ServiceUnavailable):
            return StoreError(
                f"cannot reach Neo4j at {self.uri}; is the server running? check NEO4J_URI"
            )
        if isinstance(exc, nx_exc.ClientError):
            message = getattr(exc, "message", None) or str(exc)
            return QueryError(f"{doing} failed: {message} — check the query against docs/schema.md")
        return StoreError(
            f"{doing} failed on Neo4j at {self.uri}: {type(exc).__name__}: "
            f"{getattr(exc, 'message', None) or exc}"
        )

    def _call(self, read: bool, work: Callable, doing: str) -> Any:
        from neo4j.exceptions import DriverError, Neo4jError

        if self._closed:
            raise StoreError(f"the Neo4j store {self.uri} is closed; open it again to use it")
        try:
            with self._session(read) as session:
                return (session.execute_read if read else session.execute_write)(work)
        except (Neo4jError, DriverError) as exc:
            raise self._translate(exc, doing) from None

    @staticmethod
    def _records(
        tx, statement: str, params: dict | None, ends: EndResolver | None = None
    ) -> QueryResult:
        result = tx.run(statement, params or {})
        columns = list(result.keys()) if hasattr(result, "keys") else None
        rows = [
            {k: _neo4j_value(v, ends) for k, v in zip(record.keys(), record.values(), strict=False)}
            for record in result
        ]
        if ends is None:
            return QueryResult(rows, columns)

        def fetch(ids: list) -> dict:
            found = Neo4jStore._records(tx, _FETCH_NODES, {"ids": ids})
            return {r["e"]: r["n"] for r in found}

        return QueryResult(rows, columns, ends.resolve(fetch))

    def _read(self, statement: str, params: dict | None = None) -> list[dict]:
        return self._call(
            True, lambda tx: self._records(tx, statement, params), "reading the graph"
        )

    def _prepare_write(self) -> None:
        if self._constraints_done:
            return
        for statement in cypher.constraint_statements():
            self._call(False, lambda tx, s=statement: tx.run(s).consume(), "creating constraints")
        self._constraints_done = True

    def _run_steps(self, steps: list[Step]) -> None:
        if self.read_only:
            raise ReadOnlyError(*READ_ONLY_STORE)
        for statement, params in steps:
            self._call(
                False, lambda tx, s=statement, p=params: tx.run(s, p).consume(), "writing the graph"
            )

    # ------------------------------------------------------------ public API

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> QueryResult:
        """Run one Cypher statement (Neo4j dialect) with ``$parameters``; rows keyed by
        the RETURN column names. READ access mode unless ``write=True``."""
        if not isinstance(cypher, str) or not cypher.strip():
            raise QueryError("empty query; give one Cypher statement")
        if params is not None and not isinstance(params, dict):
            raise QueryError(f"query parameters must be a dict, not {type(params).__name__}")
        if write and self.read_only:
            raise ReadOnlyError(*READ_ONLY_STORE)
        if not write:
            check_read_only(cypher)
        return self._call(
            not write, lambda tx: self._records(tx, cypher, params, EndResolver()), "the query"
        )

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._driver.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Neo4jStore({self.uri!r}, user={self.user!r}, database={self.database!r}, {mode})"
