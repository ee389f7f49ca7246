"""The incremental cache: the previous build's ``extractions.jsonl``, read lazily, and
whether each previous extraction still holds for a document."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from extract.records import Document

from .outdir import EXTRACTIONS

_LINE_HEAD = '{"doc_id": '
_SOURCE_KEY = ', "source": '
_DECODER = json.JSONDecoder()


class Cached:
    """A previous extraction as its line of ``extractions.jsonl``: the ``doc_id`` and
    ``source`` are read at once (all an unchanged rebuild needs), the rest only when
    the record is wanted."""

    __slots__ = ("doc_id", "source", "line")

    doc_id: Any
    source: Any

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


def previous_lines(out_dir: Path) -> dict[str, Cached]:
    """The previous build's extractions by doc_id, undecoded (see :class:`Cached`);
    empty when there are none or the file is damaged (a damaged cache is rebuilt,
    never trusted)."""
    prev: dict[str, Cached] = {}
    try:
        with open(out_dir / EXTRACTIONS, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    c = Cached(line)
                    if c.doc_id in prev:
                        return {}
                    prev[c.doc_id] = c
    except (ValueError, KeyError, TypeError, OSError):  # missing, unreadable or damaged
        return {}
    return prev


def previous(out_dir: Path) -> dict[str, dict]:
    """The previous build's extractions by doc_id, decoded; empty when there are none or
    any line is damaged."""
    try:
        return {k: c.record() for k, c in previous_lines(out_dir).items()}
    except (ValueError, TypeError):
        return {}


def _is_jsonl_line(path: str | None) -> bool:
    return bool(re.search(r"\.jsonl:\d+$", path or ""))


def reusable(old: Cached | None, doc: Document, version: str) -> Literal["same", "moved"] | None:
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
