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


def test_spread_csv_rows_with_basis_and_injection_safe(full_built, cli):
    import csv
    import io

    r = cli("spread", "司机之家", "--format", "csv", "--out", str(full_built))
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    adoptions = [x for x in rows if x["record"] == "adoption"]
    paths = [x for x in rows if x["record"] == "path"]
    assert adoptions and paths and len(rows) == len(adoptions) + len(paths)
    assert {x["year_basis"] for x in adoptions if x["year"]} <= {"stated", "reported"}
    assert all(x["doc_ids"] for x in rows) and all(x["basis"] for x in paths)
    assert all(0 <= float(x["confidence"]) <= 1 for x in paths if x["basis"] == "inferred")
    # no cell a spreadsheet would run as a formula
    assert not any(v.startswith(("=", "+", "-", "@")) for x in rows for v in x.values() if v)


def test_spread_max_km_widens_the_neighbour_paths(full_built, cli):
    def neighbours(*extra):
        r = cli("spread", "司机之家", "--format", "json", "--out", str(full_built), *extra)
        assert r.exit_code == 0, r.stderr
        return [p for p in json.loads(r.stdout)["paths"] if p["kind"] == "neighbour"]

    near, far = neighbours(), neighbours("--max-km", "3000")
    assert len(far) > len(near) and max(p["distance_km"] for p in far) > 300
    bad = cli("spread", "司机之家", "--max-km", "-1", "--out", str(full_built))
    assert bad.exit_code == 1 and "--max-km" in bad.stderr


def test_gexf_of_the_seeds_is_ready_for_gephi(seeds_built, cli, tmp_path):
    import networkx as nx

    from graph import build_graph, load_extractions

    path = tmp_path / "seeds.gexf"
    r = cli("export", "--format", "gexf", "-o", str(path), "--out", str(seeds_built))
    assert r.exit_code == 0, r.stderr
    G = build_graph(load_extractions(seeds_built / "extractions.jsonl"))
    H = nx.read_gexf(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert all("color" in d.get("viz", {}) for _, d in H.nodes(data=True))
    places = [d for _, d in H.nodes(data=True) if d.get("kind") == "Place"]
    assert sum("position" in d["viz"] for d in places) >= 0.9 * len(places)
    dated = [d for *_, d in H.edges(data=True) if d["rel_type"] == "ADOPTED_IN" and "year" in d]
    assert dated and all(d["start"] == d["year"] for d in dated)
