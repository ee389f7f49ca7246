"""Reading an ``extractions.jsonl`` file (docs/format.md), one extraction dict a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .errors import GraphError


def load_extractions(path: str | Path) -> Iterator[dict]:
    """Yield the extraction dicts of an ``extractions.jsonl`` file, one per non-blank line."""
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise GraphError(
            f"cannot read extractions from {path}: {exc.strerror}; "
            "run `unionkg extract` first or check the path"
        ) from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GraphError(
                    f"{path}:{lineno}: not valid JSON ({exc.msg}); "
                    "the file must hold one JSON object per line"
                ) from None
            if not isinstance(doc, dict) or "doc_id" not in doc:
                raise GraphError(
                    f"{path}:{lineno}: expected an object with a doc_id (see docs/format.md)"
                )
            yield doc
