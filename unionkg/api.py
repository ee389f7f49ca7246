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
from graph import build_graph, export_graph, load_extractions, open_store

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
]
