"""``unionkg query --format html|graphml|graph-json -o FILE``: the nodes and relationships a
query returns, written as a page or as a graph other tools read; values-only queries
and files unionkg did not write are refused in one line (unionkg/query.py)."""

from __future__ import annotations

import json

import pytest

from graph import build_graph, load_export, load_extractions

RUNS = "MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme) RETURN u, r, p"


def one_line_error(r, *words):
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


@pytest.fixture(scope="module")
def G(built):
    return build_graph(load_extractions(built / "extractions.jsonl"))


def _runs(G):
    return {(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] == "RUNS"}


@pytest.mark.parametrize(("fmt", "load_as"), [("graphml", "graphml"), ("graph-json", "json")])
def test_graph_formats_hold_the_result_subgraph(cli, built, G, tmp_path, fmt, load_as):
    path = tmp_path / f"runs.{fmt}"
    r = cli("query", RUNS, "--out", built, "--format", fmt, "-o", path)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == str(path)
    H = load_export(path, load_as)
    assert set(H.edges(keys=True)) == _runs(G)
    assert set(H) == {n for e in _runs(G) for n in e[:2]}
    for n, d in H.nodes(data=True):
        assert d == G.nodes[n]
    for u, v, k, d in H.edges(keys=True, data=True):
        assert d == G.edges[u, v, k]
    # a relationship alone brings its ends; a file unionkg wrote may be written again
    r = cli("query", "MATCH ()-[r:RUNS]->() RETURN r", "--out", built, "--format", fmt, "-o", path)
    assert r.exit_code == 0, r.stderr
    assert set(load_export(path, load_as).edges(keys=True)) == _runs(G)


def test_html_page_holds_the_result_and_its_neighbourhood(cli, built, G, tmp_path):
    path = tmp_path / "runs.html"
    r = cli("query", RUNS, "--out", built, "--format", "html", "-o", path, "--param", "x=<b>")
    assert r.exit_code == 0, r.stderr
    page = path.read_text(encoding="utf-8")
    assert '<div id="ukg-subtitle">' in page and "$x = &quot;&lt;b&gt;&quot;" in page
    start = page.index('id="unionkg-data">') + len('id="unionkg-data">')
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["kind"] == "query"
    result = {n for e in _runs(G) for n in e[:2]}
    assert {n["ukg"]["id"] for n in data["nodes"] if n["qr"]} == result
    assert len(data["nodes"]) > len(result)  # neighbours embedded for expand
    assert len(result) <= 60  # so all of them come first among the labels of the start zoom
    assert {data["nodes"][i]["ukg"]["id"] for i in data["hubs"][: len(result)]} == result
    assert sum(1 for e in data["edges"] if e.get("qr")) == len(_runs(G))
    # the evidence names its article (by headline and date): the build's extractions
    # say which article of a document holds each sentence (else the index is -1)
    assert any(k != "-1" for arts in data["articles"].values() for k in arts)
    # and "show in article" has the texts, read again from the corpus files of the build
    texts = [a["text"] for arts in data["articles"].values() for a in arts.values() if "text" in a]
    assert texts and all(t.strip() for t in texts)
    # a page unionkg wrote may be written again; not as another format
    assert cli("query", RUNS, "--out", built, "--format", "html", "-o", path).exit_code == 0
    r = cli("query", RUNS, "--out", built, "--format", "graphml", "-o", path)
    one_line_error(r, "not a GraphML export of unionkg")


@pytest.mark.parametrize("fmt", ["html", "graphml", "graph-json"])
def test_values_only_is_refused_and_writes_nothing(cli, built, tmp_path, fmt):
    path = tmp_path / "names.out"
    r = cli(
        "query", "MATCH (u:TradeUnion) RETURN u.name", "--out", built, "--format", fmt, "-o", path
    )
    one_line_error(r, "values only", "RETURN u, r, p")
    assert not path.exists()


@pytest.mark.parametrize("fmt", ["html", "graphml", "graph-json"])
def test_a_file_unionkg_did_not_write_is_never_overwritten(cli, built, tmp_path, fmt):
    mine = tmp_path / "mine.txt"
    mine.write_text("my notes", encoding="utf-8")
    r = cli("query", RUNS, "--out", built, "--format", fmt, "-o", mine)
    one_line_error(r, "refusing to overwrite", "it is not a", "unionkg")
    assert mine.read_text(encoding="utf-8") == "my notes"
    r = cli("query", RUNS, "--out", built, "--format", fmt, "-o", tmp_path)
    one_line_error(r, "is a folder")


def test_output_and_format_must_agree(cli, built, tmp_path):
    one_line_error(cli("query", RUNS, "--out", built, "--format", "html"), "-o FILE")
    r = cli("query", RUNS, "--out", built, "--format", "json", "-o", tmp_path / "x.json")
    one_line_error(r, "prints to stdout")
    assert not (tmp_path / "x.json").exists()


def test_json_rows_still_print_with_relationship_ends(cli, built, G):
    r = cli("query", "MATCH ()-[r:RUNS]->() RETURN r", "--out", built, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {(x["r"]["_src"], x["r"]["_dst"], x["r"]["key"]) for x in rows} == _runs(G)


def test_article_texts_are_read_only_while_the_file_is_unchanged(tmp_path):
    import networkx as nx

    from extract.reader import read_corpus
    from unionkg.query import CorpusTexts

    path = tmp_path / "a.txt"
    path.write_text("标题\n\n某市总工会推出“职工驿站”。", encoding="utf-8")
    doc = next(read_corpus([path]))
    G = nx.MultiDiGraph()
    G.add_node(
        "Document:a", label="Document", doc_ids=[doc.doc_id], path=str(path), sha256=doc.sha256
    )
    assert CorpusTexts(G)[doc.doc_id] == doc.text
    path.write_text("标题\n\n改过的文字。", encoding="utf-8")
    assert CorpusTexts(G).get(doc.doc_id) is None
    path.unlink()
    assert CorpusTexts(G).get(doc.doc_id) is None and CorpusTexts(G).get("other") is None


def test_show_in_article_finds_a_relative_corpus_from_another_folder(cli, tmp_path, monkeypatch):
    # the build is given a relative corpus path; the page is asked for from elsewhere
    project = tmp_path / "project"
    (project / "corpus").mkdir(parents=True)
    text = "嘉兴市总工会打造“连心驿站”\n\n嘉兴市总工会打造“连心驿站”，已建成12个。"
    (project / "corpus" / "a.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    assert cli("build", "corpus", "--out", "out", "--fast", "--no-maps").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    page = elsewhere / "runs.html"
    r = cli("query", RUNS, "--out", project / "out", "--format", "html", "-o", page)
    assert r.exit_code == 0, r.stderr
    html = page.read_text(encoding="utf-8")
    start = html.index('id="unionkg-data">') + len('id="unionkg-data">')
    data = json.loads(html[start : html.index("</script>", start)])
    texts = [a.get("text") for arts in data["articles"].values() for a in arts.values()]
    assert any(t and "已建成12个" in t for t in texts), texts
