"""``remove``: take documents out of a built graph, with the facts only they supported."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from graph import StoreError, build_graph, open_store

from . import curation
from .build import write_maps
from .build_store import check_neo4j
from .changes import removed_ids, write_removed
from .files import write_jsonl
from .incremental import previous
from .outdir import EXTRACTIONS, MAPS, REPORT, exclusive
from .report import last_report
from .safety import check_output


def remove(
    doc_ids: Iterable[str],
    out_dir: str | os.PathLike[str] = "out",
    *,
    neo4j_uri: str | None = None,
    maps: bool = True,
    corrections: str | os.PathLike[str] | None = None,
) -> dict:
    """Take documents out of a built graph, with the facts only they supported: the
    extractions of the others are rebuilt into the graph the store is made to hold, with
    the corrections applied (``corrections``, else the file the last build used).
    The removed documents are listed in ``out_dir/removed.json``: later builds leave them
    out until :func:`~unionkg.changes.restore`."""
    out = Path(out_dir)
    if not (out / EXTRACTIONS).exists():
        raise StoreError(f"nothing built in {out}: run `unionkg build CORPUS --out {out}` first")
    check_output(out)
    if neo4j_uri:  # an unreachable server fails now, before the extractions are rewritten
        check_neo4j(neo4j_uri)
    cur = curation.load(out, corrections)  # a damaged file fails before anything changes
    with exclusive(out):
        return _remove(doc_ids, out, cur, neo4j_uri=neo4j_uri, maps=maps)


def _remove(
    doc_ids: Iterable[str], out: Path, cur: curation.Curation, *, neo4j_uri: str | None, maps: bool
) -> dict:
    prev = previous(out)
    if not prev:
        raise StoreError(f"nothing built in {out}: run `unionkg build CORPUS --out {out}` first")
    wanted = list(doc_ids)
    missing = [d for d in wanted if d not in prev]
    if len(missing) == len(wanted):
        # nothing to take out: the build, its report and its store stay as they are
        return {
            "removed": [],
            "not_found": missing,
            "graph": (last_report(out) or {}).get("graph", {}),
        }
    gone = {d for d in wanted if d in prev}
    kept = [prev[k] for k in sorted(prev) if k not in gone]
    # remembered first: a remove killed after this line is finished by the next build
    write_removed(out, removed_ids(out) | gone)
    if (out / REPORT).exists():
        (out / REPORT).unlink()  # the last build's report no longer describes the graph
    write_jsonl(out / EXTRACTIONS, kept)
    G, _ = curation.curate(build_graph(kept), out, cur)
    with open_store(out if not neo4j_uri else None, neo4j_uri=neo4j_uri) as store:
        store.write(G)
    if maps:
        write_maps(
            G, out / MAPS, records=kept, out_dir=str(out)
        )  # headlines; the texts are not kept
    return {
        "removed": [d for d in wanted if d in prev],
        "not_found": missing,
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
    }
