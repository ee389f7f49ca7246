"""viz: offline, self-contained HTML maps of the unionkg graph.

Input is the networkx MultiDiGraph described in docs/graph-model.md; output is
HTML pages built with pyvis and vis-network that make no network request (see
docs/maps.md).
"""

from .errors import (
    AmbiguousNodeError,
    GraphTooLargeError,
    InvalidOptionError,
    NoAdoptionsError,
    NodeNotFoundError,
    VizError,
)
from .explorer import render_explorer
from .graphdata import find_node
from .maps import (
    render_ego,
    render_overview,
    render_spread,
    spread_filename,
    spread_programmes,
    write_maps,
)
from .network import LARGE_GRAPH_NODES, MAX_PAGE_NODES
from .query import render_query

__all__ = [
    "render_overview",
    "render_ego",
    "render_spread",
    "render_explorer",
    "render_query",
    "write_maps",
    "spread_programmes",
    "spread_filename",
    "find_node",
    "LARGE_GRAPH_NODES",
    "MAX_PAGE_NODES",
    "VizError",
    "NodeNotFoundError",
    "AmbiguousNodeError",
    "NoAdoptionsError",
    "GraphTooLargeError",
    "InvalidOptionError",
]
