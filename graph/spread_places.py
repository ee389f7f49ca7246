"""The places of a graph as the spread search of :mod:`graph.spread` sees them: each
place's ancestors (``PART_OF``), coordinates and province, each union's places
(``LOCATED_IN``), and the great-circle distance between two points."""

from __future__ import annotations

import math


def ancestors(G, place) -> list:
    """``place``'s ancestors through ``PART_OF``, nearest first (the first by id at a fork)."""
    out: list = []
    seen = {place}
    cur = place
    while True:
        nxt = [
            v
            for _, v, k in G.out_edges(cur, keys=True)
            if str(k).startswith("PART_OF") and v not in seen
        ]
        if not nxt:
            return out
        cur = sorted(nxt)[0]
        seen.add(cur)
        out.append(cur)


class Chains:
    """The ancestors, coordinates and province of ``G``'s places and the places of its
    unions, each found once (the spread search asks for them over and over, for every
    programme). Valid while ``G``'s ``PART_OF`` and ``LOCATED_IN`` edges stay as they are:
    made afresh by every public function of :mod:`graph.spread`."""

    def __init__(self, G) -> None:
        self.G = G
        self._up: dict = {}
        self._xy: dict = {}
        self._at: dict = {}

    def located(self, union) -> list:
        """The places ``union`` is located in (its ``LOCATED_IN`` edges): one scan of its
        edges, which grow with the corpus (a union reports outcomes), for all programmes."""
        if union not in self._at:
            self._at[union] = [
                v for _, v, t in self.G.out_edges(union, data="type") if t == "LOCATED_IN"
            ]
        return self._at[union]

    def up(self, place) -> list:
        if place not in self._up:
            self._up[place] = ancestors(self.G, place)
        return self._up[place]

    def coords(self, place) -> tuple[float, float] | None:
        if place not in self._xy:
            self._xy[place] = next(
                (
                    (float(d["lon"]), float(d["lat"]))
                    for p in [place, *self.up(place)]
                    if (d := self.G.nodes[p]).get("lon") is not None and d.get("lat") is not None
                ),
                None,
            )
        return self._xy[place]

    def province(self, place):
        chain = [place, *self.up(place)]
        for p in chain:
            if self.G.nodes[p].get("level") == "province":
                return self.G.nodes[p].get("name")
        return self.G.nodes[chain[-1]].get("name")

    def km(self, u, v) -> float | None:
        a, b = self.coords(u), self.coords(v)
        return round(distance(a, b), 1) if a and b else None


def distance(a, b) -> float:
    """The great-circle distance in km between two (lon, lat) points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
