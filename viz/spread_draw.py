"""The nodes, edges and legend of a spread map (viz/spread.py assembles the page).

Places sit at their own coordinates, or exactly on their nearest ancestor's point
with a dashed ring and a ``≈`` when they have none (never at an invented offset);
labels of places drawn on the same point are stacked under it. A place's year says its
basis: ``2019`` stated in the text, ``见报2019`` the year its article first reported it.
SPREAD_TO edges are drawn by their ``basis``: reported solid, inferred dashed and
fainter (viz/style.py ``SPREAD_BASIS_STYLE``). See docs/maps.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import NoAdoptionsError
from .graphdata import (
    clip,
    edge_details,
    edge_evidence,
    edge_tip,
    evidence_line,
    first_evidence,
    node_details,
    node_name,
    year_of,
)
from .layout import Projection
from .places import NamedPoint, adcode_of, anchor, own_coords
from .style import SPREAD_BASIS_STYLE, SPREAD_KIND_ZH, UNDATED_COLOUR, translucent, year_colours

# An edge as this module passes it around: (u, v, data).
Edge = tuple[Hashable, Hashable, Mapping]
# Per place: (year, year basis "stated" | "reported" | None, the ADOPTED_IN edge data).
Adoption = tuple[int | None, str | None, Mapping | None]
LABEL_STEP = 17  # px between stacked labels of places drawn on one point
SIZE, APPROX_SIZE = 11, 17  # dot radius of a place at its own point / at its parent's
NEAR_PX = 40  # places closer than this (px), directly or in a chain, share a stack of labels


def year_basis(d: Mapping, year: int | None) -> str | None:
    """``stated`` / ``reported`` from an ADOPTED_IN edge; a year without a basis
    (data from before the basis existed) was one the text stated."""
    if year is None:
        return None
    return "reported" if d.get("year_basis") == "reported" else "stated"


def path_basis(d: Mapping) -> str:
    """``reported`` or ``inferred`` (missing on old data: inferred)."""
    return "reported" if d.get("basis") == "reported" else "inferred"


def adoptions(G: Any, prog: Hashable) -> dict[Hashable, Adoption]:
    """Place -> its earliest dated adoption (a stated year before a reported one of
    the same year), else an undated one."""
    out: dict[Hashable, Adoption] = {}
    for _u, place, d in G.out_edges(prog, data=True):
        if d.get("type") != "ADOPTED_IN":
            continue
        year = year_of(d.get("year"))
        basis = year_basis(d, year)
        new = (year, basis, d)
        old = out.get(place)
        if old is None or (year is not None and (old[0] is None or _earlier(new, old))):
            out[place] = new
    return out


def _earlier(new: Adoption, old: Adoption) -> bool:
    assert new[0] is not None and old[0] is not None
    return (new[0], new[1] != "stated") < (old[0], old[1] != "stated")


@dataclass
class Placement:
    """The places of a map by where their position comes from."""

    own: dict = field(default_factory=dict)  # place -> its (lon, lat)
    anchored: dict = field(default_factory=dict)  # place -> (ancestor, its (lon, lat))
    unknown: list = field(default_factory=list)  # no coordinates at all

    @classmethod
    def of(cls, G: Any, places: Sequence[Hashable]) -> Placement:
        """Coordinates: own, else the nearest ancestor's, else unknown."""
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


def map_places(G: Any, prog: Hashable, adopted: Mapping, spreads: Sequence[Edge]) -> list:
    """The places to draw, sorted by name: adopters, then SPREAD_TO endpoints."""
    places = list(adopted)
    seen = set(places)
    for u, v, _d in spreads:
        for x in (u, v):
            if x not in seen:
                seen.add(x)
                places.append(x)
    if not places:
        raise NoAdoptionsError(
            f"programme {node_name(G, prog)!r} has no ADOPTED_IN or SPREAD_TO places to map; "
            "pick one that `unionkg spread --top 20` lists"
        )
    places.sort(key=lambda n: (node_name(G, n), str(n)))
    return places


def add_province_names(
    net: Any,
    G: Any,
    places: Sequence[Hashable],
    labels: Mapping[str, NamedPoint],
    proj: Projection,
    xy: Mapping,
) -> None:
    """Grey province names for orientation (drawn first so data sits on top), those in
    the map's area whose province is not itself one of the places and whose name would
    not cover a place (at ``xy``) or its label."""
    bbox = proj.bbox(2.5, 2.0)
    data_provinces = {
        (adcode_of(G.nodes[n]) or "")[:2] for n in places if G.nodes[n].get("level") == "province"
    }
    taken = [xy[n] for n in places]
    deco_id = -1
    for key, (name, lon, lat) in sorted(labels.items()):
        if key in data_provinces or not (bbox[0] <= lon <= bbox[1] and bbox[2] <= lat <= bbox[3]):
            continue
        x, y = proj(lon, lat)
        if any(abs(px - x) < 90 and abs(py - (y - 30)) < 45 for px, py in taken):
            continue  # it would cover a place or its label
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
            font={"size": 18, "color": "#a9a9a9", "strokeWidth": 0},
        )
        deco_id -= 1


def year_text(year: int | None, basis: str | None) -> str:
    if year is None:
        return ""
    return f"见报{year}" if basis == "reported" else str(year)


def _place_tip(G: Any, n: Hashable, adoption: Adoption, where: Placement) -> list[str]:
    """Tooltip lines of a place: name, level, adoption year and its basis, where it
    is drawn, evidence."""
    year, basis, edge = adoption
    d = G.nodes[n]
    when = "未注明 undated"
    if year is not None:
        when = (
            f"{year}（文中所述 stated）"
            if basis == "stated"
            else f"{year}（首次见报 first reported）"
        )
    tip = [
        clip(node_name(G, n), 80),
        f"类型 type: 地点 Place ({d.get('level') or '?'})",
        f"采用年份 adopted: {when}",
    ]
    if n in where.anchored:
        parent = clip(node_name(G, where.anchored[n][0]), 40)
        tip.append(f"位置近似：画在上级 {parent} 的位置 approximate: drawn at {parent}'s point")
    elif n in where.unknown:
        tip.append("位置未知 location unknown")
    ev = (edge_evidence(edge) if edge is not None else None) or first_evidence(G, n)
    if ev:
        tip.append(evidence_line(ev))
    return tip


def _groups(places: Sequence[Hashable], xy: Mapping, where: Placement) -> list:
    """Places linked by chains of points less than ``NEAR_PX`` apart, as
    ``[(the first place's point, [places])]``, places at their own point first, then by
    name. Only distinct points go in the grid of ``NEAR_PX`` cells, so places piled on
    one point cost nothing extra and the whole stays linear."""
    order = sorted(places, key=lambda n: n in where.anchored)
    rank = {n: i for i, n in enumerate(order)}
    root = {n: n for n in order}

    def find(n: Hashable) -> Hashable:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    def join(a: Hashable, b: Hashable) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, other = (ra, rb) if rank[ra] < rank[rb] else (rb, ra)
            root[other] = first

    first_at: dict = {}
    grid: dict = defaultdict(list)
    for n in order:
        x, y = xy[n]
        if (x, y) in first_at:
            join(first_at[(x, y)], n)
            continue
        first_at[(x, y)] = n
        cx, cy = int(x // NEAR_PX), int(y // NEAR_PX)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for m in grid.get((cx + dx, cy + dy), ()):
                    if abs(xy[m][0] - x) < NEAR_PX and abs(xy[m][1] - y) < NEAR_PX:
                        join(m, n)
        grid[(cx, cy)].append(n)
    members: dict = defaultdict(list)
    for n in order:
        members[find(n)].append(n)
    return [(xy[group[0]], group) for group in members.values()]


def _label_shift(places: Sequence[Hashable], xy: Mapping, where: Placement) -> dict:
    """Place -> how far (px) its label moves down, so that the labels of places drawn
    on one point (or nearly) stack under it, the place that owns the point first. vis
    puts a label just under the dot, so a smaller or higher dot's label moves further."""
    shift = {}
    for (_ax, ay), members in _groups(places, xy, where):
        for rank, n in enumerate(members):
            size = APPROX_SIZE if n in where.anchored else SIZE
            lift = ay - xy[n][1] + APPROX_SIZE - size + LABEL_STEP * rank
            shift[n] = 0 if len(members) == 1 else round(lift, 1)
    return shift


def add_places(
    net: Any, G: Any, places: Sequence[Hashable], adopted: Mapping, where: Placement, xy: Mapping
) -> tuple[dict, dict[int, str]]:
    """One fixed node per place, coloured by adoption year; approximate places first,
    so a place drawn at their point sits on top of their ring. Returns the node index
    (place -> vis id) and the year colours."""
    years = [a[0] for a in adopted.values() if a[0] is not None]
    colours = year_colours(years) if years else {}
    order = sorted(places, key=lambda n: n not in where.anchored)
    shift = _label_shift(places, xy, where)
    index: dict = {}
    for i, n in enumerate(order):
        index[n] = i
        year, basis, _edge = adoption = adopted.get(n, (None, None, None))
        approx = n in where.anchored
        details = node_details(G, n)
        details["props"] = [["adopted", year_text(year, basis)]] + details["props"]
        colour = colours.get(year, UNDATED_COLOUR) if year is not None else UNDATED_COLOUR
        when = year_text(year, basis)
        x, y = xy[n]
        net.add_node(
            i,
            label=("≈" if approx else "")
            + clip(node_name(G, n), 16)
            + (f" {when}" if when else ""),
            shape="dot",
            color={
                "background": translucent(colour, 0.3) if approx else colour,
                "border": colour if approx else "#444444",
            },
            borderWidth=2 if approx else 1,
            shapeProperties={"borderDashes": [4, 3] if approx else False},
            font={"vadjust": shift[n]},
            x=x,
            y=y,
            fixed=True,
            physics=False,
            tip=_place_tip(G, n, adoption, where),
            ukg=details,
            t="Place",
            yr=year,
            yb=basis,
            ap=approx,
            uk=n in where.unknown,
            size=APPROX_SIZE if approx else SIZE,
        )
    return index, colours


def edge_label(d: Mapping) -> str:
    basis, kind, lag = path_basis(d), d.get("kind"), d.get("lag")
    label = f"{SPREAD_BASIS_STYLE[basis]['zh']}·{SPREAD_KIND_ZH.get(kind, clip(kind or '', 12))}"
    return label + (f" +{lag}年" if isinstance(lag, int) and not isinstance(lag, bool) else "")


def add_spread_edges(
    net: Any, G: Any, spreads: Sequence[Edge], index: Mapping, xy: Mapping
) -> None:
    """The SPREAD_TO edges, each styled by its basis (reported solid, inferred dashed).
    A path between places drawn on one point has no length to draw: no label either
    (its tooltip and panel still say what it is)."""
    for eid, (u, v, d) in enumerate(spreads):
        basis = path_basis(d)
        look = SPREAD_BASIS_STYLE[basis]
        net.add_edge(
            index[u],
            index[v],
            id=eid,
            label=edge_label(d) if xy[u] != xy[v] else "",
            color={"color": look["color"], "inherit": False},
            width=look["width"],
            dashes=look["dashes"],
            tip=edge_tip(G, u, v, d),
            ukg=edge_details(G, u, v, d),
            t="SPREAD_TO",
            yr=year_of(d.get("to_year")),
            b=basis,
        )


def legend(
    colours: Mapping[int, str],
    *,
    undated: bool,
    reported_years: bool,
    approx: bool,
    bases: set[str],
) -> list[dict]:
    """Legend rows: years, year basis, approximate places, the two kinds of path."""
    rows = [{"text": str(y), "color": colours[y], "symbol": "●"} for y in sorted(colours)]
    if undated:
        rows.append({"text": "未注明年份 undated", "color": UNDATED_COLOUR, "symbol": "●"})
    if reported_years:
        rows.append(
            {
                "text": "见报2019：首次见报年份，文中未写明 year first reported, not stated",
                "color": "#444444",
                "symbol": "报",
                "key": "year-basis",
            }
        )
    if approx:
        rows.append(
            {
                "text": "≈ 虚线圈：无自身坐标，画在上级地点上 approximate: at its parent's point",
                "color": "#444444",
                "symbol": "◌",
                "key": "approx",
            }
        )
    for basis, text in (
        ("reported", "文中报道的扩散 reported by the text"),
        ("inferred", "推断的扩散（层级/邻近） inferred (hierarchy, distance)"),
    ):
        if basis in bases:
            look = SPREAD_BASIS_STYLE[basis]
            line = "dashed" if look["dashes"] else "solid"
            rows.append({"text": text, "color": look["color"], "line": line, "key": basis})
    rows.append({"text": "浅灰字：省份方位 province names", "color": "#a9a9a9", "symbol": "省"})
    return rows
