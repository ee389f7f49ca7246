"""The pages in headless Chromium, offline: they load cleanly, draw, respond, and
never run untrusted text. Skipped without Playwright/Chromium unless CI is set."""

from __future__ import annotations

import pytest

import viz

pytestmark = pytest.mark.browser

CANVAS_INK = """() => {
  const c = document.querySelector('#ukg-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 64) if (d[i] > 0) n++;
  return n;
}"""

# A point on edge `eid` (DOM coordinates of the page) that vis itself resolves to
# that edge and to no node, so a real mouse click lands on it.
EDGE_POINT = """(eid) => {
  const net = window.network, m = window.unionkg.edgeMeta[eid];
  const pos = net.getPositions([m.from, m.to]), a = pos[m.from], b = pos[m.to];
  const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
  const rect = document.getElementById('ukg-network').getBoundingClientRect();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8])
    for (const off of [0, 2, -2, 4, -4, 7, -7, 10, -10, 14, -14]) {
      const p = {x: a.x + dx * t - dy / len * off, y: a.y + dy * t + dx / len * off};
      const dom = net.canvasToDOM(p);
      if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === eid)
        return {x: rect.left + dom.x, y: rect.top + dom.y};
    }
  return null;
}"""

NODE_POINT = """(id) => {
  const net = window.network, p = net.getPositions([id])[id];
  const dom = net.canvasToDOM(p), rect = document.getElementById('ukg-network').getBoundingClientRect();
  return {x: rect.left + dom.x, y: rect.top + dom.y};
}"""

FIND_EDGE = """([type, from, to]) => {
  for (const [id, m] of Object.entries(window.unionkg.edgeMeta))
    if (m.ukg.type === type && m.ukg.from.startsWith(from) && m.ukg.to.startsWith(to)) return Number(id);
  return null;
}"""


@pytest.fixture
def maps(graph, tmp_path):
    paths = viz.write_maps(graph, tmp_path / "maps")
    paths.append(viz.render_ego(graph, "平湖市总工会", tmp_path / "maps" / "ego.html", radius=1))
    return {p.name.split("-")[0].removesuffix(".html"): p for p in paths}


@pytest.mark.parametrize("name", ["index", "overview", "spread", "ego"])
def test_page_loads_offline_and_draws(maps, open_page, name):
    opened = open_page(maps[name])
    page = opened.page
    assert page.evaluate("typeof window.network === 'object' && window.network !== null")
    n_drawn = page.evaluate("Object.keys(window.network.getPositions()).length")
    assert n_drawn == page.evaluate("window.unionkg.nodes.get({filter: n => !n.hidden}).length") > 0
    assert page.evaluate(CANVAS_INK) > 100
    opened.assert_clean()


def test_explorer_search_finds_a_union_by_name_and_alias(maps, open_page):
    opened = open_page(maps["index"])
    page = opened.page
    page.fill("#ukg-search", "平湖市总")  # an alias, and a prefix of the name
    first = page.locator("#ukg-results .ukg-result-name").first
    assert first.text_content() == "平湖市总工会"
    page.press("#ukg-search", "Enter")
    assert page.locator("#ukg-panel .ukg-panel-title").text_content() == "平湖市总工会"
    page.fill("#ukg-search", "长沙")
    names = page.locator("#ukg-results .ukg-result-name").all_text_contents()
    assert "长沙市总工会" in names and "长沙市" in names
    opened.assert_clean()


def test_year_slider_changes_visible_nodes(maps, open_page):
    opened = open_page(maps["index"])
    page = opened.page
    before = page.evaluate("window.unionkg.visibleNodeCount()")
    page.locator("#ukg-year").fill("2019")
    after = page.evaluate("window.unionkg.visibleNodeCount()")
    assert after < before
    assert f"显示 {after} /" in page.locator("#ukg-status").text_content()
    hidden = page.evaluate("window.unionkg.nodes.get({filter: n => n.hidden}).map(n => n.label)")
    assert "长沙市总工会" in hidden and "平湖市总工会" not in hidden
    page.locator("#ukg-year").fill("2022")
    assert page.evaluate("window.unionkg.visibleNodeCount()") == before
    opened.assert_clean()


def test_filters_by_type_province_and_programme(maps, open_page):
    opened = open_page(maps["index"])
    page = opened.page
    count = lambda: page.evaluate("window.unionkg.visibleNodeCount()")  # noqa: E731
    start = count()
    page.locator("input[data-type='Place']").uncheck()
    assert count() < start
    page.locator("input[data-type='Place']").check()
    page.select_option("#ukg-province", label="湖南省")
    shown = page.evaluate("window.unionkg.nodes.get({filter: n => !n.hidden}).map(n => n.label)")
    assert "长沙市总工会" in shown and "平湖市总工会" not in shown
    page.select_option("#ukg-province", value="")
    page.select_option("#ukg-programme", label="云履职")
    shown = page.evaluate("window.unionkg.nodes.get({filter: n => !n.hidden}).map(n => n.label)")
    assert set(shown) == {"云履职", "平湖市总工会", "平湖市"}
    opened.assert_clean()


def test_real_click_on_edge_shows_its_sentence(maps, open_page):
    opened = open_page(maps["index"])
    page = opened.page
    eid = page.evaluate(FIND_EDGE, ["RUNS", "平湖市总工会", "连心舱"])
    assert eid is not None
    point = page.evaluate(EDGE_POINT, eid)
    assert point is not None, "no clickable point found on the edge"
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#ukg-panel")
    assert (
        "平湖市总工会在全市推出“连心舱”服务阵地。"
        in panel.locator(".ukg-sentence").all_text_contents()
    )
    assert "doc-2019" in panel.locator(".ukg-doc").all_text_contents()
    assert panel.locator(".ukg-panel-type").text_content() == "RUNS"
    opened.assert_clean()


def test_show_edge_hook_and_real_click_on_node_expands(maps, open_page):
    opened = open_page(maps["index"])
    page = opened.page
    eid = page.evaluate(FIND_EDGE, ["ADOPTED_IN", "连心舱", "长沙市"])
    assert page.evaluate("(id) => window.unionkg.showEdge(id)", eid)
    assert "2021年长沙市引入连心舱。" in page.locator("#ukg-panel").text_content()

    before = page.evaluate("window.unionkg.visibleNodeCount()")
    node = page.evaluate("window.unionkg.idOf('TradeUnion:平湖市总工会')")
    point = page.evaluate(NODE_POINT, node)
    page.mouse.click(point["x"], point["y"])
    assert page.locator("#ukg-panel .ukg-panel-title").text_content() == "平湖市总工会"
    assert page.evaluate("window.unionkg.visibleNodeCount()") > before  # its documents appear
    assert "doc-2019" in page.locator("#ukg-panel .ukg-doc").all_text_contents()
    opened.assert_clean()


def test_spread_map_puts_zhejiang_east_of_hunan(maps, open_page):
    opened = open_page(maps["spread"])
    page = opened.page
    pos = page.evaluate("""() => {
      const u = window.unionkg, p = window.network.getPositions();
      const byLabel = l => u.nodes.get({filter: n => n.label === l})[0].id;
      return {pinghu: p[u.idOf('Place:330482')], changsha: p[u.idOf('Place:430100')],
              jx: p[byLabel('江西省')]};
    }""")
    assert pos["pinghu"]["x"] > pos["changsha"]["x"]  # Zhejiang (lon ~121) east of Hunan (~113)
    # Jiangxi's name (湖南省's would cover 长沙市 at its capital, so it is left out) lies between
    assert pos["changsha"]["x"] < pos["jx"]["x"] < pos["pinghu"]["x"]
    assert pos["pinghu"]["y"] < pos["changsha"]["y"]  # north is up
    assert page.evaluate("window.network.physics.options.enabled") is False
    legend = page.locator("#ukg-legend").text_content()
    assert "2019" in legend and "2021" in legend
    opened.assert_clean()


@pytest.mark.parametrize("kind", ["explorer", "overview", "ego", "spread"])
def test_untrusted_text_does_not_run(evil_graph, xss_payload, tmp_path, open_page, kind):
    out = tmp_path / "evil"
    paths = viz.write_maps(evil_graph, out)
    page_path = {
        "explorer": paths[0],
        "overview": paths[1],
        "spread": paths[2],
        "ego": viz.render_ego(evil_graph, "平湖市总工会" + xss_payload, out / "ego.html"),
    }[kind]
    opened = open_page(page_path)
    page = opened.page
    # Open every panel, every tooltip path, search and filter menus.
    page.evaluate("""() => {
      const u = window.unionkg;
      for (const id of u.nodes.getIds()) u.showNode(id);
      for (const id of u.edges.getIds()) u.showEdge(id);
    }""")
    first = page.evaluate("""() => window.unionkg.nodes.getIds().find(
      id => !window.unionkg.nodeMeta[id].deco && !window.unionkg.nodes.get(id).hidden)""")
    point = page.evaluate(NODE_POINT, first)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(400)
    if kind == "explorer":
        page.fill("#ukg-search", "pwned")
        assert page.locator("#ukg-results li").count() > 0
        page.select_option("#ukg-programme", index=1)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    # The text is shown, literally.
    assert "<script>window.__pwned=1</script>" in page.locator("#ukg-panel").text_content()
    if kind in ("ego", "spread"):  # their titles carry a name from the graph
        assert "<script>window.__pwned=1</script>" in page.title()
    opened.assert_clean()


@pytest.mark.slow
def test_large_explorer_opens_quickly(large_graph, tmp_path, open_page, capsys):
    path = viz.render_explorer(large_graph, tmp_path / "index.html", {})
    opened = open_page(path)
    page = opened.page
    timing = page.evaluate("window.unionkg.timing")
    assert page.evaluate("window.network.physics.options.enabled") is False
    assert "5000" in page.locator("#ukg-note").text_content()
    page.locator("#ukg-year").fill("2016")
    assert page.evaluate("window.unionkg.visibleNodeCount()") < 5000
    with capsys.disabled():
        print(f"\n[viz] 5,000-node explorer in Chromium: {timing}")
    assert timing["ready_ms"] < 30_000
    opened.assert_clean()
