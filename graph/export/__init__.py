"""Export the graph to files, and load some of them back: one module per format, as
networkx's ``readwrite`` does. Each has ``write(G, path)`` for a canonical graph
(:func:`.common.canonical`) and, if the format can be read back, ``load(path)``.

Formats (:data:`FORMATS`):

* ``json`` — :mod:`.json_graph`: ``nx.node_link_data``, UTF-8, Chinese kept readable.
* ``graphml`` — :mod:`.graphml`: lists and the evidence dicts as JSON strings.
* ``gexf`` — :mod:`.gexf`: for Gephi, in dynamic mode (adoption and path years), nodes
  coloured by label and places positioned by their coordinates.
* ``neo4j-csv`` — :mod:`.neo4j_csv`: a directory for ``neo4j-admin database import full``.
* ``cypher`` — :mod:`.cypher_script`: a ``cypher-shell -f`` script of the upserts of
  :mod:`graph.cypher` (Neo4j dialect), in batches.

GraphML and GEXF share :mod:`.flat` (flat copies, characters XML forbids dropped);
every format shares :mod:`.common`. File names inside an export directory come
from the schema's allow-list only, and every path is checked to stay inside the
directory given. :func:`load_export` reads ``json``, ``graphml`` and
``neo4j-csv`` back into the graph :func:`graph.build_graph` would have made.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from ..errors import ExportError, GraphError
from . import cypher_script, gexf, graphml, json_graph, neo4j_csv
from .common import canonical, check_format
from .common import child as _child  # noqa: F401 - tests import it from here
from .cypher_script import CYPHER_BATCH, cypher_literal

__all__ = [
    "FORMATS",
    "LOADABLE_FORMATS",
    "CYPHER_BATCH",
    "export_graph",
    "load_export",
    "cypher_literal",
]

FORMATS = ("json", "graphml", "gexf", "neo4j-csv", "cypher")
LOADABLE_FORMATS = ("json", "graphml", "neo4j-csv")

_WRITERS = {
    "json": json_graph.write,
    "graphml": graphml.write,
    "gexf": gexf.write,
    "neo4j-csv": neo4j_csv.write,
    "cypher": cypher_script.write,
}
_LOADERS = {
    "json": json_graph.load,
    "graphml": graphml.load,
    "neo4j-csv": neo4j_csv.load,
}


def export_graph(
    G: nx.MultiDiGraph, fmt: str, path: str | Path, *, colours: Mapping[str, str] | None = None
) -> Path:
    """Write ``G`` in format ``fmt`` (one of :data:`FORMATS`) to ``path`` and return it.

    ``path`` is a file, except for ``neo4j-csv`` where it is a directory (created
    if missing); the files in it are named from the schema only. ``colours`` (node label
    → ``#rrggbb``) colours the nodes of a ``gexf`` export; the other formats have none."""
    check_format(fmt, FORMATS)
    path = Path(path)
    if fmt != "neo4j-csv":
        if path.is_dir():
            raise ExportError(f"{path} is a directory; give a file name for the {fmt} export")
        path.parent.mkdir(parents=True, exist_ok=True)
    elif path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; neo4j-csv exports to a directory")
    try:
        G = canonical(G)
    except ExportError:
        raise
    except GraphError as exc:
        raise ExportError(f"cannot export the graph: {exc}") from None
    try:
        if fmt == "gexf":
            gexf.write(G, path, colours)
        else:
            _WRITERS[fmt](G, path)
    except OSError as exc:
        raise ExportError(
            f"cannot write {path}: {exc.strerror or exc}; check the path and permissions"
        ) from None
    return path


def load_export(path: str | Path, fmt: str) -> nx.MultiDiGraph:
    """Read an export back into a graph (``json``, ``graphml`` or ``neo4j-csv``)."""
    check_format(fmt, LOADABLE_FORMATS)
    path = Path(path)
    if not path.exists():
        raise ExportError(f"{path} does not exist; export the graph first")
    try:
        return _LOADERS[fmt](path)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise ExportError(f"cannot load the {fmt} export {path}: {exc}") from None
