"""What every export format shares: the canonical graph, checked file paths, and the
rows of :mod:`graph.cypher` with export errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx

from .. import cypher
from ..cypher import NODE_PROPERTIES, REL_TYPES, STRING_LIST
from ..errors import ExportError, GraphError

_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(allowed)}")


def child(directory: Path, name: str) -> Path:
    """``directory/name``, refusing any name that could leave the directory."""
    if not _FILE_NAME.match(name) or ".." in name:
        raise ExportError(
            f"refusing to write {name!r}: export file names are plain names from the schema"
        )
    path = directory / name
    if path.resolve().parent != directory.resolve():
        raise ExportError(f"refusing to write {path}: it is outside {directory}")
    return path


def export_rows(G: nx.MultiDiGraph) -> cypher.GraphRows:
    try:
        return cypher.graph_rows(G)
    except GraphError as exc:
        raise ExportError(f"cannot export the graph: {exc}") from None


def canonical(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with every property of the schema present, in canonical order."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        label = cypher.node_label(G, node)
        attrs: dict[str, Any] = {"label": label}
        for name, ptype in NODE_PROPERTIES[label]:
            value = node if name == "id" else data.get(name)
            attrs[name] = (value or []) if ptype == STRING_LIST else value
        H.add_node(node, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        rel_type = data.get("type")
        if rel_type not in REL_TYPES:
            raise ExportError(
                f"edge {u}->{v} has type {rel_type!r}, not one of {', '.join(REL_TYPES)}"
            )
        edge_attrs: dict[str, Any] = {
            "type": rel_type,
            "doc_ids": data.get("doc_ids") or [],
            "evidence": data.get("evidence") or [],
        }
        for name, _ in REL_TYPES[rel_type].properties:
            edge_attrs[name] = data.get(name)
        H.add_edge(u, v, key=key, **edge_attrs)
    return H
