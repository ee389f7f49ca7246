"""The ``graphml`` format: GraphML has no list type, so lists and the evidence dicts
are stored as JSON strings; ``None`` properties are left out. :func:`load` reads
it back."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..cypher import NODE_PROPERTIES, REL_TYPES, STRING_LIST
from ..errors import ExportError
from .common import export_rows
from .flat import flat_copy, xml_safe


def write(G: nx.MultiDiGraph, path: Path) -> None:
    """Write ``G`` (canonical) to the file ``path``."""
    export_rows(G)  # validates labels and types
    nx.write_graphml(xml_safe(flat_copy(G)), path, encoding="utf-8")


def load(path: Path) -> nx.MultiDiGraph:
    """The graph of a ``graphml`` export."""
    return _unflatten(nx.read_graphml(path, force_multigraph=True))


def _unflatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The inverse of :func:`_flat_copy` for a graph read from GraphML."""
    H = nx.MultiDiGraph()
    for node, data in sorted(G.nodes(data=True), key=lambda t: str(t[0])):
        label = data.get("label")
        if label not in NODE_PROPERTIES:
            raise ExportError(
                f"node {node!r} has no known label; is this a unionkg GraphML export?"
            )
        attrs = {"label": label}
        for name, ptype in NODE_PROPERTIES[label]:
            value = data.get(name)
            if ptype == STRING_LIST:
                value = json.loads(value) if value else []
            attrs[name] = value
        H.add_node(str(node), **attrs)
    edges = sorted(G.edges(keys=True, data=True), key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    for u, v, key, data in edges:
        rel_type = data.get("type")
        if rel_type not in REL_TYPES:
            raise ExportError(f"edge {u}->{v} has no known type; is this a unionkg GraphML export?")
        attrs = {
            "type": rel_type,
            "doc_ids": json.loads(data.get("doc_ids") or "[]"),
            "evidence": json.loads(data.get("evidence") or "[]"),
        }
        for name, _ in REL_TYPES[rel_type].properties:
            attrs[name] = data.get(name)
        H.add_edge(str(u), str(v), key=str(key), **attrs)
    return H
