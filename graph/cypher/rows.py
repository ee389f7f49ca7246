"""The graph as rows and back: what the stores write (:func:`graph_rows`) and the
graph from stored rows (:func:`rows_to_graph`), used by the stores, the
``neo4j-csv`` export and its loader. Values are coerced to the schema's types."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..errors import GraphError
from .schema import (
    BOOLEAN,
    DOUBLE,
    INT64,
    NODE_LABELS,
    NODE_PROPERTIES,
    STRING,
    STRING_LIST,
    RelType,
    checked_label,
    checked_pair,
    checked_rel,
    rel_endpoints,
)


@dataclass
class GraphRows:
    """A graph as the stores hold it: rows per label and per (type, start, end)."""

    nodes: dict[str, list[dict]]
    """Label → rows (one dict per node, every property of the label), sorted by id."""
    rels: dict[tuple[str, str, str], list[dict]]
    """``(type, start label, end label)`` → rows with ``src``, ``dst`` and every
    property of the type, sorted by ``(src, dst, key)``."""


def _coerce(value: Any, ptype: str, where: Any) -> Any:
    """``value`` as a ``ptype`` property; ``where`` (a string, or a function giving
    one, so that the common case formats nothing) names it in the error."""
    if value is None:
        return [] if ptype == STRING_LIST else None
    if ptype == STRING and type(value) is str:  # the common cases first, same result
        return value
    if ptype == STRING_LIST and type(value) is list and all(type(v) is str for v in value):
        return list(value)
    try:
        if ptype == STRING_LIST:
            if isinstance(value, (str, bytes)):
                raise TypeError("a string, not a list")
            return [str(v) for v in value]
        if ptype == DOUBLE:
            return float(value)
        if ptype == INT64:
            if isinstance(value, float) and not value.is_integer():
                raise TypeError("not a whole number")
            return int(value)
        if ptype == BOOLEAN:
            return bool(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        place = where() if callable(where) else where
        raise GraphError(
            f"{place}: cannot store {value!r} as {ptype} ({exc}); "
            "fix the value in the graph (docs/graph-model.md gives the types)"
        ) from None


def node_label(G: nx.MultiDiGraph, node: Any) -> str:
    """The label of a node, checked against the allow-list."""
    label = G.nodes[node].get("label")
    if label not in NODE_PROPERTIES:
        raise GraphError(
            f"node {node!r} has label {label!r}, not one of {', '.join(NODE_LABELS)}; "
            "fix the graph or add the label to graph/cypher/schema.py"
        )
    return label


def graph_rows(G: nx.MultiDiGraph) -> GraphRows:
    """Rows to write for every node and edge of ``G`` (see :class:`GraphRows`).

    Raises :class:`GraphError` for a label, relationship type or endpoint pair that
    is not in the schema, or a value of the wrong type."""
    nodes, labels = node_rows(G)
    return GraphRows(nodes, edge_rows(G, labels))


def node_rows(G: nx.MultiDiGraph) -> tuple[dict[str, list[dict]], dict[Any, str]]:
    """The node half of :func:`graph_rows`, and each node's label (for :func:`edge_rows`)."""
    nodes: dict[str, list[dict]] = {label: [] for label in NODE_LABELS}
    labels: dict[Any, str] = {}
    for node, data in G.nodes(data=True):
        label = labels[node] = node_label(G, node)
        row = {}
        for name, ptype in NODE_PROPERTIES[label]:
            value = node if name == "id" else data.get(name)
            row[name] = _coerce(
                value, ptype, lambda node=node, name=name: f"node {node!r} property {name!r}"
            )
        nodes[label].append(row)
    for rows in nodes.values():
        rows.sort(key=lambda r: r["id"])
    return nodes, labels


def edge_rows(G: nx.MultiDiGraph, labels: dict[Any, str]) -> dict[tuple[str, str, str], list[dict]]:
    """The relationship half of :func:`graph_rows`; ``labels`` from :func:`node_rows`."""
    rels: dict[tuple[str, str, str], list[dict]] = {t: [] for t in rel_endpoints()}
    types: dict[
        tuple[Any, str, str], RelType
    ] = {}  # checked_pair() checked once per (type, start, end)
    for u, v, key, data in G.edges(keys=True, data=True):
        rel_type = data.get("type")
        src, dst = labels[u], labels[v]
        triple = (rel_type, src, dst)
        rel = types.get(triple)
        if rel is None:
            rel = types[triple] = checked_pair(rel_type, src, dst)
        evidence = data.get("evidence") or []
        row = {
            "src": str(u),
            "dst": str(v),
            "key": str(key),
            "doc_ids": _coerce(
                data.get("doc_ids"), STRING_LIST, lambda u=u, v=v: f"edge {u}->{v} doc_ids"
            ),
            "evidence": [str(e.get("sentence", "")) for e in evidence],
            "evidence_doc_ids": [str(e.get("doc_id", "")) for e in evidence],
        }
        for name, ptype in rel.properties:
            row[name] = _coerce(
                data.get(name),
                ptype,
                lambda u=u, v=v, key=key, name=name: f"edge {u}->{v} ({key}) property {name!r}",
            )
        rels[triple].append(row)
    for rows in rels.values():
        rows.sort(key=lambda r: (r["src"], r["dst"], r["key"]))
    return rels


def node_attrs(label: str, row: dict) -> dict:
    """The networkx attributes of a node from a stored row, in canonical order."""
    attrs: dict[str, Any] = {"label": label}
    for name, ptype in NODE_PROPERTIES[label]:
        value = row.get(name)
        attrs[name] = sorted(value or []) if ptype == STRING_LIST else value
    return attrs


def edge_attrs(rel_type: str, row: dict) -> dict:
    """The networkx attributes of an edge from a stored row, in canonical order."""
    sentences = row.get("evidence") or []
    doc_ids = row.get("evidence_doc_ids") or []
    if len(sentences) != len(doc_ids):
        raise GraphError(
            f"{rel_type} {row.get('src')}->{row.get('dst')}: evidence and "
            "evidence_doc_ids differ in length; rewrite the store from the graph"
        )
    attrs: dict[str, Any] = {
        "type": rel_type,
        "doc_ids": sorted(row.get("doc_ids") or []),
        "evidence": [
            {"doc_id": d, "sentence": s} for d, s in zip(doc_ids, sentences, strict=False)
        ],
    }
    for name, _ in checked_rel(rel_type).properties:
        attrs[name] = row.get(name)
    return attrs


def rows_to_graph(
    nodes: Mapping[str, Iterable[dict]], rels: Mapping[tuple[str, str, str], Iterable[dict]]
) -> nx.MultiDiGraph:
    """The graph back from stored rows (the inverse of :func:`graph_rows`).

    Nodes are added sorted by id and edges by ``(src, dst, key)``, as
    ``build_graph`` does, so equal rows give equal graphs."""
    G = nx.MultiDiGraph()
    node_items = [(row["id"], label, row) for label, rows in nodes.items() for row in rows]
    for node_id, label, row in sorted(node_items, key=lambda t: t[0]):
        checked_label(label)
        G.add_node(node_id, **node_attrs(label, row))
    edge_items = [
        (row["src"], row["dst"], row["key"], t[0], row) for t, rows in rels.items() for row in rows
    ]
    for src, dst, key, rel_type, row in sorted(edge_items, key=lambda t: t[:3]):
        for end in (src, dst):
            if end not in G:
                raise GraphError(
                    f"{rel_type} {src}->{dst} points at a missing node {end!r}; "
                    "the export is incomplete — export it again"
                )
        G.add_edge(src, dst, key=key, **edge_attrs(rel_type, row))
    return G
