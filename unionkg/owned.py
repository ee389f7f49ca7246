"""How unionkg recognises a file it wrote, so that ``-o FILE`` replaces only such a file
(docs/output.md): a new file, or one of the same format that unionkg made. Anything else
(an article of the corpus, the user's notes, a folder, a symbolic link) is refused before
any work is done."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .safety import UnsafeOutputError, check_output_file

_HEAD = 16384  # how much of a file is read to recognise it


def _head(path: Path) -> str:
    with open(path, "rb") as f:
        return f.read(_HEAD).decode("utf-8", "replace")


def _loads_as(fmt: str) -> Callable[[Path], bool]:
    def ours(path: Path) -> bool:
        from graph import load_export

        try:
            load_export(path, fmt)
        except Exception:  # noqa: BLE001 - whatever the reason, it does not read as ours
            return False
        return True

    return ours


def _html(path: Path) -> bool:
    from viz.templates import is_page

    return is_page(path)


def _extractions(path: Path) -> bool:
    """A JSONL file that opens with an extraction record: ``{"doc_id": …, "source": {…
    "extractor": …`` (a record can be longer than what is read, so its start is matched)."""
    head = _head(path)
    first = head.split("\n", 1)[0]
    return first.startswith('{"doc_id": ') and '"source": {' in first and '"extractor": "' in first


def _gexf(path: Path) -> bool:
    head = _head(path)
    return "<gexf" in head and 'title="doc_ids"' in head


def _cypher(path: Path) -> bool:
    return _head(path).startswith("// unionkg graph export")


_RECOGNISE: dict[str, tuple[Callable[[Path], bool], str]] = {
    "html": (_html, "an HTML page unionkg wrote"),
    "graphml": (_loads_as("graphml"), "a GraphML export of unionkg"),
    "json": (_loads_as("json"), "a JSON graph export of unionkg"),
    "gexf": (_gexf, "a GEXF export of unionkg"),
    "cypher": (_cypher, "a Cypher script unionkg wrote"),
    "jsonl": (_extractions, "an extractions file unionkg wrote"),
}


def check_target(path: str | os.PathLike[str], fmt: str) -> Path:
    """Raise :class:`UnsafeOutputError` unless ``path`` may be written in format ``fmt``
    (one of html, graphml, json, gexf, cypher, jsonl; neo4j-csv is a folder: see
    :func:`check_target_folder`)."""
    ours, what = _RECOGNISE[fmt]
    return check_output_file(path, ours, what)


def check_target_folder(path: str | os.PathLike[str]) -> Path:
    """A folder for a neo4j-csv export: new, empty, or one unionkg exported to before
    (its manifest.json reads as ours)."""
    out = Path(path)
    if out.is_symlink():
        raise UnsafeOutputError(f"refusing to write into {out}: it is a symbolic link")
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"refusing to write {out}: it is a file; neo4j-csv needs a folder")
    if out.is_dir() and any(out.iterdir()) and not _loads_as("neo4j-csv")(out):
        raise UnsafeOutputError(
            f"refusing to write into {out}: it holds files that are not a neo4j-csv export of "
            "unionkg; give a new or empty folder"
        )
    return out
