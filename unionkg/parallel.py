"""Extraction across processes. Where ``fork`` exists: this process and ``jobs - 1``
forked workers take documents from one shared counter, and the workers hand their
results back through files (docs/performance.md, *--jobs 2*). Without ``fork``
(Windows): a process pool whose workers each build their own extractor.

Each document goes through ``extractor.extract_dict``, looked up when it is called, so
that what a test puts in its place reaches the forked workers too."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import signal
import tempfile
import time
from collections.abc import Generator
from multiprocessing.context import BaseContext, ForkProcess

from extract.records import Document

from . import extractor

CHUNK = 8  # documents a worker takes at a time (this process takes one at a time)
FORK = hasattr(os, "fork")


class Shared:
    """What this process and its forked workers share: the next unclaimed document, and
    for the first document of each worker's chunk the worker and whether its file is
    written."""

    def __init__(self, ctx: BaseContext, n: int, folder: str):
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

    def close(self) -> None:
        """Leave nothing more to take."""
        with self.lock:
            self.next.value = self.n

    def path(self, start: int) -> str:
        return os.path.join(self.folder, f"{start}.pickle")


def _work(
    shared: Shared, docs: list[Document], k: int, fast: bool
) -> None:  # pragma: no cover - runs in workers
    """Forked worker ``k``: take chunks of documents until none are left; write each
    chunk's extractions to a file (so a worker never waits for the parent to read them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the workers
    while True:  # (the parent froze what the fork brought: the collector leaves it alone)
        chunk = shared.claim(CHUNK, k)
        if chunk is None:
            return
        start, stop = chunk
        recs: list[dict] = []
        error: Exception | None = None
        try:
            for d in docs[start:stop]:
                recs.append(extractor.extract_dict(d, fast))
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


def _await_chunk(
    shared: Shared,
    worker: ForkProcess,
    i: int,
    docs: list[Document],
    fast: bool,
    local: dict[int, dict | Exception],
) -> tuple[list[dict], Exception | None]:
    """The results of the chunk ``worker`` took at ``i``, and its error if any. While the
    worker is busy this process extracts the next free documents into ``local``."""
    while not shared.done[i]:
        mine = shared.claim(1)
        if mine is not None:  # work here while the worker is busy
            try:
                local[mine[0]] = extractor.extract_dict(docs[mine[0]], fast)
            except Exception as exc:  # noqa: BLE001 - raised when its turn comes
                local[mine[0]] = exc
        elif not worker.is_alive() and not shared.done[i]:
            raise RuntimeError(f"an extraction worker process died (exit code {worker.exitcode})")
        else:
            time.sleep(0.0005)
    with open(shared.path(i), "rb") as f:
        data = f.read()
    os.unlink(shared.path(i))
    return extractor.gc_paused(pickle.loads, data)


def extract_forked(docs: list[Document], jobs: int, fast: bool) -> Generator[dict, None, None]:
    """``jobs - 1`` forked workers and this process take documents from one shared
    counter: a worker ``CHUNK`` at a time, this process one at a time, whenever the next
    result in order is not ready yet. Results come back through files, in input order;
    an error is raised in its place in the order, after the results before it."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    extractor.get_extractor(fast)
    extractor.extractor_version(fast)  # computed once here, so that the workers inherit it too
    n = len(docs)
    folder = tempfile.mkdtemp(prefix="unionkg-extract-")
    shared = Shared(ctx, n, folder)
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
                recs, error = _await_chunk(
                    shared, workers[shared.worker[i] - 1], i, docs, fast, local
                )
            elif shared.claim_at(i):  # nobody took it yet: do it here
                recs = [extractor.extract_dict(docs[i], fast)]
            else:  # a worker took it just now
                continue
            yield from recs
            if error is not None:
                raise error
            i += len(recs)
    finally:  # also when the caller stops early or a document fails
        shared.close()
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


def _worker_init(fast: bool) -> None:  # pragma: no cover - runs in worker processes (without fork)
    extractor.get_extractor(fast)


def _extract_chunk(docs: list[Document], fast: bool) -> list[dict]:  # pragma: no cover - in workers
    return [extractor.extract_dict(d, fast) for d in docs]


def extract_pooled(docs: list[Document], jobs: int, fast: bool) -> Generator[dict, None, None]:
    """No fork (Windows): ``jobs`` workers, each builds its own extractor."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    chunks = [docs[k : k + CHUNK] for k in range(0, len(docs), CHUNK)]
    with ProcessPoolExecutor(
        jobs, mp_context=mp.get_context(), initializer=_worker_init, initargs=(fast,)
    ) as pool:
        for recs in pool.map(_extract_chunk, chunks, [fast] * len(chunks)):
            yield from recs
