"""Live Neo4j checks: write, idempotence, stale deletion, queries, READ-mode refusal,
parameters, and the docs' Neo4j examples — against the server of NEO4J_URI
(NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).

WARNING: these tests REPLACE every unionkg label's contents in that database
(write() makes the store hold exactly the fixture graph) and empty them at the
end. Point NEO4J_DATABASE at a scratch database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if not os.environ.get("NEO4J_URI"):
    pytest.skip("NEO4J_URI not set: no live Neo4j server to test against", allow_module_level=True)

import networkx as nx  # noqa: E402

import graph  # noqa: E402,F401
from graph import ReadOnlyError, build_graph, graph_counts, load_extractions, open_store  # noqa: E402

pytestmark = pytest.mark.neo4j

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_extractions.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph_tests"))
from test_docs_queries import cypher_blocks, params_of  # noqa: E402


@pytest.fixture(scope="module")
def extractions():
    return list(load_extractions(FIXTURE))


@pytest.fixture(scope="module")
def store(extractions):
    s = open_store(neo4j_uri=os.environ["NEO4J_URI"])
    s.write(build_graph(extractions))
    yield s
    s.write(nx.MultiDiGraph())  # leave the unionkg labels empty
    s.close()


def test_write_is_idempotent(store, extractions):
    G = build_graph(extractions)
    assert store.counts() == graph_counts(G)
    summary = store.write(G)
    assert summary["deleted_nodes"] == summary["deleted_relationships"] == 0
    assert store.counts() == graph_counts(G)


def test_smaller_graph_removes_stale_data(store, extractions):
    small = build_graph(extractions[:1])
    store.write(small)
    assert store.counts() == graph_counts(small)
    store.write(build_graph(extractions))


def test_query_rows_and_documented_example(store):
    rows = store.query(
        "MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) RETURN u.name, p.name, r.doc_ids, r.evidence"
    )
    assert rows and set(rows[0]) == {"u.name", "p.name", "r.doc_ids", "r.evidence"}


def test_query_result_graph_and_relationship_ends(store, extractions):
    G = build_graph(extractions)
    runs = {(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] == "RUNS"}
    only_rels = store.query("MATCH ()-[r:RUNS]->() RETURN r")  # the ends are fetched
    H = only_rels.to_networkx()
    assert set(H.edges(keys=True)) == runs
    for n, d in H.nodes(data=True):
        assert d == G.nodes[n]
    whole = store.query("MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) RETURN u, r, p")
    assert set(whole.to_networkx().edges(keys=True)) == runs and not whole.ends
    assert list(whole.to_df().columns) == ["u", "r", "p"]


def test_read_mode_refuses_writes(store):
    before = store.counts()
    with pytest.raises(ReadOnlyError):
        store.query("MATCH (n) DETACH DELETE n")
    with pytest.raises(ReadOnlyError):
        store.query("/* c */ create (n:TradeUnion {id: 'x'})")
    assert store.counts() == before


@pytest.mark.parametrize("text", ["'}) DETACH DELETE n //", "</script>", "a 'quoted' \"name\""])
def test_parameters_verbatim(store, text):
    assert store.query("RETURN $x AS x", {"x": text}) == [{"x": text}]


@pytest.mark.parametrize("doc,info,text", cypher_blocks("neo4j"))
def test_docs_examples_run_on_neo4j(store, doc, info, text):
    rows = store.query(text, params_of(text))
    if "// may be empty" not in text:
        assert rows, f"{doc}: no rows on Neo4j:\n{text}"
