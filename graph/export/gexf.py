"""The ``gexf`` format, for Gephi, in dynamic mode, ready to look at:

- ``viz:color`` by node label, from the ``colours`` it is given (``unionkg export`` and
  ``unionkg.api.export_graph`` give the maps' colours, ``viz.style``);
- ``viz:position`` for places, from their longitude and latitude (an equirectangular
  projection centred on the places' mean point, 100 units a degree of latitude, north
  up); a place without coordinates takes its nearest ancestor's, as on the spread maps;
- time: an ``ADOPTED_IN`` edge starts in its adoption year, a ``SPREAD_TO`` edge in the
  year it reached its target (else its source's), each programme node in its earliest
  adoption year, so Gephi's timeline plays the spread.

Lists are JSON strings; the GEXF label is the node name (the node type is ``kind``) and
the edge type (``rel_type``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from ..spread import place_coords
from .common import export_rows
from .flat import flat_copy, xml_safe

_UNITS_PER_DEGREE = 100.0


def _rgb(colour: str) -> dict[str, int | float]:
    h = colour.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def _positions(G: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    coords = {
        n: c
        for n, label in G.nodes(data="label")
        if label == "Place" and (c := place_coords(G, n)) is not None
    }
    if not coords:
        return {}
    lat0 = sum(lat for _, lat in coords.values()) / len(coords)
    lon0 = sum(lon for lon, _ in coords.values()) / len(coords)
    kx = math.cos(math.radians(lat0))
    return {  # centred on the places' mean point, as Gephi's layouts centre on the origin
        n: {
            "x": round((lon - lon0) * kx * _UNITS_PER_DEGREE, 1),
            "y": round((lat - lat0) * _UNITS_PER_DEGREE, 1),
            "z": 0.0,
        }
        for n, (lon, lat) in coords.items()
    }


def _edge_start(data: dict) -> int | None:
    if data.get("type") == "ADOPTED_IN":
        year = data.get("year")
    elif data.get("type") == "SPREAD_TO":
        year = data.get("to_year") if data.get("to_year") is not None else data.get("from_year")
    else:
        return None
    return year if isinstance(year, int) else None


def write(G: nx.MultiDiGraph, path: Path, colours: Mapping[str, str] | None = None) -> None:
    """Write ``G`` (canonical) to the file ``path``; ``colours``: node label → ``#rrggbb``
    (``other`` for labels not listed), none without."""
    export_rows(G)
    flat = flat_copy(G)
    colours, positions = colours or {}, _positions(G)
    H = nx.MultiDiGraph(mode="dynamic")
    first_year: dict[str, int] = {}
    for u, _v, data in G.edges(data=True):
        if data.get("type") == "ADOPTED_IN" and isinstance(data.get("year"), int):
            first_year[u] = min(first_year.get(u, data["year"]), data["year"])
    for node, data in flat.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("label", "id")}
        attrs.update(kind=data["label"], label=data.get("name") or node)
        if node in first_year:
            attrs["start"] = first_year[node]
        viz: dict = {}
        colour = colours.get(data["label"], colours.get("other"))
        if colour:
            viz["color"] = _rgb(colour)
        if node in positions:
            viz["position"] = positions[node]
        if viz:
            attrs["viz"] = viz
        H.add_node(node, **attrs)
    for i, (u, v, key, data) in enumerate(flat.edges(keys=True, data=True)):
        attrs = {k: x for k, x in data.items() if k != "type"}
        attrs.update(id=f"e{i}", rel_type=data["type"], label=data["type"])
        start = _edge_start(G.edges[u, v, key])
        if start is not None:
            attrs["start"] = start
        H.add_edge(u, v, key=key, **attrs)
    nx.write_gexf(xml_safe(H), path, encoding="utf-8")
