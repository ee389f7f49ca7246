"""Where places are: their province (for the explorer's province filter) and their
coordinates (for the spread maps), from the graph plus cpca's adcode table, read at
run time. See docs/maps.md.
"""

from __future__ import annotations

import csv
import importlib.util
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .graphdata import node_name

# name, lon, lat
NamedPoint = tuple[str, float, float]


def _table_rows(path: Path) -> dict[str, NamedPoint]:
    table: dict[str, NamedPoint] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = (row.get("adcode") or "")[:6]
            try:
                lon, lat = float(row["longitude"]), float(row["latitude"])
            except (KeyError, TypeError, ValueError):
                continue
            if len(code) == 6 and code.isdigit() and (row.get("adcode") or "")[6:].strip("0") == "":
                table.setdefault(code, (row.get("name") or code, lon, lat))
    return table


@lru_cache(maxsize=1)
def adcode_table() -> dict[str, NamedPoint]:
    """6-digit adcode -> (name, lon, lat), read from cpca's adcodes.csv at run time.

    Empty when cpca is not installed (maps then rely on the graph's own coordinates).
    """
    try:
        spec = importlib.util.find_spec("cpca")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    try:
        return _table_rows(path)
    except OSError:
        return {}


def province_table() -> dict[str, NamedPoint]:
    """2-digit province prefix -> (name, lon, lat) (cpca's point for the province,
    which is its capital)."""
    return {code[:2]: value for code, value in adcode_table().items() if code.endswith("0000")}


def adcode_of(d: Mapping) -> str | None:
    """The 6-digit adcode in a node's data, if it has a usable one."""
    code = d.get("adcode")
    if code is None:
        return None
    code = str(code).strip()
    return code[:6] if len(code) >= 6 and code[:6].isdigit() else None


def parents(G: Any, n: Hashable) -> list:
    """PART_OF parents of a place, nearest first (as the graph gives them)."""
    return [v for _u, v, d in G.out_edges(n, data=True) if d.get("type") == "PART_OF"]


# ---------------------------------------------------------------------- provinces


def place_province(G: Any, n: Hashable, memo: dict) -> str | None:
    """2-digit province key of a Place: from its adcode, else its nearest ancestor's."""
    if n in memo:
        return memo[n]
    memo[n] = None  # guards against PART_OF cycles
    d = G.nodes[n]
    code = adcode_of(d)
    key = code[:2] if code else None
    if key is None:
        for p in parents(G, n):
            key = place_province(G, p, memo)
            if key:
                break
    memo[n] = key
    return key


def province_names(G: Any, keys: Iterable[str]) -> dict[str, str]:
    """Display name per province key: the graph's province node, else cpca's, else the key."""
    names: dict[str, str] = {}
    table = province_table()
    for n, d in G.nodes(data=True):
        if d.get("label") == "Place" and d.get("level") == "province":
            code = adcode_of(d)
            if code:
                names.setdefault(code[:2], node_name(G, n))
    return {k: names.get(k) or (table[k][0] if k in table else k) for k in keys}


def node_provinces(G: Any) -> dict:
    """Province keys (2-digit adcode prefixes) per node, for the province filter.

    Places: their own (adcode, else nearest PART_OF ancestor's). Unions: their
    LOCATED_IN places'. Programmes: their ADOPTED_IN places' and running unions'.
    Every other node: the union of those of its neighbours.
    """
    memo: dict = {}
    provs: dict = defaultdict(set)
    for n, d in G.nodes(data=True):
        if d.get("label") == "Place":
            key = place_province(G, n, memo)
            if key:
                provs[n].add(key)
    for u, v, d in G.edges(data=True):
        etype = d.get("type")
        if etype in ("LOCATED_IN", "ADOPTED_IN") and G.nodes[v].get("label") == "Place":
            key = place_province(G, v, memo)
            if key:
                provs[u].add(key)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "RUNS":
            provs[v] |= {k for k in provs.get(u, ()) if G.nodes[u].get("label") == "TradeUnion"}
    primary = {n: set(ks) for n, ks in provs.items()}
    for n, d in G.nodes(data=True):
        if d.get("label") in ("Place", "TradeUnion", "Programme"):
            continue
        for nb in set(G.successors(n)) | set(G.predecessors(n)):
            provs[n] |= primary.get(nb, set())
    return provs


# -------------------------------------------------------------------- coordinates


def _finite(x: Any) -> float | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def own_coords(G: Any, n: Hashable) -> tuple[float, float] | None:
    """(lon, lat) of a place: its own ``lon``/``lat``, else its adcode's point."""
    d = G.nodes[n]
    lon, lat = _finite(d.get("lon")), _finite(d.get("lat"))
    if lon is not None and lat is not None and -180 <= lon <= 180 and -90 <= lat <= 90:
        return lon, lat
    code = adcode_of(d)
    if code and code in adcode_table():
        _name, lon, lat = adcode_table()[code]
        return lon, lat
    return None


def anchor(G: Any, n: Hashable) -> tuple[Hashable, tuple[float, float]] | tuple[None, None]:
    """(anchor node, (lon, lat)) of the nearest PART_OF ancestor with coordinates."""
    seen, frontier = {n}, [n]
    while frontier:
        nxt = []
        for x in frontier:
            for p in parents(G, x):
                if p in seen:
                    continue
                seen.add(p)
                coords = own_coords(G, p)
                if coords:
                    return p, coords
                nxt.append(p)
        frontier = nxt
    return None, None


def province_labels(G: Any) -> dict[str, NamedPoint]:
    """Province key -> (name, lon, lat) for the grey orientation labels of the spread
    maps: cpca's provinces, overridden by the graph's own province Place nodes."""
    labels: dict[str, NamedPoint] = {}
    for key, (name, lon, lat) in province_table().items():
        labels[key] = (name, lon, lat)
    for n, d in G.nodes(data=True):
        if d.get("label") == "Place" and d.get("level") == "province":
            code, coords = adcode_of(d), own_coords(G, n)
            if code and coords:
                labels[code[:2]] = (node_name(G, n), coords[0], coords[1])
    return labels
