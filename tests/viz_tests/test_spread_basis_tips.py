"""Edge tooltips say the basis of a path and of an adoption year (issue 17: the maps say
which paths the text reports and which are inferred)."""

from __future__ import annotations

import networkx as nx

from viz.graphdata import edge_tip


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, name in (("P:a", "甲市"), ("P:b", "乙市"), ("G:x", "示例之家")):
        G.add_node(n, label="Place" if n.startswith("P") else "Programme", name=name)
    return G


def test_spread_tips_tell_reported_from_inferred():
    G = _graph()
    reported = {"type": "SPREAD_TO", "basis": "reported", "kind": "learned", "from_year": 2019}
    inferred = {"type": "SPREAD_TO", "basis": "inferred", "kind": "neighbour", "confidence": 0.4}
    old = {"type": "SPREAD_TO", "kind": "neighbour"}  # a graph from before `basis`
    r, i, o = (" ".join(edge_tip(G, "P:a", "P:b", d)) for d in (reported, inferred, old))
    assert "reported by the text" in r and "inferred" not in r and "学习借鉴" in r
    assert "inferred" in i and "confidence 0.4" in i and "reported by the text" not in i
    assert "inferred" in o


def test_adoption_tip_says_the_basis_of_its_year():
    G = _graph()
    stated = " ".join(
        edge_tip(G, "G:x", "P:a", {"type": "ADOPTED_IN", "year": 2019, "year_basis": "stated"})
    )
    rep = " ".join(
        edge_tip(G, "G:x", "P:a", {"type": "ADOPTED_IN", "year": 2022, "year_basis": "reported"})
    )
    assert "2019" in stated and "stated" in stated
    assert "2022" in rep and "year reported" in rep
