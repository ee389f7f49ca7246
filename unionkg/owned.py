"""How unionkg recognises a file it wrote, so that ``-o FILE`` replaces only such a file
(docs/output.md): a new file, or one of the same format that unionkg made. Anything else
(an article of the corpus, the user's notes, a folder, a symbolic link) is refused before
any work is done."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from .safety import UnsafeOutputError, check_output_file

_HEAD = 16384  # how much of a file is read to recognise it


def _head(path: Path) -> str:
    with open(path, "rb") as f:
        return f.read(_HEAD).decode("utf-8", "replace")


def _graphml(path: Path) -> bool:
    """A GraphML file that declares unionkg's attributes (every node and edge has
    ``doc_ids``); read from its head, never parsed whole."""
    head = _head(path)
    return "<graphml" in head and 'attr.name="doc_ids"' in head


def _node_link(path: Path) -> bool:
    """A node-link JSON graph whose first node has unionkg's fields."""
    head = _head(path)
    return head.lstrip().startswith("{") and '"multigraph"' in head and '"doc_ids"' in head


def _neo4j_csv(folder: Path) -> bool:
    """A folder whose manifest.json says it is a neo4j-csv export."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == "neo4j-csv"


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
    "graphml": (_graphml, "a GraphML export of unionkg"),
    "json": (_node_link, "a JSON graph export of unionkg"),
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
    if out.is_dir() and any(out.iterdir()) and not _neo4j_csv(out):
        raise UnsafeOutputError(
            f"refusing to write into {out}: it holds files that are not a neo4j-csv export of "
            "unionkg; give a new or empty folder"
        )
    return out
