"""Helpers for the graph tests (imported by name: tests/graph_tests is on sys.path under pytest)."""

from __future__ import annotations

import networkx as nx

from graph import cypher


def store_graph(store) -> nx.MultiDiGraph:
    """Read everything a store holds back into a graph (through ``query`` only)."""
    nodes = {
        label: [r["n"] for r in store.query(f"MATCH (n:{label}) RETURN n")]
        for label in cypher.NODE_LABELS
    }
    rels = {}
    for t, a, b in cypher.rel_endpoints():
        rows = store.query(f"MATCH (a:{a})-[r:{t}]->(b:{b}) RETURN a.id AS src, b.id AS dst, r")
        rels[(t, a, b)] = [{"src": r["src"], "dst": r["dst"], **r["r"]} for r in rows]
    return cypher.rows_to_graph(nodes, rels)


def same_graph(G, H) -> bool:
    """Equal nodes, edges, keys and attributes, in the same order."""
    return list(G.nodes(data=True)) == list(H.nodes(data=True)) and list(
        G.edges(keys=True, data=True)
    ) == list(H.edges(keys=True, data=True))
