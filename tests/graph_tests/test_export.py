"""Exports: every format writes; json, graphml and neo4j-csv load back to the same
graph and, written to a fresh embedded store, to the same counts and properties."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from graph_testutil import same_graph, store_graph

from graph import FORMATS, ExportError, export_graph, graph_counts, load_export, open_store
from graph.export import _child, cypher_literal

TARGET = {
    "json": "g.json",
    "graphml": "g.graphml",
    "gexf": "g.gexf",
    "neo4j-csv": "csv",
    "cypher": "g.cypher",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes(tmp_path, G, fmt):
    path = export_graph(G, fmt, tmp_path / TARGET[fmt])
    assert path.exists()


def test_json_is_node_link_data(tmp_path, G):
    path = export_graph(G, "json", tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["directed"] and data["multigraph"] and "edges" in data
    assert "平湖市总工会" in path.read_text(encoding="utf-8")  # Chinese stays readable


@pytest.mark.parametrize("fmt", ["json", "graphml", "neo4j-csv"])
def test_round_trip_gives_the_same_graph(tmp_path, G, fmt):
    H = load_export(export_graph(G, fmt, tmp_path / TARGET[fmt]), fmt)
    assert same_graph(H, G)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "neo4j-csv"])
def test_round_trip_through_a_fresh_embedded_store(tmp_path, G, fmt):
    H = load_export(export_graph(G, fmt, tmp_path / TARGET[fmt]), fmt)
    with open_store(tmp_path / "a") as a, open_store(tmp_path / "b") as b:
        a.write(G)
        b.write(H)
        assert a.counts() == b.counts() == graph_counts(G)
        assert same_graph(store_graph(a), store_graph(b))


def test_neo4j_csv_headers_and_import_command(tmp_path, G):
    out = export_graph(G, "neo4j-csv", tmp_path / "csv")
    place = (out / "nodes_Place.csv").read_text(encoding="utf-8").splitlines()
    assert place[0] == (
        "id:ID(Place),:LABEL,name,aliases:string[],doc_ids:string[],level,adcode,"
        "lon:double,lat:double,curated:boolean,note"
    )
    assert place[1].startswith('"Place:330000",Place,"浙江省",,,"province","330000",120.152585,')
    rel = (
        (out / "rels_HOLDS_POSITION_Person_Organization.csv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    assert rel[0] == (
        ":START_ID(Person),:END_ID(Organization),:TYPE,key,doc_ids:string[],"
        "evidence:string[],evidence_doc_ids:string[],title,curated:boolean,note"
    )
    adopted = (
        (out / "rels_ADOPTED_IN_Programme_Place.csv").read_text(encoding="utf-8").splitlines()[0]
    )
    assert adopted.endswith(",year:long,year_basis,date,curated:boolean,note")
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert '"$ADMIN" database import full "$DB" \\' in script
    assert '--array-delimiter=";"' in script and '--nodes="$DIR/nodes_TradeUnion.csv"' in script
    assert '--relationships="$DIR/rels_MENTIONS_Document_Place.csv"' in script
    # inferred paths are exported like any relationship (the fixture has one within max_km)
    assert '--relationships="$DIR/rels_SPREAD_TO_Place_Place.csv"' in script
    spread = (out / "rels_SPREAD_TO_Place_Place.csv").read_text(encoding="utf-8").splitlines()
    assert len(spread) == 2 and spread[0].endswith(",basis,confidence:double,distance_km:double")
    assert (out / "constraints.cypher").read_text(encoding="utf-8").count("CREATE CONSTRAINT") == 7


def test_neo4j_csv_keeps_empty_strings_apart_from_nulls_and_handles_semicolons(tmp_path, G):
    H = copy.deepcopy(G)
    H.nodes["Outcome:a000000000000001"]["qualifier"] = ""  # empty string, not null
    H.nodes["Place:330000"]["level"] = None
    edge = H.edges["TradeUnion:平湖市总工会", "Programme:连心舱", "RUNS"]
    edge["evidence"] = [{"doc_id": "doc_a_pinghu", "sentence": 'a; b, "c"\nd'}]
    out = export_graph(H, "neo4j-csv", tmp_path / "csv")
    assert '--array-delimiter="U+001F"' in (out / "import.sh").read_text(encoding="utf-8")
    back = load_export(out, "neo4j-csv")
    assert same_graph(back, H)
    assert back.nodes["Outcome:a000000000000001"]["qualifier"] == ""
    assert back.nodes["Place:330000"]["level"] is None


def test_neo4j_csv_removes_its_own_stale_files(tmp_path, G, extractions):
    out = export_graph(G, "neo4j-csv", tmp_path / "csv")
    assert (out / "nodes_Organization.csv").exists()
    small = nx.MultiDiGraph()
    small.add_node(
        "TradeUnion:x", label="TradeUnion", id="TradeUnion:x", name="x", aliases=[], doc_ids=[]
    )
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    export_graph(small, "neo4j-csv", out)
    assert sorted(p.name for p in out.iterdir()) == [
        "constraints.cypher",
        "import.sh",
        "manifest.json",
        "nodes_TradeUnion.csv",
        "notes.txt",
    ]


def test_cypher_script_has_constraints_then_param_batches(tmp_path, G):
    text = export_graph(G, "cypher", tmp_path / "g.cypher").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("//")]
    assert all(ln.startswith("CREATE CONSTRAINT") for ln in lines[:7])
    assert lines[7].startswith(":param rows => [{`id`: 'TradeUnion:")
    assert lines[8].startswith("UNWIND $rows AS row MERGE (n:TradeUnion {`id`: row.`id`}) SET")
    assert sum(ln.startswith(":param rows =>") for ln in lines) == sum(
        ln.startswith("UNWIND") for ln in lines
    )
    assert "CAST(" not in text  # Neo4j dialect


@pytest.mark.parametrize(
    "value",
    [
        "a'b",
        'say "hi"',
        "back\\slash",
        "line\nbreak\ttab\r",
        "\x01ctl",
        "'}) DETACH DELETE n //",
        "</script>",
        "中文；全角",
    ],
)
def test_cypher_literals_parse_back_verbatim(ro_store, value):
    rows = ro_store.query(
        f"RETURN {cypher_literal(value)} AS v, {cypher_literal([value, value])} AS l, "
        f"{cypher_literal({'k': value, 'n': 1.5})} AS m"
    )
    assert rows == [{"v": value, "l": [value, value], "m": {"k": value, "n": 1.5}}]


def test_gexf_is_dynamic_with_adoption_years(tmp_path, G):
    path = export_graph(G, "gexf", tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph_el = root.find("g:graph", ns)
    assert graph_el.get("mode") == "dynamic" and graph_el.get("timeformat") == "long"
    starts = {
        e.get("label"): e.get("start")
        for e in graph_el.iter(f"{{{ns['g']}}}edge")
        if e.get("start")
    }
    # the inferred path starts when it reached its target (桐乡市, 2023)
    assert set(starts) == {"ADOPTED_IN", "SPREAD_TO"} and starts["SPREAD_TO"] == "2023"
    assert starts["ADOPTED_IN"] in {
        "2020",
        "2021",
        "2022",
        "2023",
    }
    node = next(
        n for n in graph_el.iter(f"{{{ns['g']}}}node") if n.get("id") == "Programme:司机之家"
    )
    assert node.get("label") == "司机之家" and node.get("start") == "2020"
    assert nx.read_gexf(path).number_of_edges() == G.number_of_edges()


def test_gexf_colours_given_and_places_positioned(tmp_path, G):
    colours = {"Place": "#2ca02c", "other": "#000001"}
    H = nx.read_gexf(export_graph(G, "gexf", tmp_path / "g.gexf", colours=colours))
    assert H.number_of_nodes() == G.number_of_nodes()
    for n, d in H.nodes(data=True):
        want = (44, 160, 44) if d["kind"] == "Place" else (0, 0, 1)
        assert tuple(d["viz"]["color"][c] for c in "rgb") == want, n
    pos = {n: d["viz"]["position"] for n, d in H.nodes(data=True) if d["kind"] == "Place"}
    assert len(pos) == sum(1 for _, lab in G.nodes(data="label") if lab == "Place")
    # north up, east right: 浙江省 (30.3° N) lies north-east of 益阳市 (28.6° N, 112.4° E)
    zj, yy = pos["Place:330000"], pos["Place:430900"]
    assert zj["y"] > yy["y"] and zj["x"] > yy["x"]
    plain = nx.read_gexf(export_graph(G, "gexf", tmp_path / "plain.gexf"))
    assert not any("color" in d.get("viz", {}) for _, d in plain.nodes(data=True))


def test_unknown_format_names_the_choices(tmp_path, G):
    with pytest.raises(ExportError, match="json, graphml, gexf, neo4j-csv, cypher"):
        export_graph(G, "csv", tmp_path / "x")
    with pytest.raises(ExportError, match="json, graphml, neo4j-csv"):
        load_export(tmp_path, "gexf")


def test_export_paths_cannot_escape_the_directory(tmp_path):
    for bad in ("../evil.csv", "..", "a/b.csv", "/etc/passwd", ".hidden"):
        with pytest.raises(ExportError, match="refusing"):
            _child(tmp_path, bad)
    assert _child(tmp_path, "nodes_Place.csv") == tmp_path / "nodes_Place.csv"


def test_labels_from_data_never_name_files(tmp_path, G):
    G.add_node("x", label="../../evil", id="x", name="x", aliases=[], doc_ids=[])
    with pytest.raises(ExportError):
        export_graph(G, "neo4j-csv", tmp_path / "csv")
    assert not (tmp_path.parent / "evil").exists()
    assert not any(tmp_path.rglob("*evil*"))


def test_file_formats_refuse_a_directory(tmp_path, G):
    with pytest.raises(ExportError, match="is a directory"):
        export_graph(G, "json", tmp_path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_give_well_formed_xml(tmp_path, G, fmt, caplog):
    """Issue 13, defect 8: a control character taken from the text made the XML malformed."""
    H = copy.deepcopy(G)
    node = next(n for n, d in H.nodes(data=True) if d.get("label") == "TradeUnion")
    H.nodes[node]["name"] = "工会\x01\x0b名\x1f"
    H.nodes[node]["aliases"] = ["别\x08名"]
    path = export_graph(H, fmt, tmp_path / TARGET[fmt])
    root = ET.parse(path).getroot()  # raises on malformed XML
    assert "工会名" in path.read_text(encoding="utf-8")
    assert re.search(r"[1-9]\d* character\(s\) that XML does not allow .* dropped", caplog.text)
    assert root is not None
