"""How a programme spread: adoption events, and the paths between them (docs/spread.md).

An *adoption* is an ``ADOPTED_IN`` edge Programme → Place with ``year`` and
``year_basis``: ``"stated"`` when the text states the year, ``"reported"`` when it is the
year of the article that first reported it (undated: neither). A *path* is a
``SPREAD_TO`` edge Place → Place keyed ``SPREAD_TO|<programme id>``, of one of two bases:

- ``"reported"``: a sentence says the programme travelled that way (学习借鉴…经验,
  推广到…; extract/spread_reports.py), with that sentence as evidence and the cue's
  class as ``kind``; made by the graph build from the extractions' ``spread`` records;
- ``"inferred"``: for each dated adopter without a reported path into it, the most
  likely earlier source (for a place within a reported path's target, a source within
  that target), in this order:

  1. ``hierarchical``: the nearest of its administrative ancestors (via ``PART_OF``)
     that adopted earlier — top-down promotion, province → city → county;
  2. ``neighbour``: else the nearest earlier adopter by great-circle distance (towns
     and streets take their nearest ancestor's coordinates), if within ``max_km``.

  Each inferred path has a ``confidence`` in [0, 1] that falls with distance and lag
  (the formula and its settings: ``graph/data/spread_settings.txt``).

"Earlier" means a strictly smaller year. Undated adopters are shown but start and
receive no inferred path. Both bases carry ``programme``, ``programme_name``,
``from_year``, ``to_year``, ``kind``, ``lag`` (None when a year is unknown).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import networkx as nx

from .spread_near import EarlierAdopters
from .spread_places import Chains as _Chains
from .spread_places import distance as _distance

__all__ = [
    "adoptions",
    "infer_paths",
    "reported_paths",
    "all_paths",
    "add_spread_edges",
    "find_programme",
    "place_coords",
    "settings",
    "confidence",
]

_DATA = Path(__file__).parent / "data"


@cache
def settings() -> dict[str, float]:
    """``graph/data/spread_settings.txt``: max_km, half_km, half_lag, base_<kind>."""
    out = {}
    for line in (_DATA / "spread_settings.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split()
            out[name] = float(value)
    return out


def confidence(kind: str, distance_km: float | None, lag: int) -> float:
    """How much an inferred path is to be believed, in [0, 1] (docs/spread.md)."""
    cfg = settings()
    c = cfg[f"base_{kind}"]
    c *= 0.5 ** ((distance_km or 0.0) / cfg["half_km"])
    c *= 0.5 ** (max(lag - 1, 0) / cfg["half_lag"])
    return round(min(1.0, max(0.0, c)), 3)


def place_coords(G, place) -> tuple[float, float] | None:
    """``place``'s (lon, lat), else its nearest ancestor's that has them; None without."""
    return _Chains(G).coords(place)


def find_programme(G, name_or_id):
    if name_or_id in G and G.nodes[name_or_id].get("label") == "Programme":
        return name_or_id
    for n, d in G.nodes(data=True):
        if d.get("label") == "Programme" and (
            d.get("name") == name_or_id or name_or_id in (d.get("aliases") or [])
        ):
            return n
    return None


def adoptions(G, programme, *, chains: _Chains | None = None) -> list[dict]:
    """Every place a programme reached, earliest year first (undated last). ``chains``
    spares a caller that asks for many programmes from finding the places' ancestors
    again."""
    chains = chains or _Chains(G)
    out = []
    at, below = _runner_places(G, programme, chains)
    for _, place, _k, d in G.out_edges(programme, keys=True, data=True):
        if d.get("type") != "ADOPTED_IN":
            continue
        # the union located in the place itself, else in its nearest ancestor that has one,
        # else within it (浙江省 → 浙江省总工会, not a city's union that also runs it)
        groups = [at.get(p) for p in [place, *chains.up(place)]] + [below.get(place)]
        unions = sorted(next((g for g in groups if g), ()))
        year = d.get("year")
        out.append(
            {
                "place": G.nodes[place].get("name"),
                "place_id": place,
                "province": chains.province(place),
                "year": year,
                # stores written before year_basis had stated years only
                "year_basis": (d.get("year_basis") or "stated") if year is not None else None,
                "date": d.get("date"),
                "union": unions[0] if unions else None,
                "doc_ids": list(d.get("doc_ids") or []),
                "evidence": list(d.get("evidence") or []),
            }
        )
    out.sort(key=lambda a: (a["year"] is None, a["year"] or 0, a["place"] or ""))
    return out


def _runner_places(G, programme, chains: _Chains) -> tuple[dict, dict]:
    """The names of the unions that run ``programme``, by the place they are located in
    and by every ancestor of that place."""
    at: dict = {}
    below: dict = {}
    for u, _, dd in G.in_edges(programme, data=True):
        if dd.get("type") != "RUNS":
            continue
        name = G.nodes[u].get("name")
        for v in chains.located(u):
            at.setdefault(v, set()).add(name)
            for a in chains.up(v):
                below.setdefault(a, set()).add(name)
    return at, below


def _reported_index(G) -> dict[str, list[tuple]]:
    """Programme id → its reported SPREAD_TO edges ``(u, v, data)``: one pass over the edges
    for all programmes."""
    out: dict[str, list[tuple]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("basis") == "reported" and str(k).startswith("SPREAD_TO|"):
            out.setdefault(str(k)[len("SPREAD_TO|") :], []).append((u, v, d))
    return out


def reported_paths(
    G,
    programme,
    *,
    index: dict | None = None,
    adopted: list[dict] | None = None,
    chains: _Chains | None = None,
) -> list[dict]:
    """The paths of ``programme`` the text reports (``SPREAD_TO`` with basis "reported"),
    with the years of the adoptions at their ends when known. ``index``
    (:func:`_reported_index`) and ``adopted`` (:func:`adoptions`) spare a caller that
    asks for many programmes from computing them again, as ``chains`` does."""
    chains = chains or _Chains(G)
    index = _reported_index(G) if index is None else index
    adopted = adoptions(G, programme, chains=chains) if adopted is None else adopted
    paths = index.get(programme, [])
    first = _first_years(chains, adopted) if paths else {}
    out = []
    for u, v, d in paths:
        fy, ty = first.get(u), first.get(v)
        out.append(
            {
                "from": G.nodes[u].get("name"),
                "to": G.nodes[v].get("name"),
                "from_id": u,
                "to_id": v,
                "basis": "reported",
                "kind": d.get("kind"),
                "confidence": None,
                "distance_km": chains.km(u, v),
                "from_year": fy,
                "to_year": ty,
                "lag": ty - fy if fy is not None and ty is not None else None,
                "doc_ids": list(d.get("doc_ids") or []),
                "evidence": list(d.get("evidence") or []),
            }
        )
    return sorted(out, key=lambda p: (p["from"] or "", p["to"] or ""))


def _first_years(chains: _Chains, adopted: list[dict]) -> dict:
    """Place → the first year it or a place within it adopted (``adopted`` is sorted,
    earliest first): one pass over the adoptions, not one per reported path."""
    first: dict = {}
    for a in adopted:
        if a["year"] is not None:
            for p in [a["place_id"], *chains.up(a["place_id"])]:
                first.setdefault(p, a["year"])
    return first


def _source(
    chains: _Chains, a: dict, earlier: EarlierAdopters, here, inside: str | None = None
) -> tuple[dict, str] | None:
    """The inferred source of adoption ``a`` among the ``earlier`` ones, and its kind;
    with ``inside``, only a source within that place (or the place itself)."""
    ancestors = chains.up(a["place_id"])
    if inside is not None:
        ancestors = ancestors[: ancestors.index(inside) + 1]
    for p in ancestors:
        b = earlier.at(p)
        if b is not None:
            return b, "hierarchical"
    if here is None:
        return None

    def within(b: dict) -> bool:
        up = chains.up(b["place_id"])
        if a["place_id"] in up:
            return False  # a place inside the adopter is no neighbour it learned from
        return inside is None or b["place_id"] == inside or inside in up

    b = earlier.nearest(here, within)
    return (b, "neighbour") if b is not None else None


def infer_paths(
    G,
    programme,
    max_km: float | None = None,
    *,
    index: dict | None = None,
    adopted: list[dict] | None = None,
    chains: _Chains | None = None,
    reported: list[dict] | None = None,
) -> list[dict]:
    """The inferred source of each dated adopter that no reported path reaches (see the
    module docstring); a neighbour only within ``max_km`` (default: the settings').
    ``index``, ``adopted`` and ``chains`` as for :func:`reported_paths`; ``reported``, the
    programme's reported paths when the caller has them."""
    chains = chains or _Chains(G)
    limit = settings()["max_km"] if max_km is None else max_km
    adopted = adoptions(G, programme, chains=chains) if adopted is None else adopted
    if reported is None:
        reported = reported_paths(G, programme, index=index, adopted=adopted, chains=chains)
    reached = {p["to_id"] for p in reported}
    events = [a for a in adopted if a["year"] is not None]  # sorted by year
    coords = [chains.coords(a["place_id"]) for a in events]
    earlier = EarlierAdopters(limit, _distance)
    paths = []
    added = 0  # events[:added] are earlier than the year at hand
    for a, here in zip(events, coords, strict=True):
        while events[added]["year"] < a["year"]:
            earlier.add(events[added], coords[added], added)
            added += 1
        # a place the text says the programme reached needs no guess; within such a place
        # the text told how it came, and only the spread inside it is inferred
        told = a["place_id"] in reached
        inside = next((p for p in chains.up(a["place_id"]) if p in reached), None)
        found = _source(chains, a, earlier, here, inside) if added and not told else None
        if found is None:
            continue
        src, kind = found
        km = chains.km(src["place_id"], a["place_id"])
        lag = a["year"] - src["year"]
        paths.append(
            {
                "from": src["place"],
                "to": a["place"],
                "from_id": src["place_id"],
                "to_id": a["place_id"],
                "basis": "inferred",
                "kind": kind,
                "confidence": confidence(kind, km, lag),
                "distance_km": km,
                "from_year": src["year"],
                "to_year": a["year"],
                "lag": lag,
                "doc_ids": sorted(set(src["doc_ids"]) | set(a["doc_ids"])),
                "evidence": src["evidence"][:1] + a["evidence"][:1],
            }
        )
    return paths


def add_spread_edges(G: nx.MultiDiGraph, max_km: float | None = None) -> int:
    """Give ``G`` the inferred SPREAD_TO edges of every programme (replacing any it has)
    and the years of its reported ones; returns how many paths it holds."""
    for u, v, k in [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data=True)
        if str(k).startswith("SPREAD_TO") and d.get("basis") != "reported"
    ]:
        G.remove_edge(u, v, k)
    n = 0
    index, chains = _reported_index(G), _Chains(G)
    for prog, d in sorted(G.nodes(data=True)):
        if d.get("label") != "Programme":
            continue
        adopted = adoptions(G, prog, chains=chains)
        reported = reported_paths(G, prog, index=index, adopted=adopted, chains=chains)
        for p in reported:
            G.edges[p["from_id"], p["to_id"], f"SPREAD_TO|{prog}"].update(
                {k: p[k] for k in ("from_year", "to_year", "lag", "distance_km")},
                programme=prog,
                programme_name=d.get("name"),
            )
            n += 1
        inferred = infer_paths(G, prog, max_km, adopted=adopted, chains=chains, reported=reported)
        for p in inferred:
            G.add_edge(
                p["from_id"],
                p["to_id"],
                key=f"SPREAD_TO|{prog}",
                type="SPREAD_TO",
                programme=prog,
                programme_name=d.get("name"),
                **{k: p[k] for k in _PATH_PROPS},
            )
            n += 1
    return n


_PATH_PROPS = (
    "from_year",
    "to_year",
    "basis",
    "kind",
    "confidence",
    "distance_km",
    "lag",
    "doc_ids",
    "evidence",
)


def all_paths(G, programme, max_km: float | None = None) -> list[dict]:
    """The reported paths of ``programme``, then the inferred ones."""
    chains = _Chains(G)
    adopted = adoptions(G, programme, chains=chains)
    reported = reported_paths(G, programme, adopted=adopted, chains=chains)
    return reported + infer_paths(
        G, programme, max_km, adopted=adopted, chains=chains, reported=reported
    )
