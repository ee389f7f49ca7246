"""The Cypher statements both stores run: schema DDL, constraints, batched upserts,
reads of what is stored, deletions and counts.

Two dialects: ``"ladybug"`` (LadybugDB, the Kùzu fork) and ``"neo4j"``. The
statements are the same text except for one thing: LadybugDB infers the type of
``row.x`` from the Python values of the batch, so a batch whose ``lon`` values
are all ``None`` is typed STRING and cannot be assigned to a DOUBLE column;
the LadybugDB statements therefore ``CAST`` every non-string property. Neo4j
has no ``CAST`` and needs none.
"""

from __future__ import annotations

from ..errors import GraphError
from .schema import (
    CURATED,
    DIALECTS,
    NODE_LABELS,
    NODE_PROPERTIES,
    REL_TYPES,
    STRING,
    checked_label,
    checked_pair,
    checked_rel,
    quoted,
)


def _check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise GraphError(f"unknown Cypher dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")


def _value(name: str, ptype: str, dialect: str) -> str:
    expr = f"row.{quoted(name)}"
    if dialect == "ladybug" and ptype != STRING:
        return f"CAST({expr} AS {ptype})"
    return expr


# ---------------------------------------------------------------- schema DDL


def schema_statements() -> list[str]:
    """LadybugDB DDL: one node table per label (``id`` primary key) and one relationship
    table per type, with one ``FROM … TO …`` pair per allowed endpoint pair."""
    out = []
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(
            f"{quoted(n)} {t}" + (" PRIMARY KEY" if n == "id" else "") for n, t in props
        )
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {checked_label(label)}({cols})")
    for name, rel in REL_TYPES.items():
        pairs = ", ".join(
            f"FROM {checked_label(a)} TO {checked_label(b)}" for a, b in rel.endpoints
        )
        cols = ", ".join(f"{quoted(n)} {t}" for n, t in rel.all_properties)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {name}({pairs}, {cols})")
    # a store made before the curation columns existed gets them (they come last in every table)
    tables = [(checked_label(n), p) for n, p in NODE_PROPERTIES.items()]
    tables += [(checked_rel(n).name, r.properties) for n, r in REL_TYPES.items()]
    for table, props in tables:
        out += [
            f"ALTER TABLE {table} ADD IF NOT EXISTS {quoted(n)} {t}"
            for n, t in props
            if (n, t) in CURATED
        ]
    return out


def table_columns() -> dict[str, list[str]]:
    """Table → its columns in order, as :func:`schema_statements` makes them (a store whose
    tables differ was written by an older unionkg)."""
    out = {label: [n for n, _ in props] for label, props in NODE_PROPERTIES.items()}
    return out | {name: [n for n, _ in rel.all_properties] for name, rel in REL_TYPES.items()}


def constraint_statements() -> list[str]:
    """Neo4j uniqueness constraints on ``id``, one per label (run before the first write)."""
    return [
        f"CREATE CONSTRAINT unionkg_{checked_label(label)}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.`id` IS UNIQUE"
        for label in NODE_LABELS
    ]


# ---------------------------------------------------------------- upserts and deletions


def node_upsert(label: str, dialect: str) -> str:
    """``UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET …`` for every property."""
    _check_dialect(dialect)
    sets = ", ".join(
        f"n.{quoted(n)} = {_value(n, t, dialect)}"
        for n, t in NODE_PROPERTIES[checked_label(label)]
        if n != "id"
    )
    return f"UNWIND $rows AS row MERGE (n:{label} {{`id`: row.`id`}}) SET {sets}"


def rel_upsert(rel_type: str, src: str, dst: str, dialect: str) -> str:
    """Upsert of one relationship type between two labels; rows carry ``src``, ``dst``,
    ``key`` and the properties. Endpoints are matched by id, the relationship merged
    by ``key``."""
    _check_dialect(dialect)
    rel = checked_pair(rel_type, src, dst)
    sets = ", ".join(
        f"r.{quoted(n)} = {_value(n, t, dialect)}" for n, t in rel.all_properties if n != "key"
    )
    return (
        f"UNWIND $rows AS row MATCH (a:{src} {{`id`: row.src}}), (b:{dst} {{`id`: row.dst}}) "
        f"MERGE (a)-[r:{rel_type} {{`key`: row.`key`}}]->(b) SET {sets}"
    )


def node_ids(label: str) -> str:
    """The ids stored under a label (column ``id``)."""
    return f"MATCH (n:{checked_label(label)}) RETURN n.`id` AS id"


def rel_keys(rel_type: str, src: str, dst: str) -> str:
    """The ``(src, dst, key)`` triples stored for one type and endpoint pair."""
    checked_pair(rel_type, src, dst)
    return (
        f"MATCH (a:{src})-[r:{rel_type}]->(b:{dst}) "
        "RETURN a.`id` AS src, b.`id` AS dst, r.`key` AS key"
    )


def node_delete(label: str) -> str:
    """Delete the nodes whose ids are in ``$ids``, with their relationships."""
    return f"UNWIND $ids AS x MATCH (n:{checked_label(label)} {{`id`: x}}) DETACH DELETE n"


def rel_delete(rel_type: str, src: str, dst: str) -> str:
    """Delete the relationships whose ``(src, dst, key)`` are in ``$rows``."""
    checked_pair(rel_type, src, dst)
    return (
        f"UNWIND $rows AS row MATCH (a:{src} {{`id`: row.src}})-[r:{rel_type} {{`key`: row.`key`}}]->"
        f"(b:{dst} {{`id`: row.dst}}) DELETE r"
    )


def node_all(label: str) -> str:
    """Every node under a label, whole (column ``n``)."""
    return f"MATCH (n:{checked_label(label)}) RETURN n"


def rel_all(rel_type: str, src: str, dst: str) -> str:
    """Every relationship of one type and endpoint pair, whole (``src``, ``dst``, ``r``)."""
    checked_pair(rel_type, src, dst)
    return f"MATCH (a:{src})-[r:{rel_type}]->(b:{dst}) RETURN a.`id` AS src, b.`id` AS dst, r"


def node_count(label: str) -> str:
    """Number of nodes under a label (column ``n``)."""
    return f"MATCH (x:{checked_label(label)}) RETURN count(x) AS n"


def rel_count(rel_type: str) -> str:
    """Number of relationships of a type (column ``n``)."""
    return f"MATCH ()-[r:{checked_rel(rel_type).name}]->() RETURN count(r) AS n"


def node_total() -> str:
    """Number of nodes under any label (column ``n``); zero means an empty store."""
    return "MATCH (n) RETURN count(n) AS n"
