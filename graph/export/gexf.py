"""The ``gexf`` format, for Gephi, in dynamic mode: ``ADOPTED_IN`` edges start in their
adoption year and each programme node in its earliest one. Lists are JSON strings;
the GEXF label is the node name (the node type is ``kind``) and the edge type
(``rel_type``)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .common import export_rows
from .flat import flat_copy, xml_safe


def write(G: nx.MultiDiGraph, path: Path) -> None:
    """Write ``G`` (canonical) to the file ``path``."""
    export_rows(G)
    flat = flat_copy(G)
    H = nx.MultiDiGraph(mode="dynamic")
    first_year: dict[str, int] = {}
    for u, _v, data in G.edges(data=True):
        if data.get("type") == "ADOPTED_IN" and isinstance(data.get("year"), int):
            first_year[u] = min(first_year.get(u, data["year"]), data["year"])
    for node, data in flat.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("label", "id")}
        attrs.update(kind=data["label"], label=data.get("name") or node)
        if node in first_year:
            attrs["start"] = first_year[node]
        H.add_node(node, **attrs)
    for i, (u, v, key, data) in enumerate(flat.edges(keys=True, data=True)):
        attrs = {k: x for k, x in data.items() if k != "type"}
        attrs.update(id=f"e{i}", rel_type=data["type"], label=data["type"])
        if data["type"] == "ADOPTED_IN" and isinstance(data.get("year"), int):
            attrs["start"] = data["year"]
        H.add_edge(u, v, key=key, **attrs)
    nx.write_gexf(xml_safe(H), path, encoding="utf-8")
