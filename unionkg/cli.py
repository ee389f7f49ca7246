"""unionkg command line: a thin layer over :mod:`unionkg.api`.

Each command parses its options, calls one library function and turns known errors
into a one-line message with exit status 1.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import os
import sys
from pathlib import Path

from . import __version__

PROG = "unionkg"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 1 on bad arguments."""

    def error(self, message):
        self.exit(1, f"{self.prog}: error: {message} (see --help)\n")


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit 1."""


class Progress:
    """A progress line on stderr for long runs (only when stderr is a terminal)."""

    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.last = ""

    def __call__(self, stage: str, done: int, total: int | None = None):
        if not self.enabled:
            return
        if total:
            width = 30
            filled = int(width * done / max(total, 1))
            line = f"{stage:8s} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        else:
            line = f"{stage:8s} {done}"
        sys.stderr.write("\r" + line)
        if total and done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


FAST_HELP = (
    "rules only, without the statistical NER model: several times faster, "
    "lower recall on names of people and organisations"
)


def _store_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("store (embedded LadybugDB by default)")
    g.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="output directory holding the embedded database (default: out)",
    )
    g.add_argument(
        "--neo4j",
        metavar="URI",
        default=None,
        help="use a Neo4j server instead (or set NEO4J_URI); credentials come from "
        "NEO4J_USERNAME / NEO4J_PASSWORD (prompted for when unset), NEO4J_DATABASE",
    )


def _neo4j_uri(args) -> str | None:
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


def _print_skip(item) -> None:
    print(str(item), file=sys.stderr)


# -- commands -------------------------------------------------------------------------
def cmd_build(args) -> int:
    from .api import build

    _check_paths(args.corpus)
    report = build(
        args.corpus,
        args.out,
        neo4j_uri=_neo4j_uri(args),
        jobs=args.jobs,
        maps=not args.no_maps,
        fast=args.fast,
        on_skip=_print_skip,
        progress=Progress(),
    )
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    if report.documents == 0:
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
    if report.maps:
        print(f"maps: {Path(args.out) / 'maps' / 'index.html'}")
    return 0


def cmd_extract(args) -> int:
    from .api import extract, read_corpus, write_jsonl

    _check_paths(args.corpus)
    skipped = []

    def on_skip(item):
        skipped.append(item)
        _print_skip(item)

    docs = list(read_corpus(args.corpus, on_skip=on_skip))
    if not docs:
        raise UserError("no document could be read from " + " ".join(args.corpus))
    prog = Progress()
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


def _parse_params(items) -> dict:
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


def _open_existing_store(args, read_only=True):
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


def _width(s: str) -> int:
    """Display width: Chinese characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A text cell a spreadsheet would run as a formula (=, +, -, @ first: names come from
    the text) gets a leading ' as OWASP recommends; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _print_rows(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    cols = list(rows[0].keys()) if rows else []
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([_csv_cell(c) for c in cols])
        for r in rows:
            w.writerow(
                [
                    _csv_cell(
                        json.dumps(r[c], ensure_ascii=False)
                        if isinstance(r[c], (list, dict))
                        else r[c]
                    )
                    for c in cols
                ]
            )
        sys.stdout.write(buf.getvalue())
        return

    def cell(v):
        s = (
            json.dumps(v, ensure_ascii=False)
            if isinstance(v, (list, dict))
            else ("" if v is None else str(v))
        )
        return s if len(s) <= 80 else s[:77] + "..."

    table = [[cell(r[c]) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(t[i]) for t in table]) for i, c in enumerate(cols)]
    print(" | ".join(_pad(c, w) for c, w in zip(cols, widths, strict=False)))
    print("-+-".join("-" * w for w in widths))
    for t in table:
        print(" | ".join(_pad(v, w) for v, w in zip(t, widths, strict=False)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def cmd_query(args) -> int:
    params = _parse_params(args.param)
    with _open_existing_store(args, read_only=not args.write) as store:
        rows = store.query(args.cypher, params, write=args.write)
    _print_rows(rows, args.format)
    return 0


def _graph_from_store(args):
    """The networkx graph of a build: rebuilt from the out dir's extractions (the embedded
    store holds exactly that graph) or, with --neo4j, read back from the server."""
    if _neo4j_uri(args):
        with _open_existing_store(args) as store:
            return store.read_graph()
    from graph import build_graph, load_extractions

    path = Path(args.out) / "extractions.jsonl"
    if not path.exists():
        raise UserError(
            f"no graph in {args.out}: run `unionkg build CORPUS --out {args.out}` first"
        )
    return build_graph(load_extractions(path))


def cmd_viz(args) -> int:
    import viz

    G = _graph_from_store(args)
    maps_dir = Path(args.out) / "maps"
    if args.kind == "overview":
        path = viz.render_overview(G, args.output or maps_dir / "overview.html")
    elif args.kind == "spread":
        if not args.name:
            raise UserError("viz spread needs a PROGRAMME name")
        # spread_filename wants the node id; resolve the name first (NodeNotFoundError → one line)
        prog = viz.find_node(G, args.name, label="Programme")
        path = viz.render_spread(G, prog, args.output or maps_dir / viz.spread_filename(G, prog))
    else:
        if not args.name:
            raise UserError("viz ego needs a NAME")
        path = viz.render_ego(G, args.name, args.output or maps_dir / "ego.html")
    print(path)
    return 0


def cmd_export(args) -> int:
    from graph import export_graph

    G = _graph_from_store(args)
    path = export_graph(G, args.format, args.output)
    print(path)
    return 0


def cmd_eval(args) -> int:
    from .api import extract, read_corpus
    from .evaluate import evaluate

    _check_paths(args.corpus)
    if not Path(args.gold).is_dir():
        raise UserError(f"gold directory not found: {args.gold}")
    docs = list(read_corpus(args.corpus, on_skip=_print_skip))
    prog = Progress()
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


def cmd_spread(args) -> int:
    from graph.spread import find_programme, spread_table, top_programmes

    G = _graph_from_store(args)
    if args.top or not args.programme:
        rows = top_programmes(G, args.top or 20)
        _print_rows(rows, "json" if args.format == "json" else "table")
        return 0
    prog = find_programme(G, args.programme)
    if prog is None:
        raise UserError(
            f"no programme named {args.programme!r} in {args.out} (try `unionkg spread --top 20`)"
        )
    table = spread_table(G, prog)
    if args.format == "json":
        print(json.dumps(table, ensure_ascii=False, indent=1))
        return 0
    print(f"{table['programme']}: {len(table['adoptions'])} places")
    _print_rows(
        [
            {
                "year": a["year"] if a["year"] is not None else "undated",
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
        print("\ninferred paths (docs/spread.md):")
        _print_rows(
            [
                {
                    "from": p["from"],
                    "to": p["to"],
                    "kind": p["kind"],
                    "years": f"{p['from_year']} → {p['to_year']}",
                }
                for p in table["paths"]
            ],
            "table",
        )
    return 0


def cmd_remove(args) -> int:
    from .api import remove

    result = remove(args.doc_ids, args.out, neo4j_uri=_neo4j_uri(args))
    for d in result["not_found"]:
        print(f"{d}: not in the graph", file=sys.stderr)
    print(
        f"removed {len(result['removed'])} document(s); graph: {result['graph']['nodes']} nodes, "
        f"{result['graph']['edges']} edges"
    )
    return 1 if result["not_found"] and not result["removed"] else 0


def _check_paths(paths) -> None:
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UserError("no such file or directory: " + ", ".join(missing))


# -- parser -----------------------------------------------------------------------------
EPILOG = """examples:
  unionkg build examples/corpus                 # read, extract, store, maps → out/
  unionkg query "MATCH (u:TradeUnion)-[:RUNS]->(p:Programme) RETURN u.name, p.name"
  unionkg viz spread 司机之家
  unionkg eval --gold ../shared/gold/seeds ../shared/corpus/seeds
"""


def make_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Turn Chinese news about trade-union work into a knowledge graph "
        "of union initiatives, query it in Cypher and explore it as offline HTML maps.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def cmd(name, help_, example, func):
        sp = sub.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sp.set_defaults(func=func)
        return sp

    b = cmd(
        "build",
        "read a corpus, extract, load the graph store and write the HTML maps",
        "unionkg build examples/corpus --out out   # then open out/maps/index.html",
        cmd_build,
    )
    b.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="files or folders (.txt, .md, .jsonl)"
    )
    _store_options(b)
    b.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="extraction processes (default 1)"
    )
    b.add_argument("--no-maps", action="store_true", help="skip writing the HTML maps")
    b.add_argument("--fast", action="store_true", help=FAST_HELP)
    b.add_argument("--strict", action="store_true", help="exit 1 when any input item was skipped")

    e = cmd(
        "extract",
        "extract entities, relations and outcomes to JSONL (no store, no maps)",
        "unionkg extract ../shared/corpus/seeds -o extractions.jsonl",
        cmd_extract,
    )
    e.add_argument("corpus", nargs="+", metavar="CORPUS")
    e.add_argument(
        "-o", "--output", required=True, metavar="FILE.jsonl", help="output file, or - for stdout"
    )
    e.add_argument("--jobs", type=int, default=1, metavar="N")
    e.add_argument("--fast", action="store_true", help=FAST_HELP)
    e.add_argument("--strict", action="store_true", help="exit 1 when any input item was skipped")

    q = cmd(
        "query",
        "run a Cypher query on the graph (read-only unless --write)",
        'unionkg query "MATCH (p:Programme)-[a:ADOPTED_IN]->(pl:Place) WHERE p.name = $name '
        'RETURN pl.name, a.year" --param name=司机之家 --format json',
        cmd_query,
    )
    q.add_argument("cypher", metavar="CYPHER")
    q.add_argument(
        "--param",
        action="append",
        metavar="KEY=VALUE",
        help="query parameter (VALUE parsed as JSON when it can be); repeatable",
    )
    q.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default table); in csv a text cell that starts with =, +, - or @ "
        "gets a leading ' so that a spreadsheet shows it rather than runs it",
    )
    q.add_argument("--write", action="store_true", help="allow the query to change the graph")
    _store_options(q)

    v = cmd(
        "viz",
        "write one HTML map: the overview, a programme's spread, or one node's neighbourhood",
        "unionkg viz spread 司机之家 -o spread.html",
        cmd_viz,
    )
    v.add_argument("kind", choices=("overview", "spread", "ego"))
    v.add_argument("name", nargs="?", metavar="NAME", help="programme (spread) or node name (ego)")
    v.add_argument("-o", "--output", metavar="FILE.html", default=None)
    _store_options(v)

    x = cmd(
        "export",
        "export the graph for other tools",
        "unionkg export --format neo4j-csv -o export/   # then run export/import.sh",
        cmd_export,
    )
    x.add_argument(
        "--format",
        required=True,
        choices=("graphml", "json", "gexf", "neo4j-csv", "cypher"),
        help="graphml and gexf drop the characters XML forbids (control characters; the count "
        "is logged); neo4j-csv is byte-faithful for neo4j-admin import: do not open it "
        "in a spreadsheet, which may run cells that start with =, +, - or @",
    )
    x.add_argument("-o", "--output", required=True, metavar="PATH")
    _store_options(x)

    ev = cmd(
        "eval",
        "score extraction against gold annotations (P/R/F1 per type)",
        "unionkg eval --gold ../shared/gold/seeds ../shared/corpus/seeds -v",
        cmd_eval,
    )
    ev.add_argument("corpus", nargs="+", metavar="CORPUS")
    ev.add_argument(
        "--gold", required=True, metavar="DIR", help="folder of gold <doc_id>.json files"
    )
    ev.add_argument(
        "-v", "--verbose", action="store_true", help="list missed and spurious items per document"
    )
    ev.add_argument("--format", choices=("table", "json"), default="table")
    ev.add_argument("--jobs", type=int, default=1, metavar="N")
    ev.add_argument("--fast", action="store_true", help=FAST_HELP)

    sp = cmd(
        "spread",
        "show where a programme spread and when: adoptions, years and inferred paths",
        "unionkg spread 司机之家 --format json   # or: unionkg spread --top 20",
        cmd_spread,
    )
    sp.add_argument("programme", nargs="?", metavar="PROGRAMME")
    sp.add_argument(
        "--top", type=int, metavar="N", help="list the N programmes that reached the most places"
    )
    sp.add_argument("--format", choices=("table", "json"), default="table")
    _store_options(sp)

    r = cmd(
        "remove",
        "take documents out of the graph, with the facts only they supported",
        "unionkg remove 03_yiyang_siji --out out",
        cmd_remove,
    )
    r.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    _store_options(r)
    return p


def main(argv=None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        parser.error("--jobs must be at least 1")
    if hasattr(args, "out"):
        args.out_given = args.out is not None
        if args.out is None:
            args.out = "out"
    from extract.errors import ExtractError
    from graph import GraphError

    known: tuple = (UserError, ExtractError, GraphError, OSError)
    try:
        import viz

        known += (viz.VizError,)
    except ImportError:  # pragma: no cover
        pass
    try:
        return args.func(args) or 0
    except BrokenPipeError:
        # stdout closed early (`unionkg query ... | head`): not an error worth a message
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except known as exc:
        msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        print(f"{PROG}: error: {msg}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
