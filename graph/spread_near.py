"""The earlier adopters of one programme, indexed for the inferred-path search of
:mod:`graph.spread`: by place (the hierarchical source is an ancestor's adoption) and on a
grid of cells about ``max_km`` wide (the neighbour source is the nearest within
``max_km``). A programme with N dated adopters costs about N lookups, not N² comparisons.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

Coords = tuple[float, float]  # (lon, lat)
_KM_PER_DEGREE = 111.0


class EarlierAdopters:
    """Adoptions added in the order of the search (earliest year first); ``distance``
    measures two (lon, lat) points in km."""

    def __init__(self, max_km: float, distance: Callable[[Coords, Coords], float]):
        self.max_km = max_km
        self.distance = distance
        # one cell for all when the limit is no limit
        # (at least a hundredth of a degree: max_km 0 keeps only places at the same point)
        self.cell = max(max_km / _KM_PER_DEGREE, 0.01) if max_km < 5000 else 360.0
        self.by_place: dict[str, dict] = {}
        self.cells: dict[tuple[int, int], list[tuple[Coords, int, dict]]] = defaultdict(list)

    def add(self, adoption: dict, coords: Coords | None, order: int) -> None:
        """``order``: the adoption's place in the list the search walks (ties go to the
        first)."""
        self.by_place.setdefault(adoption["place_id"], adoption)
        if coords is not None:
            self.cells[self._cell(coords)].append((coords, order, adoption))

    def at(self, place: str) -> dict | None:
        """The first adoption added at ``place``."""
        return self.by_place.get(place)

    def nearest(self, here: Coords, keep: Callable[[dict], bool] | None = None) -> dict | None:
        """The nearest adoption within ``max_km`` of ``here`` (that ``keep`` keeps): by
        distance, then the later year, the place's name and the order added; None when
        none is that near."""
        best: tuple | None = None
        for key in self._cells_near(here):
            for coords, order, b in self.cells.get(key, ()):
                d = self.distance(here, coords)
                if d > self.max_km or (keep is not None and not keep(b)):
                    continue
                rank = (d, -b["year"], b["place"] or "", order)
                if best is None or rank < best[0]:
                    best = (rank, b)
        return best[1] if best else None

    def _cell(self, coords: Coords) -> tuple[int, int]:
        lon, lat = coords
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def _cells_near(self, here: Coords) -> list[tuple[int, int]]:
        if self.cell >= 360.0:
            return list(self.cells)
        i, j = self._cell(here)
        # a degree of longitude is shorter away from the equator: more columns there
        lat = min(abs(here[1]) + self.cell, 89.0)
        cols = math.ceil(1 / max(math.cos(math.radians(lat)), 1e-3))
        return [(i + di, j + dj) for di in (-1, 0, 1) for dj in range(-cols, cols + 1)]
