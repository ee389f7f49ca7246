"""The graph schema and every Cypher statement the stores and exports share.

This module is the one place that knows how the networkx graph of
``docs/graph-model.md`` maps onto a property-graph database:

* the schema: node labels with typed properties (:data:`NODE_PROPERTIES`) and
  relationship types with their allowed endpoint label pairs and properties
  (:data:`REL_TYPES`). It is a fixed allow-list: labels, relationship types and
  property names are only ever interpolated into Cypher from here, never from
  data; every value travels as a ``$parameter``.
* the rows the stores write (:func:`graph_rows`) and the way back to a graph
  (:func:`rows_to_graph`), used by the stores, the ``neo4j-csv`` export and
  its loader;
* the statements: schema DDL for LadybugDB, uniqueness constraints for Neo4j,
  batched ``UNWIND $rows AS row MERGE …`` upserts, reads of the keys already
  stored, deletions of stale nodes and relationships, and counts.

Two dialects: ``"ladybug"`` (LadybugDB, the Kùzu fork) and ``"neo4j"``. The
statements are the same text except for one thing: LadybugDB infers the type of
``row.x`` from the Python values of the batch, so a batch whose ``lon`` values
are all ``None`` is typed STRING and cannot be assigned to a DOUBLE column;
the LadybugDB statements therefore ``CAST`` every non-string property. Neo4j
has no ``CAST`` and needs none.

Property names are always back-quoted in generated statements because some
are keywords in LadybugDB (``optional``; a query must write ``p.`optional```).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .errors import GraphError

STRING = "STRING"
STRING_LIST = "STRING[]"
DOUBLE = "DOUBLE"
INT64 = "INT64"
BOOLEAN = "BOOLEAN"
PROPERTY_TYPES = (STRING, STRING_LIST, DOUBLE, INT64, BOOLEAN)
"""Property types, in LadybugDB spelling."""

DIALECTS = ("ladybug", "neo4j")

ENTITY_LABELS = ("TradeUnion", "Place", "Programme", "Person", "Organization")
"""Labels of extracted entities (``extract.records.ENTITY_TYPES``)."""

NODE_LABELS = ENTITY_LABELS + ("Outcome", "Document")
"""Every node label. ``TradeUnion``, not ``Union``: UNION is reserved in LadybugDB."""

_COMMON_NODE = (
    ("id", STRING),
    ("name", STRING),
    ("aliases", STRING_LIST),
    ("doc_ids", STRING_LIST),
)

NODE_PROPERTIES: dict[str, tuple[tuple[str, str], ...]] = {
    "TradeUnion": _COMMON_NODE,
    "Place": _COMMON_NODE
    + (("level", STRING), ("adcode", STRING), ("lon", DOUBLE), ("lat", DOUBLE)),
    "Programme": _COMMON_NODE,
    "Person": _COMMON_NODE + (("optional", BOOLEAN),),
    "Organization": _COMMON_NODE,
    "Outcome": _COMMON_NODE
    + (("value", DOUBLE), ("unit", STRING), ("text", STRING), ("qualifier", STRING)),
    "Document": _COMMON_NODE
    + (("path", STRING), ("title", STRING), ("date", STRING), ("sha256", STRING)),
}
"""Node label → ``(property, type)`` pairs, ``id`` first (the primary key)."""

REL_COMMON = (
    ("key", STRING),
    ("doc_ids", STRING_LIST),
    ("evidence", STRING_LIST),
    ("evidence_doc_ids", STRING_LIST),
)
"""Properties of every stored relationship. ``key`` is the networkx edge key;
``evidence`` holds the sentences and ``evidence_doc_ids`` the document of each,
as a parallel list (the graph's ``evidence`` list of ``{doc_id, sentence}`` dicts)."""


@dataclass(frozen=True)
class RelType:
    """A relationship type: allowed ``(start label, end label)`` pairs and extra properties.

    Frozen so the schema table cannot be changed by accident at run time."""

    name: str
    endpoints: tuple[tuple[str, str], ...]
    properties: tuple[tuple[str, str], ...] = ()

    @property
    def all_properties(self) -> tuple[tuple[str, str], ...]:
        """``REL_COMMON`` followed by the type's own properties."""
        return REL_COMMON + self.properties


REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("RUNS", (("TradeUnion", "Programme"),)),
        RelType(
            "HOLDS_POSITION",
            (("Person", "TradeUnion"), ("Person", "Organization")),
            (("title", STRING),),
        ),
        RelType("ADOPTED_IN", (("Programme", "Place"),), (("year", INT64), ("date", STRING))),
        RelType("LOCATED_IN", (("TradeUnion", "Place"),)),
        RelType("PART_OF", (("Place", "Place"),)),
        RelType(
            "REPORTED",
            (("TradeUnion", "Outcome"), ("Programme", "Outcome")),
            (("value", DOUBLE), ("unit", STRING), ("text", STRING)),
        ),
        RelType("MENTIONS", tuple(("Document", label) for label in ENTITY_LABELS)),
        RelType(
            "SPREAD_TO",
            (("Place", "Place"),),
            (
                ("programme", STRING),
                ("programme_name", STRING),
                ("from_year", INT64),
                ("to_year", INT64),
                ("kind", STRING),
                ("lag", INT64),
            ),
        ),
    )
}
"""Relationship type → :class:`RelType`: the allow-list of types and endpoint pairs."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _label(label: str) -> str:
    if label not in NODE_PROPERTIES or not _NAME.match(label):
        raise GraphError(
            f"unknown node label {label!r}; the labels are {', '.join(NODE_LABELS)} "
            "(graph/cypher.py holds the schema)"
        )
    return label


def _rel(rel_type: str) -> RelType:
    if rel_type not in REL_TYPES or not _NAME.match(rel_type):
        raise GraphError(
            f"unknown relationship type {rel_type!r}; the types are "
            f"{', '.join(REL_TYPES)} (graph/cypher.py holds the schema)"
        )
    return REL_TYPES[rel_type]


def _pair(rel_type: str, src: str, dst: str) -> RelType:
    rel = _rel(rel_type)
    if (src, dst) not in rel.endpoints:
        allowed = ", ".join(f"{a}->{b}" for a, b in rel.endpoints)
        raise GraphError(
            f"{rel_type} cannot go from {src} to {dst}; allowed: {allowed} "
            "(graph/cypher.py holds the schema)"
        )
    return rel


def _prop(name: str) -> str:
    if not _NAME.match(name):  # only names from the tables above reach here
        raise GraphError(f"invalid property name {name!r}")
    return f"`{name}`"


def _check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise GraphError(f"unknown Cypher dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")


def _value(name: str, ptype: str, dialect: str) -> str:
    expr = f"row.{_prop(name)}"
    if dialect == "ladybug" and ptype != STRING:
        return f"CAST({expr} AS {ptype})"
    return expr


def rel_endpoints() -> list[tuple[str, str, str]]:
    """Every ``(type, start label, end label)`` triple of the schema, in schema order."""
    return [(name, a, b) for name, rel in REL_TYPES.items() for a, b in rel.endpoints]


# ---------------------------------------------------------------- schema DDL


def schema_statements() -> list[str]:
    """LadybugDB DDL: one node table per label (``id`` primary key) and one relationship
    table per type, with one ``FROM … TO …`` pair per allowed endpoint pair."""
    out = []
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(
            f"{_prop(n)} {t}" + (" PRIMARY KEY" if n == "id" else "") for n, t in props
        )
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {_label(label)}({cols})")
    for name, rel in REL_TYPES.items():
        pairs = ", ".join(f"FROM {_label(a)} TO {_label(b)}" for a, b in rel.endpoints)
        cols = ", ".join(f"{_prop(n)} {t}" for n, t in rel.all_properties)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {name}({pairs}, {cols})")
    return out


def constraint_statements() -> list[str]:
    """Neo4j uniqueness constraints on ``id``, one per label (run before the first write)."""
    return [
        f"CREATE CONSTRAINT unionkg_{_label(label)}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.`id` IS UNIQUE"
        for label in NODE_LABELS
    ]


# ---------------------------------------------------------------- upserts and deletions


def node_upsert(label: str, dialect: str) -> str:
    """``UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET …`` for every property."""
    _check_dialect(dialect)
    sets = ", ".join(
        f"n.{_prop(n)} = {_value(n, t, dialect)}"
        for n, t in NODE_PROPERTIES[_label(label)]
        if n != "id"
    )
    return f"UNWIND $rows AS row MERGE (n:{label} {{`id`: row.`id`}}) SET {sets}"


def rel_upsert(rel_type: str, src: str, dst: str, dialect: str) -> str:
    """Upsert of one relationship type between two labels; rows carry ``src``, ``dst``,
    ``key`` and the properties. Endpoints are matched by id, the relationship merged
    by ``key``."""
    _check_dialect(dialect)
    rel = _pair(rel_type, src, dst)
    sets = ", ".join(
        f"r.{_prop(n)} = {_value(n, t, dialect)}" for n, t in rel.all_properties if n != "key"
    )
    return (
        f"UNWIND $rows AS row MATCH (a:{src} {{`id`: row.src}}), (b:{dst} {{`id`: row.dst}}) "
        f"MERGE (a)-[r:{rel_type} {{`key`: row.`key`}}]->(b) SET {sets}"
    )


def node_ids(label: str) -> str:
    """The ids stored under a label (column ``id``)."""
    return f"MATCH (n:{_label(label)}) RETURN n.`id` AS id"


def rel_keys(rel_type: str, src: str, dst: str) -> str:
    """The ``(src, dst, key)`` triples stored for one type and endpoint pair."""
    _pair(rel_type, src, dst)
    return (
        f"MATCH (a:{src})-[r:{rel_type}]->(b:{dst}) "
        "RETURN a.`id` AS src, b.`id` AS dst, r.`key` AS key"
    )


def node_delete(label: str) -> str:
    """Delete the nodes whose ids are in ``$ids``, with their relationships."""
    return f"UNWIND $ids AS x MATCH (n:{_label(label)} {{`id`: x}}) DETACH DELETE n"


def rel_delete(rel_type: str, src: str, dst: str) -> str:
    """Delete the relationships whose ``(src, dst, key)`` are in ``$rows``."""
    _pair(rel_type, src, dst)
    return (
        f"UNWIND $rows AS row MATCH (a:{src} {{`id`: row.src}})-[r:{rel_type} {{`key`: row.`key`}}]->"
        f"(b:{dst} {{`id`: row.dst}}) DELETE r"
    )


def node_all(label: str) -> str:
    """Every node under a label, whole (column ``n``)."""
    return f"MATCH (n:{_label(label)}) RETURN n"


def rel_all(rel_type: str, src: str, dst: str) -> str:
    """Every relationship of one type and endpoint pair, whole (``src``, ``dst``, ``r``)."""
    _pair(rel_type, src, dst)
    return f"MATCH (a:{src})-[r:{rel_type}]->(b:{dst}) RETURN a.`id` AS src, b.`id` AS dst, r"


def node_count(label: str) -> str:
    """Number of nodes under a label (column ``n``)."""
    return f"MATCH (x:{_label(label)}) RETURN count(x) AS n"


def rel_count(rel_type: str) -> str:
    """Number of relationships of a type (column ``n``)."""
    return f"MATCH ()-[r:{_rel(rel_type).name}]->() RETURN count(r) AS n"


def node_total() -> str:
    """Number of nodes under any label (column ``n``); zero means an empty store."""
    return "MATCH (n) RETURN count(n) AS n"


# ---------------------------------------------------------------- bulk load (LadybugDB only)
#
# An empty LadybugDB store is filled with one ``COPY <table> FROM (LOAD … FROM '<csv>')``
# per node label and per relationship endpoint pair instead of ``UNWIND … MERGE``
# batches (graph/embedded_store.py). Neo4j has no COPY; graph/neo4j_store.py never
# uses these. The CSV format and the statements that read it are defined together:
#
# * RFC 4180 quoting: every string is quoted and a quote inside is doubled
#   (``ESCAPE='"'``, so a backslash is an ordinary character). Quoted text may span
#   lines, which LadybugDB's parallel CSV reader refuses, hence ``PARALLEL=false``.
# * ``None`` is an empty, unquoted field, which LadybugDB reads as NULL; a quoted
#   ``""`` is the empty string.
# * LadybugDB's CSV list syntax keeps the quotes of quoted elements and trims
#   spaces, so it cannot carry arbitrary text. A ``STRING[]`` is written instead as
#   one string, its elements joined with U+001F (the ASCII unit separator), and
#   split again with ``string_split``; an empty list is NULL in the file and ``[]``
#   in the table, as the upserts store it. ``string_split`` drops empty elements
#   (and ``list_transform`` with a lambda, which could undo a prefix, fails with
#   "buffer pool is full" on large lists in LadybugDB 0.22), so a row with an empty
#   list element, or an element containing U+001F, is not written to the file:
#   :func:`copy_csv` hands it back and the store upserts it with :func:`node_upsert`
#   / :func:`rel_upsert` in the same transaction.
# * ``LOAD WITH HEADERS`` gives every column its type, so text such as an adcode
#   ``000123`` is never sniffed as a number.

COPY_LIST_SEPARATOR = "\x1f"
"""Joins the elements of a list column in a bulk-load file."""

COPY_CSV_OPTIONS = "(HEADER=true, DELIM=',', QUOTE='\"', ESCAPE='\"', PARALLEL=false)"
"""LadybugDB CSV options of the bulk-load files (see the notes above)."""

_COPY_PATH = re.compile(r"^[A-Za-z0-9_./:\- ]+$")


def copy_node_columns(label: str) -> tuple[tuple[str, str], ...]:
    """Columns of a node bulk-load file, in table order (``id`` first)."""
    return NODE_PROPERTIES[_label(label)]


def copy_rel_columns(rel_type: str) -> tuple[tuple[str, str], ...]:
    """Columns of a relationship bulk-load file: ``src`` and ``dst`` ids, then the
    properties in table order."""
    return (("src", STRING), ("dst", STRING)) + _rel(rel_type).all_properties


def copy_path_ok(path: str) -> bool:
    """Whether a file path can go into a COPY statement as a plain string literal."""
    return bool(_COPY_PATH.match(path))


def _copy_source(columns: tuple[tuple[str, str], ...], path: str) -> str:
    if not copy_path_ok(path):
        raise GraphError(
            f"bulk-load file path {path!r} has characters a COPY statement cannot hold"
        )
    header = ", ".join(f"{_prop(n)} {STRING if t == STRING_LIST else t}" for n, t in columns)
    out = [
        f"CASE WHEN {_prop(n)} IS NULL THEN CAST([] AS STRING[]) "
        f"ELSE string_split({_prop(n)}, '{COPY_LIST_SEPARATOR}') END"
        if t == STRING_LIST
        else _prop(n)
        for n, t in columns
    ]
    return f"LOAD WITH HEADERS ({header}) FROM '{path}' {COPY_CSV_OPTIONS} RETURN {', '.join(out)}"


def node_copy(label: str, path: str) -> str:
    """LadybugDB: bulk-load an empty node table from a file of :func:`copy_csv`."""
    return f"COPY {_label(label)} FROM ({_copy_source(copy_node_columns(label), path)})"


def rel_copy(rel_type: str, src: str, dst: str, path: str) -> str:
    """LadybugDB: bulk-load one endpoint pair of an empty relationship table from a
    file of :func:`copy_csv` (its end nodes must be in the store already)."""
    _pair(rel_type, src, dst)
    return (
        f"COPY {rel_type} FROM ({_copy_source(copy_rel_columns(rel_type), path)}) "
        f"(from='{src}', to='{dst}')"
    )


class _NotCopyable(Exception):
    """A list that the bulk-load file cannot carry."""


def _csv_string(value: str | None) -> str:
    return "" if value is None else '"' + value.replace('"', '""') + '"'


def _csv_list(value: list[str] | None) -> str:
    if not value:
        return ""
    text = COPY_LIST_SEPARATOR.join(value)
    if "" in value or text.count(COPY_LIST_SEPARATOR) != len(value) - 1:
        raise _NotCopyable
    return '"' + text.replace('"', '""') + '"'


_CSV_ENCODERS = {
    STRING: _csv_string,
    STRING_LIST: _csv_list,
    DOUBLE: lambda v: "" if v is None else repr(float(v)),
    INT64: lambda v: "" if v is None else str(int(v)),
    BOOLEAN: lambda v: "" if v is None else ("true" if v else "false"),
}


def copy_csv(
    rows: Iterable[dict], columns: tuple[tuple[str, str], ...]
) -> tuple[str | None, list[dict]]:
    """The bulk-load file for rows of :func:`graph_rows` (a header line, then one line
    per row), read by :func:`node_copy` / :func:`rel_copy`, and the rows it leaves
    out because a list of theirs has an empty element or one containing
    :data:`COPY_LIST_SEPARATOR` (to be upserted instead). The text is ``None`` when
    every row is left out."""
    encoders = [(n, _CSV_ENCODERS[t]) for n, t in columns]
    lines = [",".join(n for n, _ in columns)]
    left_out = []
    for row in rows:
        try:
            lines.append(",".join([enc(row.get(n)) for n, enc in encoders]))
        except _NotCopyable:
            left_out.append(row)
    if len(lines) == 1:
        return None, left_out
    lines.append("")
    return "\n".join(lines), left_out


# ---------------------------------------------------------------- graph <-> rows


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
            "fix the graph or add the label to graph/cypher.py"
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
    types: dict[tuple[Any, str, str], RelType] = {}  # _pair() checked once per (type, start, end)
    for u, v, key, data in G.edges(keys=True, data=True):
        rel_type = data.get("type")
        src, dst = labels[u], labels[v]
        triple = (rel_type, src, dst)
        rel = types.get(triple)
        if rel is None:
            rel = types[triple] = _pair(rel_type, src, dst)
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
    attrs = {"label": label}
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
    attrs = {
        "type": rel_type,
        "doc_ids": sorted(row.get("doc_ids") or []),
        "evidence": [
            {"doc_id": d, "sentence": s} for d, s in zip(doc_ids, sentences, strict=False)
        ],
    }
    for name, _ in _rel(rel_type).properties:
        attrs[name] = row.get(name)
    return attrs


def rows_to_graph(
    nodes: dict[str, Iterable[dict]], rels: dict[tuple[str, str, str], Iterable[dict]]
) -> nx.MultiDiGraph:
    """The graph back from stored rows (the inverse of :func:`graph_rows`).

    Nodes are added sorted by id and edges by ``(src, dst, key)``, as
    ``build_graph`` does, so equal rows give equal graphs."""
    G = nx.MultiDiGraph()
    node_items = [(row["id"], label, row) for label, rows in nodes.items() for row in rows]
    for node_id, label, row in sorted(node_items, key=lambda t: t[0]):
        _label(label)
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
