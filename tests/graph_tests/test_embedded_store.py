"""The embedded (LadybugDB) store: idempotent writes, stale deletion, queries,
read-only refusal by the engine, parameters, and the factory."""

from __future__ import annotations

import copy
import json

import pytest
from graph_testutil import same_graph, store_graph

import graph
from graph import QueryError, ReadOnlyError, StoreError, build_graph, graph_counts, open_store
from graph.embedded_store import EmbeddedStore, leading_keywords

NASTY = [
    "a name with 'single' and \"double\" quotes",
    "'}) DETACH DELETE n //",
    "</script><script>alert(1)</script>",
    "back\\slash; semi; 中文\nnew line",
]


def test_database_lives_in_the_output_directory(tmp_path, G):
    with open_store(tmp_path / "out") as s:
        assert isinstance(s, EmbeddedStore)
        assert (
            s.path
            == tmp_path / "out" / graph.EMBEDDED_DB_NAME
            == graph.embedded_db_path(tmp_path / "out")
        )
        s.write(G)
    assert (tmp_path / "out" / "graph.lbug").is_file()


def test_write_twice_gives_the_same_counts(store, G):
    first = store.counts()
    assert first == graph_counts(G)
    summary = store.write(G)
    assert summary == {
        "nodes": len(G),
        "relationships": G.number_of_edges(),
        "deleted_nodes": 0,
        "deleted_relationships": 0,
    }
    assert store.counts() == first


def test_store_holds_exactly_the_graph(store, G):
    assert same_graph(store_graph(store), G)
    assert same_graph(store.read_graph(), G)


def test_writing_a_smaller_graph_removes_stale_nodes_and_edges(store, extractions):
    smaller = build_graph([extractions[0]])  # only doc A
    summary = store.write(smaller)
    assert summary["deleted_nodes"] > 0 and summary["deleted_relationships"] > 0
    assert store.counts() == graph_counts(smaller)
    assert same_graph(store_graph(store), smaller)
    assert store.query("MATCH (u:TradeUnion {name: '益阳市总工会'}) RETURN u.id AS id") == []


def test_changed_and_cleared_properties_are_updated(store, G):
    H = copy.deepcopy(G)
    H.nodes["Place:330482"]["lon"] = None
    H.nodes["TradeUnion:平湖市总工会"]["aliases"] = []
    H.edges["Programme:连心舱", "Place:330482", "ADOPTED_IN"]["year"] = 2018
    H.remove_edge("TradeUnion:平湖市总工会", "Programme:连心舱", "RUNS")
    store.write(H)
    assert same_graph(store_graph(store), H)


def test_query_returns_dicts_keyed_by_return_columns(store):
    rows = store.query(
        "MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) RETURN u.name, p.name, r.doc_ids, r.evidence "
        "ORDER BY u.name, p.name"
    )
    assert rows[0].keys() == {"u.name", "p.name", "r.doc_ids", "r.evidence"}
    assert {"u.name": "平湖市总工会", "p.name": "司机之家"}.items() <= rows[1].items()
    assert rows[1]["r.doc_ids"] == ["doc_a_pinghu", "doc_b_tongxiang"]
    assert len(rows[1]["r.evidence"]) == 3


def test_whole_nodes_and_relationships_are_json_serialisable(store):
    rows = store.query(
        "MATCH (p:Person {name: '许静'})-[h:HOLDS_POSITION]->(b:TradeUnion) RETURN p, h, b"
    )
    json.dumps(rows, ensure_ascii=False)
    row = rows[0]
    assert row["p"]["_label"] == "Person" and row["p"]["id"] == "Person:许静@平湖市"
    assert "optional" not in row["p"]  # None properties are left out, as Neo4j does
    assert row["h"]["_type"] == "HOLDS_POSITION" and row["h"]["title"] == "主席"
    assert row["h"]["evidence_doc_ids"] == ["doc_a_pinghu", "doc_b_tongxiang"]
    path = store.query(
        "MATCH p = (a:TradeUnion {name: '平湖市总工会'})-[* SHORTEST 1..10]-"
        "(b:TradeUnion {name: '益阳市总工会'}) RETURN p"
    )[0]["p"]
    assert [n["name"] for n in path["nodes"]] == ["平湖市总工会", "司机之家", "益阳市总工会"]
    json.dumps(path, ensure_ascii=False)


WRITES = [
    "CREATE (n:TradeUnion {id: 'x', name: 'x'})",
    "/* a comment */ // another\n create (n:TradeUnion {id: 'x'})",
    "match (n:TradeUnion) set n.name = 'changed'",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Programme {id: 'Programme:x'})",
    "UNWIND [1, 2] AS i MERGE (n:Programme {id: 'Programme:y'})",
    "MATCH (a:TradeUnion), (b:Programme) CREATE (a)-[:RUNS {key: 'RUNS'}]->(b)",
    "CREATE NODE TABLE Extra(id STRING PRIMARY KEY)",
    "DROP TABLE SPREAD_TO",
    "ALTER TABLE TradeUnion ADD extra INT64",
    "COPY TradeUnion FROM '/nonexistent.csv'",
    "COPY (MATCH (n) RETURN n.id) TO '/tmp/unionkg-should-not-exist.csv'",
    "EXPORT DATABASE '/tmp/unionkg-should-not-exist'",
    "INSTALL json",
    "LOAD EXTENSION json",
    "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)",
]


@pytest.mark.parametrize("statement", WRITES)
def test_read_only_store_refuses_writes_and_changes_nothing(ro_store, statement):
    before = ro_store.counts()
    with pytest.raises(ReadOnlyError, match="pass write=True"):
        ro_store.query(statement)
    assert ro_store.counts() == before
    assert (
        ro_store.query("MATCH (u:TradeUnion) RETURN u.name AS n ORDER BY n")[0]["n"]
        == "嘉兴市总工会"
    )


@pytest.mark.parametrize("statement", WRITES[:7])
def test_read_write_store_still_refuses_writes_without_write_true(store, statement):
    before = store.counts()
    with pytest.raises(ReadOnlyError):
        store.query(statement)
    assert store.counts() == before


def test_read_only_store_refuses_write_and_write_queries(ro_store, G):
    with pytest.raises(ReadOnlyError, match="read-only"):
        ro_store.write(G)
    with pytest.raises(ReadOnlyError, match="read-only"):
        ro_store.query("CREATE (n:TradeUnion {id: 'x'})", write=True)


@pytest.mark.parametrize(
    "statement", ["CHECKPOINT", "commit", "BEGIN TRANSACTION", "ROLLBACK", "// sneaky\nCOMMIT"]
)
def test_transaction_control_is_refused(ro_store, statement):
    with pytest.raises(QueryError, match="manages transactions"):
        ro_store.query(statement)
    assert ro_store.query("RETURN 1 AS one") == [{"one": 1}]


def test_several_statements_in_one_query_are_refused(ro_store):
    with pytest.raises(QueryError, match="one statement per query"):
        ro_store.query("MATCH (n) RETURN count(n) AS n; CREATE (n:TradeUnion {id: 'x'})")


def test_write_true_writes_on_a_read_write_store(store):
    store.query("MATCH (u:TradeUnion {name: '平湖市总工会'}) SET u.name = 'renamed'", write=True)
    assert store.query(
        "MATCH (u:TradeUnion {id: 'TradeUnion:平湖市总工会'}) RETURN u.name AS n"
    ) == [{"n": "renamed"}]


def test_bad_queries_raise_query_error(ro_store):
    with pytest.raises(QueryError, match="check the query"):
        ro_store.query("MATCH (n:NoSuchLabel) RETURN n")
    with pytest.raises(QueryError):
        ro_store.query("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="empty query"):
        ro_store.query("   ")


@pytest.mark.parametrize("text", NASTY)
def test_parameters_go_in_and_come_out_verbatim(ro_store, text):
    assert ro_store.query("RETURN $x AS x", {"x": text}) == [{"x": text}]
    assert (
        ro_store.query("MATCH (u:TradeUnion) WHERE u.name = $x RETURN u.id AS id", {"x": text})
        == []
    )
    assert ro_store.counts()["nodes"]["TradeUnion"] == 4


def test_names_from_data_are_stored_verbatim(tmp_path, extractions):
    docs = copy.deepcopy(extractions[:1])
    for text in NASTY:
        docs[0]["entities"].append(
            {
                "id": f"Organization:{text}",
                "type": "Organization",
                "name": text,
                "aliases": [text + "x"],
                "props": {},
                "mentions": [],
            }
        )
    G = build_graph(docs)
    with open_store(tmp_path / "out") as s:
        s.write(G)
        for text in NASTY:
            rows = s.query(
                "MATCH (o:Organization {id: $id}) RETURN o.name AS name, o.aliases AS aliases",
                {"id": f"Organization:{text}"},
            )
            assert rows == [{"name": text, "aliases": [text + "x"]}]
        assert same_graph(store_graph(s), G)


def test_a_second_read_only_handle_sees_the_data(ro_store, ro_store_dir, G):
    with open_store(ro_store_dir, read_only=True) as s:  # several read-only handles may coexist
        assert s.counts() == ro_store.counts() == graph_counts(G)


def test_missing_database_cannot_be_opened_read_only(tmp_path):
    with pytest.raises(StoreError, match="no graph database"):
        open_store(tmp_path / "nothing", read_only=True)


def test_closed_store_says_so(tmp_path):
    s = open_store(tmp_path / "out")
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        s.query("RETURN 1 AS x")


def test_factory_needs_a_choice(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreError, match="output directory.*Neo4j URI"):
        open_store()


def test_factory_names_the_valid_uri_schemes():
    with pytest.raises(StoreError, match=r"neo4j://, neo4j\+s://.*bolt://"):
        open_store(neo4j_uri="http://user:secret@localhost:7474")


def test_factory_error_hides_credentials():
    with pytest.raises(StoreError) as info:
        open_store(neo4j_uri="http://user:secret@localhost:7474")
    assert "secret" not in str(info.value)


def test_leading_keywords_skip_comments():
    assert leading_keywords("/* x */ // y\n  match (n) return n") == ["MATCH", "N"]
    assert leading_keywords("/* multi\nline */CHECKPOINT;") == ["CHECKPOINT"]
