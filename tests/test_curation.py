"""Issue 16, item 3: curation that survives rebuilds. Each kind of correction, written with
``unionkg curate``, applied by two builds (the second one extracting a changed document
again) and by a remove; a correction that matches nothing is reported as stale; a bad
corrections file stops the build with one line naming the file and line, and the output
folder stays as it was; curate refuses a folder that is not unionkg's; ``query --write``
warns. The corpus is synthetic (tests/synthetic_reports.py)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from synthetic_reports import FACTS, report

from graph import open_store
from graph.curate import Correction
from unionkg import corrections as cfile

SH, HZ, WZ, NB = (FACTS[k] for k in ("shaoxing", "huzhou", "wenzhou", "ningbo"))
DECOY = "工会 notes: the user's own file\n".encode()


def write_corpus(folder: Path, extra: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    for key, fact in (("shaoxing", SH), ("huzhou", HZ), ("wenzhou", WZ), ("ningbo", NB)):
        text = report(fact) + (extra if key == "wenzhou" else "")
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    return folder


def build(cli, corpus: Path, out: Path, *more):
    r = cli("build", corpus, "--out", out, "--fast", "--no-maps", "--quiet", *more)
    assert r.exit_code == 0, r.stderr
    return r


def rows(out: Path, cypher: str, **params) -> list[dict]:
    with open_store(out, read_only=True) as store:
        return store.query(cypher, params)


def node(out: Path, node_id: str) -> dict | None:
    found = rows(
        out,
        "MATCH (n) WHERE n.id = $id RETURN n.name AS name, n.aliases AS aliases, "
        "n.doc_ids AS doc_ids, n.curated AS curated, n.note AS note",
        id=node_id,
    )
    return found[0] if found else None


def rels(out: Path, rel: str, head: str, tail: str) -> list[dict]:
    year = ", r.year AS year, r.year_basis AS year_basis" if rel == "ADOPTED_IN" else ""
    return rows(
        out,
        f"MATCH (h)-[r:{rel}]->(t) WHERE h.name = $h AND t.name = $t "
        f"RETURN r.curated AS curated, r.note AS note{year}",
        h=head,
        t=tail,
    )


def curate(cli, out: Path, *args, ok: bool = True):
    r = cli("curate", *args, "--out", out)
    assert (r.exit_code == 0) == ok, (r.stdout, r.stderr)
    return r


@pytest.fixture
def built(cli, tmp_path):
    corpus, out = write_corpus(tmp_path / "corpus"), tmp_path / "out"
    build(cli, corpus, out)
    return corpus, out


def _curate_every_kind(cli, out: Path) -> None:
    curate(cli, out, "merge", SH.programme, HZ.programme, "--note", "one programme")
    curate(cli, out, "rename", WZ.union, "温州市总工会（市总）")
    curate(cli, out, "alias", WZ.programme, "骑手驿站")
    # an id typed with spaces around its colon is the same id
    curate(cli, out, "unalias", "TradeUnion: " + WZ.union + " ", WZ.union)  # the name rename left
    curate(cli, out, "reject", SH.person, "--note", "not a person of ours")
    curate(cli, out, "reject", "HOLDS_POSITION", HZ.person, HZ.union)
    curate(cli, out, "add", "programme", "快递小哥", "--note", "the rules miss it")
    curate(cli, out, "add", "RUNS", HZ.union, WZ.programme, "--note", "said on the phone")
    curate(cli, out, "add", "ADOPTED_IN", WZ.programme, HZ.district, "--year", "2018")


def _assert_every_kind_applied(out: Path) -> None:
    assert node(out, f"Programme:{SH.programme}") is None  # merged away
    merged = node(out, f"Programme:{HZ.programme}")
    assert merged and SH.programme in merged["aliases"] and merged["curated"] is True
    assert merged["note"] == "one programme"
    assert rels(out, "RUNS", SH.union, HZ.programme)  # the RUNS moved with the merge
    renamed = node(out, f"TradeUnion:{WZ.union}")
    assert renamed and renamed["name"] == "温州市总工会（市总）"
    assert WZ.union not in renamed["aliases"]  # renamed, then unaliased
    assert "骑手驿站" in node(out, f"Programme:{WZ.programme}")["aliases"]
    assert not rows(out, "MATCH (p:Person) WHERE p.name = $n RETURN p.id", n=SH.person)
    assert rows(out, "MATCH (p:Person) WHERE p.name = $n RETURN p.id", n=HZ.person)
    assert not rels(out, "HOLDS_POSITION", HZ.person, HZ.union)
    found = node(out, "Programme:快递小哥")
    assert found and found["curated"] and len(found["doc_ids"]) == 4
    # its union and place, from the sentence it was found in, as the RUNS rule reads it
    assert rels(out, "RUNS", HZ.union, "快递小哥") == [
        {"curated": True, "note": "the rules miss it"}
    ]
    assert rels(out, "ADOPTED_IN", "快递小哥", HZ.district)[0]["year"] == HZ.year
    added = rels(out, "RUNS", HZ.union, WZ.programme)
    assert added == [{"curated": True, "note": "said on the phone"}]
    adopted = rels(out, "ADOPTED_IN", WZ.programme, HZ.district)
    assert adopted and adopted[0]["year"] == 2018 and adopted[0]["curated"]
    assert adopted[0]["year_basis"] == "stated"  # the user states it


@pytest.mark.slow
def test_every_kind_of_correction_survives_two_rebuilds_and_a_remove(cli, built, tmp_path):
    corpus, out = built
    _curate_every_kind(cli, out)
    assert len(cfile.read(out / "corrections.toml")) == 9
    r = build(cli, corpus, out)
    assert "curation: 9 correction(s)" in r.stdout and "0 match nothing" in r.stdout
    _assert_every_kind_applied(out)
    done = json.loads((out / "report.json").read_text(encoding="utf-8"))["curation"]
    assert [c["kind"] for c in done["corrections"]] == [
        "merge", "rename", "alias", "unalias", "reject", "reject", "programme", "relation",
        "relation",
    ]  # fmt: skip
    assert all(c["changed"] > 0 for c in done["corrections"]), done
    assert done["stale"] == 0 and done["changed"] == sum(c["changed"] for c in done["corrections"])
    # a second build that extracts a changed document again
    write_corpus(corpus, extra="温州市总工会还为骑手开设夜间服务。")
    r = build(cli, corpus, out)
    assert "1 updated" in r.stdout
    _assert_every_kind_applied(out)
    # and a remove, which rebuilds the graph from the extractions, without the texts
    assert cli("remove", "ningbo", "--out", out).exit_code == 0
    assert node(out, f"Programme:{NB.programme}") is None
    assert node(out, f"Programme:{SH.programme}") is None
    assert node(out, f"TradeUnion:{WZ.union}")["name"] == "温州市总工会（市总）"
    assert len(node(out, "Programme:快递小哥")["doc_ids"]) == 3  # found again, from the cache


@pytest.mark.slow
def test_a_stale_correction_is_reported(cli, built):
    corpus, out = built
    curate(cli, out, "reject", "Programme:没有这个项目")
    curate(cli, out, "add", "programme", "没有这个名字")
    r = build(cli, corpus, out)
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, r.stderr
    assert "correction 1" in warnings[0] and "matches nothing" in warnings[0]
    assert "Programme:没有这个项目 is not in the graph" in warnings[0]
    assert "found in no document" in warnings[1] and "curate drop 2" in warnings[1]
    assert "2 match nothing" in r.stdout
    done = json.loads((out / "report.json").read_text(encoding="utf-8"))["curation"]
    assert done["stale"] == 2 and all("stale" in c for c in done["corrections"])
    curate(cli, out, "drop", "1", "2")
    r = build(cli, corpus, out)
    assert "warning" not in r.stderr and cfile.read(out / "corrections.toml") == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "text, where",
    [
        ('[[merge]]\nentity = "Programme:a"\ninto = \n', "corrections.toml:3: not valid TOML"),
        ('# x\n\n[[merge]]\nentity = "Programme:a"\n', "corrections.toml:3: [[merge]] needs"),
        ('[[reject]]\nentity = "a"\n', "corrections.toml:1: [[reject]]: entity 'a' is not"),
        (
            '[[relation]]\ntype = "RUNS"\nhead = "TradeUnion:a"\ntail = "Programme:b"\nyear = 2020\n',
            "corrections.toml:1: [[relation]]: only an ADOPTED_IN",
        ),  # fmt: skip
        (
            '[[reject]]\nentity = "Programme:a"\n\n[[split]]\nentity = "Programme:a"\n',
            "corrections.toml:4: unknown correction [[split]]",
        ),  # fmt: skip
    ],
)
def test_a_bad_corrections_file_stops_the_build_in_one_line(cli, built, text, where):
    corpus, out = built
    (out / "corrections.toml").write_text(text, encoding="utf-8")
    before = _snapshot(out)
    write_corpus(corpus, extra="新的一句。")  # something to do, which must not be done
    r = cli("build", corpus, "--out", out, "--fast", "--no-maps", "--quiet")
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert where in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert _snapshot(out) == before


@pytest.mark.slow
def test_build_takes_a_corrections_file_from_elsewhere(cli, built, tmp_path):
    corpus, out = built
    mine = tmp_path / "mine" / "fixes.toml"
    r = cli("curate", "reject", SH.person, "--out", out, "--corrections", mine)
    assert r.exit_code == 0, r.stderr
    assert not (out / "corrections.toml").exists() and mine.exists()
    build(cli, corpus, out, "--corrections", mine)
    assert not rows(out, "MATCH (p:Person) WHERE p.name = $n RETURN p.id", n=SH.person)
    # the folder remembers the file: a remove, then a build without --corrections, use it
    assert cli("remove", "huzhou", "--out", out).exit_code == 0
    assert not rows(out, "MATCH (p:Person) WHERE p.name = $n RETURN p.id", n=SH.person)
    r = build(cli, corpus, out)
    assert str(mine.resolve()) in r.stdout
    assert not rows(out, "MATCH (p:Person) WHERE p.name = $n RETURN p.id", n=SH.person)
    assert (
        cli("curate", "list", "--out", out).stdout == f"1. reject Person:{SH.person}@{SH.union}\n"
    )


def test_curate_refuses_a_folder_that_is_not_unionkgs(cli, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "notes.txt").write_bytes(DECOY)
    r = cli("curate", "add", "programme", "暖蜂驿站", "--out", user)
    assert r.exit_code == 1 and "not a unionkg output folder" in r.stderr, r.stderr
    assert sorted(p.name for p in user.iterdir()) == ["notes.txt"]
    assert (user / "notes.txt").read_bytes() == DECOY
    # with --corrections it writes that file, and only that
    r = cli(
        "curate", "add", "programme", "暖蜂驿站", "--out", user, "--corrections", user / "c.toml"
    )
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in user.iterdir()) == ["c.toml", "notes.txt"]
    # a bare name cannot be looked up without a graph; an id can be given
    r = cli("curate", "reject", "暖蜂驿站", "--out", user, "--corrections", user / "c.toml")
    assert r.exit_code == 1 and "give its id" in r.stderr, r.stderr


@pytest.mark.slow
def test_curate_names_the_candidates_of_an_ambiguous_name(cli, built):
    corpus, out = built
    curate(cli, out, "alias", SH.programme, "驿站")
    curate(cli, out, "alias", WZ.programme, "驿站")
    build(cli, corpus, out)
    r = curate(cli, out, "reject", "驿站", ok=False)
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert f"Programme:{SH.programme}" in r.stderr and f"Programme:{WZ.programme}" in r.stderr
    assert "names 2 entities" in r.stderr
    r = curate(cli, out, "list")
    assert r.stdout.splitlines() == [
        f"1. alias Programme:{SH.programme} 驿站",
        f"2. alias Programme:{WZ.programme} 驿站",
    ]
    r = curate(cli, out, "alias", SH.programme, "驿站")  # the same again: not written twice
    assert "already in" in r.stdout and len(cfile.read(out / "corrections.toml")) == 2


def test_query_write_warns_and_writes_only_into_unionkgs_folder(cli, built, tmp_path):
    _, out = built
    r = cli(
        "query", "MATCH (p:Programme) SET p.note = 'x' RETURN count(p)", "--write", "--out", out
    )
    assert r.exit_code == 0, r.stderr
    assert "lost" in r.stderr and "unionkg curate" in r.stderr
    other = tmp_path / "other"
    other.mkdir()
    (other / "graph.lbug").write_bytes(DECOY)
    r = cli("query", "RETURN 1", "--write", "--out", other)
    assert r.exit_code == 1 and "not a unionkg output folder" in r.stderr
    assert (other / "graph.lbug").read_bytes() == DECOY


NASTY = [
    'quote " and backslash \\ and \\" both',
    "new\nline\ttab\r\x00\x1f\x7f end",
    "# not a comment ]] [[merge]] = '''",
    "工会 “引号” 『括号』 \u2028 \U0001f600",
]


def test_the_file_round_trips_through_tomllib(tmp_path):
    path = tmp_path / "corrections.toml"
    have = [
        Correction("merge", entity=f"Programme:{NASTY[0]}", into="Programme:b", note=NASTY[1]),
        Correction("rename", entity="TradeUnion:a", name=NASTY[2]),
        Correction("alias", entity="Place:330482", alias=NASTY[3]),
        Correction("programme", name="x", note=NASTY[2]),
        Correction("relation", type="ADOPTED_IN", head="Programme:x", tail="Place:1", year=2020),
        Correction("reject", type="RUNS", head="TradeUnion:a", tail="Programme:x"),
    ]
    cfile.write(path, have)
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text)  # what any TOML reader reads
    back = cfile.read(path)
    assert back == have
    assert [c.line for c in back] == [
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith("[[")
    ]
    assert cfile.dumps(back) == text


@pytest.mark.slow
def test_a_store_made_before_the_curation_columns_gets_them(cli, built):
    import ladybug

    from graph import embedded_db_path

    corpus, out = built
    db = ladybug.Database(str(embedded_db_path(out)))
    conn = ladybug.Connection(db)
    for table in ("Programme", "RUNS"):
        for column in ("curated", "note"):
            conn.execute(f"ALTER TABLE {table} DROP {column}")
    conn.close()
    db.close()
    with pytest.raises(Exception, match="curated"):
        rows(out, "MATCH (p:Programme) RETURN p.curated LIMIT 1")
    curate(cli, out, "add", "RUNS", HZ.union, WZ.programme, "--note", "said on the phone")
    build(cli, corpus, out)
    assert rels(out, "RUNS", HZ.union, WZ.programme) == [
        {"curated": True, "note": "said on the phone"}
    ]


def test_curate_keeps_what_was_written_by_hand(cli, built):
    _, out = built
    path = out / "corrections.toml"
    path.write_text(
        "# my notes on this graph\n\n"
        '[[reject]]\nentity = "Programme:a"  # junk, says the editor\n\n'
        "# the next one matters\n"
        "[[alias]]\n"
        'entity = "Programme:b"\n'
        "alias = 'literal \\ string'\n",
        encoding="utf-8",
    )
    curate(cli, out, "add", "programme", "快递小哥")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes on this graph\n") and "# junk, says the editor" in text
    assert [c.kind for c in cfile.read(path)] == ["reject", "alias", "programme"]
    assert cfile.read(path)[1].alias == "literal \\ string"
    curate(cli, out, "drop", "1")
    text = path.read_text(encoding="utf-8")
    assert "# my notes on this graph" in text and "junk" not in text
    assert "# the next one matters\n[[alias]]" in text  # a comment above the next table stays
    assert [c.kind for c in cfile.read(path)] == ["alias", "programme"]
    assert curate(cli, out, "drop", "3", ok=False).stderr.count("\n") == 1


def test_a_programme_name_gets_the_union_of_its_sentence_not_one_inside_a_longer_name():
    import networkx as nx

    from graph.curate import apply_corrections, new_node

    G = nx.MultiDiGraph()
    G.add_node("Document:d", **new_node("Document", "Document:d", "d"))
    for name, alias in (("甲市总工会", "市总工会"), ("乙县总工会", "乙县总")):
        node_id = f"TradeUnion:{name}"
        G.add_node(node_id, **{**new_node("TradeUnion", node_id, name), "aliases": [alias]})
        G.add_edge("Document:d", node_id, key="MENTIONS", type="MENTIONS", doc_ids=["d"])
    sentence = "2022年，乙县总工会推出暖心小站，甲市总工会派员指导。"
    finds = {"暖心小站": {"d": [sentence]}}
    H, done = apply_corrections(G, [Correction("programme", name="暖心小站")], finds)
    runs = [(u, d["evidence"]) for u, _, d in H.in_edges("Programme:暖心小站", data=True)
            if d["type"] == "RUNS"]  # fmt: skip
    assert runs == [("TradeUnion:乙县总工会", [{"doc_id": "d", "sentence": sentence}])]
    assert done[0].changed == 3 and not done[0].stale  # the node, its MENTIONS, its RUNS
    # the alias 市总工会 lies inside 甲市总工会 only: alone it names that union
    G2, _ = apply_corrections(G, [Correction("programme", name="小站")],
                              {"小站": {"d": ["市总工会的小站。"]}})  # fmt: skip
    assert [u for u, _, k in G2.in_edges("Programme:小站", keys=True) if k == "RUNS"] == [
        "TradeUnion:甲市总工会"
    ]


def test_a_missing_corrections_file_is_an_error_not_an_empty_curation(cli, tmp_path):
    corpus, out = write_corpus(tmp_path / "corpus"), tmp_path / "out"
    gone = tmp_path / "nowhere.toml"
    r = cli("build", corpus, "--out", out, "--no-maps", "--fast", "--corrections", gone)
    assert r.exit_code == 1 and "no corrections file at" in r.stderr, r.stderr
    mine = tmp_path / "mine.toml"
    mine.write_text("", encoding="utf-8")
    build(cli, corpus, out, "--corrections", mine)
    mine.unlink()  # the file the folder's builds remember is moved away
    r = cli("build", corpus, "--out", out, "--no-maps", "--fast")
    assert r.exit_code == 1 and "is gone" in r.stderr and len(r.stderr.splitlines()) == 1


def test_curate_refuses_a_merge_into_itself_and_a_year_that_is_none(cli, built):
    _corpus, out = built
    r = curate(cli, out, "merge", SH.programme, SH.programme, ok=False)
    assert "one node already" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = curate(cli, out, "add", "ADOPTED_IN", SH.programme, SH.district, "--year", "1800", ok=False)
    assert "no year of union work" in r.stderr
    assert not (out / "corrections.toml").exists() or cfile.read(out / "corrections.toml") == []
