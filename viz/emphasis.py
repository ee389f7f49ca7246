"""What the explorer shows first: the most connected nodes (labelled at the start
zoom, the others as you zoom in) and the outcomes folded into their subject.

Connectedness is the number of distinct neighbours over relations, MENTIONS and
PART_OF left out (every document mentions many nodes; the gazetteer links every
place to its province), so a hub is a union, programme or place that the news
connects with many others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Any

__all__ = ["HUBS", "hub_order", "outcome_counts", "relation_degrees"]

# How many of the most connected nodes the page may label at the start zoom (it
# labels as many as fit its window; see ukg-view.js).
HUBS = 60
_NOT_RELATIONS = {"MENTIONS", "PART_OF"}


def relation_degrees(G: Any) -> dict[Hashable, int]:
    """Distinct neighbours of each node over relations (MENTIONS and PART_OF left out)."""
    neighbours: dict[Hashable, set] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d.get("type") in _NOT_RELATIONS or u == v:
            continue
        neighbours[u].add(v)
        neighbours[v].add(u)
    return {n: len(nbs) for n, nbs in neighbours.items()}


def hub_order(G: Any, limit: int = HUBS) -> list[Hashable]:
    """The ``limit`` most connected non-Document, non-Outcome nodes, most connected
    first (ties by name, then id, so the order does not depend on hashing)."""
    ranked = [
        (-k, str(G.nodes[n].get("name") or n), str(n), n)
        for n, k in relation_degrees(G).items()
        if G.nodes[n].get("label") not in ("Document", "Outcome")
    ]
    return [n for *_key, n in sorted(ranked)[:limit]]


def outcome_counts(G: Any) -> dict[Hashable, int]:
    """Number of Outcome nodes each node REPORTED (what its folded badge says)."""
    counts: dict[Hashable, int] = defaultdict(int)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "REPORTED" and G.nodes[v].get("label") == "Outcome":
            counts[u] += 1
    return counts
