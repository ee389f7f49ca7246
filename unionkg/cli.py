"""unionkg command line: a thin layer over :mod:`unionkg.api`.

Each command parses its options, calls one library function and turns known errors
into a one-line message with exit status 1. The commands are in
:mod:`unionkg.commands`, what they print in :mod:`unionkg.output`; this module holds
the parser and :func:`main`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from .cli_curate import add_curate_command
from .cli_options import FAST_HELP, JOBS_HELP, STRICT_HELP, store_options
from .commands import (
    UserError,
    cmd_build,
    cmd_eval,
    cmd_export,
    cmd_extract,
    cmd_remove,
    cmd_restore,
    cmd_spread,
    cmd_viz,
)
from .commands_query import cmd_query
from .output import Progress
from .progress import add_progress_options
from .safety import OutputError

__all__ = ["PROG", "Progress", "UserError", "main", "make_parser"]

PROG = "unionkg"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 1 on bad arguments."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {message} (see --help)\n")


# -- parser -----------------------------------------------------------------------------
EPILOG = """examples:
  unionkg build examples/corpus          # read, extract, store, maps → out/
  unionkg query 'MATCH (u:TradeUnion)-[:RUNS]->(p) RETURN u.name, p.name'
  unionkg viz spread 司机之家
  unionkg eval --gold ../shared/gold/seeds ../shared/corpus/seeds
"""

Command = Callable[[str, str, str, Callable[[Any], int]], argparse.ArgumentParser]


def _build_command(cmd: Command) -> None:
    b = cmd(
        "build",
        "read a corpus, extract, load the graph store and write the HTML maps",
        "unionkg build examples/corpus --out out   # then open out/maps/index.html",
        cmd_build,
    )
    b.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="files or folders (.txt, .md, .jsonl)"
    )
    store_options(b)
    b.add_argument(
        "--corrections",
        metavar="FILE",
        help="the corrections to apply (default: the file last given to a build of DIR, else "
        "DIR/corrections.toml when it exists; docs/curation.md)",
    )
    b.add_argument("--jobs", type=int, default=1, metavar="N", help=JOBS_HELP)
    b.add_argument("--no-maps", action="store_true", help="skip writing the HTML maps")
    b.add_argument("--fast", action="store_true", help=FAST_HELP)
    b.add_argument("--strict", action="store_true", help=STRICT_HELP)
    add_progress_options(b)
    how = b.add_mutually_exclusive_group()
    how.add_argument(
        "--add",
        action="store_true",
        help="the output holds documents not in CORPUS: keep them and add CORPUS",
    )
    how.add_argument(
        "--replace",
        action="store_true",
        help="the output holds documents not in CORPUS: drop them, so that the graph "
        "mirrors CORPUS",
    )


def _extract_command(cmd: Command) -> None:
    e = cmd(
        "extract",
        "extract entities, relations and outcomes to JSONL (no store, no maps)",
        "unionkg extract ../shared/corpus/seeds -o extractions.jsonl",
        cmd_extract,
    )
    e.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="files or folders (.txt, .md, .jsonl)"
    )
    e.add_argument(
        "-o", "--output", required=True, metavar="FILE.jsonl", help="output file, or - for stdout"
    )
    e.add_argument("--jobs", type=int, default=1, metavar="N", help=JOBS_HELP)
    e.add_argument("--fast", action="store_true", help=FAST_HELP)
    e.add_argument("--strict", action="store_true", help=STRICT_HELP)
    add_progress_options(e)


def _query_command(cmd: Command) -> None:
    q = cmd(
        "query",
        "run a Cypher query on the graph (read-only unless --write)",
        "unionkg query 'MATCH (p:Programme)-[a:ADOPTED_IN]->(pl:Place)\n"
        "      WHERE p.name = $name RETURN pl.name, a.year' \\\n"
        "      --param name=司机之家 --format json\n"
        "  # single quotes keep $name from the shell; Neo4j spellings such as\n"
        "  # type(r) and labels(n) work on the embedded store too (docs/cypher.md)\n"
        "  unionkg query 'MATCH (u:TradeUnion)-[r:RUNS]->(p:Programme)\n"
        "      RETURN u, r, p' --format html -o runs.html\n"
        "  # open runs.html: click a node for its evidence and its neighbours",
        cmd_query,
    )
    q.add_argument(
        "cypher",
        metavar="CYPHER",
        help="one Cypher statement, in single quotes so that the shell leaves $params alone",
    )
    q.add_argument(
        "--param",
        action="append",
        metavar="KEY=VALUE",
        help="query parameter (VALUE parsed as JSON when it can be); repeatable",
    )
    q.add_argument(
        "--format",
        choices=("table", "json", "csv", "html", "graphml", "graph-json"),
        default="table",
        help="table, json or csv: the rows, on stdout (default table; in csv a text cell that "
        "starts with =, +, - or @ gets a leading ' so that a spreadsheet shows it rather "
        "than runs it); html, graphml or graph-json: the nodes and relationships returned, "
        "to -o FILE: a page with the explorer's look (click a node to expand its "
        "neighbours), or a graph for other tools (graph-json as `export --format json`)",
    )
    q.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="the file for --format html, graphml or graph-json; a new file or one unionkg "
        "wrote (any other is refused)",
    )
    q.add_argument(
        "--write",
        action="store_true",
        help="allow the query to change the graph (the next build undoes it; for changes "
        "that last see `unionkg curate`)",
    )
    store_options(q)


def _viz_command(cmd: Command) -> None:
    v = cmd(
        "viz",
        "write one HTML map: the overview, a programme's spread, or one node's neighbourhood",
        "unionkg viz spread 司机之家 -o spread.html",
        cmd_viz,
    )
    v.add_argument(
        "kind",
        choices=("overview", "spread", "ego"),
        help="overview: the whole graph; spread: one programme's adoptions over the map; "
        "ego: one node and its neighbours",
    )
    v.add_argument("name", nargs="?", metavar="NAME", help="programme (spread) or node name (ego)")
    v.add_argument(
        "-o",
        "--output",
        metavar="FILE.html",
        default=None,
        help="where to write the page (default: under DIR/maps/)",
    )
    store_options(v)


def _export_command(cmd: Command) -> None:
    x = cmd(
        "export",
        "export the graph for other tools",
        "unionkg export --format neo4j-csv -o export/\n"
        "  # then: NEO4J_HOME=/path/to/neo4j sh export/import.sh",
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
    x.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="a file (graphml, json, gexf, cypher) or a folder (neo4j-csv)",
    )
    store_options(x)


def _eval_command(cmd: Command) -> None:
    ev = cmd(
        "eval",
        "score extraction against gold annotations (P/R/F1 per type)",
        "unionkg eval --gold ../shared/gold/seeds ../shared/corpus/seeds -v",
        cmd_eval,
    )
    ev.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="files or folders (.txt, .md, .jsonl)"
    )
    ev.add_argument(
        "--gold", required=True, metavar="DIR", help="folder of gold <doc_id>.json files"
    )
    ev.add_argument(
        "-v", "--verbose", action="store_true", help="list missed and spurious items per document"
    )
    ev.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format (default table)"
    )
    ev.add_argument("--jobs", type=int, default=1, metavar="N", help=JOBS_HELP)
    ev.add_argument("--fast", action="store_true", help=FAST_HELP)
    add_progress_options(ev)


def _spread_command(cmd: Command) -> None:
    sp = cmd(
        "spread",
        "show where a programme spread and when: adoptions, years, and the paths the text "
        "reports or that are inferred",
        "unionkg spread 司机之家 --format json\n  unionkg spread 司机之家 --format csv --max-km 500"
        "\n  unionkg spread --top 20",
        cmd_spread,
    )
    sp.add_argument(
        "programme", nargs="?", metavar="PROGRAMME", help="the programme's name (or use --top)"
    )
    sp.add_argument(
        "--top", type=int, metavar="N", help="list the N programmes that reached the most places"
    )
    sp.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default table); csv: one row per adoption and per path, with "
        "basis, confidence, years and document ids, for a spreadsheet",
    )
    sp.add_argument(
        "--max-km",
        type=float,
        metavar="KM",
        help="infer a neighbour path only within KM kilometres (default 300, "
        "graph/data/spread_settings.txt)",
    )
    store_options(sp)


def _remove_command(cmd: Command) -> None:
    r = cmd(
        "remove",
        "take documents out of the graph, with the facts only they supported",
        "unionkg remove 03_yiyang_siji --out out",
        cmd_remove,
    )
    r.add_argument(
        "doc_ids",
        nargs="+",
        metavar="DOC_ID",
        help="document ids (a file's name without its extension, a JSONL line's id)",
    )
    store_options(r)


def _restore_command(cmd: Command) -> None:
    r = cmd(
        "restore",
        "let the next build put back documents taken out with remove",
        "unionkg restore 03_yiyang_siji --out out  # the next build puts it back",
        cmd_restore,
    )
    r.add_argument(
        "doc_ids", nargs="+", metavar="DOC_ID", help="ids of documents taken out with remove"
    )
    r.add_argument("--out", default="out", metavar="DIR", help="output directory (default: out)")


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

    def cmd(
        name: str, help_: str, example: str, func: Callable[[Any], int]
    ) -> argparse.ArgumentParser:
        sp = sub.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=("examples" if "\n  unionkg" in example else "example") + f":\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sp.set_defaults(func=func)
        return sp

    for add in (
        _build_command,
        _extract_command,
        _query_command,
        _viz_command,
        _export_command,
        _eval_command,
        _spread_command,
        _remove_command,
        _restore_command,
        add_curate_command,
    ):
        add(cmd)
    return p


def main(argv: Sequence[str] | None = None) -> int:
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

    known: tuple[type[BaseException], ...] = (
        UserError,
        OutputError,
        ExtractError,
        GraphError,
        OSError,
    )
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
