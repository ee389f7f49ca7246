"""The ``neo4j-csv`` format: a directory for ``neo4j-admin database import full``.

One ``nodes_<Label>.csv`` per label (``id:ID(<Label>)``, ``:LABEL``, typed
properties such as ``aliases:string[]`` and ``lon:double``), one
``rels_<TYPE>_<Start>_<End>.csv`` per relationship type and endpoint pair
(``:START_ID(<Start>)``, ``:END_ID(<End>)``, ``:TYPE``), ``import.sh`` with the
exact import command, ``constraints.cypher`` to run after the import, and
``manifest.json``. Strings are always quoted and missing values left empty, so
Neo4j (and :func:`load`) tell ``""`` from null. The array delimiter is ``;``
unless some list item contains one; then it is U+001F. File names come from the
schema's allow-list only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from .. import cypher
from ..cypher import BOOLEAN, DOUBLE, INT64, NODE_PROPERTIES, REL_TYPES, STRING, STRING_LIST
from ..errors import ExportError, GraphError
from .common import child, export_rows

_CSV_TYPES = {
    STRING: "",
    STRING_LIST: ":string[]",
    DOUBLE: ":double",
    INT64: ":long",
    BOOLEAN: ":boolean",
}
_DELIMITERS = ((";", ";"), ("\x1f", "U+001F"))  # (character, how neo4j-admin spells it)


_UNQUOTED = re.compile(r"[^,\n]*")


def _csv_field(value: Any, ptype: str, delimiter: str) -> str:
    """One CSV field: strings always quoted, None (and empty lists) left empty."""
    if value is None or (ptype == STRING_LIST and not value):
        return ""
    if ptype == STRING_LIST:
        value = delimiter.join(value)
    elif ptype == BOOLEAN:
        return "true" if value else "false"
    elif ptype in (DOUBLE, INT64):
        if isinstance(value, float) and not math.isfinite(value):
            raise ExportError(f"cannot export the number {value!r}; fix it in the graph")
        return repr(value)
    return '"' + str(value).replace('"', '""') + '"'


def _csv_line(fields: list[str]) -> str:
    return ",".join(fields) + "\n"


def _parse_csv(text: str) -> list[list[tuple[str, bool]]]:
    """Parse CSV keeping, for each field, whether it was quoted (``""`` ≠ empty)."""
    rows: list[list[tuple[str, bool]]] = []
    row: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j, buf = i + 1, []
            while True:
                k = text.find('"', j)
                if k < 0:
                    raise ExportError("unterminated quoted field in CSV; the export is damaged")
                buf.append(text[j:k])
                if text[k + 1 : k + 2] == '"':
                    buf.append('"')
                    j = k + 2
                    continue
                i = k + 1
                break
            row.append(("".join(buf), True))
        else:
            m = _UNQUOTED.match(text, i)
            assert m is not None  # the pattern matches the empty string too
            row.append((m.group(0).rstrip("\r"), False))
            i = m.end()
        if i >= n or text[i] == "\n":
            rows.append(row)
            row = []
            i += 1
        elif text[i] == ",":
            i += 1
            if i >= n:
                row.append(("", False))
                rows.append(row)
                row = []
        elif text[i] == "\r":
            i += 1
        else:
            raise ExportError("malformed CSV (text after a closing quote); the export is damaged")
    return rows


def _csv_value(field: tuple[str, bool], ptype: str, delimiter: str) -> Any:
    text, quoted = field
    if not quoted and text == "":
        return [] if ptype == STRING_LIST else None
    if ptype == STRING_LIST:
        return text.split(delimiter)
    if ptype == DOUBLE:
        return float(text)
    if ptype == INT64:
        return int(text)
    if ptype == BOOLEAN:
        return text == "true"
    return text


def _choose_delimiter(rows: cypher.GraphRows) -> tuple[str, str]:
    items = [
        item
        for group in (*rows.nodes.values(), *rows.rels.values())
        for row in group
        for value in row.values()
        if isinstance(value, list)
        for item in value
    ]
    for char, spelled in _DELIMITERS:
        if not any(char in item for item in items):
            return char, spelled
    raise ExportError(
        "every array delimiter (';' and U+001F) occurs inside some list value; "
        "clean those values before a neo4j-csv export"
    )


def _node_file(label: str) -> str:
    return f"nodes_{label}.csv"


def _rel_file(rel_type: str, src: str, dst: str) -> str:
    return f"rels_{rel_type}_{src}_{dst}.csv"


def write(G: nx.MultiDiGraph, directory: Path) -> None:
    """Write ``G`` (canonical) into ``directory`` (created if missing); the files an
    earlier export of a bigger graph left there are removed."""
    rows = export_rows(G)
    delimiter, spelled = _choose_delimiter(rows)
    directory.mkdir(parents=True, exist_ok=True)
    node_files = [
        _write_node_file(directory, label, node_rows, delimiter)
        for label, node_rows in rows.nodes.items()
        if node_rows
    ]
    rel_files = [
        _write_rel_file(directory, triple, rel_rows, delimiter)
        for triple, rel_rows in rows.rels.items()
        if rel_rows
    ]
    all_names = {_node_file(label) for label in cypher.NODE_LABELS} | {
        _rel_file(*t) for t in cypher.rel_endpoints()
    }
    for stale in sorted(all_names - set(node_files) - set(rel_files)):
        path = child(directory, stale)
        if path.exists():  # left by an earlier export of a bigger graph
            path.unlink()

    child(directory, "constraints.cypher").write_text(
        "".join(f"{s};\n" for s in cypher.constraint_statements()), encoding="utf-8"
    )
    script = _import_script(spelled, node_files, rel_files)
    child(directory, "import.sh").write_text(script, encoding="utf-8")
    manifest = {
        "format": "neo4j-csv",
        "array_delimiter": delimiter,
        "nodes": node_files,
        "relationships": rel_files,
    }
    child(directory, "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _write_node_file(directory: Path, label: str, node_rows: list[dict], delimiter: str) -> str:
    """Write the file of one label; its name."""
    props = NODE_PROPERTIES[label]
    header = [f"id:ID({label})", ":LABEL"] + [f"{n}{_CSV_TYPES[t]}" for n, t in props if n != "id"]
    lines = [_csv_line(header)]
    for row in node_rows:
        lines.append(
            _csv_line(
                [_csv_field(row["id"], STRING, delimiter), label]
                + [_csv_field(row[n], t, delimiter) for n, t in props if n != "id"]
            )
        )
    name = _node_file(label)
    child(directory, name).write_text("".join(lines), encoding="utf-8")
    return name


def _write_rel_file(
    directory: Path, triple: tuple[str, str, str], rel_rows: list[dict], delimiter: str
) -> str:
    """Write the file of one relationship type and endpoint pair; its name."""
    rel_type, src, dst = triple
    props = REL_TYPES[rel_type].all_properties
    header = [f":START_ID({src})", f":END_ID({dst})", ":TYPE"] + [
        f"{n}{_CSV_TYPES[t]}" for n, t in props
    ]
    lines = [_csv_line(header)]
    for row in rel_rows:
        lines.append(
            _csv_line(
                [
                    _csv_field(row["src"], STRING, delimiter),
                    _csv_field(row["dst"], STRING, delimiter),
                    rel_type,
                ]
                + [_csv_field(row[n], t, delimiter) for n, t in props]
            )
        )
    name = _rel_file(rel_type, src, dst)
    child(directory, name).write_text("".join(lines), encoding="utf-8")
    return name


def _import_script(spelled: str, node_files: list[str], rel_files: list[str]) -> str:
    """``import.sh``: the ``neo4j-admin database import full`` command for these files."""
    args = [f'  --array-delimiter="{spelled}" --multiline-fields=true \\']
    args += [f'  --nodes="$DIR/{name}" \\' for name in node_files]
    args += [f'  --relationships="$DIR/{name}" \\' for name in rel_files]
    return "\n".join(
        [
            "#!/bin/sh",
            "# Import this unionkg export into a new Neo4j database with neo4j-admin (Neo4j 5).",
            "# Usage: NEO4J_HOME=/path/to/neo4j sh import.sh [database]   (default database: neo4j)",
            "# The database must not exist yet (or be stopped and replaced: add --overwrite-destination).",
            "# Afterwards create it (CREATE DATABASE <name>, Enterprise) or restart Neo4j, then run:",
            "#   cypher-shell -d <name> -f constraints.cypher",
            "set -e",
            'DIR="$(cd "$(dirname "$0")" && pwd)"',
            'DB="${1:-neo4j}"',
            'ADMIN="${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin"',
            '"$ADMIN" database import full "$DB" \\',
            *args,
            "  --verbose",
            "",
        ]
    )


def load(directory: Path) -> nx.MultiDiGraph:
    """The graph of a ``neo4j-csv`` export directory (the files its manifest lists)."""
    try:
        manifest = json.loads(child(directory, "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ExportError(
            f"{directory} is not a unionkg neo4j-csv export (manifest.json: {exc}); "
            "export it again with format neo4j-csv"
        ) from None
    delimiter = manifest.get("array_delimiter", ";")
    node_names = {_node_file(label): label for label in cypher.NODE_LABELS}
    rel_names = {_rel_file(*t): t for t in cypher.rel_endpoints()}
    nodes: dict[str, list[dict]] = {}
    rels: dict[tuple[str, str, str], list[dict]] = {}
    for name in manifest.get("nodes", []):
        if name not in node_names:
            raise ExportError(
                f"manifest.json lists {name!r}, which is not a node file of the schema"
            )
        label = node_names[name]
        props = [(n, t) for n, t in NODE_PROPERTIES[label] if n != "id"]
        nodes[label] = [
            {"id": r[0][0], **_typed(props, r[2:], delimiter)} for r in _read_table(directory, name)
        ]
    for name in manifest.get("relationships", []):
        if name not in rel_names:
            raise ExportError(
                f"manifest.json lists {name!r}, which is not a relationship file of the schema"
            )
        triple = rel_names[name]
        rel_props = REL_TYPES[triple[0]].all_properties
        rels[triple] = [
            {"src": r[0][0], "dst": r[1][0], **_typed(rel_props, r[3:], delimiter)}
            for r in _read_table(directory, name)
        ]
    try:
        return cypher.rows_to_graph(nodes, rels)
    except GraphError as exc:
        raise ExportError(f"cannot load {directory}: {exc}") from None


def _read_table(directory: Path, name: str) -> list[list[tuple[str, bool]]]:
    """The rows of one export file, its header left out."""
    return _parse_csv(child(directory, name).read_text(encoding="utf-8"))[1:]


def _typed(
    props: Sequence[tuple[str, str]], fields: list[tuple[str, bool]], delimiter: str
) -> dict[str, Any]:
    """Property name → value for a row's property fields, read as their types."""
    return {n: _csv_value(f, t, delimiter) for (n, t), f in zip(props, fields, strict=False)}
