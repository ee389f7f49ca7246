"""What ``unionkg spread`` prints: one programme's adoptions and paths as a JSON document
(:func:`spread_table`) or as flat rows for a spreadsheet (:func:`spread_rows`), and the
programmes that reached the most places (:func:`top_programmes`). The adoptions and paths
come from :mod:`graph.spread` (docs/spread.md)."""

from __future__ import annotations

from .spread import adoptions, all_paths

__all__ = ["spread_table", "spread_rows", "top_programmes"]


def spread_table(G, programme, max_km: float | None = None) -> dict:
    """The ``unionkg spread PROGRAMME --format json`` document."""
    return {
        "programme": G.nodes[programme].get("name"),
        "adoptions": [
            {
                k: a[k]
                for k in ("place", "province", "year", "year_basis", "date", "union", "doc_ids")
            }
            for a in adoptions(G, programme)
        ],
        "paths": [
            {
                k: p[k]
                for k in (
                    "from",
                    "to",
                    "basis",
                    "kind",
                    "confidence",
                    "distance_km",
                    "from_year",
                    "to_year",
                    "doc_ids",
                )
            }
            | {"evidence": [e.get("sentence") for e in p["evidence"] if isinstance(e, dict)]}
            for p in all_paths(G, programme, max_km)
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


_ROW_KEYS = (
    "record",
    "programme",
    "place",
    "from",
    "to",
    "province",
    "year",
    "year_basis",
    "from_year",
    "to_year",
    "basis",
    "kind",
    "confidence",
    "distance_km",
    "union",
    "doc_ids",
    "evidence",
)


def spread_rows(G, programme, max_km: float | None = None) -> list[dict]:
    """One flat row per adoption, then per path (reported first), for a spreadsheet
    (``unionkg spread PROGRAMME --format csv``): doc ids joined by ``;``, evidence
    sentences by `` | ``."""
    name = G.nodes[programme].get("name")
    rows = [{"record": "adoption", **a} for a in adoptions(G, programme)] + [
        {"record": "path", **p} for p in all_paths(G, programme, max_km)
    ]
    out = []
    for r in rows:
        row = {k: r.get(k) for k in _ROW_KEYS} | {"programme": name}
        row["doc_ids"] = ";".join(r.get("doc_ids") or [])
        row["evidence"] = " | ".join(
            e.get("sentence", "") for e in r.get("evidence") or [] if isinstance(e, dict)
        )
        out.append(row)
    return out
