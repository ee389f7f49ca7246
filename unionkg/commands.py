"""The commands of the command line: each parses nothing, calls the library and prints
what it returns; a problem the user can fix is raised as :class:`UserError`."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import summary as changes_summary
from .output import Progress, print_rows

if TYPE_CHECKING:
    import networkx as nx

    from extract.reader import Skipped
    from graph import Store


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit 1."""


def _neo4j_uri(args: argparse.Namespace) -> str | None:
    # NEO4J_URI applies only when --out was not given (main() records that in args.out_given)
    uri = args.neo4j or (
        os.environ.get("NEO4J_URI") if not getattr(args, "out_given", False) else None
    )
    if not args.neo4j and getattr(args, "out_given", False) and os.environ.get("NEO4J_URI"):
        print(
            f"note: NEO4J_URI is set but --out was given: using the embedded store in {args.out}; "
            "pass --neo4j URI to use Neo4j",
            file=sys.stderr,
        )
    if uri and not os.environ.get("NEO4J_PASSWORD") and sys.stdin.isatty():
        os.environ["NEO4J_PASSWORD"] = getpass.getpass("Neo4j password: ")
    return uri or None


def _print_skip(item: Skipped) -> None:
    print(str(item), file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .api import build
    from .curation import summary as curation_summary

    _check_paths(args.corpus)
    report = build(
        args.corpus,
        args.out,
        neo4j_uri=_neo4j_uri(args),
        jobs=args.jobs,
        maps=not args.no_maps,
        fast=args.fast,
        add=args.add,
        replace=args.replace,
        corrections=args.corrections,
        on_skip=_print_skip,
        progress=Progress.from_args(args),
    )
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    if report.documents == 0 and not (report.changes and report.changes.left_out):
        raise UserError("no document could be read from " + " ".join(args.corpus))
    if args.strict and report.skipped:
        raise UserError(
            f"{len(report.skipped)} item(s) skipped and --strict is set (see {args.out}/report.json)"
        )
    ents = sum(report.entities.values())
    rels = sum(report.relations.values())
    print(
        f"{report.documents} documents ({report.extracted} extracted, {report.reused} unchanged), "
        f"{report.articles} articles, {ents} entities, {rels} relations, {report.outcomes} outcomes; "
        f"{len(report.skipped)} skipped"
    )
    print(
        f"graph: {report.graph['nodes']} nodes, {report.graph['edges']} edges in the {report.store} store"
    )
    if report.changes is not None:
        print(changes_summary(report.changes))
    lines, warnings = curation_summary(report.curation)
    for line in lines:
        print(line)
    for w in warnings:
        print(w, file=sys.stderr)
    if report.maps:
        print(f"maps: {Path(args.out) / 'maps' / 'index.html'}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .api import extract, read_corpus, write_jsonl

    _check_paths(args.corpus)
    skipped = []

    def on_skip(item):
        skipped.append(item)
        _print_skip(item)

    if args.output != "-":
        from .owned import check_target

        check_target(args.output, "jsonl")  # never an input or another file: refuse first
    docs = list(read_corpus(args.corpus, on_skip=on_skip))
    if not docs:
        raise UserError("no document could be read from " + " ".join(args.corpus))
    prog = Progress.from_args(args)
    prog("extract", 0, len(docs))
    records = list(
        extract(
            docs,
            jobs=args.jobs,
            fast=args.fast,
            progress=lambda i: prog("extract", i, len(docs)),
            on_skip=on_skip,
        )
    )
    if args.output == "-":
        for r in sorted(records, key=lambda r: r["doc_id"]):
            print(json.dumps(r, ensure_ascii=False))
    else:
        n = write_jsonl(args.output, records)
        print(f"{n} documents → {args.output}; {len(skipped)} skipped", file=sys.stderr)
    if args.strict and skipped:
        raise UserError(f"{len(skipped)} item(s) skipped and --strict is set")
    return 0


def _open_existing_store(args: argparse.Namespace, read_only: bool = True) -> Store:
    from graph import open_store

    uri = _neo4j_uri(args)
    if not uri:
        from graph import embedded_db_path

        if not embedded_db_path(args.out).exists():
            raise UserError(
                f"no graph in {args.out}: run `unionkg build CORPUS --out {args.out}` first"
            )
        return open_store(args.out, read_only=read_only)
    return open_store(None, neo4j_uri=uri, read_only=read_only)


def _graph_from_store(args: argparse.Namespace) -> nx.MultiDiGraph:
    """The networkx graph of a build: rebuilt from the out dir's extractions with the
    corrections applied (the embedded store holds exactly that graph) or, with --neo4j,
    read back from the server."""
    if _neo4j_uri(args):
        with _open_existing_store(args) as store:
            return store.read_graph()
    from graph import build_graph, load_extractions

    from . import curation

    out = Path(args.out)
    if not (out / "extractions.jsonl").exists():
        raise UserError(
            f"no graph in {args.out}: run `unionkg build CORPUS --out {args.out}` first"
        )
    G = build_graph(load_extractions(out / "extractions.jsonl"))
    return curation.curate(G, out, curation.load(out))[0]


def cmd_viz(args: argparse.Namespace) -> int:
    import viz

    if args.output:
        from .owned import check_target

        check_target(args.output, "html")  # a page unionkg wrote, or a new file
    G = _graph_from_store(args)
    maps_dir = Path(args.out) / "maps"
    if not args.output and not _neo4j_uri(args):
        from .safety import check_output

        check_output(args.out)  # the map goes into --out: only into unionkg's folder
    if args.kind == "overview":
        back = None if args.output else "index.html"
        path = viz.render_overview(G, args.output or maps_dir / "overview.html", back_href=back)
    elif args.kind == "spread":
        if not args.name:
            raise UserError("viz spread needs a PROGRAMME name")
        # spread_filename wants the node id; resolve the name first (NodeNotFoundError → one line)
        prog = viz.find_node(G, args.name, label="Programme")
        # into the build's maps: the page the explorer links to, with its link back
        back = None if args.output else "index.html"
        path = viz.render_spread(
            G, prog, args.output or maps_dir / viz.spread_filename(G, prog), back_href=back
        )
    else:
        if not args.name:
            raise UserError("viz ego needs a NAME")
        path = viz.render_ego(G, args.name, args.output or maps_dir / "ego.html")
    print(path)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .api import export_graph
    from .owned import check_target, check_target_folder

    if args.format == "neo4j-csv":
        check_target_folder(args.output)
    else:
        check_target(args.output, args.format)  # a file unionkg wrote, or a new one
    G = _graph_from_store(args)
    path = export_graph(G, args.format, args.output)
    print(path)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .api import extract, read_corpus
    from .evaluate import evaluate

    _check_paths(args.corpus)
    if not Path(args.gold).is_dir():
        raise UserError(f"gold directory not found: {args.gold}")
    docs = list(read_corpus(args.corpus, on_skip=_print_skip))
    prog = Progress.from_args(args)
    prog("extract", 0, len(docs))
    records = {
        r["doc_id"]: r
        for r in extract(
            docs,
            jobs=args.jobs,
            fast=args.fast,
            progress=lambda i: prog("extract", i, len(docs)),
            on_skip=_print_skip,
        )
    }
    scores, misses = evaluate(args.gold, records)
    if args.format == "json":
        print(
            json.dumps(
                {"scores": scores, "misses": misses if args.verbose else None},
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    for key, v in scores.items():
        print(
            f"{key:28s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} fp={v['fp']} fn={v['fn']})"
        )
    if args.verbose:
        for doc_id, m in misses.items():
            print(
                f"\n# {doc_id}\n  missed: {', '.join(m['missed'])}\n  spurious: {', '.join(m['spurious'])}"
            )
    return 0


def cmd_spread(args: argparse.Namespace) -> int:
    from graph.spread import find_programme
    from graph.spread_table import spread_rows, spread_table, top_programmes

    if args.top is not None and args.top < 1:
        raise UserError(f"--top needs a number of programmes, 1 or more, not {args.top}")
    if args.top is not None and args.programme:
        raise UserError("give a PROGRAMME or --top N, not both")
    if args.max_km is not None and not (args.max_km >= 0):  # NaN is not a distance either
        raise UserError(f"--max-km must be a distance of 0 km or more, not {args.max_km:g}")
    G = _graph_from_store(args)
    if args.top or not args.programme:
        rows = top_programmes(G, args.top or 20)
        print_rows(rows, args.format)
        return 0
    prog = find_programme(G, args.programme)
    if prog is None:
        raise UserError(
            f"no programme named {args.programme!r} in {args.out} (try `unionkg spread --top 20`)"
        )
    if args.format == "csv":
        print_rows(spread_rows(G, prog, args.max_km), "csv")
        return 0
    table = spread_table(G, prog, args.max_km)
    if args.format == "json":
        print(json.dumps(table, ensure_ascii=False, indent=1))
        return 0
    print(f"{table['programme']}: {len(table['adoptions'])} places")
    print_rows(
        [
            {
                "year": a["year"] if a["year"] is not None else "undated",
                "basis": a["year_basis"] or "",
                "place": a["place"],
                "province": a["province"],
                "union": a["union"] or "",
                "documents": ", ".join(a["doc_ids"]),
            }
            for a in table["adoptions"]
        ],
        "table",
    )
    if table["paths"]:
        print("\npaths, reported by the text or inferred (docs/spread.md):")
        print_rows(
            [
                {
                    "from": p["from"],
                    "to": p["to"],
                    "basis": p["basis"],
                    "kind": p["kind"],
                    "confidence": "" if p["confidence"] is None else p["confidence"],
                    "years": f"{p['from_year'] or '?'} → {p['to_year'] or '?'}",
                }
                for p in table["paths"]
            ],
            "table",
        )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .api import remove

    result = remove(args.doc_ids, args.out, neo4j_uri=_neo4j_uri(args))
    for d in result["not_found"]:
        print(f"{d}: not in the graph", file=sys.stderr)
    g = result["graph"]  # empty when nothing was removed and no report tells the counts
    counts = f"; graph: {g['nodes']} nodes, {g['edges']} edges" if "nodes" in g else ""
    print(f"removed {len(result['removed'])} document(s){counts}")
    return 1 if result["not_found"] and not result["removed"] else 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .api import restore

    result = restore(args.doc_ids, args.out)
    for d in result["not_found"]:
        print(f"{d}: not among the documents removed from {args.out}", file=sys.stderr)
    if result["restored"]:
        print(
            f"restored {len(result['restored'])} document(s): the next build of a corpus "
            f"that holds them puts them back into {args.out}"
        )
    return 1 if result["not_found"] and not result["restored"] else 0


def _check_paths(paths: list[str]) -> None:
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UserError("no such file or directory: " + ", ".join(missing))
