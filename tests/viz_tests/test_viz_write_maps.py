"""write_maps: the set of pages, the same bytes as the one-page renderers, and the
removal of spread maps a rebuild no longer produces."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest

import viz
from viz.graphdata import precomputed_positions
from viz.maps import SPREAD_NAME, remove_stale_spread_maps, spread_edges
from viz.templates import script_json


def _ev(doc_id, sentence):
    return {"doc_id": doc_id, "sentence": sentence}


LXC, YLZ = "Programme:连心舱", "Programme:云履职"
PH, CS, DH = "Place:330482", "Place:430100", "Place:330482/当湖街道"
ORG = "Organization:平湖市职工协会"


def _with_second_spread(G):
    """云履职 adopted in a second place, with a SPREAD_TO edge: two spread maps."""
    G = G.copy()
    G.add_edge(
        YLZ,
        CS,
        key="ADOPTED_IN",
        type="ADOPTED_IN",
        year=2023,
        date=None,
        doc_ids=["doc-2022"],
        evidence=[_ev("doc-2022", "2023年长沙市推行云履职。")],
    )
    G.add_edge(
        PH,
        CS,
        key=f"SPREAD_TO|{YLZ}",
        type="SPREAD_TO",
        programme=YLZ,
        programme_name="云履职",
        from_year=2022,
        to_year=2023,
        kind="neighbour",
        lag=1,
        doc_ids=[],
        evidence=[],
    )
    return G


def _spread_files(folder):
    return sorted(p.name for p in folder.iterdir() if SPREAD_NAME.fullmatch(p.name))


# ------------------------------------------------------- same bytes as one page at a time


def _tricky(G):
    """Things the shared indexes and the shared memo must not mix up."""
    G = _with_second_spread(G)
    # A SPREAD_TO edge whose programme is no node: no spread map may pick it up.
    G.add_edge(
        PH,
        DH,
        key="SPREAD_TO|x",
        type="SPREAD_TO",
        programme="Programme:无此项目",
        from_year=2019,
        to_year=2020,
        kind="hierarchical",
        lag=1,
        doc_ids=[],
        evidence=[],
    )
    # A node whose only evidence is on a document's edge: the explorer's tooltip
    # shows it, the overview's (no Document nodes) must not.
    doc = next(n for n, d in G.nodes(data=True) if d.get("label") == "Document")
    G.add_node(
        ORG, label="Organization", id=ORG, name="平湖市职工协会", aliases=[], doc_ids=["doc-2019"]
    )
    G.add_edge(
        doc,
        ORG,
        key="MENTIONS",
        type="MENTIONS",
        doc_ids=["doc-2019"],
        evidence=[_ev("doc-2019", "文档里关于职工协会的句子。")],
    )
    return G


def test_write_maps_pages_equal_the_one_page_renderers(graph, tmp_path):
    G = _tricky(graph)
    written = viz.write_maps(G, tmp_path / "set")
    alone = tmp_path / "alone"
    spread_maps = {}
    for prog in viz.spread_programmes(G):
        name = viz.spread_filename(G, prog)
        viz.render_spread(G, prog, alone / name, back_href="index.html")
        spread_maps[str(prog)] = quote(name)
    viz.render_overview(G, alone / "overview.html", back_href="index.html")
    viz.render_explorer(G, alone / "index.html", spread_maps, overview_href="overview.html")

    assert len(written) == 4  # index, overview, two spread maps
    assert sorted(p.name for p in written) == sorted(p.name for p in alone.iterdir())
    for path in written:
        assert path.read_bytes() == (alone / path.name).read_bytes(), path.name


def test_each_spread_map_draws_its_own_spread_edges(graph, tmp_path, read_page_data):
    G = _tricky(graph)
    viz.write_maps(G, tmp_path)
    expected = {LXC: {("平湖市", "长沙市"), ("平湖市", "当湖街道")}, YLZ: {("平湖市", "长沙市")}}
    for prog, pairs in expected.items():
        data = read_page_data(tmp_path / viz.spread_filename(G, prog))
        drawn = [(e["ukg"]["from"], e["ukg"]["to"]) for e in data["edges"]]
        assert sorted(drawn) == sorted(pairs), prog
        assert all(e["t"] == "SPREAD_TO" for e in data["edges"])


def test_node_tooltips_belong_to_their_page(graph, tmp_path, read_page_data):
    G = _tricky(graph)
    paths = viz.write_maps(G, tmp_path)
    sentence = "文档里关于职工协会的句子。"

    def tip(page):
        data = read_page_data(page)
        return next(n["tip"] for n in data["nodes"] if n["ukg"]["id"] == ORG)

    assert any(sentence in line for line in tip(paths[0]))  # explorer: the document is drawn
    assert not any(sentence in line for line in tip(paths[1]))  # overview: it is not


def test_spread_edges_groups_by_programme_in_graph_order(graph):
    G = _tricky(graph)
    # An unhashable programme value equals no node id: left out, no error.
    G.add_edge(
        CS,
        PH,
        key="SPREAD_TO|y",
        type="SPREAD_TO",
        programme=[LXC],
        from_year=2019,
        to_year=2020,
        kind="neighbour",
        lag=1,
        doc_ids=[],
        evidence=[],
    )
    index = spread_edges(G)
    for prog in (LXC, YLZ):
        scanned = [
            (u, v, d)
            for u, v, d in G.edges(data=True)
            if d.get("type") == "SPREAD_TO" and d.get("programme") == prog
        ]
        assert index[prog] == scanned and scanned
    assert sum(len(v) for v in index.values()) == 4  # 连心舱 2, 云履职 1, 无此项目 1
    assert "Programme:无此项目" in index  # kept, but no spread map asks for it


@pytest.mark.slow
def test_whole_graph_layout_equals_the_explicit_node_list(large_graph):
    # precomputed_positions(G) reads G's edges directly, (G, nodes) through a subgraph.
    whole = precomputed_positions(large_graph)
    assert len(whole) == large_graph.number_of_nodes()
    assert whole == precomputed_positions(large_graph, list(large_graph))


@pytest.mark.parametrize(
    "value", ["</script>&<!--\u2028\u2029>", "\\u003c<", "平湖 & 长沙 <b>", "", "a" * 10_000 + "<"]
)
def test_script_json_matches_the_escape_table(value):
    table = str.maketrans(
        {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
    )
    obj = {"v": value, value: [value]}
    expected = json.dumps(
        obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).translate(table)
    assert script_json(obj) == expected
    assert json.loads(script_json(obj)) == obj


# ------------------------------------------------------------- stale spread maps


def test_rebuild_removes_spread_maps_it_no_longer_produces(graph, tmp_path, read_page_data):
    maps = tmp_path / "maps"
    first = viz.write_maps(_with_second_spread(graph), maps)
    stale = viz.spread_filename(graph, YLZ)
    kept = viz.spread_filename(graph, LXC)
    assert _spread_files(maps) == sorted([stale, kept])
    stale_page = (maps / stale).read_bytes()

    # A stale page under another name of the right form: deleted as well.
    other_stale = "spread-旧项目-0123abcd.html"
    (maps / other_stale).write_bytes(stale_page)
    # A spread map as `unionkg viz spread` writes it (no link back to the explorer),
    # for a programme write_maps does not map: the user asked for it, it stays.
    cli_page = viz.render_spread(graph, YLZ, tmp_path / "cli.html").read_bytes()
    # Things write_maps must never delete, even though some look like its pages.
    planted = {
        "spread-notes-1234abcd.html": b"<p>my own notes</p>",  # our name form, not our page
        "spread-copy.html": stale_page,  # our page, not our name form
        "spread-x-ABCDEF12.html": stale_page,  # upper-case hash: not ours
        "spread-overview-0123abcd.html": (
            maps / "overview.html"
        ).read_bytes(),  # ours, not a spread map
        "spread-cut-0123abce.html": stale_page[
            : stale_page.index(b'id="unionkg-data">') + 60
        ],  # cut short
        "spread-cli-0123abcf.html": cli_page,
        "spread-other-0123abd0.html": stale_page.replace(
            b'content="unionkg viz', b'content="other tool'
        ),
        "spread-bad-0123abd1.html": stale_page.replace(
            b'id="unionkg-data">{', b'id="unionkg-data">{,'
        ),
        "notes.txt": b"notes",
    }
    for name, data in planted.items():
        (maps / name).write_bytes(data)
    (maps / "sub").mkdir()
    (maps / "sub" / stale).write_bytes(stale_page)  # not directly in maps_dir
    (maps / "spread-dir-abcdef12.html").mkdir()  # a folder
    outside = tmp_path / "outside.html"
    outside.write_bytes(stale_page)
    os.symlink(outside, maps / "spread-link-0000ffff.html")  # a symlink to a spread page

    second = viz.write_maps(graph, maps)

    assert not (maps / stale).exists() and not (maps / other_stale).exists()
    assert [p.name for p in second[2:]] == [kept] and (maps / kept).exists()
    for name, data in planted.items():
        assert (maps / name).read_bytes() == data, name
    assert (maps / "sub" / stale).read_bytes() == stale_page
    assert (maps / "spread-dir-abcdef12.html").is_dir()
    assert (maps / "spread-link-0000ffff.html").is_symlink() and outside.read_bytes() == stale_page
    # The explorer links exactly the spread maps that are left.
    hrefs = {link["href"] for link in read_page_data(maps / "index.html")["links"]}
    assert hrefs == {"overview.html", quote(kept)}
    assert {p.name for p in first} - {p.name for p in second} == {stale}


def test_renamed_programme_leaves_one_spread_map(graph, tmp_path):
    maps = tmp_path / "maps"
    viz.write_maps(graph, maps)
    old = viz.spread_filename(graph, LXC)
    G = graph.copy()
    G.nodes[LXC]["name"] = "职工连心舱"
    viz.write_maps(G, maps)
    new = viz.spread_filename(G, LXC)
    assert new != old
    assert _spread_files(maps) == [new]


def test_remove_stale_spread_maps_keeps_what_it_is_told_to(graph, tmp_path):
    paths = viz.write_maps(_with_second_spread(graph), tmp_path)
    names = [p.name for p in paths[2:]]
    assert remove_stale_spread_maps(tmp_path, keep=names) == []
    assert _spread_files(tmp_path) == sorted(names)
    removed = remove_stale_spread_maps(tmp_path, keep=names[:1])
    assert removed == [tmp_path / names[1]] and _spread_files(tmp_path) == names[:1]
    assert (tmp_path / "index.html").exists() and (tmp_path / "overview.html").exists()


@pytest.mark.slow
def test_large_and_ego_pages_do_not_depend_on_the_hash_seed(tmp_path):
    """The precomputed layout, the ego map's node order and an aggregated explorer
    (a graph over the page limit) are the same whatever PYTHONHASHSEED (networkx
    subgraph views iterate node sets in hash order)."""
    import hashlib
    import os
    import subprocess
    import sys

    script = (
        "import sys, hashlib; sys.path[:0] = ['.', 'tests/viz_tests']\n"
        "from conftest import make_large_graph\n"
        "from viz import render_explorer, render_ego\n"
        "from viz.graphdata import LARGE_GRAPH_NODES\n"
        "G = make_large_graph(LARGE_GRAPH_NODES + 300)\n"
        "out = sys.argv[1]\n"
        "render_explorer(G, out + '/index.html')\n"
        "render_ego(G, next(iter(G)), out + '/ego.html', radius=2)\n"
        "import viz.network; viz.network.MAX_PAGE_NODES = LARGE_GRAPH_NODES + 100\n"
        "render_explorer(G, out + '/cut.html')\n"
    )
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(out)],
            check=True,
            env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()})
    assert digests[0].keys() == {"index.html", "ego.html", "cut.html"}
    assert digests[0] == digests[1]


def test_pages_are_written_when_a_spread_edge_names_its_programme_with_a_list(
    graph, tmp_path, read_page_data
):
    G = _tricky(graph)
    G.add_edge(
        CS,
        PH,
        key="SPREAD_TO|y",
        type="SPREAD_TO",
        programme=[LXC],
        from_year=2019,
        to_year=2020,
        kind="neighbour",
        lag=1,
        doc_ids=[],
        evidence=[],
    )
    paths = viz.write_maps(G, tmp_path)
    data = read_page_data(paths[0])
    listed = [e for e in data["edges"] if e.get("t") == "SPREAD_TO" and e.get("pg") == -1]
    assert listed  # drawn, in no programme's filter
