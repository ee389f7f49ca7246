"""Where nodes go when the browser should not work it out itself: the precomputed
layout of a large graph page, and the map projection of a spread map.

Both are deterministic for a given graph, whatever ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

Point = tuple[float, float]
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def ordered_subgraph(G: Any, nodes: Iterable[Hashable], *, as_given: bool = False) -> Any:
    """The subgraph of ``G`` on ``nodes`` as a new graph whose nodes and edges keep
    ``G``'s order (a subgraph view iterates a node set in hash order); with
    ``as_given``, the nodes keep the order of ``nodes`` (a sequence) instead."""
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    if as_given:
        H.add_nodes_from((n, G.nodes[n]) for n in nodes)
    else:
        H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep
        )
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


# ------------------------------------------------------------- large graph pages


class _Spiral:
    """Sets nodes on small golden-angle spirals around the placed neighbour they were
    reached from (breadth first), each parent with its own random phase."""

    def __init__(self, H: Any, pos: dict, spacing: float, seed: int) -> None:
        self.H, self.pos, self.spacing = H, pos, spacing
        self.children: dict = defaultdict(int)
        self.phase: dict = {}
        self.rnd = random.Random(seed)

    def spread_from(self, start_nodes: Iterable[Hashable]) -> None:
        H, pos, spacing = self.H, self.pos, self.spacing
        queue = deque(start_nodes)
        while queue:
            u = queue.popleft()
            ux, uy = pos[u]
            for v in sorted(H[u], key=lambda x: (-H.degree(x), str(x))):
                if v in pos:
                    continue
                k = self.children[u]
                self.children[u] += 1
                if u not in self.phase:  # a phase per parent, or spirals of siblings would coincide
                    self.phase[u] = self.rnd.uniform(0, 2 * math.pi)
                r = spacing * 0.7 + spacing * 0.35 * math.sqrt(k)
                a = self.phase[u] + k * GOLDEN_ANGLE
                pos[v] = (ux + r * math.cos(a), uy + r * math.sin(a))
                queue.append(v)


def _core_of(G: Any, H: Any, component: Iterable[Hashable]) -> list:
    """At most 400 best-connected nodes of ``component``, Document nodes last."""
    ranked = sorted(
        component, key=lambda x: (G.nodes[x].get("label") == "Document", -H.degree(x), str(x))
    )
    return ranked[: min(400, len(ranked))]


def _place_core(
    H: Any, core: list, pos: dict, seed: int, radius: float, spread: float = 1.0
) -> None:
    """``nx.spring_layout`` of the core, scaled to ``radius``; ``spread`` multiplies
    its optimal node distance (networkx's ``k``, 1/sqrt(n) by default)."""
    if len(core) > 1:
        # A graph built in a fixed order: a subgraph view would iterate the core in set
        # (hash) order, and the layout would change with PYTHONHASHSEED.
        S = nx.Graph()
        S.add_nodes_from(core)
        S.add_edges_from(sorted(H.subgraph(core).edges(), key=lambda e: (str(e[0]), str(e[1]))))
        k = spread / math.sqrt(len(core))
        layout = nx.spring_layout(
            S, seed=seed, iterations=60 if spread == 1.0 else 120, k=None if spread == 1.0 else k
        )
        for v, (x, y) in layout.items():
            pos[v] = (float(x) * radius * 0.8, float(y) * radius * 0.8)
    else:
        pos[core[0]] = (0.0, 0.0)


def _place_parts(H: Any, core: list, pos: dict, seed: int, radius: float, spacing: float) -> None:
    """Lay out ``core`` (nodes of several components) so that it reads: the largest
    part it makes by itself as ``_place_core`` does, each smaller part around it on a
    golden-angle ring, laid out on its own (a spring layout of a graph with isolated
    nodes throws them to its edge and squeezes the rest into the middle)."""
    S = nx.Graph()
    S.add_nodes_from(core)
    S.add_edges_from(sorted(H.subgraph(core).edges(), key=lambda e: (str(e[0]), str(e[1]))))
    order = {v: i for i, v in enumerate(core)}
    parts = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(S)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    # Hubs pull the drawn nodes into a knot at the default distance: spread them more.
    _place_core(S, parts[0], pos, seed, radius, spread=3.0)
    # The ring sits where most of that part ends (its 90th percentile), not beyond
    # its outliers, so that a fit to all of them leaves the part large.
    dist = sorted(math.hypot(*pos[v]) for v in parts[0])
    edge = dist[int(len(dist) * 0.9)] + spacing
    for k, part in enumerate(parts[1:]):
        r = edge + spacing * 0.6 * math.sqrt(k)
        cx, cy = r * math.cos(k * GOLDEN_ANGLE), r * math.sin(k * GOLDEN_ANGLE)
        sub: dict = {}
        _place_core(S, part, sub, seed, spacing * math.sqrt(len(part)))
        for v, (x, y) in sub.items():
            pos[v] = (cx + x, cy + y)


def precomputed_positions(
    G: Any,
    nodes: Iterable[Hashable] | None = None,
    *,
    seed: int = 7,
    spacing: float = 45.0,
    core: Sequence[Hashable] | None = None,
) -> dict:
    """Positions (pixels) for a large graph, so the browser needs no physics.

    networkx has no fast spring layout without scipy, so: ``nx.spring_layout`` (seeded)
    on a core of at most 400 best-connected non-Document nodes, then every other node
    is set on a small golden-angle spiral around the placed neighbour it was reached
    from (breadth first); components not reached are laid out the same way in rows
    below. ``core`` (an aggregated page's nodes drawn first) replaces the 400
    best-connected as the nodes laid out together, whatever their components.
    Deterministic for a given graph and seed, whatever ``PYTHONHASHSEED``.
    """
    whole = nodes is None
    node_list = list(G if nodes is None else nodes)
    H = nx.Graph()
    H.add_nodes_from(node_list)
    # The whole graph's edges directly: a subgraph view of all nodes filters every edge.
    H.add_edges_from((u, v) for u, v in (G if whole else G.subgraph(node_list)).edges() if u != v)
    n = len(node_list)
    if n == 0:
        return {}
    radius = spacing * math.sqrt(n) / 2
    pos: dict = {}
    spiral = _Spiral(H, pos, spacing, seed)
    components = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(map(str, c))))
    if core is None:
        core = _core_of(G, H, components[0])
        _place_core(H, core, pos, seed, radius)
    else:
        core = list(core)
        _place_parts(H, core, pos, seed, radius, spacing)
    spiral.spread_from(core)
    rest = [c for c in components if not any(v in pos for v in c)]
    # Remaining components: rows below the main drawing, left to right.
    x0, y = -radius, radius * 1.25 + spacing * 2
    x, row_height = x0, 0.0
    for comp in rest:
        width = spacing * (1.5 + math.sqrt(len(comp)) * 1.2)
        if x + width > radius and x > x0:
            x, y = x0, y + row_height + spacing
            row_height = 0.0
        seed_node = _core_of(G, H, comp)[0]
        pos[seed_node] = (x + width / 2, y + width / 2)
        spiral.spread_from([seed_node])
        x += width
        row_height = max(row_height, width)
    return {v: (round(px, 1), round(py, 1)) for v, (px, py) in pos.items()}


# ------------------------------------------------------------------ spread maps


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection, north up, centred on the mean of the placed points
    and scaled so that their extent fits a laptop window about 1:1."""

    lon0: float
    lat0: float
    kx: float  # cos(lat0): a degree of longitude is shorter than one of latitude
    scale: float  # pixels per degree
    lons: tuple[float, ...]  # the placed points' longitudes ([0.0] when none)
    lats: tuple[float, ...]

    @classmethod
    def fitting(cls, points: Sequence[Point]) -> Projection:
        if points:
            lon0 = sum(c[0] for c in points) / len(points)
            lat0 = sum(c[1] for c in points) / len(points)
            lons, lats = [c[0] for c in points], [c[1] for c in points]
        else:
            lon0, lat0, lons, lats = 0.0, 0.0, [0.0], [0.0]
        proj = cls(lon0, lat0, math.cos(math.radians(lat0)), 1.0, tuple(lons), tuple(lats))
        # pixels per degree (fits ~1:1 in a laptop window)
        # At most 600 px a degree: the outlines, simplified to about 1 km, stay smooth.
        return dataclasses.replace(
            proj, scale=min(max(650.0 / max(proj.extent(), 0.3), 30.0), 600.0)
        )

    def extent(self) -> float:
        """The larger of the placed points' east-west extent (scaled by cos(latitude))
        and their north-south extent, in degrees."""
        return max((max(self.lons) - min(self.lons)) * self.kx, max(self.lats) - min(self.lats))

    def __call__(self, lon: float, lat: float) -> Point:
        return (
            round((lon - self.lon0) * self.kx * self.scale, 1),
            round(-(lat - self.lat0) * self.scale, 1),
        )

    def bbox(self, margin_lon: float, margin_lat: float) -> tuple[float, float, float, float]:
        """(west, east, south, north) of the placed points plus the margins, in degrees."""
        return (
            min(self.lons) - margin_lon,
            max(self.lons) + margin_lon,
            min(self.lats) - margin_lat,
            max(self.lats) + margin_lat,
        )

    def as_json(self) -> dict:
        return {
            "lon0": round(self.lon0, 4),
            "lat0": round(self.lat0, 4),
            "px_per_degree": round(self.scale, 2),
        }


def geo_positions(
    own: Mapping[Hashable, Point],
    anchored: Mapping[Hashable, tuple[Hashable, Point]],
    unknown: Sequence[Hashable],
) -> tuple[dict, Projection]:
    """Positions (pixels) of a spread map's places and the projection used.

    ``own``: place -> its (lon, lat); ``anchored``: place -> (ancestor, the ancestor's
    (lon, lat)), drawn exactly at the ancestor's point (never at an invented offset;
    the page marks them as approximate); ``unknown``: places without coordinates, set
    in rows of 8 below the rest.
    """
    proj = Projection.fitting(list(own.values()) + [c for _a, c in anchored.values()])
    xy = {n: proj(*c) for n, c in own.items()}
    for n, (_anchor, coords) in anchored.items():
        xy[n] = proj(*coords)
    if unknown:
        xs = [p[0] for p in xy.values()] or [0.0]
        ys = [p[1] for p in xy.values()] or [0.0]
        for i, n in enumerate(unknown):
            xy[n] = (round(min(xs) + 110 * (i % 8), 1), round(max(ys) + 120 + 70 * (i // 8), 1))
    return xy, proj
