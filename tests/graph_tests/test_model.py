"""build_graph(): merging across documents, chains, outcomes, determinism."""

from __future__ import annotations

import copy
import json
import logging
import random

import networkx as nx
import pytest
from graph_testutil import same_graph

import graph
from graph import GraphError, build_graph, graph_counts, load_extractions


def test_counts_of_the_fixture(G):
    assert graph_counts(G) == {
        "nodes": {
            "TradeUnion": 4,
            "Place": 7,
            "Programme": 3,
            "Person": 4,
            "Organization": 2,
            "Outcome": 4,
            "Document": 3,
        },
        "relationships": {
            "RUNS": 6,
            "HOLDS_POSITION": 4,
            "ADOPTED_IN": 5,
            "LOCATED_IN": 4,
            "PART_OF": 5,
            "REPORTED": 4,
            "MENTIONS": 22,
            # 平湖市 ← 桐乡市 (43 km); 赫山区 → 平湖市 (867 km) is beyond max_km
            "SPREAD_TO": 1,
        },
    }


def test_nodes_merge_across_documents(G):
    union = G.nodes["TradeUnion:平湖市总工会"]
    assert union["doc_ids"] == ["doc_a_pinghu", "doc_b_tongxiang"]
    assert union["aliases"] == ["市总工会", "平湖市总"]  # sorted, the name itself left out
    assert G.nodes["Programme:司机之家"]["doc_ids"] == [
        "doc_a_pinghu",
        "doc_b_tongxiang",
        "doc_c_yiyang",
    ]
    assert G.nodes["Programme:司机之家"]["aliases"] == ["司機之家"]
    assert G.nodes["Person:许静@平湖市"]["optional"] is None
    assert G.nodes["Person:王某@益阳市"]["optional"] is True


def test_every_node_has_the_contract_attributes(G):
    for node, data in G.nodes(data=True):
        assert data["id"] == node
        assert data["label"] in graph.NODE_LABELS
        assert isinstance(data["aliases"], list) and data["aliases"] == sorted(data["aliases"])
        assert data["doc_ids"] == sorted(data["doc_ids"])
    for _u, _v, _key, data in G.edges(keys=True, data=True):
        assert data["type"] in graph.REL_TYPES
        assert data["doc_ids"] == sorted(data["doc_ids"])
        assert all(set(e) == {"doc_id", "sentence"} for e in data["evidence"])


def test_edges_merge_with_evidence_in_document_then_offset_order(G):
    runs = G.edges["TradeUnion:平湖市总工会", "Programme:司机之家", "RUNS"]
    assert runs["doc_ids"] == ["doc_a_pinghu", "doc_b_tongxiang"]
    # doc A lists its two sentences out of offset order; the graph puts them back
    assert [e["sentence"][:6] for e in runs["evidence"]] == [
        "平湖市总工会",
        "早在2021",
        "平湖市总工会",
    ]
    assert [e["doc_id"] for e in runs["evidence"]] == [
        "doc_a_pinghu",
        "doc_a_pinghu",
        "doc_b_tongxiang",
    ]
    post = G.edges["Person:许静@平湖市", "TradeUnion:平湖市总工会", "HOLDS_POSITION|主席"]
    assert post["title"] == "主席" and post["doc_ids"] == ["doc_a_pinghu", "doc_b_tongxiang"]


def test_place_chains_become_part_of_edges_and_ancestor_nodes(G):
    assert G.has_edge("Place:330482", "Place:330400", "PART_OF")
    assert G.has_edge("Place:330400", "Place:330000", "PART_OF")
    assert G.has_edge("Place:430903", "Place:430900", "PART_OF")
    zj = G.nodes["Place:330000"]
    assert (zj["name"], zj["level"], zj["adcode"], zj["doc_ids"]) == (
        "浙江省",
        "province",
        "330000",
        [],
    )
    assert zj["lon"] == pytest.approx(120.152585)
    part_of = G.edges["Place:330482", "Place:330400", "PART_OF"]
    assert part_of["doc_ids"] == [] and part_of["evidence"] == []


def test_outcomes_documents_and_mentions(G):
    out = G.nodes["Outcome:c000000000000001"]
    assert (out["value"], out["unit"], out["text"], out["qualifier"]) == (
        50000.0,
        "名",
        "5万余名",
        "余",
    )
    rep = G.edges["Programme:户外劳动者服务站", "Outcome:c000000000000001", "REPORTED"]
    assert (rep["value"], rep["unit"], rep["text"]) == (50000.0, "名", "5万余名")
    doc = G.nodes["Document:doc_c_yiyang"]
    assert doc["date"] == "2024-01-10"  # no source date: the first dated article's
    assert doc["title"] == doc["name"] == "益阳：把温暖送到户外劳动者身边"
    out_edges = list(G.out_edges("Document:doc_a_pinghu", keys=True))
    assert {k for _, _, k in out_edges} == {"MENTIONS"}
    assert "Outcome" not in {G.nodes[v]["label"] for _, v, _ in out_edges}


def test_adopted_in_keeps_the_earliest_year(extractions):
    docs = copy.deepcopy(extractions)
    later = copy.deepcopy(docs[0])
    later["doc_id"] = "doc_z_later"
    for rel in later["relations"]:
        if rel["type"] == "ADOPTED_IN":
            rel["year"] = 2019 if rel["tail_id"] == "Place:330482" else 2030
            rel["date"] = "2019-05-01"
    G = build_graph(docs + [later])
    edge = G.edges["Programme:司机之家", "Place:330482", "ADOPTED_IN"]
    assert (edge["year"], edge["date"]) == (2019, "2019-05-01")
    assert edge["doc_ids"] == ["doc_a_pinghu", "doc_z_later"]


def test_same_input_in_any_order_gives_the_same_graph(extractions):
    G = build_graph(extractions)
    shuffled = copy.deepcopy(extractions)
    rng = random.Random(7)
    rng.shuffle(shuffled)
    for doc in shuffled:
        rng.shuffle(doc["relations"])
        for rel in doc["relations"]:
            rng.shuffle(rel["evidence"])
    H = build_graph(shuffled)
    assert same_graph(G, H)

    def dump(g):
        return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False)

    assert dump(G) == dump(H)


def test_unknown_facts_are_skipped_with_a_warning(extractions, caplog):
    doc = copy.deepcopy(extractions[0])
    doc["relations"].append(
        {
            "type": "LIKES",
            "head": "a",
            "tail": "b",
            "head_id": "TradeUnion:a",
            "tail_id": "Programme:b",
            "evidence": [],
        }
    )
    doc["relations"].append(
        {
            "type": "RUNS",
            "head": "许静",
            "tail": "连心舱",
            "head_id": "Person:许静@平湖市",
            "tail_id": "Programme:连心舱",
            "evidence": [],
        }
    )
    with caplog.at_level(logging.WARNING, logger="graph.model"):
        G = build_graph([doc])
    assert "LIKES" in caplog.text and "RUNS cannot go from Person" in caplog.text
    assert not G.has_edge("Person:许静@平湖市", "Programme:连心舱")


def test_relation_endpoint_without_entity_is_made_from_its_id(extractions):
    doc = copy.deepcopy(extractions[0])
    doc["relations"].append(
        {
            "type": "RUNS",
            "head": "海盐县总工会",
            "tail": "司机之家",
            "head_id": "TradeUnion:海盐县总工会",
            "tail_id": "Programme:司机之家",
            "evidence": [{"sentence": "海盐县总工会也建了司机之家。", "start": 5, "end": 19}],
        }
    )
    G = build_graph([doc])
    node = G.nodes["TradeUnion:海盐县总工会"]
    assert (node["label"], node["name"], node["doc_ids"]) == (
        "TradeUnion",
        "海盐县总工会",
        ["doc_a_pinghu"],
    )
    assert G.has_edge("Document:doc_a_pinghu", "TradeUnion:海盐县总工会", "MENTIONS")


def test_a_sentence_repeated_by_several_documents_is_evidence_once(extractions):
    # a reprint: a second document states the same fact in the same words
    reprint = copy.deepcopy(extractions[0])
    reprint["doc_id"] = "doc_z_reprint"
    reprint["source"] = {**reprint.get("source", {}), "doc_id": "doc_z_reprint"}
    G = build_graph([reprint, extractions[0]])
    one = build_graph([extractions[0]])
    for u, v, k, data in one.edges(keys=True, data=True):
        if data["type"] in ("MENTIONS", "SPREAD_TO") or u.startswith("Document:"):
            continue
        merged = G.edges[u, v, k]
        assert (
            merged["doc_ids"] == sorted(set(data["doc_ids"]) | {"doc_z_reprint"})
            or not data["doc_ids"]
        )
        # the same sentences, each once, credited to the first document that has it
        assert [e["sentence"] for e in merged["evidence"]] == [
            e["sentence"] for e in data["evidence"]
        ]
        assert all(e["doc_id"] == "doc_a_pinghu" for e in merged["evidence"])


def test_duplicate_doc_id_is_an_error(extractions):
    with pytest.raises(GraphError, match="appears twice"):
        build_graph([extractions[0], extractions[0]])


def test_an_entity_holding_a_documents_id_is_an_error():
    """An earlier document's entity with the id of a later document's node: a
    GraphError that says so (it was an AttributeError)."""
    a = {
        "doc_id": "a",
        "entities": [{"type": "Person", "id": "Document:b", "name": "b"}],
    }
    with pytest.raises(GraphError, match="Document:b already names an entity"):
        build_graph([a, {"doc_id": "b"}])


def test_load_extractions_reports_the_bad_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"doc_id": "a"}\n\n{not json\n', encoding="utf-8")
    with pytest.raises(GraphError, match=r"x.jsonl:3: not valid JSON"):
        list(load_extractions(path))
    with pytest.raises(GraphError, match="cannot read extractions"):
        list(load_extractions(tmp_path / "missing.jsonl"))


def test_empty_input_gives_an_empty_graph():
    G = build_graph([])
    assert isinstance(G, nx.MultiDiGraph) and len(G) == 0
