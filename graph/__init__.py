"""graph: the knowledge graph of unionkg — build it, store it, query it, export it.

``build_graph(load_extractions(path))`` makes the networkx graph of
``docs/graph-model.md``; ``open_store()`` gives a store (embedded LadybugDB or
Neo4j) whose ``write()`` makes it hold that graph and whose ``query()`` runs
Cypher (``docs/schema.md``, ``docs/cypher.md``); ``export_graph()`` writes it as
json, graphml, gexf, neo4j-csv or a cypher-shell script.
"""

from .cypher import NODE_LABELS, REL_TYPES
from .errors import ExportError, GraphError, QueryError, ReadOnlyError, StoreError
from .export import FORMATS, export_graph, load_export
from .extractions import load_extractions
from .model import build_graph, graph_counts
from .result import QueryResult
from .store import EMBEDDED_DB_NAME, embedded_db_path, open_store
from .store_base import Store

__all__ = [
    "build_graph",
    "load_extractions",
    "graph_counts",
    "Store",
    "QueryResult",
    "open_store",
    "embedded_db_path",
    "EMBEDDED_DB_NAME",
    "export_graph",
    "load_export",
    "FORMATS",
    "NODE_LABELS",
    "REL_TYPES",
    "GraphError",
    "StoreError",
    "ReadOnlyError",
    "QueryError",
    "ExportError",
]
