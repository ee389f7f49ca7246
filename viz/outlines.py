"""Province and prefecture outlines under a spread map, projected with the map's own
projection so the places sit where they are.

The outlines are ``viz/data/china-outlines.json`` (written by
``viz/data/make_outlines.py`` from Apache ECharts 4.9.0's map data; where it comes from
and why: docs/dependencies.md). Each page gets only the outlines near its places, in
whole pixels with repeated points dropped, so a map of one province carries a few
kilobytes of outline. Prefecture outlines are added when the places span a small area,
where province outlines alone would say little.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .layout import Projection

__all__ = ["Outline", "load_outlines", "page_outlines", "PREFECTURE_EXTENT"]

# Prefecture outlines are drawn when the places span at most this many degrees (the
# larger of the east-west extent, scaled by cos(latitude), and the north-south one).
PREFECTURE_EXTENT = 6.0
# Margins (degrees) around the places within which outlines are kept.
PROVINCE_MARGIN = (4.0, 3.0)
PREFECTURE_MARGIN = (1.5, 1.2)

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Outline:
    """One province or prefecture: its adcode, name and outer rings in (lon, lat)."""

    code: str
    name: str
    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # west, east, south, north


def _ring(flat: Sequence[int], unit: float) -> Ring:
    x, y = flat[0], flat[1]
    points = [(x / unit, y / unit)]
    for i in range(2, len(flat) - 1, 2):
        x += flat[i]
        y += flat[i + 1]
        points.append((x / unit, y / unit))
    return tuple(points)


def _outline(item: dict, unit: float) -> Outline | None:
    rings = tuple(_ring(r, unit) for r in item.get("rings") or () if len(r) >= 8)
    if not rings:
        return None
    lons = [p[0] for r in rings for p in r]
    lats = [p[1] for r in rings for p in r]
    return Outline(
        str(item.get("code") or ""),
        str(item.get("name") or ""),
        rings,
        (min(lons), max(lons), min(lats), max(lats)),
    )


@lru_cache(maxsize=1)
def load_outlines() -> dict[str, tuple[Outline, ...]]:
    """``{"provinces": (...), "prefectures": (...)}`` from the package's data file;
    empty tuples when the file is missing or unreadable (maps then draw no outlines)."""
    try:
        text = resources.files("viz").joinpath("data", "china-outlines.json").read_text("utf-8")
        data = json.loads(text)
        unit = float(data["unit"])
    except (OSError, ValueError, KeyError, TypeError):
        return {"provinces": (), "prefectures": ()}
    out = {}
    for level in ("provinces", "prefectures"):
        items = (_outline(item, unit) for item in data.get(level) or ())
        out[level] = tuple(o for o in items if o is not None)
    return out


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1] and a[2] <= b[3] and b[2] <= a[3]


def _pixels(ring: Ring, proj: Projection) -> list[int]:
    """A ring as flat whole-pixel coordinates, repeated points dropped."""
    flat: list[int] = []
    last = None
    for lon, lat in ring:
        x, y = proj(lon, lat)
        p = (round(x), round(y))
        if p != last:
            flat += [p[0], p[1]]
            last = p
    return flat if len(flat) >= 6 else []


def _projected(outlines: Sequence[Outline], view: tuple, proj: Projection) -> list[list[int]]:
    rings: list[list[int]] = []
    for o in outlines:
        if _overlaps(o.bbox, view):
            rings.extend(r for r in (_pixels(ring, proj) for ring in o.rings) if r)
    return rings


def page_outlines(proj: Projection) -> dict[str, list[list[int]]]:
    """The outlines a spread map draws, as rings of flat pixel coordinates
    ``[x0, y0, x1, y1, ...]``: provinces near the places, and prefectures too when
    the places span at most ``PREFECTURE_EXTENT`` degrees."""
    data = load_outlines()
    provinces = _projected(data["provinces"], proj.bbox(*PROVINCE_MARGIN), proj)
    prefectures: list[list[int]] = []
    if proj.extent() <= PREFECTURE_EXTENT:
        prefectures = _projected(data["prefectures"], proj.bbox(*PREFECTURE_MARGIN), proj)
    return {"provinces": provinces, "prefectures": prefectures}
