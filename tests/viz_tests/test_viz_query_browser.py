"""The page of a query's result (``unionkg query --format html``) in headless Chromium,
offline: it draws the nodes the query returned and only those, a click shows a node's
evidence and expands its neighbours from the embedded graph, and untrusted text never
runs. The result comes from a real query on an embedded store holding the graph."""

from __future__ import annotations

import pytest
from test_viz_browser import CANVAS_INK, NODE_POINT

import graph
from unionkg.query import write_result

pytestmark = pytest.mark.browser

LABELLED = "window.unionkg.labelledNodes().map(id => window.unionkg.nodeMeta[id].ukg.name)"
SHOWN = "window.unionkg.nodes.get({filter: n => !n.hidden}).map(n => window.unionkg.nodeMeta[n.id].ukg.name)"


def _query_page(G, tmp_path, cypher, params=None):
    with graph.open_store(tmp_path / "out") as store:
        store.write(G)
        rows = store.query(cypher, params)
    return write_result(rows, "html", tmp_path / "query.html", lambda: G, cypher=cypher)


def test_query_page_draws_the_result_and_a_click_expands_it(graph, tmp_path, open_page):
    path = _query_page(
        graph,
        tmp_path,
        "MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme {name: $name}) RETURN u, r, p",
        {"name": "连心舱"},
    )
    opened = open_page(path)
    page = opened.page
    runners = {
        graph.nodes[u]["name"]
        for u, v, d in graph.in_edges("Programme:连心舱", data=True)
        if d["type"] == "RUNS"
    }
    assert set(page.evaluate(SHOWN)) == runners | {"连心舱"}
    embedded = page.evaluate("window.unionkg.nodes.length")
    assert embedded > len(runners) + 1  # the neighbourhood is in the page, hidden
    assert page.evaluate(CANVAS_INK) > 100
    assert "查询结果" in page.title() and "RUNS" in page.title()

    node = page.evaluate("window.unionkg.idOf('TradeUnion:平湖市总工会')")
    point = page.evaluate(NODE_POINT, node)
    before = page.evaluate("window.unionkg.visibleNodeCount()")
    page.mouse.click(point["x"], point["y"])
    assert page.locator("#ukg-panel .ukg-panel-title").text_content() == "平湖市总工会"
    assert "平湖市总工会在全市推出“连心舱”服务阵地。" in page.locator("#ukg-panel").text_content()
    shown = set(page.evaluate(SHOWN))
    neighbours = {
        graph.nodes[n]["name"]
        for n in set(graph.successors("TradeUnion:平湖市总工会"))
        | set(graph.predecessors("TradeUnion:平湖市总工会"))
    }
    assert page.evaluate("window.unionkg.visibleNodeCount()") > before
    assert neighbours <= shown  # every neighbour, also of a type shown folded elsewhere
    page.evaluate(
        "window.network.moveTo({scale: 0.6})"
    )  # zoomed out: labels that would overlap are left out
    page.wait_for_timeout(100)
    labelled = set(page.evaluate(LABELLED))
    # the neighbours a click opens are named first, not only when zoomed into
    assert len(labelled & neighbours) >= min(8, len(neighbours)) - 1, labelled
    page.click(".ukg-reset")  # back to the result alone
    assert set(page.evaluate(SHOWN)) == runners | {"连心舱"}
    opened.assert_clean()


def test_untrusted_text_on_a_query_page_does_not_run(evil_graph, xss_payload, tmp_path, open_page):
    cypher = f"/* {xss_payload} */ MATCH (u:TradeUnion)-[r]->(x) RETURN u, r, x"
    path = _query_page(evil_graph, tmp_path, cypher)
    opened = open_page(path)
    page = opened.page
    page.evaluate("""() => {
      const u = window.unionkg;
      for (const id of u.nodes.getIds()) { u.showNode(id); u.expand(id); }
      for (const id of u.edges.getIds()) u.showEdge(id);
    }""")
    page.fill("#ukg-search", "pwned")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == 3
    assert "<script>window.__pwned=1</script>" in page.locator("#ukg-panel").text_content()
    assert "<script>window.__pwned=1</script>" in page.title()  # the query, as text
    opened.assert_clean()
