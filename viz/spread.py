"""The spread map of one programme: its places at their real coordinates, coloured
by adoption year, SPREAD_TO arrows labelled with kind and lag, and province names
for orientation. See docs/maps.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NoAdoptionsError
from .graphdata import (
    clip,
    edge_details,
    edge_evidence,
    edge_tip,
    evidence_line,
    find_node,
    first_evidence,
    node_details,
    node_name,
    year_of,
)
from .layout import Projection, geo_positions
from .network import network_payload, new_network, spread_options
from .places import NamedPoint, adcode_of, anchor, own_coords, province_labels
from .style import EDGE_COLOURS, SPREAD_KIND_ZH, UNDATED_COLOUR, year_colours
from .templates import back_links, render_page, write_page

__all__ = [
    "render_spread",
    "spread_programmes",
    "spread_filename",
    "spread_edges",
    "spread_page",
]

# An edge as this module passes it around: (u, v, data).
Edge = tuple[Hashable, Hashable, Mapping]


def spread_programmes(G: Any) -> list:
    """Programme nodes with ADOPTED_IN edges to two or more places, sorted by name."""
    out = []
    for n, d in G.nodes(data=True):
        if d.get("label") != "Programme":
            continue
        places = {v for _u, v, e in G.out_edges(n, data=True) if e.get("type") == "ADOPTED_IN"}
        if len(places) >= 2:
            out.append(n)
    return sorted(out, key=lambda n: (node_name(G, n), str(n)))


def spread_edges(G: Any) -> dict:
    """SPREAD_TO edges ``(u, v, data)`` per ``programme`` property, in graph order:
    one pass over the edges, shared by every spread map of a ``write_maps`` call."""
    out: dict = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "SPREAD_TO":
            try:
                out[d.get("programme")].append((u, v, d))
            except TypeError:  # an unhashable value is no node id, so no programme's
                pass
    return out


def spread_filename(G: Any, programme: Hashable) -> str:
    """``spread-<slug>-<hash>.html`` for a programme node: the slug keeps letters and
    digits of the name (Chinese included), anything else becomes ``-``; the hash of
    the node id keeps names that slug alike apart. Never contains a path separator."""
    name = unicodedata.normalize("NFKC", node_name(G, programme))
    slug = re.sub(r"[^\w]+", "-", name).strip("-_.")[:40].strip("-_.") or "programme"
    digest = hashlib.sha1(str(programme).encode("utf-8")).hexdigest()[:8]
    filename = f"spread-{slug}-{digest}.html"
    assert "/" not in filename and "\\" not in filename and ".." not in filename
    return filename


def render_spread(
    G: Any,
    programme_name_or_id: object,
    path: str | os.PathLike,
    *,
    back_href: str | None = None,
) -> Path:
    """Write the spread map of one programme: its places at their real coordinates,
    coloured by adoption year, SPREAD_TO arrows labelled with kind and lag, province
    names for orientation. Raises ``NodeNotFoundError`` / ``NoAdoptionsError``."""
    prog = find_node(G, programme_name_or_id, label="Programme")
    return spread_page(G, prog, path, back_href=back_href)


# ------------------------------------------------------------------ the places


def _adoptions(G: Any, prog: Hashable) -> dict:
    """place -> (year, ADOPTED_IN edge data): the earliest dated adoption per place."""
    adoptions: dict = {}
    for _u, place, d in G.out_edges(prog, data=True):
        if d.get("type") == "ADOPTED_IN":
            year = year_of(d.get("year"))
            old = adoptions.get(place)
            if old is None or (year is not None and (old[0] is None or year < old[0])):
                adoptions[place] = (year, d)
    return adoptions


@dataclass
class _Placement:
    """The places of a map by where their position comes from."""

    own: dict = field(default_factory=dict)  # place -> its (lon, lat)
    anchored: dict = field(default_factory=dict)  # place -> (ancestor, its (lon, lat))
    unknown: list = field(default_factory=list)  # no coordinates at all

    @classmethod
    def of(cls, G: Any, places: Sequence[Hashable]) -> _Placement:
        """Coordinates: own, else nearest ancestor's (offset later), else unknown."""
        placement = cls()
        for n in places:
            coords = own_coords(G, n)
            if coords:
                placement.own[n] = coords
                continue
            parent, coords = anchor(G, n)
            if coords:
                placement.anchored[n] = (parent, coords)
            else:
                placement.unknown.append(n)
        return placement


def _places(G: Any, prog: Hashable, adoptions: Mapping, spreads: Sequence[Edge]) -> list:
    """The places to draw, sorted by name: adopters, then SPREAD_TO endpoints."""
    places = list(adoptions)
    for u, v, _d in spreads:
        for x in (u, v):
            if x not in adoptions and x not in places:
                places.append(x)
    if not places:
        raise NoAdoptionsError(
            f"programme {node_name(G, prog)!r} has no ADOPTED_IN or SPREAD_TO places to map; "
            "`unionkg spread --top 20` lists the programmes adopted in places"
        )
    places.sort(key=lambda n: (node_name(G, n), str(n)))
    return places


# ------------------------------------------------------------------ the network


def _add_province_names(
    net: Any,
    G: Any,
    places: Sequence[Hashable],
    labels: Mapping[str, NamedPoint],
    proj: Projection,
) -> None:
    """Grey province names for orientation (drawn first so data sits on top), those in
    the map's area whose province is not itself one of the places."""
    bbox = proj.bbox(2.5, 2.0)
    data_provinces = {
        (adcode_of(G.nodes[n]) or "")[:2] for n in places if G.nodes[n].get("level") == "province"
    }
    deco_id = -1
    for key, (name, lon, lat) in sorted(labels.items()):
        if key in data_provinces or not (bbox[0] <= lon <= bbox[1] and bbox[2] <= lat <= bbox[3]):
            continue
        x, y = proj(lon, lat)
        net.add_node(
            deco_id,
            label=clip(name, 20),
            shape="text",
            x=x,
            y=y - 30,
            fixed=True,
            physics=False,
            chosen=False,
            deco=True,
            font={"size": 18, "color": "#cfcfcf", "strokeWidth": 0},
        )
        deco_id -= 1


def _place_tip(
    G: Any, n: Hashable, year: int | None, edge: Mapping | None, where: _Placement
) -> list[str]:
    """Tooltip lines of a place: name, level, adoption year, where it is drawn, evidence."""
    d = G.nodes[n]
    tip = [
        clip(node_name(G, n), 80),
        f"类型 type: 地点 Place ({d.get('level') or '?'})",
        f"采用年份 adopted: {year if year is not None else '未注明 undated'}",
    ]
    if n in where.anchored:
        tip.append(f"位置取自上级 placed at: {clip(node_name(G, where.anchored[n][0]), 40)}")
    elif n in where.unknown:
        tip.append("位置未知 location unknown")
    ev = edge_evidence(edge) if edge is not None else None
    ev = ev or first_evidence(G, n)
    if ev:
        tip.append(evidence_line(ev))
    return tip


def _add_places(
    net: Any,
    G: Any,
    places: Sequence[Hashable],
    adoptions: Mapping,
    where: _Placement,
    xy: Mapping[Hashable, tuple[float, float]],
) -> tuple[dict, dict[int, str]]:
    """One fixed node per place, coloured by adoption year. Returns the node index
    (place -> vis id) and the year colours."""
    years = [y for y, _d in adoptions.values() if y is not None]
    colours = year_colours(years) if years else {}
    index: dict = {}
    for i, n in enumerate(places):
        index[n] = i
        year, edge = adoptions.get(n, (None, None))
        details = node_details(G, n)
        details["props"] = [["adopted", "" if year is None else str(year)]] + details["props"]
        label = clip(node_name(G, n), 16) + ("" if year is None else f" {year}")
        x, y = xy[n]
        net.add_node(
            i,
            label=label,
            shape="dot",
            color={"background": colours.get(year, UNDATED_COLOUR), "border": "#444444"},
            x=x,
            y=y,
            fixed=True,
            physics=False,
            tip=_place_tip(G, n, year, edge, where),
            ukg=details,
            t="Place",
            size=14 if n in where.own else 10,
        )
    return index, colours


def _add_spread_edges(
    net: Any, G: Any, spreads: Sequence[Edge], index: Mapping[Hashable, int]
) -> None:
    for eid, (u, v, d) in enumerate(spreads):
        kind = d.get("kind")
        lag = d.get("lag")
        label = (
            f"{SPREAD_KIND_ZH.get(kind, clip(kind or '', 12))} +{lag}年"
            if lag is not None
            else SPREAD_KIND_ZH.get(kind, clip(kind or "", 12))
        )
        net.add_edge(
            index[u],
            index[v],
            id=eid,
            label=label,
            tip=edge_tip(G, u, v, d),
            ukg=edge_details(G, u, v, d),
            t="SPREAD_TO",
        )


# ------------------------------------------------------------------ the page


def _legend(colours: Mapping[int, str], undated: bool) -> list[dict]:
    legend = [{"text": str(y), "color": colours[y], "symbol": "●"} for y in sorted(colours)]
    if undated:
        legend.append({"text": "未注明年份 undated", "color": UNDATED_COLOUR, "symbol": "●"})
    legend.append(
        {
            "text": "扩散 SPREAD_TO（类型 +滞后年数 kind +lag）",
            "color": EDGE_COLOURS["SPREAD_TO"],
            "symbol": "➜",
        }
    )
    legend.append({"text": "浅灰字：省份方位 province names", "color": "#bdbdbd", "symbol": "省"})
    return legend


def _note(where: _Placement) -> str:
    notes = []
    if where.anchored:
        notes.append(
            f"{len(where.anchored)} 个地点无坐标，画在上级地点旁 placed next to their parent place"
        )
    if where.unknown:
        notes.append(f"{len(where.unknown)} 个地点位置未知，列在底部 listed at the bottom")
    return "；".join(notes)


def spread_page(
    G: Any,
    prog: Hashable,
    path: str | os.PathLike,
    *,
    back_href: str | None = None,
    spreads: Mapping | None = None,
    labels: Mapping[str, NamedPoint] | None = None,
) -> Path:
    """``render_spread`` of the programme node ``prog``. ``write_maps`` passes
    ``spreads`` (``spread_edges(G)``) and ``labels`` (``places.province_labels(G)``),
    computed once for all programmes; on their own, they are computed here."""
    adoptions = _adoptions(G, prog)
    edges = list((spread_edges(G) if spreads is None else spreads).get(prog, ()))
    places = _places(G, prog, adoptions, edges)
    where = _Placement.of(G, places)
    xy, proj = geo_positions(where.own, where.anchored, where.unknown)

    net = new_network(spread_options())
    _add_province_names(net, G, places, province_labels(G) if labels is None else labels, proj)
    index, colours = _add_places(net, G, places, adoptions, where, xy)
    _add_spread_edges(net, G, edges, index)

    payload = network_payload(net)
    undated = any(adoptions.get(n, (None,))[0] is None for n in places)
    payload["legend"] = _legend(colours, undated)
    payload["legend_title"] = "采用年份 Adoption year"
    payload["links"] = back_links(back_href)
    payload["note"] = _note(where)
    payload["layout"] = {
        "precomputed": True,
        "physics": False,
        "nodes": len(places),
        "projection": proj.as_json(),
    }
    title = f"{clip(node_name(G, prog), 60)} · 扩散地图 spread map"
    subtitle = (
        f"{len(places)} 个地点 places · {len(edges)} 条扩散 spread edges · "
        "经纬度等距投影，北在上 equirectangular, north up"
    )
    return write_page(path, render_page("spread", title, payload, subtitle=subtitle))
