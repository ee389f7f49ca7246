"""``api.extract(jobs=N)``: this process and N-1 forked workers share the documents; the
output is the one of ``jobs=1``, in input order (docs/performance.md)."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import tempfile
import time
from pathlib import Path

import pytest

from unionkg import api, extractor, parallel

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def many_docs():
    """The sample corpus five times over, with distinct ids: 50 documents."""
    docs = list(api.read_corpus([EXAMPLES]))
    return [
        dataclasses.replace(d, doc_id=f"{d.doc_id}-{k}", articles=[])
        for k in range(5)
        for d in docs
    ]


@pytest.fixture(scope="module")
def serial(many_docs):
    return [json.dumps(r, ensure_ascii=False) for r in api.extract(many_docs)]


def _fresh(docs):
    return [dataclasses.replace(d, articles=[]) for d in docs]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_give_the_serial_output_in_order(many_docs, serial, jobs):
    progress = []
    got = api.extract(
        iter(_fresh(many_docs)), jobs=jobs, progress=progress.append
    )  # a plain iterator
    assert [json.dumps(r, ensure_ascii=False) for r in got] == serial
    assert progress == list(range(1, len(many_docs) + 1))


_PARENT = os.getpid()
_HERE: list[str] = []


def _slow_workers(doc, fast=False):  # replaces extractor.extract_dict; forked workers inherit it
    if os.getpid() != _PARENT:
        time.sleep(0.05)
    else:
        _HERE.append(doc.doc_id)
    return api.extract_one(doc, fast=fast)


def _slow_here(doc, fast=False):
    if os.getpid() == _PARENT:
        time.sleep(0.02)  # time enough for the worker to take its first chunk
    return api.extract_one(doc, fast=fast)


def _dying_workers(doc, fast=False):
    if os.getpid() != _PARENT:
        os._exit(3)
    time.sleep(0.02)
    return api.extract_one(doc, fast=fast)


@pytest.mark.slow
def test_this_process_extracts_while_the_worker_is_busy(monkeypatch, many_docs, serial):
    """A slow worker: this process takes the documents it can, the worker some; the order
    is kept."""
    monkeypatch.setattr(extractor, "extract_dict", _slow_workers)
    _HERE.clear()
    got = list(api.extract(_fresh(many_docs), jobs=2))
    assert [json.dumps(r, ensure_ascii=False) for r in got] == serial
    assert 0 < len(_HERE) < len(many_docs)
    assert len(set(_HERE)) == len(_HERE)


@pytest.mark.slow
@pytest.mark.parametrize("where", [0, 30])
def test_errors_reach_the_caller(monkeypatch, many_docs, where):
    """A bad item (None, not a Document) fails here or in a worker; the error is raised
    here, after the results before it."""
    monkeypatch.setattr(extractor, "extract_dict", _slow_here)
    bad = _fresh(many_docs[:where]) + [None] + _fresh(many_docs[:12])
    got = []
    with pytest.raises(AttributeError):
        for rec in api.extract(bad, jobs=2):
            got.append(rec["doc_id"])
    assert got == [d.doc_id for d in many_docs[:where]]


@pytest.mark.slow
def test_a_dead_worker_is_reported(monkeypatch, many_docs):
    monkeypatch.setattr(extractor, "extract_dict", _dying_workers)
    with pytest.raises(RuntimeError, match="worker process died"):
        list(api.extract(_fresh(many_docs[:30]), jobs=2))


@pytest.mark.slow
def test_no_files_are_left(monkeypatch, tmp_path, many_docs, serial):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    got = list(api.extract(_fresh(many_docs), jobs=3))
    assert [json.dumps(r, ensure_ascii=False) for r in got] == serial
    assert list(tmp_path.iterdir()) == []


def test_stopping_early_ends_the_workers(many_docs):
    it = api.extract(_fresh(many_docs), jobs=2)
    first = next(it)
    assert first["doc_id"] == many_docs[0].doc_id
    it.close()  # the pool is terminated; nothing hangs


def test_the_collector_is_left_as_it_was(many_docs):
    assert gc.isenabled()
    list(api.extract(_fresh(many_docs[:4]), jobs=2))
    list(api.extract(_fresh(many_docs[:4])))
    assert gc.isenabled()
    gc.disable()
    try:
        list(api.extract(_fresh(many_docs[:2])))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_without_fork_the_workers_build_their_own_extractor(monkeypatch, many_docs, serial):
    monkeypatch.setattr(parallel, "FORK", False)  # the path taken on Windows
    got = list(api.extract(iter(_fresh(many_docs[:20])), jobs=2))
    assert [json.dumps(r, ensure_ascii=False) for r in got] == serial[:20]
