"""The notebook API, ``unionkg.api`` (docs/api.md): each stage on its own and the
whole job, on the sample corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from graph import GraphError
from unionkg import api

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def docs():
    return list(api.read_corpus([EXAMPLES]))


@pytest.fixture(scope="module")
def extractions(built):
    return list(api.load_extractions(built / "extractions.jsonl"))


def test_public_names():
    for name in (
        "read_corpus",
        "extract",
        "build_graph",
        "open_store",
        "write_maps",
        "export_graph",
        "build",
        "remove",
        "BuildReport",
        "write_jsonl",
        "load_extractions",
        "spread",
    ):
        assert name in api.__all__ and callable(getattr(api, name))


def test_spread_with_max_km(extractions):
    G = api.build_graph(extractions)
    table = api.spread(G, "司机之家")
    assert table["programme"] == "司机之家" and table["adoptions"]
    near = [p for p in table["paths"] if p["kind"] == "neighbour"]
    far = [p for p in api.spread(G, "司机之家", max_km=5000)["paths"] if p["kind"] == "neighbour"]
    assert all(p["distance_km"] <= 300 for p in near) and len(far) > len(near)
    rows = api.spread(G, "司机之家", rows=True)
    assert {r["record"] for r in rows} == {"adoption", "path"}
    with pytest.raises(GraphError, match="no programme"):
        api.spread(G, "不存在的项目")


def test_read_corpus(docs):
    assert len(docs) == 10
    assert len({d.doc_id for d in docs}) == 10
    assert all(d.text and len(d.sha256) == 64 for d in docs)


def test_read_corpus_reports_skips_without_raising(tmp_path):
    (tmp_path / "a.txt").write_text("平湖市总工会推出“连心舱”。", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "工会"}\n[oops\n', encoding="utf-8")
    skipped = []
    got = list(api.read_corpus([tmp_path], on_skip=skipped.append))
    assert [d.doc_id for d in got] == ["a", "x"]
    assert [(s.line, "malformed JSON" in s.reason) for s in skipped] == [(2, True)]
    assert str(skipped[0]).startswith(f"{tmp_path / 'b.jsonl'}:2: ")


def test_extract_yields_dicts_in_input_order(docs, extractions):
    progress = []
    got = list(api.extract(docs[:3], progress=progress.append))
    assert [g["doc_id"] for g in got] == [d.doc_id for d in docs[:3]]
    assert progress == [1, 2, 3]
    by_id = {e["doc_id"]: e for e in extractions}
    for g in got:
        assert json.loads(json.dumps(g, ensure_ascii=False)) == by_id[g["doc_id"]]


@pytest.mark.slow
def test_extract_with_processes_is_the_same(docs):
    assert list(api.extract(docs, jobs=2)) == list(api.extract(docs))


def test_write_jsonl_is_sorted_and_round_trips(tmp_path, extractions):
    path = tmp_path / "x" / "e.jsonl"
    assert api.write_jsonl(path, list(reversed(extractions))) == len(extractions)
    assert list(api.load_extractions(path)) == extractions
    assert [p.name for p in path.parent.iterdir()] == ["e.jsonl"]  # no temporary file left


def test_atomic_write_keeps_the_old_file_on_error(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("old", encoding="utf-8")

    def boom(f):
        f.write("half")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        api.atomic_write(path, boom)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_build_graph_store_and_query(tmp_path, extractions, built):
    G = api.build_graph(extractions)
    assert isinstance(G, nx.MultiDiGraph)
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()} == report["graph"]
    with api.open_store(tmp_path) as store:
        store.write(G)
        n = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
        rows = store.query(
            "MATCH (u:TradeUnion {name: $n}) RETURN u.id AS id", {"n": "平湖市总工会"}
        )
    assert n == G.number_of_nodes()
    assert rows == [{"id": "TradeUnion:平湖市总工会"}]


def test_write_maps_and_export(tmp_path, extractions):
    G = api.build_graph(extractions)
    pages = api.write_maps(G, tmp_path / "maps")
    assert pages[0].name == "index.html" and all(p.exists() for p in pages)
    assert api.export_graph(G, "json", tmp_path / "g.json").exists()


def test_build_report(built):
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert set(report) == set(api.BuildReport().to_json())
    assert report["store"] == "embedded"
    assert report["maps"][0] == "maps/index.html"
    assert sum(report["entities"].values()) > 0 and report["outcomes"] > 0
    assert set(report["seconds"]) >= {"read", "extract", "graph", "store", "maps"}


def test_build_skips_and_reuses(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "01_zhejiang_siji.txt", corpus)
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x00\x02\xff\xfe\x00")
    seen = []
    report = api.build([corpus], tmp_path / "out", maps=False, on_skip=seen.append)
    assert report.documents == 1 and report.extracted == 1 and len(seen) == 1
    assert report.skipped == [
        {"path": str(corpus / "bad.txt"), "line": None, "reason": seen[0].reason}
    ]
    assert not (tmp_path / "out" / "maps").exists()
    stages = []
    again = api.build([corpus], tmp_path / "out", maps=False, progress=lambda *a: stages.append(a))
    assert (again.extracted, again.reused) == (0, 1) and again.graph == report.graph


def test_remove(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    result = api.remove(["03_yiyang_siji", "nope"], out, maps=False)
    assert result["removed"] == ["03_yiyang_siji"] and result["not_found"] == ["nope"]
    ids = [r["doc_id"] for r in api.load_extractions(out / "extractions.jsonl")]
    assert "03_yiyang_siji" not in ids and len(ids) == 9
    with api.open_store(out, read_only=True) as store:
        assert (
            store.query("MATCH (d:Document {id: 'Document:03_yiyang_siji'}) RETURN d.id AS id")
            == []
        )


def test_remove_from_nothing(tmp_path):
    from graph import StoreError

    with pytest.raises(StoreError, match="unionkg build"):
        api.remove(["x"], tmp_path)


@pytest.mark.slow
def test_a_build_gives_the_explorer_its_articles(tmp_path):
    """The build hands the maps the extractions (headlines) and the texts it read ("show in
    article"); remove keeps the headlines of the documents left."""
    out = tmp_path / "out"
    api.build([EXAMPLES], out_dir=out)

    def articles() -> dict:
        page = (out / "maps" / "index.html").read_text(encoding="utf-8")
        start = page.index('id="unionkg-data">') + len('id="unionkg-data">')
        return json.loads(page[start : page.index("</script>", start)])["articles"]

    built = articles()
    docs = {d.doc_id: d for d in api.read_corpus([EXAMPLES])}
    assert set(built) == set(docs)
    doc_id, doc = next(iter(sorted(docs.items())))
    assert json.dumps(built[doc_id], ensure_ascii=False).count(doc.text[:20]) >= 1
    api.remove([doc_id], out_dir=out)
    assert doc_id not in articles()
