"""CPU time of each build stage after extraction, from a build's extractions, in one
process (``time.process_time``: unlike wall time, it does not grow when other
processes share the machine). For the linearity check of bench/large.py.

    python -m bench.children.stages EXTRACTIONS.jsonl WORK_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.children import done
from unionkg import api


def main(argv: list[str]) -> None:
    work = Path(argv[1])
    cpu: dict[str, float] = {}
    t = time.process_time()
    recs = list(api.load_extractions(argv[0]))
    cpu["load"] = time.process_time() - t
    t = time.process_time()
    G = api.build_graph(recs)
    cpu["graph"] = time.process_time() - t
    t = time.process_time()
    store = api.open_store(work / "store")
    store.write(G)
    store.close()
    cpu["store"] = time.process_time() - t
    t = time.process_time()
    api.write_maps(G, work / "maps", records=recs)
    cpu["maps"] = time.process_time() - t
    done(stage_cpu={k: round(v, 2) for k, v in cpu.items()}, nodes=len(G), edges=len(G.edges))


if __name__ == "__main__":
    main(sys.argv[1:])
