"""`unionkg spread` on the seeds plus the sample corpus (issue 4's acceptance check)."""

import json


def test_spread_lists_dated_places_and_paths(full_built, cli):
    r = cli("spread", "司机之家", "--format", "json", "--out", str(full_built))
    assert r.exit_code == 0, r.stderr
    table = json.loads(r.stdout)
    assert table["programme"] == "司机之家"
    dated = [a for a in table["adoptions"] if a["year"] is not None]
    assert len({a["place"] for a in dated}) >= 4
    assert all(a["doc_ids"] for a in table["adoptions"])
    inferred = [p for p in table["paths"] if p["basis"] == "inferred"]
    assert inferred and all(p["kind"] in ("hierarchical", "neighbour") for p in inferred)
    assert all(p["from_year"] < p["to_year"] for p in inferred)
    assert all(0 <= p["confidence"] <= 1 for p in inferred)
    # no neighbour path beyond the documented distance (graph/data/spread_settings.txt)
    assert all(p["distance_km"] <= 300 for p in inferred if p["kind"] == "neighbour")


def test_spread_paths_are_in_the_store(full_built, cli):
    r = cli(
        "query",
        "MATCH (a:Place)-[s:SPREAD_TO]->(b:Place) WHERE s.programme_name = $p "
        "RETURN a.name AS src, b.name AS dst, s.kind AS kind",
        "--param",
        "p=司机之家",
        "--format",
        "json",
        "--out",
        str(full_built),
    )
    assert r.exit_code == 0, r.stderr
    assert len(json.loads(r.stdout)) >= 1


def test_spread_top_and_unknown_programme(full_built, cli):
    r = cli("spread", "--top", "3", "--format", "json", "--out", str(full_built))
    rows = json.loads(r.stdout)
    assert r.exit_code == 0 and len(rows) == 3 and rows[0]["places"] >= rows[-1]["places"]
    bad = cli("spread", "不存在的项目", "--out", str(full_built))
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1
