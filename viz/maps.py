"""The map pages: overview, ego map, programme spread map, and ``write_maps`` which
writes the whole set (explorer ``index.html`` linking the others).

All pages are offline (no network request at all) and escape every graph string;
see docs/maps.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from .errors import InvalidOptionError, NoAdoptionsError
from .explorer import PageMemo, _explorer, graph_payload
from .graphdata import (
    EDGE_COLOURS,
    FONT_FACE,
    SPREAD_KIND_ZH,
    _adcode,
    adcode_table,
    check_size,
    clip,
    edge_details,
    edge_tip,
    find_node,
    first_evidence,
    network_payload,
    new_network,
    node_details,
    node_name,
    ordered_subgraph,
    parents,
    province_table,
    year_of,
)
from .templates import render_page, safe_href, write_page

__all__ = [
    "render_overview",
    "render_ego",
    "render_spread",
    "write_maps",
    "spread_programmes",
    "spread_filename",
]

# Adoption-year colours, earliest to latest (plasma, cut before its pale end so
# every colour reads on white).
YEAR_PALETTE = ["#0d0887", "#5302a3", "#8b0aa5", "#b83289", "#db5c68", "#f48849", "#febd2a"]
UNDATED_COLOUR = "#bdbdbd"
OVERVIEW_TITLE = "工会知识图谱 · 总览 Overview"


def _links(back_href: str | None) -> list[dict]:
    return [{"text": "← 探索页 Explorer", "href": safe_href(back_href)}] if back_href else []


def render_overview(
    G,
    path: str | os.PathLike,
    *,
    title: str = OVERVIEW_TITLE,
    include_documents: bool = False,
    back_href: str | None = None,
) -> Path:
    """Write the whole graph as one page (Document nodes left out unless asked for:
    they mention nearly everything and would knot the drawing). Returns ``path``."""
    return _overview(G, path, title=title, include_documents=include_documents, back_href=back_href)


def _overview(
    G,
    path,
    *,
    title=OVERVIEW_TITLE,
    include_documents=False,
    back_href=None,
    memo: PageMemo | None = None,
) -> Path:
    H = G
    if not include_documents and any(d.get("label") != "Document" for _n, d in G.nodes(data=True)):
        H = G.subgraph([n for n, d in G.nodes(data=True) if d.get("label") != "Document"])
    payload = graph_payload(H, memo=memo)
    payload["links"] = _links(back_href)
    subtitle = f"{H.number_of_nodes()} 个节点 nodes · {H.number_of_edges()} 条关系 edges"
    if H is not G:
        subtitle += " · 不含文档节点 documents not shown"
    return write_page(path, render_page("overview", title, payload, subtitle=subtitle))


def render_ego(
    G,
    name_or_id,
    path: str | os.PathLike,
    radius: int = 1,
    *,
    back_href: str | None = None,
) -> Path:
    """Write the neighbourhood of one node (edges followed both ways, ``radius`` hops).

    ``name_or_id`` is a node id, name or alias; raises ``NodeNotFoundError`` (naming
    close matches) or ``AmbiguousNodeError``.
    """
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 0:
        raise InvalidOptionError(f"radius must be a whole number >= 0, got {radius!r}")
    center = find_node(G, name_or_id)
    H = ordered_subgraph(G, nx.ego_graph(G, center, radius=radius, undirected=True))
    payload = graph_payload(H, center=center)
    payload["links"] = _links(back_href)
    name = node_name(G, center)
    title = f"{clip(name, 60)} · 邻域 ego map (radius {radius})"
    subtitle = f"{center} · {H.number_of_nodes()} 个节点 nodes · {H.number_of_edges()} 条关系 edges"
    return write_page(path, render_page("ego", title, payload, subtitle=subtitle))


# ------------------------------------------------------------------ spread maps


def _finite(x) -> float | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _own_coords(G, n):
    d = G.nodes[n]
    lon, lat = _finite(d.get("lon")), _finite(d.get("lat"))
    if lon is not None and lat is not None and -180 <= lon <= 180 and -90 <= lat <= 90:
        return lon, lat
    code = _adcode(d)
    if code and code in adcode_table():
        _name, lon, lat = adcode_table()[code]
        return lon, lat
    return None


def _anchor(G, n):
    """(anchor node, (lon, lat)) of the nearest PART_OF ancestor with coordinates."""
    seen, frontier = {n}, [n]
    while frontier:
        nxt = []
        for x in frontier:
            for p in parents(G, x):
                if p in seen:
                    continue
                seen.add(p)
                coords = _own_coords(G, p)
                if coords:
                    return p, coords
                nxt.append(p)
        frontier = nxt
    return None, None


def _year_colours(years: list[int]) -> dict[int, str]:
    years = sorted(set(years))
    if len(years) == 1:
        return {years[0]: YEAR_PALETTE[0]}
    out = {}
    for i, y in enumerate(years):
        pos = i / (len(years) - 1) * (len(YEAR_PALETTE) - 1)
        out[y] = YEAR_PALETTE[round(pos)]
    return out


def spread_programmes(G) -> list:
    """Programme nodes with ADOPTED_IN edges to two or more places, sorted by name."""
    out = []
    for n, d in G.nodes(data=True):
        if d.get("label") != "Programme":
            continue
        places = {v for _u, v, e in G.out_edges(n, data=True) if e.get("type") == "ADOPTED_IN"}
        if len(places) >= 2:
            out.append(n)
    return sorted(out, key=lambda n: (node_name(G, n), str(n)))


def spread_edges(G) -> dict:
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


def _province_labels(G) -> dict[str, tuple[str, float, float]]:
    """Province key -> (name, lon, lat) for the grey orientation labels: cpca's
    provinces, overridden by the graph's own province Place nodes."""
    labels: dict[str, tuple[str, float, float]] = {}
    for key, (name, lon, lat) in province_table().items():
        labels[key] = (name, lon, lat)
    for n, d in G.nodes(data=True):
        if d.get("label") == "Place" and d.get("level") == "province":
            code, coords = _adcode(d), _own_coords(G, n)
            if code and coords:
                labels[code[:2]] = (node_name(G, n), coords[0], coords[1])
    return labels


def spread_filename(G, programme) -> str:
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
    G,
    programme_name_or_id,
    path: str | os.PathLike,
    *,
    back_href: str | None = None,
) -> Path:
    """Write the spread map of one programme: its places at their real coordinates,
    coloured by adoption year, SPREAD_TO arrows labelled with kind and lag, province
    names for orientation. Raises ``NodeNotFoundError`` / ``NoAdoptionsError``."""
    prog = find_node(G, programme_name_or_id, label="Programme")
    return _spread(G, prog, path, back_href=back_href)


def _spread(
    G, prog, path, *, back_href=None, spreads: dict | None = None, labels: dict | None = None
) -> Path:
    """``render_spread`` of the programme node ``prog``. ``write_maps`` passes
    ``spreads`` (``spread_edges(G)``) and ``labels`` (``_province_labels(G)``),
    computed once for all programmes; on their own, they are computed here."""
    prog_name = node_name(G, prog)

    adoptions: dict = {}
    for _u, place, d in G.out_edges(prog, data=True):
        if d.get("type") == "ADOPTED_IN":
            year = year_of(d.get("year"))
            old = adoptions.get(place)
            if old is None or (year is not None and (old[0] is None or year < old[0])):
                adoptions[place] = (year, d)
    spreads = list((spread_edges(G) if spreads is None else spreads).get(prog, ()))
    places = list(adoptions)
    for u, v, _d in spreads:
        for x in (u, v):
            if x not in adoptions and x not in places:
                places.append(x)
    if not places:
        raise NoAdoptionsError(
            f"programme {prog_name!r} has no ADOPTED_IN or SPREAD_TO places to map; "
            "pick a programme from spread_programmes(G)"
        )
    check_size(len(places))
    places.sort(key=lambda n: (node_name(G, n), str(n)))

    # Coordinates: own, else nearest ancestor's (offset later), else unknown.
    own, anchored, unknown = {}, {}, []
    for n in places:
        coords = _own_coords(G, n)
        if coords:
            own[n] = coords
            continue
        anchor, coords = _anchor(G, n)
        if coords:
            anchored[n] = (anchor, coords)
        else:
            unknown.append(n)
    used = list(own.values()) + [c for _a, c in anchored.values()]
    if used:
        lon0 = sum(c[0] for c in used) / len(used)
        lat0 = sum(c[1] for c in used) / len(used)
        lons, lats = [c[0] for c in used], [c[1] for c in used]
    else:
        lon0, lat0, lons, lats = 0.0, 0.0, [0.0], [0.0]
    kx = math.cos(math.radians(lat0))
    extent = max((max(lons) - min(lons)) * kx, max(lats) - min(lats), 0.3)
    scale = min(
        max(650.0 / extent, 30.0), 3000.0
    )  # pixels per degree (fits ~1:1 in a laptop window)

    def project(lon, lat):
        return round((lon - lon0) * kx * scale, 1), round(-(lat - lat0) * scale, 1)

    xy = {n: project(*c) for n, c in own.items()}
    golden = math.pi * (3 - math.sqrt(5))
    per_anchor: dict = {}
    for n, (anchor, coords) in sorted(anchored.items(), key=lambda kv: (str(kv[1][0]), str(kv[0]))):
        k = per_anchor.get(anchor, 0)
        per_anchor[anchor] = k + 1
        ax, ay = project(*coords)
        # First child to the right (labels sit under nodes, so side by side reads best).
        r = 55 + 14 * math.sqrt(k)
        xy[n] = (round(ax + r * math.cos(k * golden), 1), round(ay + r * math.sin(k * golden), 1))
    if unknown:
        xs = [p[0] for p in xy.values()] or [0.0]
        ys = [p[1] for p in xy.values()] or [0.0]
        for i, n in enumerate(unknown):
            xy[n] = (round(min(xs) + 110 * (i % 8), 1), round(max(ys) + 120 + 70 * (i // 8), 1))

    years = [y for y, _d in adoptions.values() if y is not None]
    colours = _year_colours(years) if years else {}

    options = {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "size": 11,
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": FONT_FACE,
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "multi": False,
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "color": {"color": EDGE_COLOURS["SPREAD_TO"], "inherit": False},
            "width": 2,
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
            "font": {
                "size": 11,
                "face": FONT_FACE,
                "align": "middle",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "color": "#a63603",
            },
        },
        "interaction": {"hover": True, "tooltipDelay": 100},
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    net = new_network(options)
    index: dict = {}

    # Province names for orientation: drawn first so data sits on top.
    bbox = (min(lons) - 2.5, max(lons) + 2.5, min(lats) - 2.0, max(lats) + 2.0)
    if labels is None:
        labels = _province_labels(G)
    data_provinces = {
        (_adcode(G.nodes[n]) or "")[:2] for n in places if G.nodes[n].get("level") == "province"
    }
    deco_id = -1
    for key, (name, lon, lat) in sorted(labels.items()):
        if key in data_provinces or not (bbox[0] <= lon <= bbox[1] and bbox[2] <= lat <= bbox[3]):
            continue
        x, y = project(lon, lat)
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

    for i, n in enumerate(places):
        index[n] = i
        year, edge = adoptions.get(n, (None, None))
        colour = colours.get(year, UNDATED_COLOUR)
        d = G.nodes[n]
        tip = [
            clip(node_name(G, n), 80),
            f"类型 type: 地点 Place ({d.get('level') or '?'})",
            f"采用年份 adopted: {year if year is not None else '未注明 undated'}",
        ]
        if n in anchored:
            tip.append(f"位置取自上级 placed at: {clip(node_name(G, anchored[n][0]), 40)}")
        elif n in unknown:
            tip.append("位置未知 location unknown")
        ev = None
        if edge is not None:
            for item in edge.get("evidence") or ():
                if isinstance(item, dict) and item.get("sentence"):
                    ev = (str(item.get("doc_id") or ""), str(item["sentence"]))
                    break
        ev = ev or first_evidence(G, n)
        if ev:
            tip.append(clip(f"“{ev[1]}”", 110) + f" [{clip(ev[0], 40)}]")
        details = node_details(G, n)
        details["props"] = [["adopted", "" if year is None else str(year)]] + details["props"]
        label = clip(node_name(G, n), 16) + ("" if year is None else f" {year}")
        x, y = xy[n]
        net.add_node(
            i,
            label=label,
            shape="dot",
            color={"background": colour, "border": "#444444"},
            x=x,
            y=y,
            fixed=True,
            physics=False,
            tip=tip,
            ukg=details,
            t="Place",
            size=14 if n in own else 10,
        )

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

    payload = network_payload(net)
    legend = [{"text": str(y), "color": colours[y], "symbol": "●"} for y in sorted(colours)]
    if any(adoptions.get(n, (None,))[0] is None for n in places):
        legend.append({"text": "未注明年份 undated", "color": UNDATED_COLOUR, "symbol": "●"})
    legend.append(
        {
            "text": "扩散 SPREAD_TO（类型 +滞后年数 kind +lag）",
            "color": EDGE_COLOURS["SPREAD_TO"],
            "symbol": "➜",
        }
    )
    legend.append({"text": "浅灰字：省份方位 province names", "color": "#bdbdbd", "symbol": "省"})
    payload["legend"] = legend
    payload["legend_title"] = "采用年份 Adoption year"
    payload["links"] = _links(back_href)
    notes = []
    if anchored:
        notes.append(
            f"{len(anchored)} 个地点无坐标，画在上级地点旁 placed next to their parent place"
        )
    if unknown:
        notes.append(f"{len(unknown)} 个地点位置未知，列在底部 listed at the bottom")
    payload["note"] = "；".join(notes)
    payload["layout"] = {
        "precomputed": True,
        "physics": False,
        "nodes": len(places),
        "projection": {
            "lon0": round(lon0, 4),
            "lat0": round(lat0, 4),
            "px_per_degree": round(scale, 2),
        },
    }
    title = f"{clip(prog_name, 60)} · 扩散地图 spread map"
    subtitle = (
        f"{len(places)} 个地点 places · {len(spreads)} 条扩散 spread edges · "
        "经纬度等距投影，北在上 equirectangular, north up"
    )
    return write_page(path, render_page("spread", title, payload, subtitle=subtitle))


# ------------------------------------------------------------------- the set


# spread_filename's form: the slug keeps word characters and "-" (at most 40), then
# the first 8 hex digits of a SHA-1.
SPREAD_NAME = re.compile(r"spread-[\w-]{1,40}-[0-9a-f]{8}\.html")
INDEX = "index.html"
# How every page this package writes starts (templates._PAGE, up to the generator tag).
_PAGE_HEAD = b'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
_GENERATOR = b'<meta name="generator" content="unionkg viz '
_DATA_START = b'<script type="application/json" id="unionkg-data">'
_DATA_END = b"</script>"
# A spread map holds at most MAX_PAGE_NODES places (about 1.2 KB each) besides the
# 0.7 MB of inlined JS/CSS; a bigger file with such a name is not one of ours.
_MAX_SPREAD_BYTES = 64 * 1024 * 1024


def write_maps(G, maps_dir: str | os.PathLike) -> list[Path]:
    """Write ``index.html`` (explorer), ``overview.html`` and one
    ``spread-<slug>-<hash8>.html`` per programme adopted in 2+ places into ``maps_dir``.

    Returns the written paths, index first. Once the new explorer is written, the
    spread maps an earlier ``write_maps`` wrote that this graph no longer produces are
    deleted, and nothing else (see ``remove_stale_spread_maps``).
    """
    maps_dir = Path(maps_dir)
    maps_dir.mkdir(parents=True, exist_ok=True)
    root = maps_dir.resolve()
    # Computed once for the whole set instead of once per page.
    spreads, labels, memo = spread_edges(G), _province_labels(G), PageMemo()
    spread_paths, spread_maps = [], {}
    for prog in spread_programmes(G):
        filename = spread_filename(G, prog)
        target = maps_dir / filename
        if target.resolve().parent != root:  # belt and braces: never leave maps_dir
            raise InvalidOptionError(f"refusing to write {filename!r} outside {maps_dir}")
        node = find_node(G, prog, label="Programme")  # as render_spread(G, prog, ...) does
        spread_paths.append(
            _spread(G, node, target, back_href=INDEX, spreads=spreads, labels=labels)
        )
        spread_maps[str(prog)] = quote(filename)
    overview = _overview(G, maps_dir / "overview.html", back_href=INDEX, memo=memo)
    index = _explorer(G, maps_dir / INDEX, spread_maps, overview_href="overview.html", memo=memo)
    # Only now: until the new index replaces the old one, the old one links the old pages.
    remove_stale_spread_maps(maps_dir, keep={p.name for p in spread_paths})
    return [index, overview, *spread_paths]


def _written_by_write_maps(path: Path) -> bool:
    """Whether ``path`` is a spread map as ``write_maps`` writes it: our page head and
    generator tag, page kind ``spread`` and exactly the link back to the explorer.
    (A spread map written by ``render_spread`` without ``back_href``, e.g. by
    ``unionkg viz spread``, has no such link and is not one.)"""
    try:
        if path.stat().st_size > _MAX_SPREAD_BYTES:
            return False
        page = path.read_bytes()
    except OSError:
        return False
    head = page[:4096]
    if not (head.startswith(_PAGE_HEAD) and _GENERATOR in head):
        return False
    start = page.find(_DATA_START)
    end = page.find(_DATA_END, start + len(_DATA_START)) if start >= 0 else -1
    if end < 0:
        return False
    try:
        data = json.loads(page[start + len(_DATA_START) : end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and data.get("kind") == "spread"
        and data.get("links") == _links(INDEX)
    )


def remove_stale_spread_maps(maps_dir: str | os.PathLike, keep) -> list[Path]:
    """Delete the spread maps in ``maps_dir`` whose file name is not in ``keep``.

    A file is deleted only when all of these hold: it sits directly in ``maps_dir``,
    it is a regular file (not a symlink or folder), its whole name has the
    ``spread-<slug>-<hash8>.html`` form of ``spread_filename``, and it is a spread map
    as ``write_maps`` writes it: this package's page head and generator tag, page kind
    ``spread`` and exactly one link, back to ``index.html``. Anything else is left
    alone. Returns the deleted paths, sorted.
    """
    maps_dir = Path(maps_dir)
    keep = set(keep)
    removed = []
    with os.scandir(maps_dir) as entries:
        candidates = sorted(
            entry.name
            for entry in entries
            if entry.name not in keep
            and SPREAD_NAME.fullmatch(entry.name)
            and entry.is_file(follow_symlinks=False)
        )
    for name in candidates:
        path = maps_dir / name
        if path.is_symlink() or not _written_by_write_maps(path):
            continue
        try:
            path.unlink()
        except FileNotFoundError:  # removed by someone else meanwhile
            continue
        removed.append(path)
    return removed
