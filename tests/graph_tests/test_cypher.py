"""graph/cypher/: labels and types come only from the allow-list."""

from __future__ import annotations

import pytest

from graph import GraphError, cypher


def test_every_relationship_endpoint_is_a_known_label():
    for rel_type, src, dst in cypher.rel_endpoints():
        assert src in cypher.NODE_LABELS and dst in cypher.NODE_LABELS, rel_type
    assert set(cypher.REL_TYPES) == {
        "RUNS",
        "HOLDS_POSITION",
        "ADOPTED_IN",
        "LOCATED_IN",
        "PART_OF",
        "REPORTED",
        "MENTIONS",
        "SPREAD_TO",
    }


@pytest.mark.parametrize("label", ["Union", "TradeUnion) DETACH DELETE n //", "tradeunion", ""])
def test_labels_outside_the_allow_list_are_refused(label):
    with pytest.raises(GraphError, match="unknown node label"):
        cypher.node_upsert(label, "neo4j")
    with pytest.raises(GraphError):
        cypher.node_delete(label)


def test_endpoint_pairs_outside_the_allow_list_are_refused():
    with pytest.raises(GraphError, match="RUNS cannot go from Person to Programme"):
        cypher.rel_upsert("RUNS", "Person", "Programme", "ladybug")
    with pytest.raises(GraphError, match="unknown relationship type"):
        cypher.rel_upsert("RUNS]->() DELETE r //", "TradeUnion", "Programme", "ladybug")
    with pytest.raises(GraphError, match="dialect"):
        cypher.node_upsert("Place", "sql")


def test_statements_carry_values_only_as_parameters():
    upsert = cypher.rel_upsert("ADOPTED_IN", "Programme", "Place", "ladybug")
    assert upsert.startswith(
        "UNWIND $rows AS row MATCH (a:Programme {`id`: row.src}), (b:Place {`id`: row.dst})"
    )
    assert "MERGE (a)-[r:ADOPTED_IN {`key`: row.`key`}]->(b)" in upsert
    assert (
        "r.`year` = CAST(row.`year` AS INT64)" in upsert
    )  # LadybugDB types all-null batches as STRING
    assert "CAST" not in cypher.rel_upsert("ADOPTED_IN", "Programme", "Place", "neo4j")
    assert "n.`optional` = CAST(row.`optional` AS BOOLEAN)" in cypher.node_upsert(
        "Person", "ladybug"
    )


def test_schema_and_constraints_cover_every_label():
    ddl = "\n".join(cypher.schema_statements())
    for label in cypher.NODE_LABELS:
        assert f"CREATE NODE TABLE IF NOT EXISTS {label}(`id` STRING PRIMARY KEY" in ddl
    assert (
        "CREATE REL TABLE IF NOT EXISTS HOLDS_POSITION(FROM Person TO TradeUnion, FROM Person TO Organization"
        in ddl
    )
    constraints = cypher.constraint_statements()
    assert len(constraints) == len(cypher.NODE_LABELS)
    assert constraints[0] == (
        "CREATE CONSTRAINT unionkg_TradeUnion_id IF NOT EXISTS "
        "FOR (n:TradeUnion) REQUIRE n.`id` IS UNIQUE"
    )


def test_graph_rows_reject_unknown_labels(G):
    G.add_node("Weird:x", label="Weird", id="Weird:x", name="x", aliases=[], doc_ids=[])
    with pytest.raises(GraphError, match="label 'Weird'"):
        cypher.graph_rows(G)


def test_rows_round_trip_to_the_same_graph(G):
    rows = cypher.graph_rows(G)
    H = cypher.rows_to_graph(rows.nodes, rows.rels)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
