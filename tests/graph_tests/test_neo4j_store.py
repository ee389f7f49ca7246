"""Neo4jStore with a fake driver.

These tests check how Neo4jStore batches statements, orders constraint creation,
routes reads and writes to READ/WRITE transactions and translates driver errors.
They use a stand-in driver and DO NOT prove server behaviour (that Neo4j accepts
the statements, enforces READ mode, or that writes are idempotent there): that is
tests/neo4j_live/test_neo4j_live.py, run against a live server when NEO4J_URI is set.
"""

from __future__ import annotations

import neo4j
import pytest
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from graph import QueryError, ReadOnlyError, StoreError, cypher, graph_counts
from graph.neo4j_store import Neo4jStore


class FakeRecord:
    def __init__(self, row: dict):
        self._row = row

    def keys(self):
        return list(self._row)

    def values(self):
        return list(self._row.values())


class FakeTx:
    def __init__(self, driver, mode):
        self.driver, self.mode = driver, mode

    def run(self, statement, params=None):
        self.driver.calls.append((self.mode, statement, params or {}))
        if self.driver.fail:
            raise self.driver.fail
        return FakeResult(self.driver.answer(statement))


class FakeResult(list):
    def __init__(self, rows):
        super().__init__(FakeRecord(r) for r in rows)

    def consume(self):
        return None


class FakeSession:
    def __init__(self, driver, database, default_access_mode):
        self.driver, self.database, self.mode = driver, database, default_access_mode
        driver.sessions.append((database, default_access_mode))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute_read(self, work):
        self.driver.transactions.append("read")
        return work(FakeTx(self.driver, "read"))

    def execute_write(self, work):
        self.driver.transactions.append("write")
        return work(FakeTx(self.driver, "write"))


class FakeDriver:
    def __init__(self):
        self.calls, self.sessions, self.transactions = [], [], []
        self.fail = None
        self.closed = False

    def session(self, database=None, default_access_mode=None):
        return FakeSession(self, database, default_access_mode)

    def answer(self, statement):
        if "RETURN count(" in statement:
            return [{"n": 0}]
        if statement.startswith("RETURN"):
            return [{"x": 1}]
        return []  # nothing stored yet

    def close(self):
        self.closed = True


def make(**kw):
    driver = FakeDriver()
    return Neo4jStore(
        "neo4j://localhost:7687",
        user="neo4j",
        password="s3cret-pw",
        database="kg",
        driver=driver,
        **kw,
    ), driver


def test_constraints_come_first_and_only_once(G):
    store, driver = make(batch_size=2)
    store.write(G)
    writes = [s for mode, s, _ in driver.calls if mode == "write"]
    n = len(cypher.NODE_LABELS)
    assert writes[:n] == cypher.constraint_statements()
    store.write(G)
    assert sum(s.startswith("CREATE CONSTRAINT") for _, s, _ in driver.calls) == n


def test_rows_are_sent_in_batches_each_in_its_own_write_transaction(G):
    store, driver = make(batch_size=2)
    store.write(G)
    upserts = [
        (s, p) for mode, s, p in driver.calls if mode == "write" and s.startswith("UNWIND $rows")
    ]
    assert all(1 <= len(p["rows"]) <= 2 for _, p in upserts)
    counts = graph_counts(G)
    places = [p for s, p in upserts if s.startswith("UNWIND $rows AS row MERGE (n:Place ")]
    assert sum(len(p["rows"]) for p in places) == counts["nodes"]["Place"]
    assert len(places) == -(-counts["nodes"]["Place"] // 2)
    mentions = [p for s, p in upserts if "[r:MENTIONS" in s]
    assert sum(len(p["rows"]) for p in mentions) == counts["relationships"]["MENTIONS"]
    n_writes = sum(1 for mode, _, _ in driver.calls if mode == "write")
    assert driver.transactions.count("write") == n_writes  # one transaction per statement
    assert all("CAST(" not in s for _, s, _ in driver.calls)
    assert all(db == "kg" for db, _ in driver.sessions)


def test_existing_keys_are_read_in_read_transactions(G):
    store, driver = make()
    store.write(G)
    reads = [s for mode, s, _ in driver.calls if mode == "read"]
    assert len(reads) == len(cypher.NODE_LABELS) + len(cypher.rel_endpoints())


def test_queries_use_read_mode_unless_write_is_true():
    store, driver = make()
    assert store.query("RETURN 1 AS x") == [{"x": 1}]
    assert driver.sessions[-1] == ("kg", neo4j.READ_ACCESS) and driver.transactions[-1] == "read"
    store.query("RETURN 1 AS x", write=True)
    assert driver.sessions[-1] == ("kg", neo4j.WRITE_ACCESS) and driver.transactions[-1] == "write"


def test_access_mode_refusal_becomes_read_only_error():
    store, driver = make()
    driver.fail = Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Statement.AccessMode",
        message="Writing in read access mode not allowed.",
    )
    with pytest.raises(ReadOnlyError, match="pass write=True"):
        store.query("CREATE (n:TradeUnion {id: 'x'})")


def test_syntax_errors_become_query_errors():
    store, driver = make()
    driver.fail = Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Statement.SyntaxError", message="bad input"
    )
    with pytest.raises(QueryError, match="bad input"):
        store.query("MATCH (n RETURN n")


@pytest.mark.parametrize(
    "exc", [AuthError("auth failed for s3cret-pw?"), ServiceUnavailable("down")]
)
def test_connection_errors_never_show_the_password(exc):
    store, driver = make()
    driver.fail = exc
    with pytest.raises(StoreError) as info:
        store.query("RETURN 1 AS x")
    assert "s3cret-pw" not in str(info.value) and "s3cret-pw" not in repr(store)


def test_read_only_store_refuses_writes(G):
    store, driver = make(read_only=True)
    with pytest.raises(ReadOnlyError):
        store.write(G)
    with pytest.raises(ReadOnlyError):
        store.query("CREATE (n:TradeUnion {id: 'x'})", write=True)
    assert driver.calls == []


def test_credentials_in_the_uri_are_not_kept():
    store = Neo4jStore("neo4j://bob:hunter2@db.example:7687", driver=FakeDriver())
    assert store.uri == "neo4j://db.example:7687" and "hunter2" not in repr(store)


def test_close_closes_the_driver_once():
    store, driver = make()
    with store:
        pass
    assert driver.closed
    with pytest.raises(StoreError, match="closed"):
        store.query("RETURN 1 AS x")
