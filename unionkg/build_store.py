"""The store as a build sees it: whether the last build's store can be trusted as it is,
opening it for writing (an unreadable one is moved aside, never deleted), and checking
it after writing. The build records a fingerprint of what it wrote in ``report.json``.
Every store a build opens, it opens here."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

import networkx as nx

from graph import GraphError, Store, StoreError, embedded_db_path, graph_counts, open_store

from .files import file_sha256
from .outdir import EXTRACTIONS, MAPS
from .report import BuildReport

_builder: list[str] = []


def builder_version() -> str:
    """``<unionkg version>+<12 hex digits>``: names the code that turns extractions into the
    graph, the store and the maps: the digits hash every source and data file of the
    ``graph``, ``viz`` and ``unionkg`` packages. A build whose corpus is unchanged still
    writes the store and the maps again when this changed (an upgrade of unionkg).
    Computed once per process."""
    if not _builder:
        import graph
        import viz

        from . import __version__

        h = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for root in (
            Path(graph.__file__).resolve().parent,
            Path(viz.__file__).resolve().parent,
            here,
        ):
            files = sorted(
                p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )
            for f in files:
                h.update(f"{root.name}/{f.relative_to(root).as_posix()}".encode() + b"\0")
                h.update(hashlib.sha256(f.read_bytes()).digest())
        _builder.append(f"{__version__}+{h.hexdigest()[:12]}")
    return _builder[0]


def check_neo4j(neo4j_uri: str) -> None:
    """Open the Neo4j store and close it: a wrong URI, an unreachable server or refused
    credentials fail now, not after the whole extraction."""
    open_store(None, neo4j_uri=neo4j_uri).close()


def still_complete(
    out: Path, last: dict[str, Any] | None, *, neo4j_uri: str | None, maps: bool
) -> bool:
    """Whether ``last`` (report.json) describes a complete build of the extractions file
    as it is now, by this version of the code (:func:`builder_version`), into the embedded
    store, with maps when ``maps`` is asked for."""
    return bool(
        not neo4j_uri
        and last is not None
        and last.get("builder") == builder_version()
        and last.get("store") == "embedded"
        and (out / EXTRACTIONS).exists()
        and last.get("extractions_sha256") == file_sha256(out / EXTRACTIONS)
        and embedded_db_path(out).exists()
        and (not maps or (last.get("maps") and (out / MAPS / "index.html").exists()))
    )


def fingerprint(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts per label and type, and a SHA-256 of the node ids and edge keys, of ``G``."""
    h = hashlib.sha256()
    for node in sorted(map(str, G.nodes)):
        h.update(node.encode("utf-8", "surrogatepass") + b"\0")
    for u, v, k in sorted((str(u), str(v), str(k)) for u, v, k in G.edges(keys=True)):
        h.update(f"{u}\x1f{v}\x1f{k}".encode("utf-8", "surrogatepass") + b"\0")
    return {"counts": graph_counts(G), "sha256": h.hexdigest()}


def store_matches(out: Path, last: dict[str, Any] | None, report: BuildReport) -> bool:
    """Whether the embedded store opens and holds what ``last`` says it does (its counts);
    when not, a note says why and the build writes the store again."""
    want = (last or {}).get("store_fingerprint", {}).get("counts")
    if not want:
        report.notes.append(
            "report.json holds no store fingerprint (an older build): the store was written again"
        )
        return False
    try:
        with open_store(out, read_only=True) as store:
            got = store.counts()
    except GraphError as exc:
        report.notes.append(
            f"the embedded store could not be read ({exc}); it was written again "
            "from extractions.jsonl"
        )
        return False
    if got != want:
        report.notes.append(
            "the embedded store did not hold what report.json says (changed since the "
            "last build, e.g. by query --write); it was written again from extractions.jsonl"
        )
        return False
    return True


def store_for_writing(out: Path, neo4j_uri: str | None, report: BuildReport) -> Store:
    """The store to write; an embedded database that cannot be opened (not a database any
    more) is moved aside, never deleted, and a new one is made, with a note."""
    if neo4j_uri:
        return open_store(None, neo4j_uri=neo4j_uri)
    try:
        return open_store(out)
    except StoreError as exc:
        path = embedded_db_path(out)
        if not path.exists():
            raise
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.unreadable-{stamp}")
        for companion in sorted(path.parent.glob(path.name + "*")):
            if companion.is_file() and ".unreadable-" not in companion.name:
                os.replace(
                    companion, aside.with_name(aside.name + companion.name[len(path.name) :])
                )
        report.notes.append(
            f"the embedded store could not be opened ({exc}); it was moved aside to "
            f"{aside.name} and a new one was written"
        )
        return open_store(out)


def verify_store(out: Path, counts: dict) -> None:
    """Open the embedded store just written and check its counts: a write the engine could
    not finish (a full disk: its checkpoint fails when the store closes) raises
    :class:`StoreError`, so the build fails and writes no report.json."""
    problem = ""
    for attempt in range(2):
        try:
            with open_store(out, read_only=True) as store:
                got = store.counts()
            if got == counts:
                return
            problem = "it does not hold the graph that was written"
            break
        except GraphError as exc:
            problem = str(exc)
            if attempt == 0 and "recovery" in problem:
                try:  # let the engine finish its recovery, then look again
                    open_store(out).close()
                except GraphError as exc2:
                    problem = str(exc2)
                    break
    raise StoreError(
        f"the graph store in {out} could not be written completely ({problem}). "
        "Is the disk full? The extractions are kept in extractions.jsonl; free some "
        "space and run the build again"
    )
