"""The Python API of unionkg: the steps the CLI runs, usable from a notebook.

>>> from unionkg import api
>>> report = api.build(["examples/corpus"], out_dir="out")          # the whole job
>>> docs = list(api.read_corpus(["examples/corpus"]))                # or step by step
>>> extractions = list(api.extract(docs))                          # JSON-ready dicts
>>> G = api.build_graph(extractions)
>>> with api.open_store("out") as store:
...     store.write(G)
...     rows = store.query("MATCH (u:TradeUnion) RETURN u.name AS name")
>>> api.write_maps(G, "out/maps")

See docs/api.md.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.reader import Skipped, read_corpus
from extract.records import Document
from graph import build_graph, export_graph, load_extractions, open_store

__all__ = ["read_corpus", "extract", "extract_one", "build_graph", "open_store", "write_maps", "export_graph",
           "build", "remove", "BuildReport", "Skipped", "write_jsonl", "load_extractions", "atomic_write"]

EXTRACTIONS = "extractions.jsonl"
REPORT = "report.json"
MAPS = "maps"

_extractor = None


def _get_extractor():
    global _extractor
    if _extractor is None:
        from extract.pipeline import Extractor

        _extractor = Extractor()
    return _extractor


def extract_one(doc: Document) -> dict:
    """Extract one document; returns the extraction as a JSON-ready dict."""
    return _get_extractor()(doc).to_json()


def _worker_init():  # pragma: no cover - runs in worker processes
    _get_extractor()


def extract(docs: Iterable[Document], *, jobs: int = 1,
            progress: Callable[[int], None] | None = None) -> Iterator[dict]:
    """Extract each document, in input order, with ``jobs`` processes. Yields dicts."""
    if jobs <= 1:
        for i, doc in enumerate(docs, 1):
            yield extract_one(doc)
            if progress:
                progress(i)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    with ctx.Pool(jobs, initializer=_worker_init) as pool:
        for i, result in enumerate(pool.imap(extract_one, docs, chunksize=4), 1):
            yield result
            if progress:
                progress(i)


def write_maps(G, maps_dir) -> list[Path]:
    """Write index.html (the explorer), overview.html and the spread maps."""
    from viz import write_maps as _write_maps

    return _write_maps(G, maps_dir)


def atomic_write(path: Path, write: Callable) -> None:
    """Write ``path`` through a temporary file in the same folder, then rename it into place,
    so a crash never leaves a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_jsonl(path, records: Iterable[dict]) -> int:
    """Write extraction dicts as JSONL, sorted by doc_id (deterministic), atomically."""
    rows = sorted(records, key=lambda r: r["doc_id"])

    def _write(f):
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")

    atomic_write(Path(path), _write)
    return len(rows)


@dataclass
class BuildReport:
    """What a build did: counts and every skipped item."""

    documents: int = 0
    extracted: int = 0
    reused: int = 0
    articles: int = 0
    entities: dict = field(default_factory=dict)
    relations: dict = field(default_factory=dict)
    outcomes: int = 0
    graph: dict = field(default_factory=dict)
    store: str = ""
    maps: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"documents": self.documents, "extracted": self.extracted, "reused": self.reused,
                "articles": self.articles, "entities": self.entities, "relations": self.relations,
                "outcomes": self.outcomes, "graph": self.graph, "store": self.store, "maps": self.maps,
                "skipped": self.skipped, "seconds": self.seconds}


def _previous(out_dir: Path) -> dict[str, dict]:
    path = out_dir / EXTRACTIONS
    if not path.exists():
        return {}
    prev = {}
    try:
        for rec in load_extractions(path):
            prev[rec["doc_id"]] = rec
    except (ValueError, KeyError, OSError):
        return {}  # a damaged cache is rebuilt, never trusted
    return prev


def _last_report(out_dir: Path) -> dict | None:
    try:
        return json.loads((out_dir / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _summarise(report: BuildReport, records: list[dict]) -> None:
    ents, rels = Counter(), Counter()
    for r in records:
        report.articles += len(r.get("articles", [])) or 1
        ents.update(e["type"] for e in r["entities"])
        rels.update(x["type"] for x in r["relations"])
        report.outcomes += len(r["outcomes"])
    report.entities = dict(sorted(ents.items()))
    report.relations = dict(sorted(rels.items()))


def build(corpus: Iterable, out_dir="out", *, neo4j_uri: str | None = None, jobs: int = 1, maps: bool = True,
          on_skip: Callable[[Skipped], None] | None = None,
          progress: Callable[[str, int, int | None], None] | None = None) -> BuildReport:
    """Read the corpus, extract what changed, build the graph, write the store and the maps.

    Documents whose content hash matches ``out_dir/extractions.jsonl`` are not extracted
    again. Every file under ``out_dir`` is replaced atomically; the store is written in
    transactions and made to hold exactly the new graph."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    times = {}

    def skip(item: Skipped):
        report.skipped.append({"path": item.path, "line": item.line, "reason": item.reason})
        if on_skip:
            on_skip(item)

    t0 = time.perf_counter()
    prev = _previous(out)
    completed_before = (out / REPORT).exists()
    docs = list(read_corpus(list(corpus), on_skip=skip))
    report.documents = len(docs)
    times["read"] = time.perf_counter() - t0
    records: dict[str, dict] = {}
    todo = []
    for d in docs:
        old = prev.get(d.doc_id)
        if old is not None and old.get("source", {}).get("sha256") == d.sha256:
            records[d.doc_id] = old
        else:
            todo.append(d)
    report.reused = len(records)
    t1 = time.perf_counter()
    cb = (lambda i: progress("extract", i, len(todo))) if progress else None
    for rec in extract(todo, jobs=jobs, progress=cb):
        records[rec["doc_id"]] = rec
    report.extracted = len(todo)
    times["extract"] = time.perf_counter() - t1
    recs = [records[k] for k in sorted(records)]
    changed = bool(report.extracted) or set(prev) != set(records) or not (out / EXTRACTIONS).exists()
    if changed:
        if completed_before:
            (out / REPORT).unlink()  # this build is not complete until its report is written
        write_jsonl(out / EXTRACTIONS, recs)
    _summarise(report, recs)
    # Nothing changed since the last complete build: the embedded store and the maps already
    # hold this graph (a build writes report.json last, so its presence marks completion).
    last = _last_report(out)
    from graph import embedded_db_path

    if (not changed and not neo4j_uri and last is not None and embedded_db_path(out).exists()
            and (not maps or (out / MAPS / "index.html").exists())):
        report.graph, report.store, report.maps = last.get("graph", {}), "embedded", last.get("maps", [])
        report.seconds = {**{k: round(v, 3) for k, v in times.items()}, "graph": 0.0, "store": 0.0, "maps": 0.0}
        atomic_write(out / REPORT, lambda f: json.dump(report.to_json(), f, ensure_ascii=False, indent=1))
        return report
    t2 = time.perf_counter()
    G = build_graph(recs)
    times["graph"] = time.perf_counter() - t2
    report.graph = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    t3 = time.perf_counter()
    with open_store(out if not neo4j_uri else None, neo4j_uri=neo4j_uri) as store:
        store.write(G)
    report.store = "neo4j" if neo4j_uri else "embedded"
    times["store"] = time.perf_counter() - t3
    if maps:
        t4 = time.perf_counter()
        report.maps = [str(p.relative_to(out)) if p.is_relative_to(out) else str(p)
                       for p in write_maps(G, out / MAPS)]
        times["maps"] = time.perf_counter() - t4
    report.seconds = {k: round(v, 3) for k, v in times.items()}
    atomic_write(out / REPORT, lambda f: json.dump(report.to_json(), f, ensure_ascii=False, indent=1))
    return report


def remove(doc_ids: Iterable[str], out_dir="out", *, neo4j_uri: str | None = None, maps: bool = True) -> dict:
    """Take documents out of a built graph, with the facts only they supported: the
    extractions of the others are rebuilt into the graph the store is made to hold."""
    out = Path(out_dir)
    prev = _previous(out)
    if not prev:
        from graph import StoreError

        raise StoreError(f"nothing built in {out}: run `unionkg build CORPUS --out {out}` first")
    wanted = list(doc_ids)
    missing = [d for d in wanted if d not in prev]
    kept = [prev[k] for k in sorted(prev) if k not in set(wanted)]
    if (out / REPORT).exists():
        (out / REPORT).unlink()  # the last build's report no longer describes the graph
    write_jsonl(out / EXTRACTIONS, kept)
    G = build_graph(kept)
    with open_store(out if not neo4j_uri else None, neo4j_uri=neo4j_uri) as store:
        store.write(G)
    if maps:
        write_maps(G, out / MAPS)
    return {"removed": [d for d in wanted if d in prev], "not_found": missing,
            "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}}
