"""The spread map's base map and its reading: outlines in the places' projection,
places without coordinates on their parent's point marked approximate, reported and
inferred paths told apart, the timeline, and a legend off the map."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from spread_graph import PROG, make_spread_graph

import viz
from viz.layout import Projection
from viz.outlines import load_outlines, page_outlines
from viz.places import province_table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "viz" / "data"))
import make_outlines  # noqa: E402


def _inside(x: float, y: float, ring) -> bool:
    """Even-odd point in polygon; ``ring`` is a sequence of (x, y)."""
    inside, n = False, len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _pairs(flat):
    return list(zip(flat[0::2], flat[1::2], strict=True))


# ------------------------------------------------------------------ the data


def test_each_province_outline_holds_its_capital():
    outlines = {o.code: o for o in load_outlines()["provinces"]}
    assert len(outlines) == 34 and len(load_outlines()["prefectures"]) > 300
    capitals = province_table()  # cpca's point for each province is its capital
    checked = 0
    for key, (_name, lon, lat) in capitals.items():
        o = outlines.get(key + "0000")
        if o is None:
            continue
        assert any(_inside(lon, lat, ring) for ring in o.rings), o.name
        checked += 1
    assert checked >= 30


def test_echarts_decoding_reads_back_what_was_encoded():
    def zigzag(v):
        return (v << 1) ^ (v >> 31)

    points = [(120_000, 30_000), (120_050, 30_010), (119_990, 29_970), (120_000, 30_000)]
    text, prev = "", points[0]
    for x, y in points:
        text += chr(zigzag(x - prev[0]) + 64) + chr(zigzag(y - prev[1]) + 64)
        prev = (x, y)
    ring = make_outlines.decode_ring(text, points[0], 1000.0)
    assert ring == [(x / 1000, y / 1000) for x, y in points]
    assert make_outlines.simplify([(0, 0), (1, 0.001), (2, 0), (2, 2), (0, 0)], 0.01) == [
        (0, 0),
        (2, 0),
        (2, 2),
        (0, 0),
    ]


# ------------------------------------------------------------------ the page


@pytest.fixture
def spread(tmp_path, read_page_data):
    return read_page_data(viz.render_spread(make_spread_graph(), PROG, tmp_path / "s.html"))


def _places(data):
    return {n["ukg"]["id"]: n for n in data["nodes"] if not n.get("deco")}


def test_outlines_share_the_places_projection(spread):
    pinghu = _places(spread)["Place:330482"]
    rings = [_pairs(r) for r in spread["outlines"]["provinces"]]
    assert rings and any(_inside(pinghu["x"], pinghu["y"], r) for r in rings)
    # A page carries only the outlines near its places, in whole pixels.
    assert len(json.dumps(spread["outlines"])) < 150_000
    assert all(isinstance(v, int) for r in spread["outlines"]["provinces"] for v in r)


def test_prefecture_outlines_come_with_a_small_area():
    near = Projection.fitting([(121.0, 30.7), (120.8, 30.5)])
    far = Projection.fitting([(121.0, 30.7), (112.4, 28.6)])
    assert page_outlines(near)["prefectures"] and not page_outlines(far)["prefectures"]
    assert len(page_outlines(near)["provinces"]) < len(page_outlines(far)["provinces"])


def test_places_without_coordinates_sit_on_their_parent_marked_approximate(spread):
    places = _places(spread)
    pinghu = places["Place:330482"]
    towns = [places["Place:330482/当湖街道"], places["Place:330482/独山港镇"]]
    for town in towns:
        assert (town["x"], town["y"]) == (pinghu["x"], pinghu["y"])
        assert town["ap"] is True and town["label"].startswith("≈")
        assert town["shapeProperties"]["borderDashes"]
        assert any("approximate" in line for line in town["tip"])
    assert pinghu["ap"] is False and not pinghu["shapeProperties"]["borderDashes"]
    # Their labels stack under the point instead of covering each other.
    shifts = sorted(n["font"]["vadjust"] for n in [pinghu, *towns])
    assert len(set(shifts)) == 3
    assert "approximate" in spread["note"]
    assert places["Place:x/无名社区"]["uk"] is True  # no location at all


def test_year_and_its_basis(spread):
    places = _places(spread)
    assert places["Place:330400"]["label"] == "嘉兴市 见报2020"  # first reported
    assert places["Place:330482"]["label"] == "平湖市 2020"  # stated
    assert places["Place:330400"]["yb"] == "reported" and places["Place:330482"]["yb"] == "stated"
    assert places["Place:330482/独山港镇"]["yr"] is None
    assert spread["timeline"] == {"years": [2019, 2020, 2021, 2022], "reported_years": True}


def test_reported_paths_solid_inferred_dashed(spread):
    by_basis = {}
    for e in spread["edges"]:
        by_basis.setdefault(e["b"], []).append(e)
    assert len(by_basis["reported"]) == 1 and len(by_basis["inferred"]) == 3
    assert by_basis["reported"][0]["dashes"] is False
    assert by_basis["reported"][0]["label"] == "报道·学习借鉴 +0年"
    assert all(
        e["dashes"] and e["width"] < by_basis["reported"][0]["width"] for e in by_basis["inferred"]
    )
    rows = {r.get("key"): r for r in spread["legend"]}
    assert rows["reported"]["line"] == "solid" and rows["inferred"]["line"] == "dashed"


# ------------------------------------------------------------------ in Chromium

LAND_PIXELS = """() => {
  const c = document.querySelector('#ukg-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let land = 0, all = 0;
  for (let i = 0; i < d.length; i += 4 * 37) {
    all++;
    if (Math.abs(d[i] - 243) < 4 && Math.abs(d[i + 1] - 241) < 4 && Math.abs(d[i + 2] - 233) < 4) land++;
  }
  return land / all;
}"""

NODE_BOXES = """() => {
  const u = window.unionkg, net = window.network, rect = document.getElementById('ukg-network').getBoundingClientRect();
  const out = [];
  u.nodes.get({filter: n => !n.hidden && !u.nodeMeta[n.id].deco}).forEach(n => {
    const b = net.getBoundingBox(n.id);  // the dot and its label
    const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
    out.push([rect.left + a.x, rect.top + a.y, rect.left + z.x, rect.top + z.y]);
  });
  return out;
}"""


@pytest.fixture
def spread_page(tmp_path, open_page):
    path = viz.render_spread(make_spread_graph(), PROG, tmp_path / "spread.html")
    return open_page(path)


@pytest.mark.browser
def test_outlines_drawn_offline(spread_page):
    page = spread_page.page
    outlines = page.evaluate("window.unionkg.spread.outlines()")
    assert outlines["provinces"] > 10 and outlines["draws"] > 0
    assert page.evaluate(LAND_PIXELS) > 0.2  # the provinces' fill covers the map
    spread_page.assert_clean()  # no request left the page


@pytest.mark.browser
def test_legend_tells_reported_from_inferred(spread_page):
    page = spread_page.page
    style = "k => getComputedStyle(document.querySelector(`[data-key=${k}] .ukg-legend-line`)).borderTopStyle"
    assert page.evaluate(style, "reported") == "solid"
    assert page.evaluate(style, "inferred") == "dashed"
    assert "reported" in page.locator("[data-key=reported]").text_content()
    assert "inferred" in page.locator("[data-key=inferred]").text_content()


def _shown_edges(page):
    return page.evaluate(
        "() => window.unionkg.edges.get({filter: e => !e.hidden}).map(e => window.unionkg.edgeMeta[e.id].b)"
    )


@pytest.mark.browser
def test_switch_hides_inferred_paths(spread_page):
    page = spread_page.page
    assert sorted(_shown_edges(page)) == ["inferred"] * 3 + ["reported"]
    page.click("#ukg-inferred")
    assert _shown_edges(page) == ["reported"]
    page.click("#ukg-inferred")
    assert len(_shown_edges(page)) == 4
    spread_page.assert_clean()


@pytest.mark.browser
def test_timeline_plays_year_by_year(spread_page):
    page = spread_page.page
    visible = "() => window.unionkg.nodes.get({filter: n => !n.hidden && !window.unionkg.nodeMeta[n.id].deco}).length"
    page.click("#ukg-spread-undated")  # undated places off: only dated ones come and go
    total = page.evaluate(visible)
    page.click("#ukg-play")
    seen = []
    for _ in range(100):  # poll from Python (the page's CSP forbids a polling string wait)
        state = page.evaluate("window.unionkg.spread.state()")
        seen.append((state["year"], page.evaluate(visible)))
        if not state["playing"]:
            break
        page.wait_for_timeout(150)
    years = [y for y, _n in seen]
    counts = [n for _y, n in seen]
    assert years[0] == 2019 and years[-1] == 2022 and {2020, 2021} <= set(years)
    assert counts == sorted(counts) and counts[0] == 1 and counts[-1] == total == 5
    assert page.locator("#ukg-play").text_content().startswith("▶")
    spread_page.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1400, 900), (1000, 650)])
def test_legend_and_controls_do_not_cover_nodes(tmp_path, open_page, viewport):
    opened = open_page(
        viz.render_spread(make_spread_graph(), PROG, tmp_path / "s.html"), viewport=viewport
    )
    page = opened.page
    boxes = page.evaluate(NODE_BOXES)
    assert len(boxes) == 7
    for sel in ("#ukg-legend", "#ukg-controls"):
        r = page.evaluate(
            f"() => {{ const b = document.querySelector('{sel}').getBoundingClientRect(); "
            "return [b.left, b.top, b.right, b.bottom]; }"
        )
        assert r[2] > r[0] and r[3] > r[1]
        for b in boxes:
            apart = b[2] <= r[0] or r[2] <= b[0] or b[3] <= r[1] or r[3] <= b[1]
            assert apart, (sel, r, b)
    opened.assert_clean()


def test_path_tooltips_say_how_the_path_is_known(spread):
    tips = {e["b"] + str(e["dashes"] is False): e["tip"] for e in spread["edges"]}
    assert "依据 basis: 文中报道 reported by the text" in tips["reportedTrue"]
    assert any("平湖市学习嘉兴经验" in line for line in tips["reportedTrue"])  # its sentence
    neighbour = next(e for e in spread["edges"] if e["label"].startswith("推断·邻近"))
    assert "依据 basis: 推断 inferred, 置信度 confidence 0.20, 900 km" in neighbour["tip"]


def test_province_names_stay_off_the_places(spread):
    names = [n for n in spread["nodes"] if n.get("deco")]
    places = list(_places(spread).values())
    assert names  # some provinces are named for orientation ...
    for name in names:  # ... but none where it would cover a place or its label
        assert all(abs(p["x"] - name["x"]) >= 90 or abs(p["y"] - name["y"]) >= 45 for p in places)


def test_labels_of_nearby_places_stack_without_piling_up():
    from viz.spread_draw import Placement, _label_shift

    # Three places a few pixels apart in a chain, one far away, and many on one point.
    xy = {"a": (0.0, 0.0), "b": (30.0, 5.0), "c": (60.0, 10.0), "far": (500.0, 0.0)}
    xy.update({f"t{i}": (500.0, 0.0) for i in range(300)})
    where = Placement(own={k: None for k in ("a", "b", "c", "far")})
    where.anchored = {f"t{i}": ("far", None) for i in range(300)}
    shift = _label_shift(list(xy), xy, where)
    tops = sorted(xy[n][1] + (11 if n in where.own else 17) + shift[n] for n in ("a", "b", "c"))
    assert [round(b - a, 6) for a, b in zip(tops, tops[1:], strict=False)] == [17, 17]
    assert len({shift[f"t{i}"] for i in range(300)}) == 300  # every label on its own line
