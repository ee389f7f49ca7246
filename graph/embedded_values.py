"""LadybugDB values as plain Python, and the end nodes of the relationships a query
returns (see :mod:`graph.result`).

LadybugDB gives a node as a dict with ``_ID`` (``{table, offset}``) and ``_LABEL``
beside its properties, a relationship with ``_SRC`` / ``_DST`` (its ends' ``_ID``), and
a path as ``{_NODES, _RELS}``."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from .cypher import NODE_LABELS
from .result import EndResolver
from .store_base import plain

Execute = Callable[[str, dict], list[dict]]

FEW_ENDS = 64
"""Up to this many ends in one node table are looked up by offset; more, by reading
the table once (a lookup per node of a list of thousands would grow as their product)."""


def _engine_id(value: Any) -> Hashable:
    return (value.get("table"), value.get("offset")) if isinstance(value, dict) else None


def lbug_value(value: Any, ends: EndResolver | None = None) -> Any:
    """A LadybugDB value as plain Python: nodes and relationships become dicts of their
    properties plus ``_label`` / ``_type`` (``None`` properties dropped, as Neo4j does);
    paths and recursive relationships become ``{"nodes": [...], "relationships": [...]}``.
    With ``ends``, a relationship also gets ``_src`` / ``_dst`` (filled by ``ends``)."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {
                "nodes": [lbug_value(n, ends) for n in value["_NODES"]],
                "relationships": [lbug_value(r, ends) for r in value["_RELS"]],
            }
        if "_LABEL" in value and "_ID" in value:
            is_rel = "_SRC" in value
            out: dict[str, Any] = {"_type" if is_rel else "_label": value["_LABEL"]}
            if is_rel and ends is not None:
                out.update(_src=None, _dst=None)
                ends.relationship(out, _engine_id(value["_SRC"]), _engine_id(value["_DST"]))
            out.update(
                (k, lbug_value(v, ends))
                for k, v in value.items()
                if not k.startswith("_") and v is not None
            )
            if not is_rel and ends is not None:
                ends.node(_engine_id(value["_ID"]), out)
            return out
        return {str(k): lbug_value(v, ends) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [lbug_value(v, ends) for v in value]
    return plain(value)


def fetch_nodes(execute: Execute, ids: list) -> dict[Hashable, dict]:
    """The nodes with the engine ids ``ids`` (``(table, offset)``), by engine id: one
    query per node table, its label taken from the schema's allow-list."""
    tables = {r["id"]: r["name"] for r in execute("CALL show_tables() RETURN id, name", {})}
    by_table: dict[Any, list] = {}
    for table, offset in ids:
        by_table.setdefault(table, []).append(offset)
    found: dict[Hashable, dict] = {}
    for table, offsets in by_table.items():
        label = tables.get(table)
        if label not in NODE_LABELS:
            continue
        if len(offsets) <= FEW_ENDS:
            statement = f"MATCH (n:{label}) WHERE offset(id(n)) IN $offsets "
        else:  # many: one pass over the table, not one list search per node
            statement = f"MATCH (n:{label}) "
        wanted = set(offsets)
        rows = execute(statement + "RETURN offset(id(n)) AS o, n", {"offsets": offsets})
        found.update(((table, r["o"]), r["n"]) for r in rows if r["o"] in wanted)
    return found
