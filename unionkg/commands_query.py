"""The `unionkg query` command: a Cypher query's rows printed, or its nodes and
relationships written as a page, GraphML or node-link JSON (unionkg/query.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .commands import UserError, _neo4j_uri, _open_existing_store
from .output import print_rows

if TYPE_CHECKING:
    import networkx as nx

WRITE_WARNING = (
    "warning: the next build or remove writes the store again from the extractions and "
    "the corrections, and changes made with query --write are lost; for changes that last, "
    "use `unionkg curate` (docs/curation.md)"
)


def _parse_params(items: list[str] | None) -> dict[str, Any]:
    params = {}
    for item in items or []:
        if "=" not in item:
            raise UserError(f"--param needs KEY=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    return params


def cmd_query(args: argparse.Namespace) -> int:
    from graph import ReadOnlyError

    from .query import GRAPH_FORMATS, check_target

    params = _parse_params(args.param)
    to_file = args.format in GRAPH_FORMATS
    if to_file and not args.output:
        raise UserError(f"--format {args.format} writes a file: give -o FILE")
    if args.output and not to_file:
        raise UserError(
            f"-o is for --format {', '.join(GRAPH_FORMATS)}; --format {args.format} prints "
            "to stdout (redirect it with >)"
        )
    if to_file:
        check_target(args.output, args.format)  # before the query: refuse early
    if args.write:
        if not _neo4j_uri(args):
            from .safety import check_output

            check_output(args.out)  # writes only into unionkg's own output folder
        print(WRITE_WARNING, file=sys.stderr)
    with _open_existing_store(args, read_only=not args.write) as store:
        try:
            rows = store.query(args.cypher, params, write=args.write)
        except ReadOnlyError as exc:  # the library's message says write=True
            raise UserError(exc.cli_message) from None
    if to_file:
        print(_write_query_file(args, rows))
    else:
        print_rows(rows, args.format)
    return 0


def _write_query_file(args: argparse.Namespace, rows: Any) -> Path:
    from .query import write_result

    records = None
    extractions = Path(args.out) / "extractions.jsonl"
    if args.format == "html" and not _neo4j_uri(args) and extractions.exists():
        from graph import load_extractions

        records = list(load_extractions(extractions))  # for the headlines
    try:
        return write_result(
            rows,
            args.format,
            args.output,
            lambda: _stored_graph(args),  # the graph the query ran on
            cypher=args.cypher,
            params=_parse_params(args.param),
            records=records,
            roots=_build_folders(Path(args.out)),
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _build_folders(out: Path) -> list[Path]:
    """Where the last build in ``out`` may have run: the folder its report names, then
    the folder that holds ``out`` (its corpus paths are relative to the one it ran in)."""
    from .report import last_report

    cwd = (last_report(out) or {}).get("cwd")
    folders = [Path(cwd)] if isinstance(cwd, str) and cwd else []
    return folders + [out.resolve().parent]


def _stored_graph(args: argparse.Namespace) -> nx.MultiDiGraph:
    """The graph the store holds (what the last build wrote, with the corrections of that
    build): a query page must match the rows of the query, even when the corrections file
    changed since."""
    with _open_existing_store(args) as store:
        return store.read_graph()
