"""Corpora of any size (issue 17 item 4): a graph larger than one page can draw gets an
aggregated view (the most connected nodes first, "show more", what was left out said
on the page), never an error; spread maps stay complete. The settings come from
viz/data/page-limits.txt. The last test builds 3,000 synthetic documents of real
paragraphs with ``unionkg build`` and opens the explorer in Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

import viz
import viz.explorer
import viz.network
from viz.emphasis import relation_degrees
from viz.limits import PageLimits, page_limits

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_limits(monkeypatch):
    """Pages of at most 200 nodes, 40 drawn first, 50 more per "show more"."""
    monkeypatch.setattr(viz.network, "MAX_PAGE_NODES", 200)
    limits = PageLimits(large_graph_nodes=1500, page_nodes=200, start_nodes=40, more_nodes=50)
    monkeypatch.setattr(viz.explorer, "page_limits", lambda: limits)
    return limits


def test_the_limits_are_the_settings_of_the_data_file():
    text = resources.files("viz").joinpath("data", "page-limits.txt").read_text("utf-8")
    assert "# What it holds" in text and "Where the figures come from" in text
    settings = {
        k: int(v)
        for k, _tab, v in (line.partition("\t") for line in text.splitlines())
        if k and not k.startswith("#")
    }
    limits = page_limits()
    assert settings == {
        "large_graph_nodes": limits.large_graph_nodes,
        "page_nodes": limits.page_nodes,
        "start_nodes": limits.start_nodes,
        "more_nodes": limits.more_nodes,
    }
    assert viz.MAX_PAGE_NODES == limits.page_nodes
    assert viz.LARGE_GRAPH_NODES == limits.large_graph_nodes
    assert limits.start_nodes < limits.page_nodes


def test_a_graph_over_the_limit_gets_the_most_connected_nodes(
    small_limits, tmp_path, read_page_data, graph_of_600
):
    G = graph_of_600
    data = read_page_data(viz.render_explorer(G, tmp_path / "index.html", {}))
    cut = data["cut"]
    assert (cut["embedded"], cut["total"]) == (200, 600) == (len(data["nodes"]), 600)
    left = {row[0]: row[2] for row in cut["left_out"]}
    labels = [d["label"] for _n, d in G.nodes(data=True)]
    assert left["Document"] == labels.count("Document")  # documents are never embedded
    assert sum(left.values()) == 400
    assert (cut["start"], cut["more"]) == (40, 50)
    # The embedded nodes are the most connected, in that order.
    degree = relation_degrees(G)
    page = [n["ukg"]["id"] for n in data["nodes"]]
    ranks = [degree.get(n, 0) for n in page]
    assert ranks == sorted(ranks, reverse=True)
    others = [
        degree.get(n, 0)
        for n, d in G.nodes(data=True)
        if n not in set(page) and d["label"] != "Document"
    ]
    assert min(ranks) >= max(others)
    # The page says what it left out, and what the user can do about it.
    assert "600" in data["note"] and "left out" in data["note"]
    assert "unionkg viz ego" in data["note"] and "render_" not in data["note"]
    # Counts of the whole graph per province sit beside the filter's options.
    assert {k for k, _n in cut["province_nodes"]} == {k for k, _name in data["provinces"]}
    assert all(n >= 1 for _k, n in cut["province_nodes"])
    # Every edge of the page joins two embedded nodes.
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_a_graph_within_the_limit_is_drawn_whole(tmp_path, read_page_data, graph):
    data = read_page_data(viz.render_explorer(graph, tmp_path / "index.html", {}))
    assert "cut" not in data and len(data["nodes"]) == graph.number_of_nodes()


def test_write_maps_never_fails_and_spread_maps_stay_complete(
    graph, tmp_path, monkeypatch, read_page_data
):
    whole = viz.write_maps(graph, tmp_path / "whole")
    monkeypatch.setattr(viz.network, "MAX_PAGE_NODES", 3)
    cut = viz.write_maps(graph, tmp_path / "cut")
    assert [p.name for p in cut] == [p.name for p in whole]
    index, overview = read_page_data(cut[0]), read_page_data(cut[1])
    assert len(index["nodes"]) == 3 and index["cut"]["total"] == graph.number_of_nodes()
    assert len(overview["nodes"]) == 3 and overview["note"]
    assert len(cut) > 2
    for a, b in zip(whole[2:], cut[2:], strict=True):  # spread maps: complete, the same
        assert a.name == b.name and a.read_bytes() == b.read_bytes()


def test_an_ego_map_over_the_limit_keeps_its_centre(graph, tmp_path, monkeypatch, read_page_data):
    monkeypatch.setattr(viz.network, "MAX_PAGE_NODES", 2)
    data = read_page_data(viz.render_ego(graph, "平湖市", tmp_path / "ego.html", radius=2))
    assert [n["ukg"]["name"] for n in data["nodes"]][0] == "平湖市"
    assert len(data["nodes"]) == 2 and "left out" in data["note"]


def test_messages_name_commands_not_functions(graph, tmp_path):
    G = graph.copy()
    G.add_node("Programme:空", label="Programme", id="Programme:空", name="空")
    with pytest.raises(viz.NoAdoptionsError) as exc:
        viz.render_spread(G, "空", tmp_path / "s.html")
    assert "unionkg spread --top" in str(exc.value) and "(G)" not in str(exc.value)


# ----------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_aggregated_explorer_draws_most_connected_first_and_shows_more(
    small_limits, tmp_path, open_page, graph_of_600
):
    G = graph_of_600
    page = open_page(viz.render_explorer(G, tmp_path / "index.html", {})).page
    api = "window.unionkg"
    assert page.evaluate(f"{api}.visibleNodeCount()") == 40
    # The first drawn are the first 40 of the page's rank order that pass the filters.
    first = page.evaluate(
        "window.unionkg.nodes.getIds().filter(id => window.unionkg.nodeMeta[id].t !== 'Outcome')"
        ".slice(0, 40)"
    )
    shown = page.evaluate("window.unionkg.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert sorted(shown) == sorted(first)
    section = page.inner_text("#ukg-cut")
    assert "600" in section and "left out" in section and "unionkg viz ego" in section
    assert "Show more (50 of" in page.inner_text("#ukg-more")
    page.click("#ukg-more")
    assert page.evaluate(f"{api}.visibleNodeCount()") == 90
    assert "in the graph" in page.inner_text("#ukg-status")
    # A province shows its own most connected first.
    key = page.evaluate(
        "JSON.parse(document.getElementById('unionkg-data').textContent).provinces[0][0]"
    )
    n = page.evaluate(f"{api}.setProvince({json.dumps(key)})")
    assert 0 < n <= 90
    pv = page.evaluate(
        "window.unionkg.nodes.get({filter: n => !n.hidden}).map(n => window.unionkg.nodeMeta[n.id].pv)"
    )
    assert all(key in p for p in pv)
    assert "·" in page.inner_text("#ukg-province")  # options carry the whole graph's counts
    page.evaluate(f"{api}.reset()")
    assert page.evaluate(f"{api}.visibleNodeCount()") == 40
    for _ in range(20):  # show more until all shown: the button says so and stops
        page.evaluate(f"{api}.showMore()")
    assert page.evaluate(f"{api}.waiting()") == 0
    assert page.is_disabled("#ukg-more")


@pytest.mark.slow
@pytest.mark.browser
def test_a_build_of_3000_documents_opens_with_its_graph_drawn(tmp_path, open_page):
    from bench.corpus import make_corpus, source_paragraphs

    shared = REPO.parent / "shared" / "corpus"
    sources, _notes = source_paragraphs(
        [shared / "seeds", shared / "dev2", REPO / "examples" / "corpus"]
    )
    make_corpus(sources, 3000, tmp_path / "corpus", seed=20240601)
    out = tmp_path / "out"
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "unionkg", "build", tmp_path / "corpus", "--out", out, "--fast"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=600,
    )
    seconds = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["documents"] == 3000
    index = out / "maps" / "index.html"
    size = index.stat().st_size
    opened = open_page(index)
    page = opened.page
    assert page.evaluate("window.unionkg.visibleNodeCount()") > 50
    drawn = page.evaluate(
        """() => {
          const c = document.querySelector('#ukg-network canvas');
          const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && px[i] < 200) ink++;
          return ink;
        }"""
    )
    assert drawn > 2000  # nodes and edges on the canvas, not a blank page
    assert page.evaluate("window.unionkg.hubLabels().length") >= 8
    opened.assert_clean()
    print(f"\n[viz] 3,000-document build {seconds:.0f} s; index.html {size / 1e6:.1f} MB")


def _labelled_at(page, scale: float) -> tuple[set, set]:
    """(nodes whose label is drawn, hub labels) once the page has drawn at ``scale``."""
    page.evaluate(f"window.network.moveTo({{scale: {scale}}})")
    for _ in range(100):  # polled from Python: the page's CSP forbids a polling eval
        if page.evaluate(f"Math.abs(window.network.getScale() - {scale}) < 1e-6"):
            break
        page.wait_for_timeout(50)
    page.evaluate("window.network.redraw()")
    page.wait_for_timeout(100)
    return (
        set(page.evaluate("window.unionkg.labelledNodes()")),
        set(page.evaluate("window.unionkg.hubLabels()")),
    )


@pytest.mark.browser
def test_other_labels_draw_from_their_threshold(
    graph, small_limits, graph_of_600, tmp_path, open_page
):
    """Labels other than the hubs' draw from 9 px on screen (13 px font: scale 0.62 and
    up, as docs/maps.md says), on an aggregated page from 12 px (scale 0.85)."""
    page = open_page(viz.write_maps(graph, tmp_path / "a")[0]).page
    labelled, hubs = _labelled_at(page, 0.55)
    assert labelled == hubs
    labelled, hubs = _labelled_at(page, 0.75)
    assert labelled > hubs
    page = open_page(viz.render_explorer(graph_of_600, tmp_path / "b.html", {})).page
    labelled, hubs = _labelled_at(page, 0.75)
    assert labelled == hubs
    labelled, hubs = _labelled_at(page, 1.0)
    assert labelled > hubs
