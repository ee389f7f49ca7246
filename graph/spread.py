"""How a programme spread: adoption events and inferred diffusion paths (docs/spread.md).

An *adoption* is an ``ADOPTED_IN`` edge Programme → Place, dated by the earliest year
any document gives (never invented: undated adopters stay undated). Each dated
adopter's most likely *source* is, in this order:

1. ``hierarchical``: the nearest of its administrative ancestors (via ``PART_OF``)
   that adopted earlier — top-down promotion, province → city → county;
2. ``neighbour``: else the nearest earlier adopter by great-circle distance
   (towns and streets take their nearest ancestor's coordinates).

"Earlier" means a strictly smaller year. Undated adopters are shown but start and
receive no inferred path. Paths are added to the graph as ``SPREAD_TO`` Place → Place
edges keyed ``SPREAD_TO|<programme id>`` with ``programme``, ``programme_name``,
``from_year``, ``to_year``, ``kind``, ``lag`` and the evidence of both ends.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["adoptions", "infer_paths", "add_spread_edges", "spread_table", "top_programmes"]


def _ancestors(G, place) -> list:
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


def _coords(G, place):
    for p in [place, *_ancestors(G, place)]:
        d = G.nodes[p]
        if d.get("lon") is not None and d.get("lat") is not None:
            return float(d["lon"]), float(d["lat"])
    return None


def _province(G, place):
    chain = [place, *_ancestors(G, place)]
    for p in chain:
        if G.nodes[p].get("level") == "province":
            return G.nodes[p].get("name")
    return G.nodes[chain[-1]].get("name")


def _distance(a, b) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def find_programme(G, name_or_id):
    if name_or_id in G and G.nodes[name_or_id].get("label") == "Programme":
        return name_or_id
    for n, d in G.nodes(data=True):
        if d.get("label") == "Programme" and (
            d.get("name") == name_or_id or name_or_id in (d.get("aliases") or [])
        ):
            return n
    return None


def _unions_by_place(G, programme, ancestors) -> tuple[dict, dict]:
    """The names of the unions running ``programme``, by the places they are LOCATED_IN
    and by those places' ancestors: read once per programme, not once per adoption
    (the edges of a programme and of a union grow with the corpus)."""
    at: dict = {}
    above: dict = {}
    for u, _, dd in G.in_edges(programme, data=True):
        if dd.get("type") != "RUNS":
            continue
        name = G.nodes[u].get("name")
        for _, v, de in G.out_edges(u, data=True):
            if de.get("type") == "LOCATED_IN":
                at.setdefault(v, []).append(name)
                for w in ancestors(v):
                    above.setdefault(w, []).append(name)
    return at, above


def adoptions(G, programme) -> list[dict]:
    """Every place a programme reached, earliest year first (undated last). Its union is
    the first by name of the unions running it located at the place, above it or below
    it (via PART_OF)."""
    memo: dict = {}

    def ancestors(place) -> list:
        if place not in memo:
            memo[place] = _ancestors(G, place)
        return memo[place]

    at, above = _unions_by_place(G, programme, ancestors)
    out = []
    for _, place, _k, d in G.out_edges(programme, keys=True, data=True):
        if d.get("type") != "ADOPTED_IN":
            continue
        unions = sorted(
            [*above.get(place, ()), *(n for p in [place, *ancestors(place)] for n in at.get(p, ()))]
        )
        out.append(
            {
                "place": G.nodes[place].get("name"),
                "place_id": place,
                "province": _province(G, place),
                "year": d.get("year"),
                "date": d.get("date"),
                "union": unions[0] if unions else None,
                "doc_ids": list(d.get("doc_ids") or []),
                "evidence": list(d.get("evidence") or []),
            }
        )
    out.sort(key=lambda a: (a["year"] is None, a["year"] or 0, a["place"] or ""))
    return out


def infer_paths(G, programme) -> list[dict]:
    """The inferred source of each dated adopter (see the module docstring)."""
    events = [a for a in adoptions(G, programme) if a["year"] is not None]
    # events come earliest first: a place's first event is its earliest
    first: dict = {}
    for b in events:
        first.setdefault(b["place_id"], b)
    coords = {b["place_id"]: _coords(G, b["place_id"]) for b in events}
    paths = []
    for a in events:
        earlier = [b for b in events if b["year"] < a["year"]]
        if not earlier:
            continue
        anc = _ancestors(G, a["place_id"])
        src, kind = None, None
        for p in anc:
            if p in first and first[p]["year"] < a["year"]:
                src, kind = first[p], "hierarchical"
                break
        if src is None:
            here = coords[a["place_id"]]
            if here is None:
                continue
            ranked = sorted(
                (b for b in earlier if coords[b["place_id"]]),
                key=lambda b: (_distance(here, coords[b["place_id"]]), -b["year"], b["place"]),
            )
            if not ranked:
                continue
            src, kind = ranked[0], "neighbour"
        paths.append(
            {
                "from": src["place"],
                "to": a["place"],
                "from_id": src["place_id"],
                "to_id": a["place_id"],
                "kind": kind,
                "from_year": src["year"],
                "to_year": a["year"],
                "lag": a["year"] - src["year"],
                "doc_ids": sorted(set(src["doc_ids"]) | set(a["doc_ids"])),
                "evidence": src["evidence"][:1] + a["evidence"][:1],
            }
        )
    return paths


def add_spread_edges(G: nx.MultiDiGraph) -> int:
    """Add the inferred SPREAD_TO edges of every programme to ``G``; returns how many."""
    for u, v, k in [(u, v, k) for u, v, k in G.edges(keys=True) if str(k).startswith("SPREAD_TO")]:
        G.remove_edge(u, v, k)
    n = 0
    for prog, d in sorted(G.nodes(data=True)):
        if d.get("label") != "Programme":
            continue
        for p in infer_paths(G, prog):
            G.add_edge(
                p["from_id"],
                p["to_id"],
                key=f"SPREAD_TO|{prog}",
                type="SPREAD_TO",
                programme=prog,
                programme_name=d.get("name"),
                from_year=p["from_year"],
                to_year=p["to_year"],
                kind=p["kind"],
                lag=p["lag"],
                doc_ids=p["doc_ids"],
                evidence=p["evidence"],
            )
            n += 1
    return n


def spread_table(G, programme) -> dict:
    """The ``unionkg spread PROGRAMME --format json`` document."""
    return {
        "programme": G.nodes[programme].get("name"),
        "adoptions": [
            {k: a[k] for k in ("place", "province", "year", "date", "union", "doc_ids")}
            for a in adoptions(G, programme)
        ],
        "paths": [
            {k: p[k] for k in ("from", "to", "kind", "from_year", "to_year")}
            for p in infer_paths(G, programme)
        ],
    }


def top_programmes(G, n: int = 20) -> list[dict]:
    """Programmes by number of places they reached."""
    rows = []
    for prog, d in G.nodes(data=True):
        if d.get("label") != "Programme":
            continue
        places = {v for _, v, dd in G.out_edges(prog, data=True) if dd.get("type") == "ADOPTED_IN"}
        years = [
            dd.get("year")
            for _, _, dd in G.out_edges(prog, data=True)
            if dd.get("type") == "ADOPTED_IN" and dd.get("year") is not None
        ]
        rows.append(
            {
                "programme": d.get("name"),
                "places": len(places),
                "first_year": min(years) if years else None,
            }
        )
    rows.sort(key=lambda r: (-r["places"], r["programme"]))
    return rows[:n]
