"""The pyvis side of a page: the size limits, the vis-network options, a pyvis
``Network`` set up for our own page template, and the payload taken out of it.

pyvis's own template is never used: it loads bootstrap/vis from CDNs and writes some
strings raw. ``viz.templates`` writes the page around :func:`network_payload`.
"""

from __future__ import annotations

import json
from typing import Any

from .limits import page_limits
from .style import EDGE_COLOURS, FONT_FACE

# Above this many nodes a page gets precomputed positions with physics off from the
# start; a page embeds at most MAX_PAGE_NODES nodes, a larger graph gets an aggregated
# view (viz.aggregate). Both are settings of viz/data/page-limits.txt (docs/maps.md).
LARGE_GRAPH_NODES = page_limits().large_graph_nodes
MAX_PAGE_NODES = page_limits().page_nodes
# vis-network stabilisation budget for graphs drawn with physics.
STABILIZATION_ITERATIONS = 200


class _IdList(list):
    """pyvis tests ``id in net.node_ids`` for every edge; a set keeps that O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


def new_network(options: dict) -> Any:
    """A pyvis Network for our own page template, with ``options`` as its vis options."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.node_ids = _IdList()
    net.options = options
    return net


def network_payload(net: Any) -> dict:
    """The nodes, edges and options of a pyvis Network, as the page's JSON takes them."""
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def _font(size: int, **extra: Any) -> dict:
    return {"size": size, "face": FONT_FACE, **extra}


def vis_options(n_nodes: int, *, physics: bool) -> dict:
    """vis-network options of a graph page (explorer, overview, ego map)."""
    large = n_nodes > LARGE_GRAPH_NODES
    halo = {"strokeWidth": 3, "strokeColor": "#ffffff"}
    return {
        "autoResize": True,
        "nodes": {
            "size": 12,
            "borderWidth": 1,
            "font": {"size": 13, "face": FONT_FACE, "color": "#222222", **halo},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {
                "color": "#b8b8b8",
                "highlight": "#333333",
                "hover": "#555555",
                "inherit": False,
            },
            "width": 1,
            "selectionWidth": 2,
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "font": _font(11, align="middle", **halo),
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 90,
                "springConstant": 0.08,
                "avoidOverlap": 0.2,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 50,
                "fit": True,
            },
        },
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
    }


def spread_options() -> dict:
    """vis-network options of a spread map: fixed positions, no physics."""
    halo = {"strokeWidth": 3, "strokeColor": "#ffffff"}
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "size": 11,
            "borderWidth": 1,
            "font": _font(14, **halo, multi=False),
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "color": {"color": EDGE_COLOURS["SPREAD_TO"], "inherit": False},
            "width": 2,
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
            "font": _font(11, align="middle", **halo, color="#a63603"),
        },
        "interaction": {"hover": True, "tooltipDelay": 100},
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
