"""Safe output folders: a folder unionkg writes carries a marker file, ``.unionkg``, and
``build``, ``remove``, ``restore`` and the maps ``viz`` writes into ``--out`` refuse any
other folder (docs/output.md).

A build refuses, before it writes anything: a path that is a file; ``/``, the home
folder and the folders above it; the corpus folder or any folder holding a corpus
input; a folder that is not empty and has no marker. An empty or new folder gets the
marker first. A folder an older unionkg wrote (no marker, but a ``report.json`` of
unionkg's beside its ``extractions.jsonl``) is adopted: the marker is added and the
build goes on. unionkg only ever writes, replaces or deletes the files it names in
:mod:`unionkg.outdir`, in a folder that carries its marker.

A single output file (``query --format html|graphml|graph-json -o FILE``) is written
when it is new or one unionkg wrote (:func:`check_output_file`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from . import __version__
from .files import atomic_write
from .outdir import EXTRACTIONS, MARKER, REPORT

FORMAT = 1
"""Version of the output folder's layout, recorded in the marker."""

# keys every report.json of unionkg has had (report.BuildReport): a report.json with all
# of them beside an extractions.jsonl is taken as an older unionkg's output
_REPORT_KEYS = frozenset({"documents", "extracted", "reused", "graph", "store", "skipped"})


class OutputError(Exception):
    """A build or remove that unionkg refuses, because it could lose or overwrite what
    the user has: the message says why, in one line, and what to do instead."""


class UnsafeOutputError(OutputError):
    """The output folder is not one unionkg may write (docs/output.md)."""


def _resolved(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(path)).resolve()


def _refuse_system_folders(out: Path, real: Path) -> None:
    home = _resolved(Path.home())
    if real == Path(real.anchor):
        raise UnsafeOutputError(f"refusing to write into {out}: it is the root folder")
    if real == home or real in home.parents:
        raise UnsafeOutputError(
            f"refusing to write into {out}: it is your home folder or above it; "
            "give --out a folder of its own, such as out"
        )


def _refuse_corpus(out: Path, real: Path, corpus: Iterable) -> None:
    for item in corpus:
        try:
            src = _resolved(item)
        except (TypeError, OSError, RuntimeError):
            continue  # not a path: read_corpus reports it
        if src == real or real in src.parents:
            what = "is the corpus folder" if src == real else f"holds the corpus input {item}"
            raise UnsafeOutputError(
                f"refusing to write into {out}: it {what}; give --out a folder of its own"
            )


def is_marked(out: Path) -> bool:
    """Whether ``out`` carries unionkg's marker (a regular file, not a link)."""
    marker = out / MARKER
    return marker.is_file() and not marker.is_symlink()


def is_older_output(out: Path) -> bool:
    """Whether ``out`` is an output folder an older unionkg wrote, without a marker: an
    ``extractions.jsonl`` and a ``report.json`` with the keys unionkg's reports have."""
    report, extractions = out / REPORT, out / EXTRACTIONS
    if not extractions.is_file() or extractions.is_symlink() or report.is_symlink():
        return False
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and _REPORT_KEYS <= data.keys()


def write_marker(out: Path) -> None:
    """Mark ``out`` as unionkg's output folder."""
    data = {
        "written_by": "unionkg",
        "version": __version__,
        "format": FORMAT,
        "about": "an output folder of unionkg: it writes only here, and only its own files",
    }
    atomic_write(out / MARKER, lambda f: f.write(json.dumps(data, indent=1) + "\n"))


def prepare_output(out_dir: str | os.PathLike[str], corpus: Iterable = ()) -> Path:
    """Check that a build may write ``out_dir`` (reading ``corpus``), create and mark it;
    raise :class:`UnsafeOutputError` otherwise, before anything is written."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"refusing to write into {out}: it is a file, not a folder")
    if out.is_symlink() and not out.exists():
        raise UnsafeOutputError(f"refusing to write into {out}: it is a broken symbolic link")
    real = _resolved(out)
    _refuse_system_folders(out, real)
    _refuse_corpus(out, real, corpus)
    if out.is_dir() and not is_marked(out):
        if any(out.iterdir()) and not is_older_output(out):
            raise UnsafeOutputError(
                f"refusing to write into {out}: it is not empty and not a unionkg output "
                f"folder (no {MARKER} file); give --out a new or empty folder"
            )
    out.mkdir(parents=True, exist_ok=True)
    if not is_marked(out):
        write_marker(out)
    return out


def check_output(out_dir: str | os.PathLike[str]) -> Path:
    """Check that ``out_dir`` is a unionkg output folder to change (``remove``,
    ``restore``, maps written into it); adopt an older one; raise
    :class:`UnsafeOutputError` otherwise."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"refusing to write into {out}: it is a file, not a folder")
    if not out.is_dir():
        raise UnsafeOutputError(
            f"nothing built in {out}: run `unionkg build CORPUS --out {out}` first"
        )
    _refuse_system_folders(out, _resolved(out))
    if not is_marked(out):
        if not is_older_output(out):
            raise UnsafeOutputError(
                f"refusing to write into {out}: not a unionkg output folder (no {MARKER} file)"
            )
        write_marker(out)
    return out


def check_output_file(
    path: str | os.PathLike[str], ours: Callable[[Path], bool], what: str = "a file unionkg wrote"
) -> Path:
    """Check that a command may write the file ``path``: a new file, or one that
    ``ours(path)`` recognises as unionkg's (``what`` names it in the refusal); raise
    :class:`UnsafeOutputError` otherwise (a folder, a symbolic link, another file),
    before anything is written."""
    out = Path(path)
    if out.is_symlink():
        raise UnsafeOutputError(f"refusing to write {out}: it is a symbolic link")
    if out.is_dir():
        raise UnsafeOutputError(f"refusing to write {out}: it is a folder; give a file name")
    if out.exists() and not ours(out):
        raise UnsafeOutputError(
            f"refusing to overwrite {out}: it is not {what}; give a new file name"
        )
    return out
