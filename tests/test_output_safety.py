"""Issue 16, items 1 and 2: output folders unionkg refuses to write (a decoy file in each
stays byte-identical), older output folders it adopts, builds that say what they change
(``--add``, ``--replace``, the counts in report.json) and a ``remove`` that lasts until
``restore``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from unionkg import api

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
FILES = ["01_zhejiang_siji.txt", "03_yiyang_siji.txt", "08_pinghu_shuwu.txt"]
DECOY = "工会 notes: the user's own file\n".encode()


def corpus(tmp_path: Path, name: str, files: list[str]) -> Path:
    d = tmp_path / name
    d.mkdir()
    for f in files:
        shutil.copy(EXAMPLES / f, d / f)
    return d


def build(cli, *args):
    return cli("build", *args, "--fast", "--no-maps", "--quiet")


def one_line_error(r, *words):
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    return r.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


# -- 1. folders a build refuses ------------------------------------------------------------------
def _a_file(tmp_path, c, monkeypatch):
    (tmp_path / "target").write_bytes(DECOY)
    return tmp_path / "target", "it is a file"


def _a_folder_of_the_user(tmp_path, c, monkeypatch):
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "report.json").write_bytes(DECOY)
    return tmp_path / "target", "not a unionkg output folder"


def _the_corpus_folder(tmp_path, c, monkeypatch):
    (c / "notes.md.bak").write_bytes(DECOY)
    return c, "is the corpus folder"


def _a_folder_holding_the_corpus(tmp_path, c, monkeypatch):
    (tmp_path / "decoy.txt").write_bytes(DECOY)
    return tmp_path, "holds the corpus input"


def _the_home_folder(tmp_path, c, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (home / ".profile").write_bytes(DECOY)
    return home, "home folder"


def _a_broken_link(tmp_path, c, monkeypatch):
    (tmp_path / "target").symlink_to(tmp_path / "nowhere")
    return tmp_path / "target", "broken symbolic link"


REFUSALS = [
    _a_file,
    _a_broken_link,
    _a_folder_of_the_user,
    _the_corpus_folder,
    _a_folder_holding_the_corpus,
    _the_home_folder,
]


@pytest.mark.parametrize("case", REFUSALS, ids=lambda f: f.__name__.strip("_"))
def test_build_refuses_a_folder_it_may_not_write(cli, tmp_path, monkeypatch, case):
    c = corpus(tmp_path, "corpus", FILES[:1])
    target, words = case(tmp_path, c, monkeypatch)
    before = snapshot(tmp_path)
    one_line_error(build(cli, c, "--out", target), "refusing to write into", words)
    assert snapshot(tmp_path) == before  # the decoy byte-identical, nothing added anywhere
    with pytest.raises(api.UnsafeOutputError, match=words):
        api.build([c], target, maps=False, fast=True)
    assert snapshot(tmp_path) == before


def test_build_refuses_the_root_folder(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES[:1])
    one_line_error(build(cli, c, "--out", "/"), "refusing to write into /: it is the root folder")
    assert not Path("/.unionkg").exists()


def test_remove_restore_and_viz_refuse_a_folder_that_is_not_unionkgs(cli, built, tmp_path):
    mine = tmp_path / "mine"
    shutil.copytree(built, mine)
    (mine / ".unionkg").unlink()
    (mine / "report.json").write_bytes(DECOY)  # the user's own report: not an older unionkg's
    before = snapshot(mine)
    one_line_error(cli("remove", "03_yiyang_siji", "--out", mine), "not a unionkg output folder")
    one_line_error(cli("restore", "03_yiyang_siji", "--out", mine), "not a unionkg output folder")
    one_line_error(cli("viz", "overview", "--out", mine), "not a unionkg output folder")
    one_line_error(cli("restore", "x", "--out", mine / "report.json"), "it is a file")
    assert snapshot(mine) == before


def test_an_older_unionkg_output_is_adopted(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES[:2])
    out = tmp_path / "out"
    assert build(cli, c, "--out", out).exit_code == 0
    (out / ".unionkg").unlink()  # as an older unionkg left it
    (out / "notes.txt").write_bytes(DECOY)
    r = build(cli, c, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert json.loads((out / ".unionkg").read_text())["written_by"] == "unionkg"
    assert report(out)["changes"]["unchanged"] == 2
    assert (out / "notes.txt").read_bytes() == DECOY


def test_an_empty_folder_is_marked_and_the_users_files_in_a_marked_one_stay(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES)
    out = tmp_path / "out"
    out.mkdir()
    assert build(cli, c, "--out", out).exit_code == 0
    assert (out / ".unionkg").is_file()
    (out / "notes.txt").write_bytes(DECOY)
    (out / "maps").mkdir()
    (out / "maps" / "mine.html").write_bytes(DECOY)
    assert cli("remove", "03_yiyang_siji", "--out", out).exit_code == 0
    assert cli("restore", "03_yiyang_siji", "--out", out).exit_code == 0
    assert cli("build", c, "--out", out, "--fast", "--quiet").exit_code == 0  # with maps
    assert (out / "notes.txt").read_bytes() == DECOY
    assert (out / "maps" / "mine.html").read_bytes() == DECOY


# -- 2. builds that say what they change -------------------------------------------------------
def test_counts_on_the_terminal_and_in_the_report(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES[:2])
    out = tmp_path / "out"
    r = build(cli, c, "--out", out)
    assert "changes: 2 added, 0 updated, 0 unchanged, 0 removed" in r.stdout
    shutil.copy(EXAMPLES / FILES[2], c / FILES[2])  # a new document
    (c / FILES[0]).write_text(  # an edited one
        (c / FILES[0]).read_text(encoding="utf-8") + "\n嘉兴市总工会开展职工书屋建设。\n",
        encoding="utf-8",
    )
    r = build(cli, c, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert "changes: 1 added, 1 updated, 1 unchanged, 0 removed" in r.stdout
    changes = report(out)["changes"]
    assert (changes["added"], changes["updated"], changes["unchanged"]) == (1, 1, 1)
    assert changes["ids"]["added"] == ["08_pinghu_shuwu"]
    assert changes["ids"]["updated"] == ["01_zhejiang_siji"]


def test_a_build_of_another_corpus_is_refused_until_add_or_replace(cli, tmp_path):
    first = corpus(tmp_path, "first", FILES[:2])
    second = corpus(tmp_path, "second", FILES[2:])
    out = tmp_path / "out"
    assert build(cli, first, "--out", out).exit_code == 0
    before = snapshot(out)
    err = one_line_error(build(cli, second, "--out", out), "2 document(s)", "--add", "--replace")
    assert "01_zhejiang_siji" in err
    assert snapshot(out) == before  # refused before anything was written
    with pytest.raises(api.ForeignDocumentsError):
        api.build([second], out, maps=False, fast=True)

    r = build(cli, second, "--out", out, "--add")
    assert r.exit_code == 0, r.stderr
    assert "changes: 1 added, 0 updated, 0 unchanged, 0 removed; 2 kept" in r.stdout
    ids = [x["doc_id"] for x in api.load_extractions(out / "extractions.jsonl")]
    assert ids == sorted(FILES[i][:-4] for i in range(3))
    assert report(out)["changes"]["ids"]["kept"] == ["01_zhejiang_siji", "03_yiyang_siji"]

    r = build(cli, second, "--out", out, "--replace")
    assert r.exit_code == 0, r.stderr
    assert "changes: 0 added, 0 updated, 1 unchanged, 2 removed" in r.stdout
    ids = [x["doc_id"] for x in api.load_extractions(out / "extractions.jsonl")]
    assert ids == ["08_pinghu_shuwu"]
    clean = tmp_path / "clean"
    assert build(cli, second, "--out", clean).exit_code == 0
    assert report(out)["graph"] == report(clean)["graph"]
    assert report(out)["changes"]["ids"]["removed"] == ["01_zhejiang_siji", "03_yiyang_siji"]


def test_add_and_replace_exclude_each_other(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES[:1])
    r = build(cli, c, "--out", tmp_path / "out", "--add", "--replace")
    assert r.exit_code == 1 and "not allowed with argument" in r.stderr
    assert not (tmp_path / "out").exists()


def test_a_remove_lasts_until_restore(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES)
    out = tmp_path / "out"
    assert build(cli, c, "--out", out).exit_code == 0
    full = report(out)["graph"]
    assert cli("remove", "03_yiyang_siji", "--out", out).exit_code == 0
    for _ in range(2):  # two later builds of the same corpus keep it out
        r = build(cli, c, "--out", out)
        assert r.exit_code == 0, r.stderr
        assert "1 left out as removed earlier (03_yiyang_siji" in r.stdout
        ids = [x["doc_id"] for x in api.load_extractions(out / "extractions.jsonl")]
        assert "03_yiyang_siji" not in ids and len(ids) == 2
        assert report(out)["changes"]["ids"]["left_out"] == ["03_yiyang_siji"]
    r = cli("restore", "03_yiyang_siji", "nope", "--out", out)
    assert r.exit_code == 0 and "restored 1 document(s)" in r.stdout
    assert "nope: not among the documents removed" in r.stderr
    r = build(cli, c, "--out", out)
    assert "changes: 1 added, 0 updated, 2 unchanged, 0 removed" in r.stdout
    assert report(out)["graph"] == full
    assert cli("restore", "03_yiyang_siji", "--out", out).exit_code == 1  # nothing to restore


def test_remove_and_restore_in_the_api(tmp_path):
    c = corpus(tmp_path, "corpus", FILES[:2])
    out = tmp_path / "out"
    api.build([c], out, maps=False, fast=True)
    api.remove(["01_zhejiang_siji"], out, maps=False)
    again = api.build([c], out, maps=False, fast=True)
    assert again.documents == 1 and again.changes.left_out == ["01_zhejiang_siji"]
    assert api.restore(["01_zhejiang_siji"], out) == {
        "restored": ["01_zhejiang_siji"],
        "not_found": [],
    }
    back = api.build([c], out, maps=False, fast=True)
    assert back.documents == 2 and back.changes.added == ["01_zhejiang_siji"]


def test_a_damaged_removed_list_is_an_error_not_a_silent_restore(cli, tmp_path):
    c = corpus(tmp_path, "corpus", FILES[:2])
    out = tmp_path / "out"
    assert build(cli, c, "--out", out).exit_code == 0
    assert cli("remove", "01_zhejiang_siji", "--out", out).exit_code == 0
    (out / "removed.json").write_text("{not json", encoding="utf-8")
    before = snapshot(out)
    one_line_error(build(cli, c, "--out", out), "removed.json", "damaged")
    assert snapshot(out) == before


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "{corpus}", "-o", "{target}"),
        ("export", "--format", "gexf", "-o", "{target}"),
        ("export", "--format", "graphml", "-o", "{target}"),
        ("export", "--format", "json", "-o", "{target}"),
        ("export", "--format", "cypher", "-o", "{target}"),
        ("viz", "ego", "平湖市总工会", "-o", "{target}"),
        ("viz", "overview", "-o", "{target}"),
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_o_never_overwrites_a_file_unionkg_did_not_write(cli, built, tmp_path, args):
    """`-o FILE` replaces only a file unionkg wrote in that format: here an article of the
    corpus itself, which stays byte-identical."""
    c = corpus(tmp_path, "c", FILES[:1])
    target = c / FILES[0]
    before = target.read_bytes()
    argv = [a.format(corpus=c, target=target) for a in args]
    one_line_error(cli(*argv, "--out", built) if argv[0] != "extract" else cli(*argv), "refusing")
    assert target.read_bytes() == before


def test_o_replaces_a_file_unionkg_wrote_in_that_format(cli, built, tmp_path):
    for fmt, name in (("gexf", "g.gexf"), ("cypher", "g.cypher"), ("graphml", "g.graphml")):
        out = tmp_path / name
        for _ in range(2):  # the second run replaces the first one's file
            assert cli("export", "--format", fmt, "-o", out, "--out", built).exit_code == 0
    jsonl = tmp_path / "x.jsonl"
    for _ in range(2):
        assert cli("extract", EXAMPLES / FILES[0], "-o", jsonl).exit_code == 0
    csv = tmp_path / "csv"
    csv.mkdir()
    (csv / "notes.txt").write_bytes(DECOY)  # a folder of the user's: neo4j-csv refuses it
    one_line_error(cli("export", "--format", "neo4j-csv", "-o", csv, "--out", built), "refusing")
    assert (csv / "notes.txt").read_bytes() == DECOY and len(list(csv.iterdir())) == 1
