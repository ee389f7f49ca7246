"""The ``unionkg`` command line, driven in-process through ``run()`` (tests/conftest.py):
each test asserts the exit code and what was printed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from unionkg import __version__
from unionkg.cli import make_parser

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_RELS = "MATCH ()-[r]->() RETURN count(r) AS n"


def subcommands() -> list[str]:
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return list(sub.choices)


def query(cli, out, cypher, *extra):
    r = cli("query", cypher, "--out", out, "--format", "json", *extra)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def counts(cli, out) -> tuple[int, int]:
    return query(cli, out, COUNT_NODES)[0]["n"], query(cli, out, COUNT_RELS)[0]["n"]


def signature(cli, out) -> tuple:
    """The whole graph as comparable sets: node ids with their documents, edges by ends and key."""
    nodes = {
        (r["id"], tuple(r["docs"] or ()))
        for r in query(cli, out, "MATCH (n) RETURN n.id AS id, n.doc_ids AS docs")
    }
    edges = {
        (r["a"], r["k"], r["b"], tuple(r["docs"] or ()))
        for r in query(
            cli,
            out,
            "MATCH (a)-[r]->(b) RETURN a.id AS a, r.key AS k, b.id AS b, r.doc_ids AS docs",
        )
    }
    return nodes, edges


def one_line_error(r):
    assert r.exit_code == 1, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


# -- help, version, bad arguments ---------------------------------------------------------
def test_there_are_commands():
    assert {"build", "extract", "query", "viz", "export", "eval", "remove"} <= set(subcommands())


@pytest.mark.parametrize("command", subcommands())
def test_every_command_has_help_with_an_example(cli, command):
    r = cli(command, "--help")
    assert r.exit_code == 0
    assert "example" in r.stdout.lower()
    assert f"unionkg {command}" in r.stdout


def test_top_level_help(cli):
    r = cli("--help")
    assert r.exit_code == 0
    assert "examples:" in r.stdout
    for command in subcommands():
        assert command in r.stdout


def test_version(cli):
    r = cli("--version")
    assert r.exit_code == 0
    assert r.stdout.strip() == f"unionkg {__version__}"


def test_python_dash_m_works():
    r = subprocess.run(
        [sys.executable, "-m", "unionkg", "--version"], capture_output=True, text=True, cwd=REPO
    )
    assert r.returncode == 0 and __version__ in r.stdout


@pytest.mark.parametrize(
    "args,expect",
    [
        (["frob"], "invalid choice"),
        ([], "required"),
        (["extract", str(EXAMPLES)], "-o/--output"),
        (["export", "--format", "json"], "required"),
        (["query"], "CYPHER"),
        (["build", str(EXAMPLES), "--jobs", "0"], "--jobs must be at least 1"),
        (["extract", str(EXAMPLES), "-o", "-", "--jobs", "-3"], "--jobs must be at least 1"),
        (["build", str(EXAMPLES), "--jobs", "two"], "invalid int value"),
        (["export", "--format", "pdf", "-o", "x"], "invalid choice"),
        (["build", "/no/such/corpus"], "no such file or directory: /no/such/corpus"),
        (["eval", "--gold", "/no/such/gold", str(EXAMPLES)], "gold directory not found"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_1(cli, tmp_path, args, expect):
    r = cli(*args, "--out", tmp_path / "out") if args and args[0] == "build" else cli(*args)
    line = one_line_error(r)
    assert expect in line
    assert r.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["query", COUNT_NODES],
        ["viz", "overview"],
        ["export", "--format", "json", "-o", "x.json"],
        ["remove", "01_zhejiang_siji"],
    ],
)
def test_commands_needing_a_graph_say_to_build_first(cli, tmp_path, args):
    line = one_line_error(cli(*args, "--out", tmp_path / "nothing"))
    assert "unionkg build" in line


# -- build ----------------------------------------------------------------------------------
def test_build_writes_everything(built):
    for name in ("extractions.jsonl", "graph.lbug", "report.json", "maps/index.html"):
        assert (built / name).exists(), name
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    for key in ("documents", "articles", "entities", "relations", "skipped"):
        assert key in report
    assert report["documents"] == 10  # 8 .txt files + 2 JSONL lines
    assert report["extracted"] == 10 and report["skipped"] == []
    assert report["entities"]["TradeUnion"] > 0 and report["relations"]["RUNS"] > 0
    lines = (built / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(x)["doc_id"] for x in lines]
    assert ids == sorted(ids) and len(ids) == 10


def test_build_prints_a_summary(cli, tmp_path):
    r = cli("build", EXAMPLES, "--out", tmp_path / "out", "--no-maps")
    assert r.exit_code == 0, r.stderr
    assert "10 documents (10 extracted, 0 unchanged)" in r.stdout
    assert "graph:" in r.stdout and "nodes" in r.stdout and "edges" in r.stdout
    assert "maps:" not in r.stdout
    assert not (tmp_path / "out" / "maps").exists()


@pytest.mark.slow
def test_build_twice_is_stable_and_extracts_nothing(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("build", EXAMPLES, "--out", out, "--no-maps").exit_code == 0
    first, first_jsonl = counts(cli, out), (out / "extractions.jsonl").read_bytes()
    r = cli("build", EXAMPLES, "--out", out, "--no-maps")
    assert r.exit_code == 0, r.stderr
    assert "(0 extracted, 10 unchanged)" in r.stdout
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["extracted"] == 0
    assert counts(cli, out) == first
    assert (out / "extractions.jsonl").read_bytes() == first_jsonl


@pytest.mark.slow
def test_jobs_2_gives_the_same_extractions_as_jobs_1(cli, tmp_path, built):
    r = cli("build", EXAMPLES, "--out", tmp_path / "j2", "--jobs", "2", "--no-maps")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "j2" / "extractions.jsonl").read_bytes() == (
        built / "extractions.jsonl"
    ).read_bytes()


def _corpus(tmp_path, name, files):
    d = tmp_path / name
    d.mkdir()
    for f in files:
        shutil.copy(EXAMPLES / f, d / f)
    return d


@pytest.mark.slow
def test_incremental_add_equals_a_clean_build(cli, tmp_path):
    files = ["01_zhejiang_siji.txt", "03_yiyang_siji.txt", "08_pinghu_shuwu.txt"]
    corpus = _corpus(tmp_path, "inc", files[:2])
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-maps").exit_code == 0
    shutil.copy(EXAMPLES / files[2], corpus / files[2])
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert r.exit_code == 0 and "(1 extracted, 2 unchanged)" in r.stdout
    clean = tmp_path / "clean"
    assert cli("build", _corpus(tmp_path, "all", files), "--out", clean, "--no-maps").exit_code == 0
    assert counts(cli, out) == counts(cli, clean)
    # the documents' paths differ between the two corpora, not the facts
    assert signature(cli, out) == signature(cli, clean)


@pytest.mark.slow
def test_incremental_change_drops_the_old_facts(cli, tmp_path):
    corpus = _corpus(tmp_path, "chg", ["01_zhejiang_siji.txt", "03_yiyang_siji.txt"])
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-maps").exit_code == 0
    old = signature(cli, out)
    # 03 now says what 08 says: whatever only the old 03 supported must go
    shutil.copy(EXAMPLES / "08_pinghu_shuwu.txt", corpus / "03_yiyang_siji.txt")
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert r.exit_code == 0 and "(1 extracted, 1 unchanged)" in r.stdout
    clean_corpus = _corpus(tmp_path, "clean_corpus", ["01_zhejiang_siji.txt"])
    shutil.copy(EXAMPLES / "08_pinghu_shuwu.txt", clean_corpus / "03_yiyang_siji.txt")
    assert cli("build", clean_corpus, "--out", tmp_path / "clean", "--no-maps").exit_code == 0
    new = signature(cli, out)
    assert new == signature(cli, tmp_path / "clean")
    gone = {n for n, _ in old[0]} - {n for n, _ in new[0]}
    assert gone, "the changed document should have taken some nodes with it"
    assert (
        query(
            cli,
            out,
            "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id",
            "--param",
            "ids=" + json.dumps(sorted(gone), ensure_ascii=False),
        )
        == []
    )
    assert query(cli, out, "MATCH (t:TradeUnion {name: '平湖市总工会'}) RETURN t.doc_ids AS d")[0][
        "d"
    ]


@pytest.mark.slow
def test_remove_equals_a_build_without_the_document(cli, tmp_path):
    files = ["01_zhejiang_siji.txt", "03_yiyang_siji.txt", "08_pinghu_shuwu.txt"]
    out = tmp_path / "out"
    assert cli("build", _corpus(tmp_path, "c3", files), "--out", out, "--no-maps").exit_code == 0
    r = cli("remove", "03_yiyang_siji", "--out", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("removed 1 document(s)")
    clean = tmp_path / "clean"
    assert (
        cli(
            "build", _corpus(tmp_path, "c2", [files[0], files[2]]), "--out", clean, "--no-maps"
        ).exit_code
        == 0
    )
    assert counts(cli, out) == counts(cli, clean)
    assert signature(cli, out) == signature(cli, clean)
    assert (out / "maps" / "index.html").exists()
    # a second remove, of an id not in the graph, after the first left no report.json
    r = cli("remove", "no_such_doc", "--out", out)
    assert r.exit_code == 1 and "no_such_doc: not in the graph" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout.startswith("removed 0 document(s)")


def test_remove_unknown_document(cli, built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    r = cli("remove", "no_such_doc", "--out", out)
    assert r.exit_code == 1
    assert "no_such_doc: not in the graph" in r.stderr
    assert counts(cli, out) == counts(cli, built)


# -- query ------------------------------------------------------------------------------------
def test_query_json_is_an_array_of_objects_keyed_by_return_names(cli, built):
    rows = query(
        cli,
        built,
        "MATCH (u:TradeUnion)-[:RUNS]->(p:Programme) RETURN u.name AS union_name, "
        "p.name AS programme ORDER BY union_name, programme",
    )
    assert isinstance(rows, list) and rows
    assert all(isinstance(r, dict) and set(r) == {"union_name", "programme"} for r in rows)


def test_query_table_and_csv(cli, built):
    cypher = "MATCH (u:TradeUnion) RETURN u.name AS name ORDER BY name LIMIT 3"
    r = cli("query", cypher, "--out", built)
    assert (
        r.exit_code == 0 and r.stdout.splitlines()[0].strip() == "name" and "(3 rows)" in r.stdout
    )
    r = cli("query", cypher, "--out", built, "--format", "csv")
    assert (
        r.exit_code == 0 and r.stdout.splitlines()[0] == "name" and len(r.stdout.splitlines()) == 4
    )


def test_query_param(cli, built):
    rows = query(
        cli,
        built,
        "MATCH (p:Programme)-[:ADOPTED_IN]->(pl:Place) WHERE p.name = $name "
        "RETURN DISTINCT pl.name AS place",
        "--param",
        "name=司机之家",
    )
    assert rows and all(set(r) == {"place"} for r in rows)
    assert query(cli, built, "RETURN $n + 1 AS x", "--param", "n=41") == [{"x": 42}]


def test_query_param_value_is_data_not_cypher(cli, built):
    before = counts(cli, built)
    evil = "平湖\"'}) DETACH DELETE n //"
    rows = query(
        cli,
        built,
        "MATCH (n) WHERE n.name = $name RETURN n.name AS name",
        "--param",
        f"name={evil}",
    )
    assert rows == []
    assert query(cli, built, "RETURN $v AS v", "--param", f"v={evil}") == [{"v": evil}]
    assert counts(cli, built) == before


def test_query_bad_param_and_bad_cypher(cli, built):
    assert "KEY=VALUE" in one_line_error(
        cli("query", COUNT_NODES, "--out", built, "--param", "novalue")
    )
    one_line_error(cli("query", "MATCH (n RETURN n", "--out", built))


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:TradeUnion {id: 'TradeUnion:x', name: 'x'})",
        "create (n:TradeUnion {id: 'TradeUnion:y', name: 'y'})",
        "MERGE (n:TradeUnion {id: 'TradeUnion:z'})",
        "MATCH (n) DETACH DELETE n",
        "// tidy up\nMATCH (n:Programme) DETACH DELETE n",
        "MATCH (n:TradeUnion) SET n.name = 'x'",
    ],
)
def test_write_queries_need_write(cli, built, cypher):
    before = counts(cli, built)
    line = one_line_error(cli("query", cypher, "--out", built))
    assert "--write" in line
    assert counts(cli, built) == before


def test_write_query_with_write(cli, built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    n, m = counts(cli, out)
    r = cli(
        "query",
        "CREATE (n:TradeUnion {id: 'TradeUnion:测试工会', name: '测试工会'})",
        "--out",
        out,
        "--write",
    )
    assert r.exit_code == 0, r.stderr
    assert counts(cli, out) == (n + 1, m)
    r = cli(
        "query", "MATCH (n:TradeUnion {name: '测试工会'}) DETACH DELETE n", "--out", out, "--write"
    )
    assert r.exit_code == 0, r.stderr
    assert counts(cli, out) == (n, m)


# -- export -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fmt,name",
    [
        ("json", "g.json"),
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
        ("cypher", "g.cypher"),
        ("neo4j-csv", "csv"),
    ],
)
def test_export(cli, built, tmp_path, fmt, name):
    target = tmp_path / "exp" / name
    r = cli("export", "--format", fmt, "-o", target, "--out", built)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == str(target)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written
    # nothing outside what was asked for
    assert all(p == target or target in p.parents for p in written), written
    if fmt == "neo4j-csv":
        assert target.is_dir() and any(target.glob("*.csv"))
    else:
        assert target.stat().st_size > 1000
    if fmt == "json":
        data = json.loads(target.read_text(encoding="utf-8"))
        assert len(data["nodes"]) == counts(cli, built)[0]


def test_export_refuses_a_directory_as_a_file(cli, built, tmp_path):
    one_line_error(cli("export", "--format", "json", "-o", tmp_path, "--out", built))


# -- viz ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["overview"], ["spread", "司机之家"], ["ego", "平湖市总工会"]])
def test_viz_writes_html(cli, full_built, tmp_path, args):
    target = tmp_path / "map.html"
    r = cli("viz", *args, "-o", target, "--out", full_built)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == str(target)
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:500]
    assert args[-1] in html or args == ["overview"]


def test_viz_spread_default_file_name(cli, built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    r = cli("viz", "spread", "司机之家", "--out", out)
    assert r.exit_code == 0, r.stderr
    path = r.stdout.strip()
    assert "/maps/spread-司机之家-" in path and path.endswith(".html")


@pytest.mark.parametrize(
    "args", [["spread", "不存在的项目"], ["ego", "不存在的工会"], ["spread"], ["ego"]]
)
def test_viz_unknown_name(cli, built, tmp_path, args):
    line = one_line_error(cli("viz", *args, "-o", tmp_path / "x.html", "--out", built))
    assert not (tmp_path / "x.html").exists()
    if len(args) == 2:
        assert args[1] in line


# -- extract and eval ---------------------------------------------------------------------------
def test_extract_to_stdout_and_file(cli, built, tmp_path):
    r = cli("extract", EXAMPLES, "-o", "-")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 10 and all(json.loads(x)["doc_id"] for x in lines)
    target = tmp_path / "x.jsonl"
    r = cli("extract", EXAMPLES, "-o", target)
    assert r.exit_code == 0 and "10 documents" in r.stderr
    assert target.read_bytes() == (built / "extractions.jsonl").read_bytes()


def test_extract_reports_bad_items_and_goes_on(cli, tmp_path):
    corpus = _corpus(tmp_path, "bad", ["01_zhejiang_siji.txt"])
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02\xff\x00\x00\x00zz\x00\x89PNG\x00")
    good = (EXAMPLES / "more_reports.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (corpus / "lines.jsonl").write_text(good + "\n{not json\n", encoding="utf-8")
    meta = corpus / "sources.jsonl"  # metadata beside the corpus: one skip, not one per line
    meta.write_text("".join(json.dumps({"doc_id": f"d{i}"}) + "\n" for i in range(5)))
    target = tmp_path / "x.jsonl"
    r = cli("extract", corpus, "-o", target)
    assert r.exit_code == 0, r.stderr
    assert f"{corpus / 'blob.txt'}: binary file" in r.stderr
    assert f"{corpus / 'lines.jsonl'}:2: malformed JSON" in r.stderr
    assert f"{meta}: not a corpus file (none of its 5 JSON objects" in r.stderr
    assert f"{meta}:1" not in r.stderr and r.stderr.rstrip().endswith("; 3 skipped")
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2
    r = cli("extract", corpus, "-o", target, "--strict")
    assert r.exit_code == 1
    assert "--strict" in r.stderr.strip().splitlines()[-1]
    r = cli("build", corpus, "--out", tmp_path / "out", "--no-maps", "--strict")
    assert r.exit_code == 1
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {(s["path"], s["line"]) for s in report["skipped"]} >= {
        (str(corpus / "lines.jsonl"), 2),
        (str(meta), None),
    }


def test_extract_with_nothing_readable(cli, tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\xff\x00\x00\x00")
    r = cli("extract", tmp_path / "blob.txt", "-o", tmp_path / "x.jsonl")
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[-1].startswith("unionkg: error: no document could be read")


@pytest.mark.slow
def test_eval_matches_the_shared_scorer(cli, shared_dir, tmp_path):
    gold, seeds = shared_dir / "gold" / "seeds", shared_dir / "corpus" / "seeds"
    r = cli("eval", "--gold", gold, seeds, "--format", "json")
    assert r.exit_code == 0, r.stderr
    ours = json.loads(r.stdout)["scores"]
    target = tmp_path / "seeds.jsonl"
    assert cli("extract", seeds, "-o", target).exit_code == 0
    p = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), str(gold), str(target), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(p.stdout)
    assert set(ours) == set(theirs)
    for key, v in theirs.items():
        for k in ("tp", "fp", "fn"):
            assert ours[key][k] == v[k], (key, k)
        for k in ("p", "r", "f1"):
            assert ours[key][k] == pytest.approx(v[k]), (key, k)


@pytest.mark.slow
def test_eval_verbose_lists_missed_and_spurious(cli, shared_dir):
    r = cli("eval", "--gold", shared_dir / "gold" / "seeds", shared_dir / "corpus" / "seeds", "-v")
    assert r.exit_code == 0, r.stderr
    assert "entity.ALL" in r.stdout and "relation.ALL" in r.stdout
    assert "missed:" in r.stdout and "spurious:" in r.stdout


# -- the issue-2 acceptance questions on the seed corpus ----------------------------------------
def test_programmes_pinghu_runs(cli, seeds_built):
    rows = query(
        cli,
        seeds_built,
        "MATCH (u:TradeUnion {name: $u})-[:RUNS]->(p:Programme) RETURN p.name AS programme",
        "--param",
        "u=平湖市总工会",
    )
    assert "连心舱" in {r["programme"] for r in rows}


def test_people_with_posts_in_yiyang(cli, seeds_built):
    rows = query(
        cli,
        seeds_built,
        "MATCH (p:Person)-[h:HOLDS_POSITION]->(u:TradeUnion {name: '益阳市总工会'}) "
        "RETURN p.name AS person, h.title AS title",
    )
    assert len(rows) >= 1 and all(r["person"] and r["title"] for r in rows)


def test_places_of_siji_zhi_jia(cli, seeds_built):
    rows = query(
        cli,
        seeds_built,
        "MATCH (:Programme {name: '司机之家'})-[a:ADOPTED_IN]->(pl:Place) "
        "RETURN pl.name AS place, a.year AS year",
    )
    assert len(rows) >= 1


def test_parents_of_pinghu(cli, seeds_built):
    rows = query(
        cli,
        seeds_built,
        "MATCH (:Place {name: '平湖市'})-[:PART_OF*1..5]->(a:Place) RETURN a.name AS ancestor",
    )
    assert {"嘉兴市", "浙江省"} <= {r["ancestor"] for r in rows}


def test_every_runs_fact_has_its_sentences(cli, seeds_built):
    rows = query(
        cli,
        seeds_built,
        "MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) "
        "RETURN u.name AS u, p.name AS p, r.evidence AS evidence, r.doc_ids AS docs",
    )
    assert rows
    for r in rows:
        assert r["evidence"] and all(isinstance(s, str) and s for s in r["evidence"]), r
        assert r["docs"], r


def test_out_wins_over_neo4j_uri_in_the_environment(cli, built, monkeypatch):
    # NEO4J_URI picks Neo4j only when --out is not given (it used to look at sys.argv)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    assert query(cli, built, COUNT_NODES)[0]["n"] > 0


def test_query_csv_neutralises_cells_a_spreadsheet_would_run(cli, built):
    """Issue 13, defect 11: names come from the text, and =cmd|… in a cell runs in a spreadsheet."""
    import csv
    import io

    cypher = (
        "UNWIND ['=HYPERLINK(\"x\")', '+1', '-2', '@SUM(A1)', '平湖'] AS v "
        "RETURN v AS name, -3 AS n"
    )
    r = cli("query", cypher, "--out", built, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows == [
        ["name", "n"],
        ['\'=HYPERLINK("x")', "-3"],
        ["'+1", "-3"],
        ["'-2", "-3"],
        ["'@SUM(A1)", "-3"],
        ["平湖", "-3"],
    ]


@pytest.mark.parametrize(
    "uri,said",
    [
        ("bolt://localhost:notaport", "port is not a number"),
        ("bolt://localhost:7687?password=hunter2-secret", "no path or ?query"),
        ("bolt://neo:hunter2-secret@localhost:7687", "must not hold a user name or password"),
        ("bolt://127.0.0.1:1", "cannot reach Neo4j"),
    ],
)
def test_neo4j_uris_fail_in_one_line_before_extraction(cli, tmp_path, uri, said, monkeypatch):
    """Issue 13, defect 15: a malformed port gave a traceback, ?password= was echoed,
    and an unreachable server was reported only after the whole extraction."""
    import unionkg.build

    calls = []
    monkeypatch.setattr(unionkg.build, "extract", lambda *a, **k: calls.append(1) or iter(()))
    r = cli("build", EXAMPLES, "--neo4j", uri)
    assert r.exit_code != 0
    assert said in r.stderr and "hunter2" not in r.stderr + r.stdout and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert calls == []  # it failed before extracting


def test_neo4j_uri_beside_out_is_said(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    r = cli("build", EXAMPLES, "--out", tmp_path / "out", "--no-maps")
    assert r.exit_code == 0 and "NEO4J_URI is set but --out was given" in r.stderr
