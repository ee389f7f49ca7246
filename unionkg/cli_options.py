"""Options several commands share: their help texts and the store options (the
parser itself is :mod:`unionkg.cli`)."""

from __future__ import annotations

import argparse

FAST_HELP = (
    "rules only, without the statistical NER model: several times faster, "
    "lower recall on names of people and organisations"
)
STRICT_HELP = "exit 1 when any input item was skipped"
JOBS_HELP = "extraction processes (default 1)"


def store_options(p: argparse.ArgumentParser) -> None:
    """--out and --neo4j: which store a command reads or writes."""
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
