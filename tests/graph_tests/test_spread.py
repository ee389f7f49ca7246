"""Adoption timelines and inferred diffusion paths (graph/spread.py, docs/spread.md)."""

import networkx as nx

from graph.spread import (
    add_spread_edges,
    adoptions,
    confidence,
    find_programme,
    infer_paths,
)
from graph.spread_table import spread_table, top_programmes


def _place(G, pid, name, level, lon=None, lat=None, parent=None):
    G.add_node(
        pid, label="Place", id=pid, name=name, level=level, lon=lon, lat=lat, aliases=[], doc_ids=[]
    )
    if parent:
        G.add_edge(pid, parent, key="PART_OF", type="PART_OF", doc_ids=[], evidence=[])


def _graph():
    G = nx.MultiDiGraph()
    _place(G, "P:zj", "浙江省", "province", 120.15, 30.27)
    _place(G, "P:jx", "嘉兴市", "city", 120.76, 30.75, "P:zj")
    _place(G, "P:ph", "平湖市", "county", 121.02, 30.68, "P:jx")
    _place(G, "P:town", "某某镇", "town", None, None, "P:ph")
    _place(G, "P:hn", "湖南省", "province", 112.98, 28.11)
    _place(G, "P:yy", "益阳市", "city", 112.36, 28.55, "P:hn")
    _place(G, "P:js", "江苏省", "province", 118.76, 32.04)
    G.add_node(
        "G:x", label="Programme", id="G:x", name="示例之家", aliases=["示例驿站"], doc_ids=[]
    )
    for place, year in (
        ("P:zj", 2018),
        ("P:town", 2020),
        ("P:yy", 2021),
        ("P:js", None),
        ("P:ph", 2018),
    ):
        G.add_edge(
            "G:x",
            place,
            key="ADOPTED_IN",
            type="ADOPTED_IN",
            year=year,
            date=None,
            doc_ids=[f"d-{place}"],
            evidence=[{"doc_id": f"d-{place}", "sentence": f"{place} 建成"}],
        )
    return G


def test_adoptions_sorted_with_undated_last():
    G = _graph()
    rows = adoptions(G, "G:x")
    assert [r["place"] for r in rows][-1] == "江苏省"
    assert rows[-1]["year"] is None
    assert [r["year"] for r in rows[:-1]] == sorted(r["year"] for r in rows[:-1])


def test_hierarchical_source_is_nearest_earlier_ancestor():
    paths = {p["to"]: p for p in infer_paths(_graph(), "G:x")}
    assert paths["某某镇"]["from"] == "平湖市" and paths["某某镇"]["kind"] == "hierarchical"
    assert paths["某某镇"]["lag"] == 2


def test_neighbour_source_by_distance_and_no_path_for_same_year_or_undated():
    # 益阳 is about 800 km from 浙江's and 平湖's points: no neighbour by default (300 km)
    assert "益阳市" not in {p["to"] for p in infer_paths(_graph(), "G:x")}
    paths = {p["to"]: p for p in infer_paths(_graph(), "G:x", max_km=2000)}
    assert paths["益阳市"]["kind"] == "neighbour" and paths["益阳市"]["basis"] == "inferred"
    assert 700 < paths["益阳市"]["distance_km"] < 900
    assert "江苏省" not in paths  # undated: no inferred path
    assert "平湖市" not in paths and "浙江省" not in paths  # 2018 both: nothing strictly earlier


def test_inferred_confidence_falls_with_distance_and_lag():
    near = {p["to"]: p for p in infer_paths(_graph(), "G:x", max_km=2000)}
    town, far = near["某某镇"], near["益阳市"]
    assert town["kind"] == "hierarchical" and 0 < far["confidence"] < town["confidence"] <= 1
    assert confidence("neighbour", 10, 1) > confidence("neighbour", 200, 1)
    assert confidence("neighbour", 10, 1) > confidence("neighbour", 10, 5) > 0
    assert confidence("hierarchical", 0, 1) <= 1 and confidence("neighbour", 5000, 30) >= 0


def test_spread_edges_added_once_and_json_shape():
    G = _graph()
    assert add_spread_edges(G) == add_spread_edges(G) == 1
    assert sum(1 for *_, d in G.edges(data=True) if d["type"] == "SPREAD_TO") == 1
    assert add_spread_edges(G, max_km=2000) == 2
    table = spread_table(G, find_programme(G, "示例驿站"))
    assert set(table) == {"programme", "adoptions", "paths"}
    assert set(table["adoptions"][0]) == {
        "place",
        "province",
        "year",
        "year_basis",
        "date",
        "union",
        "doc_ids",
    }
    assert table["adoptions"][0]["year_basis"] == "stated"  # no basis stored: an older graph
    assert set(table["paths"][0]) == {
        "from",
        "to",
        "basis",
        "kind",
        "confidence",
        "distance_km",
        "from_year",
        "to_year",
        "doc_ids",
        "evidence",
    }
    assert top_programmes(G)[0] == {"programme": "示例之家", "places": 5, "first_year": 2018}


def test_within_a_reported_target_only_the_spread_inside_it_is_inferred():
    G = _graph()
    _place(G, "P:a", "甲街道", "town", 112.30, 28.50, "P:yy")  # inside 益阳市
    _place(G, "P:b", "乙街道", "town", 112.40, 28.60, "P:yy")
    _place(G, "P:near", "丙县", "county", 112.20, 28.40, "P:hn")  # near, outside 益阳市
    for place, year in (("P:a", 2021), ("P:b", 2022), ("P:near", 2019)):
        G.add_edge(
            "G:x",
            place,
            key=f"ADOPTED_IN|{place}",
            type="ADOPTED_IN",
            year=year,
            year_basis="stated",
            doc_ids=["d"],
            evidence=[],
        )
    # the text says 益阳市 learned it from 浙江省
    G.add_edge(
        "P:zj",
        "P:yy",
        key="SPREAD_TO|G:x",
        type="SPREAD_TO",
        basis="reported",
        kind="learned",
        doc_ids=["d"],
        evidence=[],
    )
    paths = {p["to"]: p for p in infer_paths(G, "G:x")}
    assert "益阳市" not in paths  # the reported target itself needs no guess
    assert "甲街道" not in paths  # 丙县 is nearer, but the text says 益阳 got it from 浙江
    # inside 益阳市, from 益阳市 itself (2021), not from 丙县 (2019, outside)
    assert paths["乙街道"]["from"] == "益阳市" and paths["乙街道"]["kind"] == "hierarchical"
    G.remove_edge("G:x", "P:yy", "ADOPTED_IN")  # without 益阳市's own year: the neighbour inside
    paths = {p["to"]: p for p in infer_paths(G, "G:x")}
    assert paths["乙街道"]["from"] == "甲街道" and paths["乙街道"]["kind"] == "neighbour"


def test_an_adoption_is_credited_to_the_union_of_its_own_place_first():
    G = _graph()
    for uid, name, place in (("U:zj", "浙江省总工会", "P:zj"), ("U:jx", "嘉兴市总工会", "P:jx")):
        G.add_node(uid, label="TradeUnion", id=uid, name=name, aliases=[], doc_ids=[])
        G.add_edge(uid, "G:x", key="RUNS", type="RUNS", doc_ids=[], evidence=[])
        G.add_edge(uid, place, key="LOCATED_IN", type="LOCATED_IN", doc_ids=[], evidence=[])
    union = {a["place"]: a["union"] for a in adoptions(G, "G:x")}
    assert union["浙江省"] == "浙江省总工会"  # not 嘉兴市总工会, first by name, within it
    assert union["平湖市"] == "嘉兴市总工会"  # the nearest ancestor's union
    assert union["益阳市"] is None


def test_a_place_never_learns_from_a_place_inside_it():
    G = _graph()
    G.remove_edge("G:x", "P:zj", "ADOPTED_IN")
    G.add_edge(
        "G:x",
        "P:zj",
        key="ADOPTED_IN|late",
        type="ADOPTED_IN",
        year=2022,
        year_basis="stated",
        doc_ids=["d"],
        evidence=[],
    )
    # 平湖市 (2018) and 某某镇 (2020) lie inside 浙江省 (2022): no neighbour path from them
    sources = {p["from"] for p in infer_paths(G, "G:x", max_km=2000) if p["to"] == "浙江省"}
    assert sources == {"益阳市"}  # the nearest earlier adopter outside it
