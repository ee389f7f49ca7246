"""The spread map of one programme: its places at their real coordinates over
province (and, for small areas, prefecture) outlines, coloured by adoption year;
SPREAD_TO arrows, reported solid and inferred dashed; a timeline and a switch for the
inferred paths in the page's side bar (viz/static/ukg-spread.js). The nodes, edges and
legend are made in viz/spread_draw.py. See docs/maps.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .graphdata import clip, find_node, node_name, year_of
from .layout import geo_positions
from .network import network_payload, new_network, spread_options
from .outlines import page_outlines
from .places import NamedPoint, province_labels
from .spread_draw import (
    Edge,
    Placement,
    add_places,
    add_province_names,
    add_spread_edges,
    adoptions,
    legend,
    map_places,
    path_basis,
)
from .templates import back_links, render_page, write_page

__all__ = [
    "render_spread",
    "spread_programmes",
    "spread_filename",
    "spread_edges",
    "spread_page",
]


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
    """Write the spread map of one programme: its places at their real coordinates over
    province outlines, coloured by adoption year; SPREAD_TO arrows, reported solid and
    inferred dashed; a timeline and a switch for the inferred paths (docs/maps.md).
    Raises ``NodeNotFoundError`` / ``NoAdoptionsError``."""
    prog = find_node(G, programme_name_or_id, label="Programme")
    return spread_page(G, prog, path, back_href=back_href)


# ------------------------------------------------------------------ the page


def _note(where: Placement) -> str:
    notes = []
    if where.anchored:
        notes.append(
            f"{len(where.anchored)} 个地点无自身坐标，画在上级地点的位置上（≈，虚线圈） "
            "approximate: drawn at their parent place's point"
        )
    if where.unknown:
        notes.append(f"{len(where.unknown)} 个地点位置未知，列在底部 listed at the bottom")
    return "；".join(notes)


def _timeline(adopted: Mapping, edges: Sequence[Edge]) -> dict:
    """The years the timeline steps through, and whether any is a reported year."""
    years = {a[0] for a in adopted.values() if a[0] is not None}
    years |= {y for y in (year_of(d.get("to_year")) for _u, _v, d in edges) if y is not None}
    return {
        "years": sorted(years),
        "reported_years": any(a[1] == "reported" for a in adopted.values()),
    }


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
    adopted = adoptions(G, prog)
    edges = list((spread_edges(G) if spreads is None else spreads).get(prog, ()))
    places = map_places(G, prog, adopted, edges)
    where = Placement.of(G, places)
    xy, proj = geo_positions(where.own, where.anchored, where.unknown)

    net = new_network(spread_options())
    add_province_names(net, G, places, province_labels(G) if labels is None else labels, proj, xy)
    index, colours = add_places(net, G, places, adopted, where, xy)
    add_spread_edges(net, G, edges, index, xy)

    payload = network_payload(net)
    timeline = _timeline(adopted, edges)
    payload["legend"] = legend(
        colours,
        undated=any(adopted.get(n, (None,))[0] is None for n in places),
        reported_years=timeline["reported_years"],
        approx=bool(where.anchored),
        bases={path_basis(d) for _u, _v, d in edges},
    )
    payload["legend_title"] = "采用年份 Adoption year"
    payload["timeline"] = timeline
    payload["outlines"] = page_outlines(proj)
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
        "经纬度等距投影，北在上 equirectangular, north up · 省界仅示意 outlines for orientation"
    )
    return write_page(path, render_page("spread", title, payload, subtitle=subtitle))
