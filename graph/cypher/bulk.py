"""The bulk load of an empty LadybugDB store: the CSV files and the ``COPY`` statements
that read them.

An empty LadybugDB store is filled with one ``COPY <table> FROM (LOAD … FROM '<csv>')``
per node label and per relationship endpoint pair instead of ``UNWIND … MERGE``
batches (graph/embedded_bulk.py). Neo4j has no COPY; graph/neo4j_store.py never
uses these. The CSV format and the statements that read it are defined together:

* RFC 4180 quoting: every string is quoted and a quote inside is doubled
  (``ESCAPE='"'``, so a backslash is an ordinary character). Quoted text may span
  lines, which LadybugDB's parallel CSV reader refuses, hence ``PARALLEL=false``.
* ``None`` is an empty, unquoted field, which LadybugDB reads as NULL; a quoted
  ``""`` is the empty string.
* LadybugDB's CSV list syntax keeps the quotes of quoted elements and trims
  spaces, so it cannot carry arbitrary text. A ``STRING[]`` is written instead as
  one string, its elements joined with U+001F (the ASCII unit separator), and
  split again with ``string_split``; an empty list is NULL in the file and ``[]``
  in the table, as the upserts store it. ``string_split`` drops empty elements
  (and ``list_transform`` with a lambda, which could undo a prefix, fails with
  "buffer pool is full" on large lists in LadybugDB 0.22), so a row with an empty
  list element, or an element containing U+001F, is not written to the file:
  :func:`copy_csv` hands it back and the store upserts it with :func:`node_upsert`
  / :func:`rel_upsert` in the same transaction.
* ``LOAD WITH HEADERS`` gives every column its type, so text such as an adcode
  ``000123`` is never sniffed as a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import GraphError
from .schema import (
    BOOLEAN,
    DOUBLE,
    INT64,
    NODE_PROPERTIES,
    STRING,
    STRING_LIST,
    checked_label,
    checked_pair,
    checked_rel,
    quoted,
)

COPY_LIST_SEPARATOR = "\x1f"
"""Joins the elements of a list column in a bulk-load file."""

COPY_CSV_OPTIONS = "(HEADER=true, DELIM=',', QUOTE='\"', ESCAPE='\"', PARALLEL=false)"
"""LadybugDB CSV options of the bulk-load files (see the notes above)."""

_COPY_PATH = re.compile(r"^[A-Za-z0-9_./:\- ]+$")


def copy_node_columns(label: str) -> tuple[tuple[str, str], ...]:
    """Columns of a node bulk-load file, in table order (``id`` first)."""
    return NODE_PROPERTIES[checked_label(label)]


def copy_rel_columns(rel_type: str) -> tuple[tuple[str, str], ...]:
    """Columns of a relationship bulk-load file: ``src`` and ``dst`` ids, then the
    properties in table order."""
    return (("src", STRING), ("dst", STRING)) + checked_rel(rel_type).all_properties


def copy_path_ok(path: str) -> bool:
    """Whether a file path can go into a COPY statement as a plain string literal."""
    return bool(_COPY_PATH.match(path))


def _copy_source(columns: tuple[tuple[str, str], ...], path: str) -> str:
    if not copy_path_ok(path):
        raise GraphError(
            f"bulk-load file path {path!r} has characters a COPY statement cannot hold"
        )
    header = ", ".join(f"{quoted(n)} {STRING if t == STRING_LIST else t}" for n, t in columns)
    out = [
        f"CASE WHEN {quoted(n)} IS NULL THEN CAST([] AS STRING[]) "
        f"ELSE string_split({quoted(n)}, '{COPY_LIST_SEPARATOR}') END"
        if t == STRING_LIST
        else quoted(n)
        for n, t in columns
    ]
    return f"LOAD WITH HEADERS ({header}) FROM '{path}' {COPY_CSV_OPTIONS} RETURN {', '.join(out)}"


def node_copy(label: str, path: str) -> str:
    """LadybugDB: bulk-load an empty node table from a file of :func:`copy_csv`."""
    return f"COPY {checked_label(label)} FROM ({_copy_source(copy_node_columns(label), path)})"


def rel_copy(rel_type: str, src: str, dst: str, path: str) -> str:
    """LadybugDB: bulk-load one endpoint pair of an empty relationship table from a
    file of :func:`copy_csv` (its end nodes must be in the store already)."""
    checked_pair(rel_type, src, dst)
    return (
        f"COPY {rel_type} FROM ({_copy_source(copy_rel_columns(rel_type), path)}) "
        f"(from='{src}', to='{dst}')"
    )


class _NotCopyable(Exception):
    """A list that the bulk-load file cannot carry."""


def _csv_string(value: str | None) -> str:
    return "" if value is None else '"' + value.replace('"', '""') + '"'


def _csv_list(value: list[str] | None) -> str:
    if not value:
        return ""
    text = COPY_LIST_SEPARATOR.join(value)
    if "" in value or text.count(COPY_LIST_SEPARATOR) != len(value) - 1:
        raise _NotCopyable
    return '"' + text.replace('"', '""') + '"'


_CSV_ENCODERS: dict[str, Callable[[Any], str]] = {
    STRING: _csv_string,
    STRING_LIST: _csv_list,
    DOUBLE: lambda v: "" if v is None else repr(float(v)),
    INT64: lambda v: "" if v is None else str(int(v)),
    BOOLEAN: lambda v: "" if v is None else ("true" if v else "false"),
}


def copy_csv(
    rows: Iterable[dict], columns: tuple[tuple[str, str], ...]
) -> tuple[str | None, list[dict]]:
    """The bulk-load file for rows of :func:`graph_rows` (a header line, then one line
    per row), read by :func:`node_copy` / :func:`rel_copy`, and the rows it leaves
    out because a list of theirs has an empty element or one containing
    :data:`COPY_LIST_SEPARATOR` (to be upserted instead). The text is ``None`` when
    every row is left out."""
    encoders = [(n, _CSV_ENCODERS[t]) for n, t in columns]
    lines = [",".join(n for n, _ in columns)]
    left_out = []
    for row in rows:
        try:
            lines.append(",".join([enc(row.get(n)) for n, enc in encoders]))
        except _NotCopyable:
            left_out.append(row)
    if len(lines) == 1:
        return None, left_out
    lines.append("")
    return "\n".join(lines), left_out
