"""The ``curate`` command: its parser and what it prints (the library is
:mod:`unionkg.curate`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

ACTIONS = ("merge", "rename", "alias", "unalias", "reject", "add", "list", "drop")

DESCRIPTION = """\
write and show the corrections that every build applies (docs/curation.md)

actions:
  merge ENTITY INTO       one node: INTO keeps its id; ENTITY's names: aliases
  rename ENTITY NAME      a new name (the old one becomes an alias)
  alias ENTITY ALIAS      add an alias;  unalias ENTITY ALIAS  drops one
  reject ENTITY           take an entity out, with its relations
  reject TYPE HEAD TAIL   take a relation out (RUNS, ADOPTED_IN, LOCATED_IN…)
  add programme NAME      a programme name to find in every document's text
  add TYPE HEAD TAIL      add a RUNS or ADOPTED_IN (with --year) relation
  list                    the corrections, numbered;  drop N...  deletes some
Entities by id (Label:name) or by name or alias, looked up in the last build."""

EXAMPLE = (
    "unionkg curate alias 司机之家 司机驿站 --note 'one programme'\n"
    "  unionkg curate add programme 户外劳动者服务站 --note 'the rules miss it'\n"
    "  unionkg curate reject Programme:两处驿站 --note 'not a programme'\n"
    "  unionkg curate list\n"
    "  unionkg build examples/corpus --out out  # applies them"
)


def add_curate_command(
    cmd: Callable[[str, str, str, Callable[[Any], int]], argparse.ArgumentParser],
) -> None:
    c = cmd(
        "curate", "write and show the corrections that every build applies", EXAMPLE, cmd_curate
    )
    c.description = DESCRIPTION
    c.add_argument(
        "action", choices=ACTIONS, metavar="ACTION", help="one of: " + ", ".join(ACTIONS)
    )
    c.add_argument("args", nargs="*", metavar="ARG", help="the action's arguments (above)")
    c.add_argument("--note", default="", metavar="TEXT", help="why: kept with the correction")
    c.add_argument(
        "--year", type=int, metavar="YEAR", help="the year of an ADOPTED_IN that add makes"
    )
    c.add_argument("--out", default="out", metavar="DIR", help="the output folder (default: out)")
    c.add_argument(
        "--corrections",
        metavar="FILE",
        help="the corrections file (default: the file last given to a build of DIR, else "
        "DIR/corrections.toml); DIR is then only read, to look names up",
    )


def cmd_curate(args: argparse.Namespace) -> int:
    from .curate import CurateError, Names, add, correction, drop, target

    path = target(args.out, args.corrections)
    if args.action == "list":
        return _list(path, args.args)
    if args.action == "drop":
        if not args.args or not all(a.isdigit() for a in args.args):
            raise CurateError("curate drop takes the numbers `unionkg curate list` shows")
        for c in drop(path, [int(a) for a in args.args]):
            print(f"dropped: {c.describe()}")
        return 0
    if args.year is not None and args.action != "add":
        raise CurateError("--year goes with `curate add ADOPTED_IN PROGRAMME PLACE`")
    c = correction(Names(Path(args.out)), args.action, args.args, note=args.note, year=args.year)
    n, new = add(path, c)
    if new:
        print(f"{n}. {c.describe()} → {path}; the next build applies it")
    else:
        print(f"{n}. {c.describe()} is already in {path}")
    return 0


def _list(path: Path, extra: list[str]) -> int:
    from . import corrections as cfile
    from .curate import CurateError

    if extra:
        raise CurateError("curate list takes no arguments (see --help)")
    have = cfile.read(path)
    if not have:
        print(f"no corrections in {path}")
    for n, c in enumerate(have, 1):
        note = f"  # {c.note}" if c.note else ""
        print(f"{n}. {c.describe()}{note}")
    return 0
