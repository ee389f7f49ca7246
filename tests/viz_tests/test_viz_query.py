"""The neighbourhood a query page embeds (viz/query.py): shared evenly by the result
nodes, relations before documents, capped, and every edge among the kept nodes."""

from __future__ import annotations

import networkx as nx
import pytest

import viz.query as vq


def _star_graph(centres: int, leaves: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for c in range(centres):
        G.add_node(f"TradeUnion:u{c}", label="TradeUnion", name=f"u{c}")
        for i in range(leaves):
            doc, prog = f"Document:d{c}-{i}", f"Programme:p{c}-{i}"
            G.add_node(doc, label="Document", name=f"d{c}-{i}")
            G.add_node(prog, label="Programme", name=f"p{c}-{i}")
            G.add_edge(doc, f"TradeUnion:u{c}", key="MENTIONS", type="MENTIONS")
            G.add_edge(f"TradeUnion:u{c}", prog, key="RUNS", type="RUNS")
    return G


def test_the_neighbourhood_is_shared_evenly_and_capped(monkeypatch):
    monkeypatch.setattr(vq, "QUERY_PAGE_NODES", 64)
    G = _star_graph(centres=3, leaves=30)
    result = [f"TradeUnion:u{c}" for c in range(3)]
    H, capped = vq.neighbourhood(G, result)
    assert capped and len(H) <= 64
    for node in result:
        nbs = set(H.successors(node)) | set(H.predecessors(node))
        assert len(nbs) == (64 - 3) // 3  # each its share
        # relations come before documents
        assert all(G.nodes[n]["label"] == "Programme" for n in nbs)
    # every edge of G among the kept nodes is there
    assert H.number_of_edges() == sum(1 for u, v in G.edges() if u in H and v in H)


def test_a_small_neighbourhood_is_whole():
    G = _star_graph(centres=2, leaves=3)
    H, capped = vq.neighbourhood(G, ["TradeUnion:u0"])
    assert not capped and len(H) == 1 + 6


def test_a_node_not_in_the_graph_is_named(tmp_path):
    G = _star_graph(centres=1, leaves=1)
    with pytest.raises(vq.NodeNotFoundError, match="TradeUnion:nobody"):
        vq.render_query(G, ["TradeUnion:nobody"], [], tmp_path / "q.html")
    assert not (tmp_path / "q.html").exists()
