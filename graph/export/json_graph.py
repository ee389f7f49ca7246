"""The ``json`` format: ``nx.node_link_data(G, edges="edges")``, UTF-8, Chinese kept readable."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .common import canonical


def write(G: nx.MultiDiGraph, path: Path) -> None:
    """Write ``G`` (canonical) to the file ``path``."""
    data = nx.node_link_data(G, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load(path: Path) -> nx.MultiDiGraph:
    """The graph of a ``json`` export."""
    data = json.loads(path.read_text(encoding="utf-8"))
    # node_link_data keeps a node's key in "id", which is also our id property
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return canonical(G)
