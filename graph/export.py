"""Export the graph to files, and load some of them back.

Formats (:data:`FORMATS`):

* ``json`` — ``nx.node_link_data(G, edges="edges")``, UTF-8, Chinese kept readable.
* ``graphml`` — GraphML has no list type, so lists and the evidence dicts are
  stored as JSON strings; ``None`` properties are left out.
* ``gexf`` — for Gephi, in dynamic mode: ``ADOPTED_IN`` edges start in their
  adoption year and each programme node in its earliest one. Lists are JSON
  strings; the GEXF label is the node name (the node type is ``kind``) and the
  edge type (``rel_type``).
* ``neo4j-csv`` — a directory for ``neo4j-admin database import full``: one
  ``nodes_<Label>.csv`` per label (``id:ID(<Label>)``, ``:LABEL``, typed
  properties such as ``aliases:string[]`` and ``lon:double``), one
  ``rels_<TYPE>_<Start>_<End>.csv`` per relationship type and endpoint pair
  (``:START_ID(<Start>)``, ``:END_ID(<End>)``, ``:TYPE``), ``import.sh`` with
  the exact import command, ``constraints.cypher`` to run after the import, and
  ``manifest.json``. Strings are always quoted and missing values left empty, so
  Neo4j (and :func:`load_export`) tell ``""`` from null. The array delimiter is
  ``;`` unless some list item contains one; then it is U+001F.
* ``cypher`` — a ``cypher-shell -f`` script: the uniqueness constraints, then
  ``:param rows => [...]`` and the ``UNWIND $rows AS row MERGE …`` statements of
  :mod:`graph.cypher` (Neo4j dialect), in batches.

File names inside an export directory come from the schema's allow-list only,
and every path is checked to stay inside the directory given.
:func:`load_export` reads ``json``, ``graphml`` and ``neo4j-csv`` back into the
graph :func:`graph.build_graph` would have made.
"""

from __future__ import annotations

import json
import logging
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from . import cypher
from .cypher import BOOLEAN, DOUBLE, INT64, NODE_PROPERTIES, REL_TYPES, STRING, STRING_LIST
from .errors import ExportError, GraphError

log = logging.getLogger(__name__)

FORMATS = ("json", "graphml", "gexf", "neo4j-csv", "cypher")
LOADABLE_FORMATS = ("json", "graphml", "neo4j-csv")
CYPHER_BATCH = 500
"""Rows per ``:param`` in the ``cypher`` export."""

_CSV_TYPES = {
    STRING: "",
    STRING_LIST: ":string[]",
    DOUBLE: ":double",
    INT64: ":long",
    BOOLEAN: ":boolean",
}
_DELIMITERS = ((";", ";"), ("\x1f", "U+001F"))  # (character, how neo4j-admin spells it)
_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


# ---------------------------------------------------------------- helpers


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(allowed)}")


def _child(directory: Path, name: str) -> Path:
    """``directory/name``, refusing any name that could leave the directory."""
    if not _FILE_NAME.match(name) or ".." in name:
        raise ExportError(
            f"refusing to write {name!r}: export file names are plain names from the schema"
        )
    path = directory / name
    if path.resolve().parent != directory.resolve():
        raise ExportError(f"refusing to write {path}: it is outside {directory}")
    return path


def _rows(G: nx.MultiDiGraph) -> cypher.GraphRows:
    try:
        return cypher.graph_rows(G)
    except GraphError as exc:
        raise ExportError(f"cannot export the graph: {exc}") from None


def _json_list(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _canonical(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with every property of the schema present, in canonical order."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        label = cypher.node_label(G, node)
        attrs = {"label": label}
        for name, ptype in NODE_PROPERTIES[label]:
            value = node if name == "id" else data.get(name)
            attrs[name] = (value or []) if ptype == STRING_LIST else value
        H.add_node(node, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        rel_type = data.get("type")
        if rel_type not in REL_TYPES:
            raise ExportError(
                f"edge {u}->{v} has type {rel_type!r}, not one of {', '.join(REL_TYPES)}"
            )
        attrs = {
            "type": rel_type,
            "doc_ids": data.get("doc_ids") or [],
            "evidence": data.get("evidence") or [],
        }
        for name, _ in REL_TYPES[rel_type].properties:
            attrs[name] = data.get(name)
        H.add_edge(u, v, key=key, **attrs)
    return H


# ---------------------------------------------------------------- json / graphml / gexf


def _export_json(G: nx.MultiDiGraph, path: Path) -> None:
    data = nx.node_link_data(G, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _flat_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Lists and dicts as JSON strings, ``None`` left out (GraphML and GEXF have neither)."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _json_list(v) for k, v in data.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _json_list(x) for k, x in data.items() if x is not None})
    return H


# characters XML 1.0 does not allow, even escaped (C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE, U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` (flat) with the characters XML forbids dropped from ids, names and values;
    how many were dropped is logged, so a reader of the export knows."""
    dropped = 0

    def clean(value: Any) -> Any:
        nonlocal dropped
        if isinstance(value, str) and _NOT_XML.search(value):
            new, n = _NOT_XML.subn("", value)
            dropped += n
            return new
        return value

    H = nx.MultiDiGraph(**G.graph)
    for node, data in G.nodes(data=True):
        H.add_node(clean(node), **{k: clean(v) for k, v in data.items()})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(clean(u), clean(v), key=clean(key), **{k: clean(x) for k, x in data.items()})
    if dropped:
        log.warning(
            "%d character(s) that XML does not allow (control characters) were dropped "
            "from the export",
            dropped,
        )
    return H


def _export_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    _rows(G)  # validates labels and types
    nx.write_graphml(_xml_safe(_flat_copy(G)), path, encoding="utf-8")


def _export_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    _rows(G)
    flat = _flat_copy(G)
    H = nx.MultiDiGraph(mode="dynamic")
    first_year: dict[str, int] = {}
    for u, _v, data in G.edges(data=True):
        if data.get("type") == "ADOPTED_IN" and isinstance(data.get("year"), int):
            first_year[u] = min(first_year.get(u, data["year"]), data["year"])
    for node, data in flat.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("label", "id")}
        attrs.update(kind=data["label"], label=data.get("name") or node)
        if node in first_year:
            attrs["start"] = first_year[node]
        H.add_node(node, **attrs)
    for i, (u, v, key, data) in enumerate(flat.edges(keys=True, data=True)):
        attrs = {k: x for k, x in data.items() if k != "type"}
        attrs.update(id=f"e{i}", rel_type=data["type"], label=data["type"])
        if data["type"] == "ADOPTED_IN" and isinstance(data.get("year"), int):
            attrs["start"] = data["year"]
        H.add_edge(u, v, key=key, **attrs)
    nx.write_gexf(_xml_safe(H), path, encoding="utf-8")


def _unflatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The inverse of :func:`_flat_copy` for a graph read from GraphML."""
    H = nx.MultiDiGraph()
    for node, data in sorted(G.nodes(data=True), key=lambda t: str(t[0])):
        label = data.get("label")
        if label not in NODE_PROPERTIES:
            raise ExportError(
                f"node {node!r} has no known label; is this a unionkg GraphML export?"
            )
        attrs = {"label": label}
        for name, ptype in NODE_PROPERTIES[label]:
            value = data.get(name)
            if ptype == STRING_LIST:
                value = json.loads(value) if value else []
            attrs[name] = value
        H.add_node(str(node), **attrs)
    edges = sorted(G.edges(keys=True, data=True), key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    for u, v, key, data in edges:
        rel_type = data.get("type")
        if rel_type not in REL_TYPES:
            raise ExportError(f"edge {u}->{v} has no known type; is this a unionkg GraphML export?")
        attrs = {
            "type": rel_type,
            "doc_ids": json.loads(data.get("doc_ids") or "[]"),
            "evidence": json.loads(data.get("evidence") or "[]"),
        }
        for name, _ in REL_TYPES[rel_type].properties:
            attrs[name] = data.get(name)
        H.add_edge(str(u), str(v), key=str(key), **attrs)
    return H


# ---------------------------------------------------------------- neo4j-csv


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
            m = re.compile(r"[^,\n]*").match(text, i)
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


def _export_neo4j_csv(G: nx.MultiDiGraph, directory: Path) -> None:
    rows = _rows(G)
    delimiter, spelled = _choose_delimiter(rows)
    directory.mkdir(parents=True, exist_ok=True)
    all_names = {_node_file(label) for label in cypher.NODE_LABELS} | {
        _rel_file(*t) for t in cypher.rel_endpoints()
    }
    node_files, rel_files = [], []
    for label, node_rows in rows.nodes.items():
        if not node_rows:
            continue
        props = NODE_PROPERTIES[label]
        header = [f"id:ID({label})", ":LABEL"] + [
            f"{n}{_CSV_TYPES[t]}" for n, t in props if n != "id"
        ]
        lines = [_csv_line(header)]
        for row in node_rows:
            lines.append(
                _csv_line(
                    [_csv_field(row["id"], STRING, delimiter), label]
                    + [_csv_field(row[n], t, delimiter) for n, t in props if n != "id"]
                )
            )
        name = _node_file(label)
        _child(directory, name).write_text("".join(lines), encoding="utf-8")
        node_files.append(name)
    for (rel_type, src, dst), rel_rows in rows.rels.items():
        if not rel_rows:
            continue
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
        _child(directory, name).write_text("".join(lines), encoding="utf-8")
        rel_files.append(name)
    for stale in sorted(all_names - set(node_files) - set(rel_files)):
        path = _child(directory, stale)
        if path.exists():  # left by an earlier export of a bigger graph
            path.unlink()

    _child(directory, "constraints.cypher").write_text(
        "".join(f"{s};\n" for s in cypher.constraint_statements()), encoding="utf-8"
    )
    args = [f'  --array-delimiter="{spelled}" --multiline-fields=true \\']
    args += [f'  --nodes="$DIR/{name}" \\' for name in node_files]
    args += [f'  --relationships="$DIR/{name}" \\' for name in rel_files]
    script = "\n".join(
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
    _child(directory, "import.sh").write_text(script, encoding="utf-8")
    manifest = {
        "format": "neo4j-csv",
        "array_delimiter": delimiter,
        "nodes": node_files,
        "relationships": rel_files,
    }
    _child(directory, "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _load_neo4j_csv(directory: Path) -> nx.MultiDiGraph:
    try:
        manifest = json.loads(_child(directory, "manifest.json").read_text(encoding="utf-8"))
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
        table = _parse_csv(_child(directory, name).read_text(encoding="utf-8"))
        props = [(n, t) for n, t in NODE_PROPERTIES[label] if n != "id"]
        nodes[label] = [
            dict(
                [("id", r[0][0])]
                + [
                    (n, _csv_value(f, t, delimiter))
                    for (n, t), f in zip(props, r[2:], strict=False)
                ]
            )
            for r in table[1:]
        ]
    for name in manifest.get("relationships", []):
        if name not in rel_names:
            raise ExportError(
                f"manifest.json lists {name!r}, which is not a relationship file of the schema"
            )
        triple = rel_names[name]
        table = _parse_csv(_child(directory, name).read_text(encoding="utf-8"))
        props = REL_TYPES[triple[0]].all_properties
        rels[triple] = [
            dict(
                [("src", r[0][0]), ("dst", r[1][0])]
                + [
                    (n, _csv_value(f, t, delimiter))
                    for (n, t), f in zip(props, r[3:], strict=False)
                ]
            )
            for r in table[1:]
        ]
    try:
        return cypher.rows_to_graph(nodes, rels)
    except GraphError as exc:
        raise ExportError(f"cannot load {directory}: {exc}") from None


# ---------------------------------------------------------------- cypher script


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal (strings single-quoted and escaped)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cannot write the number {value!r} as Cypher; fix it in the graph")
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch == "\\":
                out.append("\\\\")
            elif ch == "'":
                out.append("\\'")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 0x20 or ch in "\u2028\u2029":
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return "'" + "".join(out) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", str(k)):
                raise ExportError(f"map key {k!r} is not a plain name")
            items.append(f"`{k}`: {cypher_literal(v)}")
        return "{" + ", ".join(items) + "}"
    raise ExportError(f"cannot write a {type(value).__name__} as Cypher")


def _export_cypher(G: nx.MultiDiGraph, path: Path) -> None:
    rows = _rows(G)
    out = [
        "// unionkg graph export for Neo4j 5: cypher-shell -f this-file",
        "// Upserts by id (nodes) and key (relationships); stale data is not deleted.",
        "",
    ]
    out += [f"{s};" for s in cypher.constraint_statements()]
    for label, node_rows in rows.nodes.items():
        for i in range(0, len(node_rows), CYPHER_BATCH):
            out.append(f":param rows => {cypher_literal(node_rows[i : i + CYPHER_BATCH])}")
            out.append(cypher.node_upsert(label, "neo4j") + ";")
    for (rel_type, src, dst), rel_rows in rows.rels.items():
        for i in range(0, len(rel_rows), CYPHER_BATCH):
            out.append(f":param rows => {cypher_literal(rel_rows[i : i + CYPHER_BATCH])}")
            out.append(cypher.rel_upsert(rel_type, src, dst, "neo4j") + ";")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- public API


def export_graph(G: nx.MultiDiGraph, fmt: str, path: str | Path) -> Path:
    """Write ``G`` in format ``fmt`` (one of :data:`FORMATS`) to ``path`` and return it.

    ``path`` is a file, except for ``neo4j-csv`` where it is a directory (created
    if missing); the files in it are named from the schema only."""
    _check_format(fmt, FORMATS)
    path = Path(path)
    if fmt != "neo4j-csv":
        if path.is_dir():
            raise ExportError(f"{path} is a directory; give a file name for the {fmt} export")
        path.parent.mkdir(parents=True, exist_ok=True)
    elif path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; neo4j-csv exports to a directory")
    try:
        G = _canonical(G)
    except ExportError:
        raise
    except GraphError as exc:
        raise ExportError(f"cannot export the graph: {exc}") from None
    writer = {
        "json": _export_json,
        "graphml": _export_graphml,
        "gexf": _export_gexf,
        "neo4j-csv": _export_neo4j_csv,
        "cypher": _export_cypher,
    }[fmt]
    try:
        writer(G, path)
    except OSError as exc:
        raise ExportError(
            f"cannot write {path}: {exc.strerror or exc}; check the path and permissions"
        ) from None
    return path


def load_export(path: str | Path, fmt: str) -> nx.MultiDiGraph:
    """Read an export back into a graph (``json``, ``graphml`` or ``neo4j-csv``)."""
    _check_format(fmt, LOADABLE_FORMATS)
    path = Path(path)
    if not path.exists():
        raise ExportError(f"{path} does not exist; export the graph first")
    try:
        if fmt == "json":
            data = json.loads(path.read_text(encoding="utf-8"))
            # node_link_data keeps a node's key in "id", which is also our id property
            G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
            return _canonical(G)
        if fmt == "graphml":
            return _unflatten(nx.read_graphml(path, force_multigraph=True))
        return _load_neo4j_csv(path)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise ExportError(f"cannot load the {fmt} export {path}: {exc}") from None
