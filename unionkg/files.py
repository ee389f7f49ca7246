"""Files written whole or not at all: an atomic write through a temporary file beside
the target, the extractions as sorted JSONL, and a file's SHA-256."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[str]], object]) -> None:
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


def write_jsonl(path: str | os.PathLike[str], records: Iterable[dict]) -> int:
    """Write extraction dicts as JSONL, sorted by doc_id (deterministic), atomically."""
    rows = sorted(records, key=lambda r: r["doc_id"])

    def _write(f: IO[str]) -> None:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")

    atomic_write(Path(path), _write)
    return len(rows)


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
