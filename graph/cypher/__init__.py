"""The graph schema and every Cypher statement the stores and exports share.

This package is the one place that knows how the networkx graph of
``docs/graph-model.md`` maps onto a property-graph database. Everything is
importable from ``graph.cypher``; the modules hold one concern each:

* :mod:`.schema` — node labels with typed properties (:data:`NODE_PROPERTIES`)
  and relationship types with their allowed endpoint label pairs and properties
  (:data:`REL_TYPES`). It is a fixed allow-list: labels, relationship types and
  property names are only ever interpolated into Cypher from here, never from
  data; every value travels as a ``$parameter``.
* :mod:`.rows` — the rows the stores write (:func:`graph_rows`) and the way back
  to a graph (:func:`rows_to_graph`), used by the stores, the ``neo4j-csv``
  export and its loader.
* :mod:`.statements` — schema DDL for LadybugDB, uniqueness constraints for
  Neo4j, batched ``UNWIND $rows AS row MERGE …`` upserts, reads of the keys
  already stored, deletions of stale nodes and relationships, and counts, in two
  dialects (``"ladybug"`` and ``"neo4j"``).
* :mod:`.bulk` — the CSV files and ``COPY`` statements that fill an empty
  LadybugDB store.

Property names are always back-quoted in generated statements because some
are keywords in LadybugDB (``optional``; a query must write ``p.`optional```).
"""

from .bulk import (
    COPY_CSV_OPTIONS,
    COPY_LIST_SEPARATOR,
    copy_csv,
    copy_node_columns,
    copy_path_ok,
    copy_rel_columns,
    node_copy,
    rel_copy,
)
from .rows import (
    GraphRows,
    edge_attrs,
    edge_rows,
    graph_rows,
    node_attrs,
    node_label,
    node_rows,
    rows_to_graph,
)
from .schema import (
    BOOLEAN,
    CURATED,
    DIALECTS,
    DOUBLE,
    ENTITY_LABELS,
    INT64,
    NODE_LABELS,
    NODE_PROPERTIES,
    PROPERTY_TYPES,
    REL_COMMON,
    REL_TYPES,
    STRING,
    STRING_LIST,
    RelType,
    rel_endpoints,
)
from .statements import (
    constraint_statements,
    node_all,
    node_count,
    node_delete,
    node_ids,
    node_total,
    node_upsert,
    rel_all,
    rel_count,
    rel_delete,
    rel_keys,
    rel_upsert,
    schema_statements,
    table_columns,
)

__all__ = [
    # schema
    "STRING",
    "STRING_LIST",
    "DOUBLE",
    "INT64",
    "BOOLEAN",
    "CURATED",
    "PROPERTY_TYPES",
    "DIALECTS",
    "ENTITY_LABELS",
    "NODE_LABELS",
    "NODE_PROPERTIES",
    "REL_COMMON",
    "RelType",
    "REL_TYPES",
    "rel_endpoints",
    # rows
    "GraphRows",
    "graph_rows",
    "node_rows",
    "edge_rows",
    "node_label",
    "node_attrs",
    "edge_attrs",
    "rows_to_graph",
    # statements
    "schema_statements",
    "table_columns",
    "constraint_statements",
    "node_upsert",
    "rel_upsert",
    "node_ids",
    "rel_keys",
    "node_delete",
    "rel_delete",
    "node_all",
    "rel_all",
    "node_count",
    "rel_count",
    "node_total",
    # bulk load
    "COPY_LIST_SEPARATOR",
    "COPY_CSV_OPTIONS",
    "copy_node_columns",
    "copy_rel_columns",
    "copy_path_ok",
    "node_copy",
    "rel_copy",
    "copy_csv",
]
