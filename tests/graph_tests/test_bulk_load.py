"""The embedded store's bulk load (``COPY … FROM`` CSV into an empty database) against
its upserts (``UNWIND … MERGE``): the same contents for awkward text, the bulk path
really taken on an empty store and only there, and nothing half-loaded on failure."""

from __future__ import annotations

import copy

import networkx as nx
import pytest
from graph_testutil import same_graph

from graph import GraphError, StoreError, cypher, graph_counts, open_store
from graph.embedded_store import EmbeddedStore

AWKWARD = [
    "comma, inside",
    'double "quotes" and a lone "',
    "'single' quotes",
    "new\nline",
    "crlf\r\nline",
    "cr\ronly",
    "tab\there",
    "back\\slash at the end\\",
    "\\N",
    "\\n (escaped, not a newline)",
    "</script><script>x</script>",
    "",
    " leading and trailing spaces ",
    "NULL",
    "null",
    "[a, b]",
    "{k: v}",
    "中文，全角逗号；“引号”",
    "emoji 😀",
    "x" * 3000,
    "semi; colon: pipe|",
    '"',
    '""',
    'a,"b",c\n',
    "\ufeffbom",
    "U+001E \x1e and U+001D \x1d",
]
"""Text that a CSV file or a Cypher literal could garble."""


def _node(G, node_id, label, name, *, aliases=(), doc_ids=(), **props):
    G.add_node(
        node_id,
        label=label,
        id=node_id,
        name=name,
        aliases=list(aliases),
        doc_ids=list(doc_ids),
        **props,
    )


def _edge(G, u, v, rel_type, key=None, *, doc_ids=(), evidence=(), **props):
    G.add_edge(
        u,
        v,
        key=key or rel_type,
        type=rel_type,
        doc_ids=list(doc_ids),
        evidence=[{"doc_id": d, "sentence": s} for d, s in evidence],
        **props,
    )


def awkward_graph() -> nx.MultiDiGraph:
    """A graph using every label and relationship type, with the awkward text in names,
    scalar properties, list elements and evidence, and missing / None properties."""
    G = nx.MultiDiGraph()
    for i, text in enumerate(AWKWARD):
        _node(
            G,
            f"TradeUnion:{i}:{text}",
            "TradeUnion",
            text,
            aliases=[text, f"alias {i}"],
            doc_ids=[f"d{i}"],
        )
        _node(
            G,
            f"Programme:{i}:{text}",
            "Programme",
            text,
            aliases=[text] if text else [],
            doc_ids=[f"d{i}", "d0"],
        )
        _node(
            G,
            f"Document:{i}",
            "Document",
            text,
            doc_ids=[f"d{i}"],
            path=f"corpus/{i}.txt",
            title=text,
            date=f"2024-01-0{i % 9 + 1}" if i % 2 else None,
            sha256=None if i % 3 else text,
        )
        _edge(
            G,
            f"TradeUnion:{i}:{text}",
            f"Programme:{i}:{text}",
            "RUNS",
            doc_ids=[f"d{i}"],
            evidence=[(f"d{i}", text), (f"d{i}", f"{text} again"), ("d0", "plain")],
        )
        _edge(G, f"Document:{i}", f"TradeUnion:{i}:{text}", "MENTIONS", doc_ids=[f"d{i}"])
        _edge(
            G,
            f"Programme:{i}:{text}",
            "Outcome:o1",
            "REPORTED",
            doc_ids=[f"d{i}"],
            evidence=[(f"d{i}", text)],
            value=float(i) / 3,
            unit=text,
            text=None if i % 2 else text,
        )
    _node(
        G,
        "Place:330000",
        "Place",
        "浙江省",
        level="province",
        adcode="330000",
        lon=120.152585,
        lat=30.266597,
    )
    _node(
        G,
        "Place:330482",
        "Place",
        "平湖市",
        aliases=["平湖"],
        doc_ids=["d1"],
        level="county",
        adcode="000123",
        lon=None,
        lat=-0.0,
    )  # an adcode that looks like a number, a missing longitude
    _node(
        G, "Place:x", "Place", "no level", lon=1e-300, lat=1.7976931348623157e308
    )  # level, adcode missing
    _node(G, "Person:a@b", "Person", "王某", optional=True)
    _node(G, "Person:c@d", "Person", "许静", optional=False, doc_ids=["d1", "d2"])
    _node(G, "Person:e@f", "Person", "no flag")  # optional missing
    _node(G, "Organization:o", "Organization", "政协", aliases=AWKWARD[:5])
    _node(
        G,
        "Outcome:o1",
        "Outcome",
        "5万余名",
        value=50000.0,
        unit="名",
        text="5万余名",
        qualifier="余",
    )
    _node(
        G, "Outcome:o2", "Outcome", "empty qualifier", value=None, unit=None, text="", qualifier=""
    )
    _edge(G, "Place:330482", "Place:330000", "PART_OF")
    _edge(
        G,
        "Person:a@b",
        "TradeUnion:0:comma, inside",
        "HOLDS_POSITION",
        "HOLDS_POSITION|主席",
        doc_ids=["d1"],
        evidence=[("d1", '主席, "说"\n')],
        title="主席",
    )
    _edge(
        G, "Person:c@d", "TradeUnion:0:comma, inside", "HOLDS_POSITION", "HOLDS_POSITION|", title=""
    )
    _edge(G, "Person:c@d", "Organization:o", "HOLDS_POSITION", "HOLDS_POSITION|None", title=None)
    _edge(
        G,
        'Programme:1:double "quotes" and a lone "',
        "Place:330482",
        "ADOPTED_IN",
        doc_ids=["d1"],
        evidence=[("d1", "2021年")],
        year=2021,
        date=None,
    )
    _edge(
        G, "Programme:2:'single' quotes", "Place:330482", "ADOPTED_IN", year=None, date="2022-06-15"
    )
    _edge(
        G,
        "TradeUnion:3:new\nline",
        "Place:330482",
        "LOCATED_IN",
        doc_ids=["d3"],
        evidence=[("d3", "x,y")],
    )
    _edge(
        G, "TradeUnion:4:crlf\r\nline", "Outcome:o2", "REPORTED", value=None, unit=None, text=None
    )
    _edge(G, "Document:1", "Place:330482", "MENTIONS", doc_ids=["d1"])
    _edge(G, "Document:1", 'Programme:1:double "quotes" and a lone "', "MENTIONS", doc_ids=["d1"])
    _edge(G, "Document:2", "Person:c@d", "MENTIONS", doc_ids=["d2"])
    _edge(G, "Document:2", "Organization:o", "MENTIONS", doc_ids=["d2"])
    _edge(
        G,
        "Place:330482",
        "Place:x",
        "SPREAD_TO",
        "SPREAD_TO|Programme:0",
        programme="Programme:0",
        programme_name='a, "b"',
        from_year=2021,
        to_year=2023,
        kind="neighbour",
        lag=2**40,
        doc_ids=["d1"],
        evidence=[("d1", "早在2021年，")],
    )
    _edge(
        G,
        "Place:x",
        "Place:330482",
        "SPREAD_TO",
        "SPREAD_TO|Programme:1",
        programme="Programme:1",
        programme_name=None,
        from_year=None,
        to_year=None,
        kind=None,
        lag=None,
    )
    return G


def raw_contents(store) -> dict:
    """Every node and relationship as the engine returns them (no normalisation), so a
    NULL where the other path stored ``[]`` would show."""
    out = {}
    for label in cypher.NODE_LABELS:
        out[label] = sorted(
            (r["n"] for r in store.query(f"MATCH (n:{label}) RETURN n")), key=lambda n: n["id"]
        )
    for t, a, b in cypher.rel_endpoints():
        rows = store.query(f"MATCH (a:{a})-[r:{t}]->(b:{b}) RETURN a.id AS src, b.id AS dst, r")
        out[(t, a, b)] = sorted(
            ({"src": r["src"], "dst": r["dst"], **r["r"]} for r in rows),
            key=lambda r: (r["src"], r["dst"], r["key"]),
        )
    return out


def canonical(G) -> nx.MultiDiGraph:
    rows = cypher.graph_rows(G)
    return cypher.rows_to_graph(rows.nodes, rows.rels)


def write_by_merge(path, G) -> EmbeddedStore:
    """A fresh store written through the upserts, as if it were not empty."""
    s = open_store(path)
    s._is_empty = lambda: False
    s.write(G)
    assert s.last_write == "merge"
    return s


@pytest.fixture()
def awkward():
    return awkward_graph()


def test_the_awkward_graph_covers_every_table(awkward):
    counts = graph_counts(awkward)
    assert all(counts["nodes"][label] for label in cypher.NODE_LABELS), counts
    assert all(counts["relationships"][t] for t in cypher.REL_TYPES), counts


@pytest.mark.slow
def test_bulk_load_and_upserts_store_the_same(tmp_path, awkward):
    with (
        open_store(tmp_path / "copy") as bulk,
        write_by_merge(tmp_path / "merge", awkward) as merged,
    ):
        summary = bulk.write(awkward)
        assert bulk.last_write == "copy" and bulk.copy_error is None
        assert summary == {
            "nodes": len(awkward),
            "relationships": awkward.number_of_edges(),
            "deleted_nodes": 0,
            "deleted_relationships": 0,
        }
        assert raw_contents(bulk) == raw_contents(merged)
        assert same_graph(bulk.read_graph(), merged.read_graph())
        assert same_graph(bulk.read_graph(), canonical(awkward))
        assert bulk.counts() == merged.counts() == graph_counts(awkward)


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_comes_back_verbatim_from_the_bulk_load(tmp_path, awkward, text):
    with open_store(tmp_path / "out") as s:
        s.write(awkward)
        assert s.last_write == "copy"
        i = AWKWARD.index(text)
        rows = s.query(
            "MATCH (u:TradeUnion {id: $id})-[r:RUNS]->(p:Programme) "
            "RETURN u.name AS name, u.aliases AS aliases, r.evidence AS evidence, p.aliases AS p_aliases",
            {"id": f"TradeUnion:{i}:{text}"},
        )
        assert rows == [
            {
                "name": text,
                "aliases": [text, f"alias {i}"],  # stored as given
                "evidence": [text, f"{text} again", "plain"],
                "p_aliases": [text] if text else [],
            }
        ]


def test_missing_values_stay_null_and_typed(tmp_path, awkward):
    with open_store(tmp_path / "out") as s:
        s.write(awkward)
        assert s.last_write == "copy"
        place = s.query(
            "MATCH (p:Place {id: 'Place:330482'}) RETURN p.adcode AS adcode, p.lon AS lon, "
            "p.lat AS lat, p.doc_ids AS doc_ids"
        )
        assert place == [{"adcode": "000123", "lon": None, "lat": 0.0, "doc_ids": ["d1"]}]
        flags = s.query("MATCH (p:Person) RETURN p.id AS id, p.`optional` AS flag ORDER BY id")
        assert [r["flag"] for r in flags] == [True, False, None]
        spread = s.query(
            "MATCH ()-[r:SPREAD_TO]->() RETURN r.lag AS lag, r.kind AS kind ORDER BY r.key"
        )
        assert spread == [{"lag": 2**40, "kind": "neighbour"}, {"lag": None, "kind": None}]
        empty = s.query(
            "MATCH (o:Outcome {id: 'Outcome:o2'}) RETURN o.text AS text, o.qualifier AS q, "
            "o.value AS value, o.aliases AS aliases"
        )
        assert empty == [{"text": "", "q": "", "value": None, "aliases": []}]


def test_bulk_load_is_used_on_an_empty_store_and_runs_copy(tmp_path, G, monkeypatch):
    sent = []
    real = EmbeddedStore._execute

    def spy(self, statement, params=None):
        sent.append(statement)
        return real(self, statement, params)

    monkeypatch.setattr(EmbeddedStore, "_execute", spy)
    with open_store(tmp_path / "out") as s:
        sent.clear()  # the schema statements of the opening
        s.write(G)
        assert s.last_write == "copy" and s.last_bulk_upserts == 0
        copies = [st for st in sent if st.startswith("COPY ")]
        # one COPY per label and per endpoint pair that has rows, and no upsert at all
        expected = sum(1 for label in cypher.NODE_LABELS if graph_counts(G)["nodes"][label]) + len(
            {
                (d["type"], G.nodes[u]["label"], G.nodes[v]["label"])
                for u, v, d in G.edges(data=True)
            }
        )
        assert len(copies) == expected
        assert not any("MERGE" in st for st in sent)
        assert sent[sent.index("BEGIN TRANSACTION") + 1 :][-1] == "COMMIT"
        assert same_graph(s.read_graph(), canonical(G))

        sent.clear()
        H = copy.deepcopy(G)
        H.remove_node(next(iter(H)))
        s.write(H)  # not empty any more: upserts and deletions, no COPY
        assert s.last_write == "merge"
        assert any("DETACH DELETE" in st for st in sent) and not any(
            st.startswith("COPY") for st in sent
        )
        assert same_graph(s.read_graph(), canonical(H))


@pytest.mark.slow
def test_a_second_write_is_incremental_and_exact(tmp_path, awkward):
    smaller = copy.deepcopy(awkward)
    smaller.remove_node("Organization:o")
    smaller.remove_edge("Place:330482", "Place:330000", "PART_OF")
    smaller.nodes["Place:330482"]["lon"] = 121.0
    smaller.nodes["TradeUnion:0:comma, inside"]["aliases"] = []
    smaller.edges["Place:330482", "Place:x", "SPREAD_TO|Programme:0"]["lag"] = None
    with open_store(tmp_path / "out") as s:
        s.write(awkward)
        assert s.last_write == "copy"
        summary = s.write(smaller)
        assert s.last_write == "merge"
        assert (
            summary["deleted_nodes"] == 1 and summary["deleted_relationships"] == 3
        )  # PART_OF, and 2 with the org
        assert same_graph(s.read_graph(), canonical(smaller))
        s.write(awkward)
        assert s.last_write == "merge"
        assert same_graph(s.read_graph(), canonical(awkward))
    with open_store(tmp_path / "out") as s:  # reopened: committed and durable
        assert same_graph(s.read_graph(), canonical(awkward))


@pytest.mark.slow
def test_rows_the_csv_cannot_carry_are_upserted_in_the_same_load(tmp_path, awkward):
    G = copy.deepcopy(awkward)
    G.nodes["Organization:o"]["aliases"] = ["", "a"]  # an empty list element: string_split drops it
    G.nodes["Person:a@b"]["doc_ids"] = ["unit\x1fseparator"]  # the list separator itself
    G.edges["Place:330482", "Place:330000", "PART_OF"]["evidence"] = [
        {"doc_id": "", "sentence": ""}
    ]
    with open_store(tmp_path / "before") as before:
        before.write(awkward)  # "" in AWKWARD already makes a few such rows
        baseline = before.last_bulk_upserts
    with open_store(tmp_path / "copy") as bulk, write_by_merge(tmp_path / "merge", G) as merged:
        bulk.write(G)
        assert bulk.last_write == "copy" and bulk.last_bulk_upserts == baseline + 3
        assert raw_contents(bulk) == raw_contents(merged)
        assert same_graph(bulk.read_graph(), canonical(G))
        assert bulk.query("MATCH (o:Organization) RETURN o.aliases AS a") == [{"a": ["", "a"]}]


def test_copy_csv_leaves_out_only_what_it_cannot_carry():
    columns = cypher.copy_node_columns("Organization")
    rows = [
        {"id": "a", "name": "x", "aliases": ["p", "q"], "doc_ids": []},
        {"id": "b", "name": None, "aliases": [""], "doc_ids": []},
        {"id": "c", "name": "", "aliases": [], "doc_ids": ["s\x1ft"]},
    ]
    text, rest = cypher.copy_csv(rows, columns)
    assert [r["id"] for r in rest] == ["b", "c"]
    assert text == 'id,name,aliases,doc_ids,curated,note\n"a","x","p\x1fq",,,\n'
    assert cypher.copy_csv(rows[1:], columns) == (None, rows[1:])


def test_copy_statements_carry_no_data_and_name_the_endpoints():
    stmt = cypher.rel_copy("HOLDS_POSITION", "Person", "Organization", "/tmp/x/rel.csv")
    assert stmt.startswith(
        "COPY HOLDS_POSITION FROM (LOAD WITH HEADERS (`src` STRING, `dst` STRING, `key` STRING, "
        "`doc_ids` STRING, "
    )
    assert stmt.endswith("(from='Person', to='Organization')")
    assert "PARALLEL=false" in stmt and "ESCAPE='\"'" in stmt
    with pytest.raises(Exception, match="cannot go from"):
        cypher.rel_copy("RUNS", "Person", "Programme", "/tmp/x.csv")
    with pytest.raises(Exception, match="cannot hold"):
        cypher.node_copy("Place", "/tmp/it's.csv")


@pytest.mark.slow
def test_a_failing_copy_is_rolled_back_and_the_upserts_take_over(tmp_path, awkward, monkeypatch):
    real = cypher.rel_copy
    # the last relationship COPY reads a file that does not exist: it fails after the
    # node tables and the other relationship tables were already copied
    last = [t for t in cypher.rel_endpoints() if t[0] == "SPREAD_TO"][0]
    monkeypatch.setattr(
        cypher,
        "rel_copy",
        lambda t, a, b, path: real(t, a, b, path + ".missing" if (t, a, b) == last else path),
    )
    with open_store(tmp_path / "out") as s:
        s.write(awkward)
        assert s.last_write == "merge" and "missing" in s.copy_error
        assert same_graph(s.read_graph(), canonical(awkward))
        assert s.counts() == graph_counts(awkward)


def test_a_failed_write_leaves_an_empty_store_empty(tmp_path, awkward, monkeypatch):
    real = cypher.rel_copy
    monkeypatch.setattr(cypher, "rel_copy", lambda t, a, b, path: real(t, a, b, path + ".missing"))

    def no_upserts(self, rows):
        raise StoreError("upserts switched off for this test")

    monkeypatch.setattr(EmbeddedStore, "_upsert_changes", no_upserts)
    with open_store(tmp_path / "out") as s:
        with pytest.raises(StoreError, match="switched off"):
            s.write(awkward)
        assert "missing" in s.copy_error
        # the node tables were copied before the failing relationship COPY: all rolled back
        assert s.counts() == {
            "nodes": dict.fromkeys(cypher.NODE_LABELS, 0),
            "relationships": dict.fromkeys(cypher.REL_TYPES, 0),
        }
    monkeypatch.undo()
    with open_store(tmp_path / "out") as s:  # and the next write starts from an empty store
        s.write(awkward)
        assert s.last_write == "copy"
        assert same_graph(s.read_graph(), canonical(awkward))


def test_the_temporary_files_are_removed(tmp_path, awkward):
    out = tmp_path / "out"
    with open_store(out) as s:
        s.write(awkward)
        assert s.last_write == "copy"
    # the CSV folder sits beside the database (so a killed build's is cleared by the next)
    assert (out / "graph.lbug").exists()
    assert not list(out.glob(".unionkg-copy-*"))


def test_a_temporary_folder_a_statement_cannot_name_falls_back_to_upserts(tmp_path, awkward):
    out = tmp_path / "it's here"
    with open_store(out) as s:
        s.write(awkward)
        assert s.last_write == "merge" and s.copy_error is None
        assert same_graph(s.read_graph(), canonical(awkward))


def test_a_graph_outside_the_schema_leaves_an_empty_store_empty(tmp_path, awkward):
    awkward.add_edge("Person:a@b", "Place:x", key="RUNS", type="RUNS", doc_ids=[], evidence=[])
    with open_store(tmp_path / "out") as s:
        with pytest.raises(GraphError, match="RUNS cannot go from Person to Place"):
            s.write(awkward)  # found after the node tables were sent
        assert s.copy_error is None
        assert s.counts() == {
            "nodes": dict.fromkeys(cypher.NODE_LABELS, 0),
            "relationships": dict.fromkeys(cypher.REL_TYPES, 0),
        }
        awkward.remove_edge("Person:a@b", "Place:x", "RUNS")
        s.write(awkward)
        assert s.last_write == "copy"
        assert same_graph(s.read_graph(), canonical(awkward))


def test_an_interrupted_bulk_load_is_rolled_back(tmp_path, awkward, monkeypatch):
    real = cypher.copy_csv
    calls = []

    def interrupted(rows, columns):
        calls.append(columns)
        if len(calls) == 9:  # a relationship table, after every node table was sent
            raise KeyboardInterrupt
        return real(rows, columns)

    monkeypatch.setattr(cypher, "copy_csv", interrupted)
    with open_store(tmp_path / "out") as s:
        with pytest.raises(KeyboardInterrupt):
            s.write(awkward)
        assert s.counts() == {
            "nodes": dict.fromkeys(cypher.NODE_LABELS, 0),
            "relationships": dict.fromkeys(cypher.REL_TYPES, 0),
        }
        monkeypatch.undo()
        s.write(awkward)
        assert s.last_write == "copy" and same_graph(s.read_graph(), canonical(awkward))


def test_an_empty_graph_into_an_empty_store(tmp_path):
    with open_store(tmp_path / "out") as s:
        assert s.write(nx.MultiDiGraph()) == {
            "nodes": 0,
            "relationships": 0,
            "deleted_nodes": 0,
            "deleted_relationships": 0,
        }
        assert s.last_write == "copy"
        assert s.read_graph().number_of_nodes() == 0


def test_an_incremental_write_sends_only_the_rows_that_changed(tmp_path, awkward, monkeypatch):
    sent = []
    real = EmbeddedStore._run_steps

    def spy(self, steps):
        sent.extend(steps)
        return real(self, steps)

    H = copy.deepcopy(awkward)
    H.nodes["Place:330482"]["lon"] = 121.0  # changed
    H.nodes["Person:a@b"]["optional"] = None  # cleared
    H.edges["Place:330482", "Place:x", "SPREAD_TO|Programme:0"]["evidence"] = []  # changed
    H.remove_edge("Place:330482", "Place:330000", "PART_OF")  # stale
    with open_store(tmp_path / "out") as s:
        s.write(awkward)
        monkeypatch.setattr(EmbeddedStore, "_run_steps", spy)
        s.write(awkward)
        assert s.last_write == "merge" and s.last_upserts == 0
        assert sent == []  # nothing differs: no statement at all
        s.write(H)
        assert s.last_upserts == 3
        upserted = [
            row["id"] if "id" in row else row["key"]
            for statement, params in sent
            if "MERGE" in statement
            for row in params["rows"]
        ]
        assert sorted(upserted) == ["Person:a@b", "Place:330482", "SPREAD_TO|Programme:0"]
        assert sum(1 for statement, _ in sent if "DELETE" in statement) == 1
        assert same_graph(s.read_graph(), canonical(H))
