"""The settings of how much one page draws, read from ``viz/data/page-limits.txt``
(what each means is said there; docs/maps.md, "Large graphs")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["PageLimits", "page_limits"]

_SETTINGS = ("large_graph_nodes", "page_nodes", "start_nodes", "more_nodes")


@dataclass(frozen=True)
class PageLimits:
    """The settings of ``viz/data/page-limits.txt`` (what each means is said there)."""

    large_graph_nodes: int
    page_nodes: int
    start_nodes: int
    more_nodes: int


@cache
def page_limits() -> PageLimits:
    """The settings read from ``viz/data/page-limits.txt``."""
    text = resources.files("viz").joinpath("data", "page-limits.txt").read_text("utf-8")
    values: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _tab, value = line.partition("\t")
            values[name.strip()] = int(value)
    missing = [s for s in _SETTINGS if s not in values]
    if missing:  # a damaged package file, not a user error
        raise RuntimeError(f"viz/data/page-limits.txt lacks {', '.join(missing)}")
    return PageLimits(**{s: values[s] for s in _SETTINGS})
