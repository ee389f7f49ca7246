"""The Python API of unionkg: the steps the CLI runs, usable from a notebook.

>>> from unionkg import api
>>> report = api.build(["examples/corpus"], out_dir="out")          # the whole job
>>> docs = list(api.read_corpus(["examples/corpus"]))                # or step by step
>>> extractions = list(api.extract(docs))                          # JSON-ready dicts
>>> G = api.build_graph(extractions)
>>> with api.open_store("out") as store:
...     store.write(G)
...     rows = store.query("MATCH (u:TradeUnion) RETURN u.name AS name")
>>> api.write_maps(G, "out/maps")

See docs/api.md. This module only gathers the functions; each lives in the module of
its concern (:mod:`unionkg.build`, :mod:`unionkg.extraction`, :mod:`unionkg.files`, …).
"""

from __future__ import annotations

from extract.reader import Skipped, read_corpus
from graph import GraphError, build_graph, load_extractions, open_store
from graph import export_graph as _export_graph
from graph.spread import find_programme
from graph.spread_table import spread_rows, spread_table

from .build import build, write_maps
from .changes import ForeignDocumentsError, restore
from .extraction import ExtractionError, extract
from .extractor import extract_one, extractor_version
from .files import atomic_write, write_jsonl
from .remove import remove
from .report import BuildReport
from .safety import OutputError, UnsafeOutputError

__all__ = [
    "read_corpus",
    "extract",
    "extract_one",
    "build_graph",
    "open_store",
    "write_maps",
    "export_graph",
    "build",
    "remove",
    "restore",
    "OutputError",
    "UnsafeOutputError",
    "ForeignDocumentsError",
    "BuildReport",
    "Skipped",
    "write_jsonl",
    "load_extractions",
    "atomic_write",
    "extractor_version",
    "ExtractionError",
    "spread",
]


def export_graph(G, fmt: str, path, *, colours=None):
    """``graph.export_graph`` with the maps' node colours for ``gexf`` (``viz.style``)
    unless ``colours`` are given. Returns the path written."""
    from viz.style import node_colours

    return _export_graph(G, fmt, path, colours=node_colours() if colours is None else colours)


def spread(G, programme: str, *, max_km: float | None = None, rows: bool = False):
    """Where ``programme`` (a name, an alias or a node id) spread in ``G`` and when: the
    ``unionkg spread --format json`` document (``rows=True``: the ``--format csv`` rows),
    with neighbour paths inferred within ``max_km`` (default 300, docs/spread.md).
    Raises ``GraphError`` when ``G`` has no such programme."""
    prog = find_programme(G, programme)
    if prog is None:
        raise GraphError(f"no programme named {programme!r} in the graph")
    if max_km is not None and not (max_km >= 0):  # NaN is not a distance either
        raise GraphError(f"max_km must be 0 or more, not {max_km:g}")
    return spread_rows(G, prog, max_km) if rows else spread_table(G, prog, max_km)
