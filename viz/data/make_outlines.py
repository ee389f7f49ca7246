"""Writes viz/data/china-outlines.json, the province and prefecture outlines of the
spread maps, from the map data of the Apache ECharts 4.9.0 npm package.

    npm pack echarts@4.9.0          # downloads echarts-4.9.0.tgz; runs nothing
    python viz/data/make_outlines.py echarts-4.9.0.tgz viz/data/china-outlines.json --force

ECharts 4 ships ``map/json/china.json`` (provinces) and ``map/json/province/*.json``
(the prefectures of each province) under the Apache License 2.0; ECharts 5 dropped
them. Most files are in ECharts' compact encoding (``UTF8Encoding``: each point a
zig-zag, delta-coded pair of characters, 1024 units per degree), decoded here as
ECharts' own ``parseGeoJson`` does. Each ring is simplified (Douglas-Peucker,
``TOLERANCE`` degrees, about 1 km), rounded to 1/100 degree and delta-coded; rings
that simplify to fewer than four points (islets) are dropped. Why this source and not
a runtime dependency: docs/dependencies.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from collections.abc import Iterator, Sequence
from pathlib import Path

TOLERANCE = 0.012  # degrees, Douglas-Peucker
UNIT = 100  # stored coordinates are integers of 1/UNIT degree
SOURCE = "echarts@4.9.0 (npm), map/json/china.json and map/json/province/*.json"

Ring = list[tuple[float, float]]


def decode_ring(text: str, offset: Sequence[int], scale: float) -> Ring:
    """One ring in ECharts' ``UTF8Encoding``: pairs of characters, each value zig-zag
    coded and a delta from the previous point, starting from ``offset``."""
    x, y = offset[0], offset[1]
    ring = []
    for i in range(0, len(text) - 1, 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        ring.append((x / scale, y / scale))
    return ring


def feature_rings(collection: dict, feature: dict) -> Iterator[Ring]:
    """The outer rings of a feature's polygons, decoded when the file is encoded."""
    geometry = feature["geometry"]
    coords = geometry["coordinates"]
    polygons = coords if geometry["type"] == "MultiPolygon" else [coords]
    offsets = geometry.get("encodeOffsets")
    if offsets is not None and geometry["type"] == "Polygon":
        offsets = [offsets]
    scale = float(collection.get("UTF8Scale") or 1024)
    for i, polygon in enumerate(polygons):
        if not polygon:
            continue
        outer = polygon[0]
        if collection.get("UTF8Encoding"):
            yield decode_ring(outer, offsets[i][0], scale)
        else:
            yield [(float(p[0]), float(p[1])) for p in outer]


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker with an explicit stack (rings have up to ~20,000 points)."""
    if len(ring) < 4:
        return list(ring)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = ring[a], ring[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = ring[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, far = d, i
        if far >= 0 and best > tolerance:
            keep[far] = True
            stack.extend([(a, far), (far, b)])
    return [p for p, k in zip(ring, keep, strict=True) if k]


def encode(ring: Ring) -> list[int] | None:
    """``[x0, y0, dx1, dy1, ...]`` in 1/UNIT degree, repeated points dropped; None
    when fewer than four distinct points are left."""
    out: list[int] = []
    last = None
    for lon, lat in ring:
        p = (round(lon * UNIT), round(lat * UNIT))
        if p == last:
            continue
        if last is None:
            out += [p[0], p[1]]
        else:
            out += [p[0] - last[0], p[1] - last[1]]
        last = p
    return out if len(out) >= 8 else None


def outline(collection: dict, feature: dict) -> dict | None:
    props = feature.get("properties") or {}
    code = str(feature.get("id") or props.get("id") or "")
    rings = [encode(simplify(r, TOLERANCE)) for r in feature_rings(collection, feature)]
    kept = [r for r in rings if r]
    if not kept or not (len(code) == 6 and code.isdigit()):
        return None
    cp = props.get("cp") or [None, None]
    return {
        "code": code,
        "name": str(props.get("name") or code),
        "cp": [round(float(c), 3) for c in cp] if None not in cp else None,
        "rings": kept,
    }


def build(tgz: Path) -> dict:
    provinces: list[dict] = []
    prefectures: list[dict] = []
    with tarfile.open(tgz) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            name = member.name
            is_china = name == "package/map/json/china.json"
            is_province = name.startswith("package/map/json/province/") and name.endswith(".json")
            if not (is_china or is_province):
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            collection = json.load(fh)
            target = provinces if is_china else prefectures
            for feature in collection["features"]:
                item = outline(collection, feature)
                if item is not None:
                    target.append(item)
    prefectures = [p for p in prefectures if not p["code"].endswith("0000")]
    return {
        "about": (
            "Province and prefecture outlines for orientation on unionkg's spread maps; "
            "not an authoritative boundary. Generated by viz/data/make_outlines.py from "
            f"{SOURCE}, Apache License 2.0, Copyright The Apache Software Foundation. "
            f"Rings simplified (Douglas-Peucker {TOLERANCE} degrees); each ring is "
            f"[lon0, lat0, dlon1, dlat1, ...] in 1/{UNIT} degree."
        ),
        "unit": UNIT,
        "provinces": sorted(provinces, key=lambda p: p["code"]),
        "prefectures": sorted(prefectures, key=lambda p: p["code"]),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tgz", type=Path, help="echarts-4.9.0.tgz from `npm pack echarts@4.9.0`")
    ap.add_argument("out", type=Path, help="the JSON file to write")
    ap.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = ap.parse_args(argv)
    if not args.tgz.is_file():
        print(f"error: {args.tgz} is not a file; run `npm pack echarts@4.9.0`", file=sys.stderr)
        return 2
    if args.out.exists() and not args.force:
        print(f"error: {args.out} exists; pass --force to replace it", file=sys.stderr)
        return 2
    data = build(args.tgz)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(
        f"{args.out}: {len(data['provinces'])} provinces, {len(data['prefectures'])} "
        f"prefectures, {len(text.encode('utf-8')) // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
