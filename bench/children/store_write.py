"""``store.write`` of the graph built from an ``extractions.jsonl`` into a fresh
embedded store.

    python -m bench.children.store_write EXTRACTIONS STORE [distinct]

``distinct``: every evidence sentence is first made distinct by its document, which
is what the write costs when no two documents share a sentence.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import Any

from bench.children import done
from unionkg import api


def _distinct_sentences(recs: list[dict]) -> None:
    """Keep every sentence a document gave a relation, made distinct with its doc id."""
    for doc in recs:
        for rel in doc.get("relations") or ():
            for ev in rel.get("evidence") or ():
                ev["sentence"] = f"{ev['sentence']}[{doc['doc_id']}]"
        for out in doc.get("outcomes") or ():
            if isinstance(out.get("evidence"), dict):
                out["evidence"]["sentence"] = f"{out['evidence']['sentence']}[{doc['doc_id']}]"


def _evidence(G: Any) -> int:
    """Evidence sentences on the graph's edges."""
    return sum(len(d.get("evidence") or ()) for _, _, d in G.edges(data=True))


def main(argv: list[str]) -> None:
    recs = list(api.load_extractions(argv[0]))
    G = api.build_graph(recs)
    evidence_as_built = _evidence(G)
    if argv[2:] == ["distinct"]:
        _distinct_sentences(recs)
        G = api.build_graph(recs)
    shutil.rmtree(argv[1], ignore_errors=True)  # a fresh store on every run
    t1 = time.perf_counter()
    with api.open_store(argv[1]) as store:
        t2 = time.perf_counter()
        written = store.write(G)
        t3 = time.perf_counter()
    t4 = time.perf_counter()
    done(
        open=t2 - t1,
        write=t3 - t2,
        close=t4 - t3,
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        written=written if isinstance(written, dict) else None,
        how=getattr(store, "last_write", None),  # the embedded store says copy or merge
        evidence_as_built=evidence_as_built,
        evidence=_evidence(G),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
