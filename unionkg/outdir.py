"""The output folder of a build: the names of its files, and the exclusive lock a build
or a remove holds on it, which also clears what a killed one left behind."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph import StoreError, embedded_db_path
from graph.embedded_store import COPY_TMP_PREFIX

EXTRACTIONS = "extractions.jsonl"
REPORT = "report.json"
MAPS = "maps"
MARKER = ".unionkg"
"""Marks a folder as unionkg's output (unionkg/safety.py)."""
REMOVED = "removed.json"
"""The documents ``remove`` took out, kept out of later builds until restored."""
FINDS = "programme-finds.json"
"""Where the programme names of the corrections were found (unionkg/curation.py)."""
CORRECTIONS = "corrections.toml"
"""The user's corrections (unionkg/corrections.py): written by ``curate``, never by a build."""

# Temporary files a killed build or remove leaves behind (atomic_write's and the maps'),
# by folder under the output directory; cleared by the next one.
_TEMPORARIES = (
    (
        "",
        (
            f".{EXTRACTIONS}.*",
            f".{REPORT}.*",
            f".{MARKER}.*",
            f".{REMOVED}.*",
            f".{FINDS}.*",
            f".{CORRECTIONS}.*",
        ),
    ),
    (MAPS, (".ukg-*.tmp",)),
)


def own_files(out: Path) -> list[Path]:
    """What a build writes in ``out``: never read as its input, even with ``--out`` inside
    a corpus folder."""
    return [
        out / EXTRACTIONS,
        out / REPORT,
        out / MAPS,
        embedded_db_path(out),
        out / MARKER,
        out / REMOVED,
        out / FINDS,
        out / CORRECTIONS,
    ]


@contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder (``flock`` on the folder itself: no lock
    file) while a build or a remove writes it, and clear what a killed one left behind."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        fd = None
    else:
        fd = os.open(out, os.O_RDONLY)
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(
                    f"{out} is being written by another unionkg build or remove; "
                    "wait for it to finish"
                ) from None
        _clear_leftovers(out)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _clear_leftovers(out: Path) -> None:
    """Delete the temporary files and folders a killed build or remove left in ``out``."""
    for sub, patterns in _TEMPORARIES:
        for pattern in patterns:
            for tmp in (out / sub).glob(pattern):
                if tmp.is_file() and not tmp.is_symlink():
                    tmp.unlink()
    for tmp in out.glob(COPY_TMP_PREFIX + "*"):  # a bulk load's CSV folder
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp, ignore_errors=True)
