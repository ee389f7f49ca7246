"""Inferring spread paths is not quadratic in the number of adopters: the earlier adopters
are indexed by place and on a grid (graph/spread_near.py). Counted in distance
computations, not seconds, so the test holds on a loaded machine."""

from __future__ import annotations

import math

import networkx as nx

import graph.spread as spread


def _programme_in(n: int) -> nx.MultiDiGraph:
    """One programme adopted in ``n`` places on a square grid 50 km apart (constant
    density, as real places are), in years 2015–2024."""
    G = nx.MultiDiGraph()
    G.add_node("Programme:p", label="Programme", name="p")
    side = math.isqrt(n)
    for i in range(n):
        place = f"Place:{i}"
        lon, lat = 100 + (i % side) * 0.55, 25 + (i // side) * 0.45
        G.add_node(place, label="Place", name=f"地{i}", lon=lon, lat=lat, level="county")
        G.add_edge(
            "Programme:p",
            place,
            key=f"ADOPTED_IN|{i}",
            type="ADOPTED_IN",
            year=2015 + (i * 7) % 10,
            year_basis="stated",
        )
    return G


def _distances(monkeypatch, n: int) -> tuple[int, int]:
    calls = 0
    real = spread._distance

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(spread, "_distance", counting)
    paths = spread.infer_paths(_programme_in(n), "Programme:p", max_km=300)
    return calls, len(paths)


def test_inferred_paths_cost_about_linear_in_the_adopters(monkeypatch):
    small, small_paths = _distances(monkeypatch, 400)
    large, large_paths = _distances(monkeypatch, 3600)  # 9 times the adopters
    assert small_paths > 300 and large_paths > 9 * 300  # nearly every later adopter has one
    assert large / small < 15, (small, large)  # quadratic would be about 81
