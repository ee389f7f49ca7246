"""What a page embeds when the graph is larger than one page can draw: the cut, the
most connected nodes first (settings in ``viz/data/page-limits.txt``, :mod:`viz.limits`).

A graph of more than ``page_nodes`` nodes is never refused. The explorer embeds the
``page_nodes`` most connected nodes, draws the ``start_nodes`` first (with a province
or programme chosen, that one's most connected) and draws ``more_nodes`` more at each
"show more"; the page says what it left out. The overview and ego maps draw the same
cut; spread maps are always complete. Connectedness is :mod:`viz.emphasis`'s: distinct
neighbours over relations (MENTIONS and PART_OF left out); Document nodes, which only
mention, are left out of a cut page (the evidence panel still names their articles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from .emphasis import relation_degrees
from .graphdata import node_name
from .layout import ordered_subgraph
from .style import LABELS, style_of

__all__ = ["Cut", "cut_graph", "ranked_nodes"]


@dataclass(frozen=True)
class Cut:
    """A page's part of a graph too large for it: ``H`` holds the kept nodes, most
    connected first, and the edges between them; the rest is counted."""

    H: Any
    total_nodes: int
    total_edges: int
    left_out: dict[str, int]  # node label -> nodes not embedded

    def summary(self) -> dict:
        """What the page says about the cut (all strings ours)."""
        kept = self.H.number_of_nodes()
        return {
            "embedded": kept,
            "total": self.total_nodes,
            "edges": self.H.number_of_edges(),
            "total_edges": self.total_edges,
            "left_out": [
                [label, style_of(label)["zh"], n]
                for label, n in sorted(self.left_out.items(), key=_label_order)
            ],
        }

    def note(self, start: int | None = None) -> str:
        """One line for the page's note bar: what it shows and what it left out
        (``start``: how many an explorer draws first)."""
        kept, total = self.H.number_of_nodes(), self.total_nodes
        rows = sorted(self.left_out.items(), key=_label_order)
        out_zh = "、".join(f"{n:,} {style_of(label)['zh']}" for label, n in rows)
        out_en = ", ".join(f"{n:,} {label}" for label, n in rows)
        start_zh = f"，先画 {start:,} 个（“显示更多”再加）" if start else ""
        start_en = f", {start:,} drawn first (Show more adds more)" if start else ""
        return (
            f"大图汇总：本页收录关联最多的 {kept:,} / {total:,} 个节点{start_zh}；"
            f"未收录 {out_zh}。Aggregated view: the {kept:,} most connected of {total:,} "
            f"nodes{start_en}; left out: {out_en}. Spread maps are complete; "
            "`unionkg viz ego NAME` draws one node's whole neighbourhood."
        )


def _label_order(item: tuple[str, int]) -> tuple[int, str]:
    label = item[0]
    return (LABELS.index(label) if label in LABELS else len(LABELS), str(label))


def ranked_nodes(G: Any, first: Hashable | None = None) -> list[Hashable]:
    """The non-Document nodes of ``G``, most connected first (distinct neighbours over
    relations, then all edges, then name and id, so hashing plays no part); ``first``
    (an ego map's centre) leads."""
    relations = relation_degrees(G)
    keyed = [
        (-relations.get(n, 0), -G.degree(n), str(node_name(G, n)), str(n), n)
        for n, d in G.nodes(data=True)
        if d.get("label") != "Document" and n != first
    ]
    ranked = [n for *_key, n in sorted(keyed)]
    return ([first] if first is not None else []) + ranked


def cut_graph(G: Any, limit: int, first: Hashable | None = None) -> Cut | None:
    """The ``limit`` most connected nodes of ``G`` and the edges between them (nodes in
    rank order, edges in ``G``'s), or None when ``G`` has at most ``limit`` nodes."""
    if G.number_of_nodes() <= limit:
        return None
    keep = ranked_nodes(G, first)[:limit]
    kept = set(keep)
    H = ordered_subgraph(G, keep, as_given=True)
    left = Counter(str(d.get("label") or "?") for n, d in G.nodes(data=True) if n not in kept)
    return Cut(H, G.number_of_nodes(), G.number_of_edges(), dict(left))
