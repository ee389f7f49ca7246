"""A hand-built graph for the spread map tests, in the shape of the spread data
contract (docs/spread.md): ADOPTED_IN with ``year`` and ``year_basis``; SPREAD_TO with
``basis`` reported (evidence, kind learned/promoted) or inferred (hierarchical /
neighbour, confidence). Two towns have no coordinates of their own and one place has
none at all. The sentences are written for the tests."""

from __future__ import annotations

import networkx as nx

PROG = "Programme:驿站"


def make_spread_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()

    def node(nid, label, name, **props):
        G.add_node(nid, label=label, id=nid, name=name, aliases=[], doc_ids=["d1"], **props)
        return nid

    def place(code, name, level, parent=None, **props):
        nid = node(f"Place:{code}", "Place", name, level=level, **props)
        if parent:
            G.add_edge(nid, parent, key="PART_OF", type="PART_OF", doc_ids=[], evidence=[])
        return nid

    zj = place("330000", "浙江省", "province", adcode="330000")
    jx = place("330400", "嘉兴市", "city", zj, adcode="330400")
    ph = place("330482", "平湖市", "county", jx, adcode="330482")
    dh = place("330482/当湖街道", "当湖街道", "street", ph)
    ds = place("330482/独山港镇", "独山港镇", "town", ph)
    yy = place("430900", "益阳市", "city", adcode="430900")
    nowhere = place("x/无名社区", "无名社区", "community")
    prog = node(PROG, "Programme", "驿站")

    def adopt(p, year, basis, sentence):
        G.add_edge(
            prog,
            p,
            key="ADOPTED_IN",
            type="ADOPTED_IN",
            year=year,
            year_basis=basis,
            doc_ids=["d1"],
            evidence=[{"doc_id": "d1", "sentence": sentence}],
        )

    adopt(zj, 2019, "stated", "2019年，浙江省总工会推出驿站。")
    adopt(jx, 2020, "reported", "嘉兴市建成驿站。")
    adopt(ph, 2020, "stated", "2020年平湖市学习嘉兴经验建成驿站。")
    adopt(dh, 2021, "stated", "2021年当湖街道建成驿站。")
    adopt(ds, None, None, "独山港镇也有驿站。")
    adopt(yy, 2022, "reported", "益阳市建成驿站。")
    adopt(nowhere, None, None, "无名社区建成驿站。")

    def path(u, v, basis, kind, from_year, to_year, sentence=None, **props):
        G.add_edge(
            u,
            v,
            key=f"SPREAD_TO|{prog}",
            type="SPREAD_TO",
            programme=prog,
            programme_name="驿站",
            basis=basis,
            kind=kind,
            from_year=from_year,
            to_year=to_year,
            lag=None if from_year is None or to_year is None else to_year - from_year,
            doc_ids=["d1"],
            evidence=[{"doc_id": "d1", "sentence": sentence}] if sentence else [],
            **props,
        )

    path(jx, ph, "reported", "learned", 2020, 2020, "平湖市学习嘉兴经验。")
    path(zj, jx, "inferred", "hierarchical", 2019, 2020, confidence=0.8)
    path(ph, dh, "inferred", "hierarchical", 2020, 2021, confidence=0.7)
    path(ph, yy, "inferred", "neighbour", 2020, 2022, confidence=0.2, distance_km=900.0)
    return G
