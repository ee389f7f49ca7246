"""What a query returns: still a list of dicts, with a DataFrame (pandas), an HTML table
for Jupyter and the subgraph of its nodes and relationships (graph/result.py)."""

from __future__ import annotations

import json
import sys

import pytest

from graph import QueryError
from graph.neo4j_store import _neo4j_value
from graph.result import EndResolver, QueryResult

RUNS = (
    "MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) RETURN u.name AS union, p.name AS programme, "
    "r.doc_ids AS docs ORDER BY union, programme"
)


def test_a_result_is_still_the_list_of_dicts_it_was(ro_store):
    rows = ro_store.query(RUNS)
    assert isinstance(rows, list) and rows
    assert rows == [dict(r) for r in rows]
    assert rows.columns == ["union", "programme", "docs"]
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == list(rows)


def test_to_df_has_the_return_columns_and_values(ro_store):
    pd = pytest.importorskip("pandas")
    rows = ro_store.query(RUNS)
    df = rows.to_df()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["union", "programme", "docs"]
    assert len(df) == len(rows)
    assert df["programme"].tolist() == [r["programme"] for r in rows]
    assert df.iloc[0]["docs"] == rows[0]["docs"]
    empty = ro_store.query("MATCH (u:TradeUnion {name: 'nobody'}) RETURN u.name AS name")
    assert list(empty.to_df().columns) == ["name"] and empty.to_df().empty
    assert rows.get_as_df().equals(df)


def test_to_df_without_pandas_says_what_to_install(ro_store, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=r"unionkg\[pandas\]"):
        ro_store.query(RUNS).to_df()


def test_html_table_escapes_every_cell():
    rows = QueryResult([{"<b>": "</td><script>alert(1)</script>", "n": [1, "&"]}])
    page = rows._repr_html_()
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;/td&gt;&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert page.count("<tr>") == 2 and "(1 row)" in page
    many = QueryResult([{"i": i} for i in range(120)])
    assert many._repr_html_().count("<tr>") == 51 and "120 rows" in many._repr_html_()


def test_relationships_carry_the_ids_of_their_ends(ro_store, G):
    rows = ro_store.query("MATCH (:Person)-[h:HOLDS_POSITION]->(:TradeUnion) RETURN h")
    assert rows
    for row in rows:
        h = row["h"]
        assert G.has_edge(h["_src"], h["_dst"], h["key"])
    # the ends were not returned: the result holds them, so its graph is whole
    assert set(rows.ends) == {e for r in rows for e in (r["h"]["_src"], r["h"]["_dst"])}


def _same_items(H, G):
    for n, d in H.nodes(data=True):
        assert d == G.nodes[n], n
    for u, v, k, d in H.edges(keys=True, data=True):
        assert d == G.edges[u, v, k], (u, v, k)


def test_to_networkx_is_the_subgraph_of_the_nodes_and_relationships_returned(ro_store, G):
    rows = ro_store.query("MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) RETURN u, r, p")
    H = rows.to_networkx()
    expected = {(r["u"]["id"], r["p"]["id"], r["r"]["key"]) for r in rows}
    assert set(H.edges(keys=True)) == expected
    assert set(H) == {e for edge in expected for e in edge[:2]}
    _same_items(H, G)
    only_rels = ro_store.query("MATCH ()-[r:RUNS]->() RETURN r").to_networkx()
    assert set(only_rels.edges(keys=True)) == expected
    _same_items(only_rels, G)


def test_paths_and_lists_give_their_nodes_and_relationships(ro_store, G):
    path = ro_store.query(
        "MATCH p = (a:TradeUnion {name: '平湖市总工会'})-[* SHORTEST 1..10]-"
        "(b:TradeUnion {name: '益阳市总工会'}) RETURN p"
    )
    H = path.to_networkx()
    assert sorted(G.nodes[n]["name"] for n in H) == sorted(
        ["平湖市总工会", "司机之家", "益阳市总工会"]
    )
    assert H.number_of_edges() == 2
    _same_items(H, G)
    listed = ro_store.query("MATCH (u:TradeUnion) RETURN collect(u) AS unions")
    assert {n for n in listed.to_networkx()} == {
        n for n, d in G.nodes(data=True) if d["label"] == "TradeUnion"
    }


def test_values_only_have_no_graph(ro_store):
    rows = ro_store.query(RUNS)
    assert not rows.has_graph() and rows.to_networkx().number_of_nodes() == 0
    assert ro_store.query("MATCH (u:TradeUnion) RETURN u LIMIT 1").has_graph()


def test_a_relationship_whose_end_is_unknown_is_a_query_error():
    rows = QueryResult(
        [{"r": {"_type": "RUNS", "_src": "TradeUnion:a", "_dst": None, "key": "RUNS"}}]
    )
    with pytest.raises(QueryError, match="RETURN a, r, b"):
        rows.to_networkx()


def test_neo4j_relationships_get_their_ends_from_the_element_ids():
    # the values as the driver makes them from a record holding a and r (not the end e2)
    from neo4j._codec.hydration.bolt.v1.hydration_handler import _GraphHydrator

    hyd = _GraphHydrator()
    a = hyd.hydrate_node(1, {"TradeUnion"}, {"id": "TradeUnion:a", "name": "a"}, "e1")
    r = hyd.hydrate_relationship(
        7,
        1,
        2,
        "RUNS",
        {"key": "RUNS", "doc_ids": ["d"], "evidence": [], "evidence_doc_ids": []},
        "r7",
        "e1",
        "e2",
    )
    ends = EndResolver()
    row = {"a": _neo4j_value(a, ends), "r": _neo4j_value(r, ends)}
    fetched = {"e2": {"_label": "Programme", "id": "Programme:p", "name": "p"}}
    asked: list = []

    def fetch(ids):
        asked.extend(ids)
        return {i: fetched[i] for i in ids}

    result = QueryResult([row], ["a", "r"], ends.resolve(fetch))
    assert asked == ["e2"]
    assert (row["r"]["_src"], row["r"]["_dst"]) == ("TradeUnion:a", "Programme:p")
    assert set(result.to_networkx().edges(keys=True)) == {("TradeUnion:a", "Programme:p", "RUNS")}


@pytest.mark.parametrize("few", [0, 1000])
def test_ends_are_found_by_lookup_or_by_reading_the_table(ro_store, G, monkeypatch, few):
    import graph.embedded_values as values

    monkeypatch.setattr(values, "FEW_ENDS", few)
    rows = ro_store.query("MATCH ()-[r]->() RETURN r")
    H = rows.to_networkx()
    assert H.number_of_edges() == G.number_of_edges() and set(H) <= set(G)
    _same_items(H, G)
