"""The colour of each node label (``graph/data/palette.txt``), shared by the GEXF export
and the maps (viz/style.py), so that Gephi and the pages agree."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def palette() -> dict[str, str]:
    """Node label → ``#rrggbb``; ``other`` for a label not listed."""
    path = Path(__file__).parent / "data" / "palette.txt"
    pairs = (
        line.split()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return {label: colour for label, colour in pairs}
