"""The whole build: read the corpus, extract what changed, build the graph, write the
store and the maps, and the report last; incremental, one at a time per output folder,
and safe to kill at any point (docs/input.md, *Rebuilds and interrupted builds*)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from extract.reader import Skipped, read_corpus
from extract.records import Document
from graph import build_graph

from . import changes, curation, faults
from .build_store import (
    builder_version,
    check_neo4j,
    fingerprint,
    still_complete,
    store_for_writing,
    store_matches,
    verify_store,
)
from .extraction import extract
from .extractor import extractor_version
from .files import file_sha256, write_jsonl
from .incremental import Cached, previous_lines, reusable
from .outdir import EXTRACTIONS, MAPS, REPORT, exclusive, own_files
from .report import BuildReport, last_report, summarise, write_report
from .safety import prepare_output


def write_maps(
    G: nx.MultiDiGraph,
    maps_dir: str | os.PathLike[str],
    *,
    records: Iterable[dict] | None = None,
    texts: dict[str, str] | None = None,
    out_dir: str | None = None,
) -> list[Path]:
    """Write index.html (the explorer), overview.html and the spread maps; ``records`` (the
    extractions) give the evidence panel its headlines and dates, ``texts`` (doc_id → text)
    its "show in article", ``out_dir`` its curate commands (docs/maps.md)."""
    from viz import write_maps as _write_maps

    return _write_maps(G, maps_dir, records=records, texts=texts, out_dir=out_dir)


def build(
    corpus: Iterable,
    out_dir: str | os.PathLike[str] = "out",
    *,
    neo4j_uri: str | None = None,
    jobs: int = 1,
    maps: bool = True,
    fast: bool = False,
    add: bool = False,
    replace: bool = False,
    corrections: str | os.PathLike[str] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> BuildReport:
    """Read the corpus, extract what changed, build the graph, write the store and the maps.

    Documents whose content hash and extractor (:func:`extractor_version`) match
    ``out_dir/extractions.jsonl`` are not extracted again. Every file under ``out_dir`` is
    replaced atomically; the store is written in transactions and made to hold exactly
    the new graph; ``report.json`` is written last. A build killed at any point leaves
    ``out_dir`` for the next build to finish: the next one writes the store and the maps
    again unless ``report.json`` says they were made from this very ``extractions.jsonl``.
    One build or remove at a time per ``out_dir`` (another one raises ``StoreError``).
    ``fast=True`` extracts with the rules only, without the NER model (see :func:`extract`);
    switching mode extracts every document again.

    ``out_dir`` must be new, empty or unionkg's (docs/output.md), else
    :class:`~unionkg.safety.UnsafeOutputError`. When it holds documents that are not in
    ``corpus``, ``add=True`` keeps them, ``replace=True`` drops them, and without either
    the build raises :class:`~unionkg.changes.ForeignDocumentsError` before writing
    anything. Documents :func:`remove` took out stay out until :func:`restore`.
    ``report.changes`` counts the documents added, updated, unchanged and removed.

    The corrections in ``corrections`` (default ``out_dir/corrections.toml``, when it
    exists) are applied to the graph before it is stored (docs/curation.md);
    ``report.curation`` says what each changed. A file that cannot be read raises
    :class:`~unionkg.corrections.CorrectionsError` before anything is written."""
    if add and replace:
        raise ValueError("add and replace exclude each other")
    corpus = list(corpus)
    out = prepare_output(out_dir, corpus)
    with exclusive(out):
        if neo4j_uri:
            check_neo4j(neo4j_uri)
        report = _Build(
            out,
            neo4j_uri=neo4j_uri,
            jobs=jobs,
            maps=maps,
            fast=fast,
            on_skip=on_skip,
            progress=progress,
            curation=curation.load(out, corrections),
        ).run(corpus, add=add, replace=replace)
        if corrections is not None:
            curation.remember(out, corrections)
        return report


class _Build:
    """One build into ``out``: its options, its report and the seconds each stage took."""

    def __init__(
        self,
        out: Path,
        *,
        neo4j_uri: str | None,
        jobs: int,
        maps: bool,
        fast: bool,
        on_skip: Callable[[Skipped], None] | None,
        progress: Callable[[str, int, int | None], None] | None,
        curation: curation.Curation,
    ):
        self.out = out
        self.curation = curation
        self.neo4j_uri = neo4j_uri
        self.jobs = jobs
        self.maps = maps
        self.fast = fast
        self.on_skip = on_skip
        self.progress = progress
        self.report = BuildReport(
            extractor=extractor_version(fast), builder=builder_version(), cwd=os.getcwd()
        )
        self.times: dict[str, float] = {}

    def skip(self, item: Skipped) -> None:
        self.report.skipped.append({"path": item.path, "line": item.line, "reason": item.reason})
        if self.on_skip:
            self.on_skip(item)

    def run(self, corpus: Iterable, *, add: bool = False, replace: bool = False) -> BuildReport:
        out, report = self.out, self.report
        t0 = time.perf_counter()
        prev = previous_lines(out)
        removed = changes.removed_ids(out)
        read = list(read_corpus(list(corpus), on_skip=self.skip, exclude=own_files(out)))
        plan = changes.plan(out, prev, [d.doc_id for d in read], removed, add=add, replace=replace)
        docs = [d for d in read if d.doc_id not in removed]
        report.documents = len(docs)
        reuse = {d.doc_id: reusable(prev.get(d.doc_id), d, report.extractor) for d in docs}
        todo = [d for d in docs if reuse[d.doc_id] is None]
        moved = sum(how == "moved" for how in reuse.values())
        changed = (
            bool(todo or moved)
            or set(prev) != set(reuse) | set(plan.kept)
            or not (out / EXTRACTIONS).exists()
        )
        report.changes = plan
        # Nothing changed since the last complete build: the embedded store and the maps already
        # hold this graph. A build writes report.json last, so a report naming these very
        # extractions, the embedded store and (when wanted) maps marks them as complete; the
        # file is then the one that build wrote and read, so its lines need no decoding.
        last = last_report(out)
        if (
            not changed
            and last is not None
            and still_complete(out, last, neo4j_uri=self.neo4j_uri, maps=self.maps)
            and store_matches(out, last, report)
            and (last.get("curation") or {}).get("sha256") == self.curation.sha256
        ):
            changes.count(plan, prev, [d.doc_id for d in docs], set())
            return self._unchanged(last, len(docs), t0)
        if not changed and last is not None and last.get("builder") != report.builder:
            report.notes.append(
                "unionkg changed since the last build (or that build predates this check): "
                "the store and the maps are written again from the same extractions"
            )
        records: dict[str, dict] = {}
        for d in docs:
            how = reuse[d.doc_id]
            if how is not None and not self._reuse(records, prev[d.doc_id], d, how):
                todo.append(d)  # a damaged line: extract the document again
                changed = True
        report.reused = len(records)
        changes.count(plan, prev, [d.doc_id for d in docs], {d.doc_id for d in todo})
        self._keep(records, prev, plan)
        self.times["read"] = time.perf_counter() - t0
        self._extract(todo, records)
        recs = [records[k] for k in sorted(records)]
        self._write_extractions(recs, changed)
        G = self._write_store(recs, {d.doc_id: d.text for d in docs})
        if self.maps:
            self._write_maps(G, recs, {d.doc_id: d.text for d in docs})
        report.seconds = {k: round(v, 3) for k, v in self.times.items()}
        faults.point("report")
        write_report(out, report)
        return report

    def _unchanged(self, last: dict[str, Any], documents: int, t0: float) -> BuildReport:
        """The report of a build that found everything as the last one left it."""
        report = self.report
        report.reused = documents
        report.extractions_sha256 = last["extractions_sha256"]
        for k in ("articles", "entities", "relations", "outcomes"):
            setattr(report, k, last.get(k, getattr(report, k)))
        report.graph, report.store, report.maps = (
            last.get("graph", {}),
            "embedded",
            last.get("maps", []),
        )
        report.store_fingerprint = last.get("store_fingerprint", {})
        report.curation = last.get("curation")
        self.times["read"] = time.perf_counter() - t0
        report.seconds = {
            **{k: round(v, 3) for k, v in self.times.items()},
            "extract": 0.0,
            "graph": 0.0,
            "store": 0.0,
            "maps": 0.0,
        }
        faults.point("extractions")
        write_report(self.out, report)
        return report

    def _keep(
        self, records: dict[str, dict], prev: dict[str, Cached], plan: changes.Changes
    ) -> None:
        """Keep the previous extractions of the documents ``plan`` keeps (``add``)."""
        for k in list(plan.kept):
            try:
                records[k] = prev[k].record()
            except (ValueError, TypeError):
                plan.kept.remove(k)
                plan.removed.append(k)
                self.report.notes.append(
                    f"{k}: its line in {EXTRACTIONS} is damaged and it is not in this corpus: "
                    "dropped"
                )

    @staticmethod
    def _reuse(records: dict[str, dict], old: Cached, doc: Document, how: str) -> bool:
        """Keep the previous extraction of ``doc`` in ``records`` (with its new path when it
        ``moved``); False when its line is damaged."""
        try:
            rec = old.record()
        except (ValueError, TypeError):
            return False
        if how == "moved":
            rec["source"] = {**(rec.get("source") or {}), "path": doc.path}
        records[doc.doc_id] = rec
        return True

    def _extract(self, todo: list[Document], records: dict[str, dict]) -> None:
        t1 = time.perf_counter()
        total = len(todo)
        if self.progress and total:
            self.progress("extract", 0, total)

        def cb(i: int) -> None:
            if self.progress:
                self.progress("extract", i, total)
            faults.point("extract", done=i, total=total)

        for rec in extract(todo, jobs=self.jobs, fast=self.fast, progress=cb, on_skip=self.skip):
            records[rec["doc_id"]] = rec
            self.report.extracted += 1
        self.times["extract"] = time.perf_counter() - t1

    def _write_extractions(self, recs: list[dict], changed: bool) -> None:
        out = self.out
        if changed:
            # this build is not complete until its report is written
            (out / REPORT).unlink(missing_ok=True)
            write_jsonl(out / EXTRACTIONS, recs)
        faults.point("extractions")
        self.report.extractions_sha256 = file_sha256(out / EXTRACTIONS)
        summarise(self.report, recs)
        # from here on the store and the maps change: the last report no longer describes them
        (out / REPORT).unlink(missing_ok=True)

    def _write_store(self, recs: list[dict], texts: dict[str, str]) -> nx.MultiDiGraph:
        """Build the graph of ``recs``, apply the corrections (programme names looked for in
        ``texts``) and make the store hold exactly it."""
        report = self.report
        t2 = time.perf_counter()
        G, applied = curation.curate(
            build_graph(recs), self.out, self.curation, texts=texts, write=True
        )
        report.curation = curation.report(self.curation, applied)
        self.times["graph"] = time.perf_counter() - t2
        report.graph = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
        t3 = time.perf_counter()
        with store_for_writing(self.out, self.neo4j_uri, report) as store:
            faults.point("store", store=store)
            store.write(G)
        report.store_fingerprint = fingerprint(G)
        if not self.neo4j_uri:
            verify_store(self.out, report.store_fingerprint["counts"])
        faults.point("stored")
        report.store = "neo4j" if self.neo4j_uri else "embedded"
        self.times["store"] = time.perf_counter() - t3
        return G

    def _write_maps(self, G: nx.MultiDiGraph, recs: list[dict], texts: dict[str, str]) -> None:
        out = self.out
        t4 = time.perf_counter()
        faults.point("maps")
        self.report.maps = [
            str(p.relative_to(out)) if p.is_relative_to(out) else str(p)
            for p in write_maps(G, out / MAPS, records=recs, texts=texts, out_dir=str(out))
        ]
        self.times["maps"] = time.perf_counter() - t4
