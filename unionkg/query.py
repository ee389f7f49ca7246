"""``unionkg query`` writing a file: the nodes and relationships a query returns as a
page with the explorer's look (``html``, :func:`viz.render_query`) or as a graph for
other tools (``graphml``, ``graph-json``: the writers of ``unionkg export``).

A query that returns values only (``RETURN u.name``) has nothing to draw: refused
with a hint, before anything is written. So is a file that unionkg did not write
(:func:`unionkg.safety.check_output_file`). Files are replaced atomically. A page's
"show in article" reads the cited documents from the corpus files the build read
(:class:`CorpusTexts`), when they are still there and unchanged.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from . import owned

if TYPE_CHECKING:
    import networkx as nx

    from graph.result import QueryResult

GRAPH_FORMATS = ("html", "graphml", "graph-json")
"""``--format`` values that write the result's graph to ``-o FILE``."""
_EXPORT = {"graphml": "graphml", "graph-json": "json"}

VALUES_ONLY = (
    "the query returns values only, no nodes or relationships, so there is nothing to "
    "draw: return them whole (RETURN u, r, p), or use --format table, json or csv"
)


def check_target(path: str | os.PathLike[str], fmt: str) -> Path:
    """Raise :class:`unionkg.safety.UnsafeOutputError` unless ``path`` may be written."""
    return owned.check_target(path, _EXPORT.get(fmt, fmt))


class CorpusTexts(Mapping[str, str]):
    """doc_id -> the text of the document, read when a page asks for it (its "show in
    article"): from the file its Document node names (``path``, as the build was given
    it), and only when the text there still has the ``sha256`` the build recorded. A
    relative path is looked for from the current folder, then from each of ``roots`` (the
    folder the build ran in). A file is read at most once; a document whose file is gone
    or changed has no text."""

    def __init__(self, G: nx.MultiDiGraph, roots: Iterable[str | os.PathLike[str]] = ()) -> None:
        self._roots = [Path(r) for r in roots]
        self._where: dict[str, tuple[str, str]] = {}
        for _n, d in G.nodes(data=True):
            if d.get("label") == "Document" and d.get("path") and d.get("sha256"):
                for doc_id in d.get("doc_ids") or ():
                    self._where[str(doc_id)] = (str(d["path"]), str(d["sha256"]))
        self._read: dict[str, dict[str, str]] = {}  # path -> sha256 -> text

    def _places(self, path: str) -> list[str]:
        """Where the file ``path`` may be: as given, then under each root."""
        if Path(path).is_absolute():
            return [path]
        return [path] + [str(root / path) for root in self._roots]

    def _texts_of(self, path: str) -> dict[str, str]:
        if path not in self._read:
            from extract.reader import read_corpus

            docs = []
            for where in self._places(path):
                try:
                    docs = list(read_corpus([where], on_skip=lambda _item: None))
                except OSError:
                    continue
                if docs:
                    break
            self._read[path] = {doc.sha256: doc.text for doc in docs}
        return self._read[path]

    def __getitem__(self, doc_id: str) -> str:
        path, sha = self._where[doc_id]
        return self._texts_of(path)[sha]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def _replace_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=".ukg-", suffix=path.suffix + ".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_result(
    rows: QueryResult,
    fmt: str,
    path: str | os.PathLike[str],
    graph: Callable[[], nx.MultiDiGraph],
    *,
    cypher: str = "",
    params: Mapping | None = None,
    records: Iterable[Mapping] | None = None,
    roots: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write the graph of ``rows`` as ``fmt`` to ``path``. ``graph()`` gives the whole
    graph, whose neighbourhood of the result an ``html`` page embeds (its title names
    ``cypher``, its subtitle ``params``; ``records``, the extractions, give the evidence
    its headlines; the corpus files are read from the current folder or ``roots``, see
    :class:`CorpusTexts`). Raises ``ValueError`` (:data:`VALUES_ONLY`) for a result
    without nodes or relationships."""
    target = check_target(path, fmt)
    if not rows.has_graph():
        raise ValueError(VALUES_ONLY)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        from viz.query import query_title, render_query

        G = graph()
        nodes, rels = rows.graph_items()
        title = query_title(cypher)
        sub = ", ".join(
            f"${k} = {json.dumps(v, ensure_ascii=False)}" for k, v in (params or {}).items()
        )
        return render_query(
            G,
            nodes,
            rels,
            target,
            title=title,
            subtitle=sub,
            records=records,
            texts=CorpusTexts(G, roots),
        )
    from graph import export_graph

    sub = rows.to_networkx()
    return _replace_atomically(target, lambda tmp: export_graph(sub, _EXPORT[fmt], tmp))
