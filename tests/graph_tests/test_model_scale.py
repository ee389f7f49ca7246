"""Building the graph costs about the same per document however large the corpus: no step
of ``build_graph`` (spread paths included) scans what earlier documents added. Counted in
function calls under cProfile (Python functions, generator steps and C calls such as
``dict.get``), not seconds, so the test holds on a loaded machine. A scan done wholly in C
(``x in some_list``, one ``sorted`` call) is one call and escapes it.

docs/performance.md ("Corpora of 3,000 and 20,000 documents") has the figures on real
extractions; this is the cheap guard."""

from __future__ import annotations

import cProfile
import math
import pstats
import random

import graph

HUB = {"id": "TradeUnion:H", "type": "TradeUnion", "name": "H总工会"}
"""A union every document names, running every programme and reporting outcomes."""


def _place(k: int, side: int) -> dict:
    """An entity of county ``k``, with its city and province as its chain; the counties lie
    on a square grid ``side`` wide, about 140 km apart (constant density, as real places are:
    graph/spread_near.py's search assumes it, see test_spread_scale.py)."""
    city, prov = k // 10, k // 100
    return {
        "id": f"Place:{k}",
        "type": "Place",
        "name": f"县{k}",
        "props": {
            "level": "county",
            "lon": 100 + (k % side) * 1.5,
            "lat": 25 + (k // side) * 1.2,
            "chain": [
                {"id": f"Place:c{city}", "name": f"市{city}", "level": "city"},
                {"id": f"Place:p{prov}", "name": f"省{prov}", "level": "province"},
            ],
        },
    }


def _rel(kind: str, head: dict, tail: dict, sentence: str, **extra) -> dict:
    return {
        "type": kind,
        "head": head["name"],
        "tail": tail["name"],
        "head_id": head["id"],
        "tail_id": tail["id"],
        "evidence": [{"sentence": sentence, "start": 0, "end": len(sentence)}],
        **extra,
    }


def _document(i: int, n: int, rng: random.Random) -> dict:
    """Document ``i`` of ``n``: the pools of unions, programmes, people and places grow with
    ``n``, as a real corpus's do, so the documents of an entity, the adopters of a programme
    and the programmes and outcomes of the hub union grow too."""
    pool = max(4, n // 4)
    k, side = rng.randrange(pool), math.isqrt(pool)
    place, other = _place(k, side), _place(rng.randrange(pool), side)
    union = {"id": f"TradeUnion:U{k}", "type": "TradeUnion", "name": f"U{k}总工会"}
    prog_no = rng.randrange(max(2, n // 25))
    prog = {"id": f"Programme:P{prog_no}", "type": "Programme", "name": f"P{prog_no}"}
    person = {"id": f"Person:R{k}@U{k}", "type": "Person", "name": f"R{k}"}
    said = f"句{rng.randrange(3 * n)}"  # some sentences recur across documents
    outcome = f"Outcome:{i}"
    return {
        "doc_id": f"d{i:06d}",
        "source": {"title": f"T{i}", "date": f"20{15 + i % 10}-01-01"},
        "entities": [place, other, union, prog, person, HUB],
        "relations": [
            _rel("RUNS", union, prog, said),
            _rel("RUNS", HUB, prog, said),
            _rel("LOCATED_IN", HUB, _place(0, side), said),
            _rel("LOCATED_IN", union, place, said),
            _rel("ADOPTED_IN", prog, place, said, year=2015 + rng.randrange(10)),
            _rel("ADOPTED_IN", prog, other, f"句{i}", year_basis="reported", year=2024),
            _rel("HOLDS_POSITION", person, union, said, title="主席"),
        ],
        "outcomes": [
            {
                "id": outcome,
                "subject": (HUB if i % 2 else prog)["name"],
                "subject_id": (HUB if i % 2 else prog)["id"],
                "value": i,
                "unit": "人",
                "text": f"{i}人",
                "evidence": {"sentence": f"句{i}", "start": 0, "end": 2},
            }
        ],
        "spread": [
            {
                "programme_id": prog["id"],
                "from_id": place["id"],
                "to_id": other["id"],
                "kind": "learned",
                "evidence": {"sentence": said, "start": 0, "end": len(said)},
            }
        ]
        if i % 5 == 0
        else [],
    }


def _calls(n: int) -> tuple[dict[str, int], int, int]:
    """Calls per function while building the graph of ``n`` documents, and the graph's size."""
    rng = random.Random(20240601)
    docs = [_document(i, n, rng) for i in range(n)]
    prof = cProfile.Profile()
    G = prof.runcall(graph.build_graph, docs)
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    calls = {f"{f.rsplit('/', 1)[-1]}:{line}({name})": v[1] for (f, line, name), v in stats.items()}
    return calls, G.number_of_nodes(), G.number_of_edges()


def test_build_graph_calls_grow_with_the_documents_not_faster():
    small, nodes_s, edges_s = _calls(250)
    large, nodes_l, edges_l = _calls(1000)  # 4 times the documents
    assert nodes_l > 3 * nodes_s and edges_l > 3 * edges_s  # the graph grows with them
    assert any("infer_paths" in f for f in large)  # the spread paths were searched
    # each step on its own: one scan per document of what came before would be about 16×;
    # up to 8× leaves room for the neighbour search, whose share of places on the grid's
    # edge (fewer neighbours) is larger in the smaller graph
    grown = {f: (small.get(f, 0), c) for f, c in large.items() if c > 8 * max(small.get(f, 0), 20)}
    assert not grown, f"calls for 250 and 1000 documents: {grown}"
    total_s, total_l = sum(small.values()), sum(large.values())
    assert total_l < 4.6 * total_s, (total_s, total_l)
