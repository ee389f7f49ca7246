"""The ``cypher`` format: a ``cypher-shell -f`` script for Neo4j 5: the uniqueness
constraints, then ``:param rows => [...]`` and the ``UNWIND $rows AS row MERGE …``
statements of :mod:`graph.cypher` (Neo4j dialect), in batches of :data:`CYPHER_BATCH`."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from .. import cypher
from ..errors import ExportError
from .common import export_rows

CYPHER_BATCH = 500
"""Rows per ``:param`` in the ``cypher`` export."""


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal (strings single-quoted and escaped)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cannot write the number {value!r} as Cypher; fix it in the graph")
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch == "\\":
                out.append("\\\\")
            elif ch == "'":
                out.append("\\'")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 0x20 or ch in "\u2028\u2029":
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return "'" + "".join(out) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", str(k)):
                raise ExportError(f"map key {k!r} is not a plain name")
            items.append(f"`{k}`: {cypher_literal(v)}")
        return "{" + ", ".join(items) + "}"
    raise ExportError(f"cannot write a {type(value).__name__} as Cypher")


def write(G: nx.MultiDiGraph, path: Path) -> None:
    """Write ``G`` (canonical) to the file ``path``."""
    rows = export_rows(G)
    out = [
        "// unionkg graph export for Neo4j 5: cypher-shell -f this-file",
        "// Upserts by id (nodes) and key (relationships); stale data is not deleted.",
        "",
    ]
    out += [f"{s};" for s in cypher.constraint_statements()]
    for label, node_rows in rows.nodes.items():
        for i in range(0, len(node_rows), CYPHER_BATCH):
            out.append(f":param rows => {cypher_literal(node_rows[i : i + CYPHER_BATCH])}")
            out.append(cypher.node_upsert(label, "neo4j") + ";")
    for (rel_type, src, dst), rel_rows in rows.rels.items():
        for i in range(0, len(rel_rows), CYPHER_BATCH):
            out.append(f":param rows => {cypher_literal(rel_rows[i : i + CYPHER_BATCH])}")
            out.append(cypher.rel_upsert(rel_type, src, dst, "neo4j") + ";")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
