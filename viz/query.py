"""The page of a query's result: the nodes and relationships a Cypher query returned,
drawn with the explorer's look and controls (search, types, filters, evidence panel).

The page embeds the result's 1-hop neighbourhood in the graph, hidden at first, so
that a click on a node expands its neighbours without a store: about
``QUERY_PAGE_NODES`` nodes in all, shared evenly by the result nodes, between
``MIN_NEIGHBOURS`` and ``NEIGHBOURS_PER_NODE`` neighbours each (relations first,
documents last); the page says when some were left out.
Relationships among the nodes shown are drawn too (as Neo4j Browser connects result
nodes); those the query returned are drawn wider.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .emphasis import hub_order
from .errors import NodeNotFoundError
from .explorer import PageMemo, graph_payload
from .graphdata import clip, node_name
from .sources import Sources
from .templates import render_page, write_page

__all__ = ["render_query", "QUERY_PAGE_NODES", "NEIGHBOURS_PER_NODE"]

QUERY_PAGE_NODES = 3000
NEIGHBOURS_PER_NODE = 100
MIN_NEIGHBOURS = 5
QUERY_TITLE = "查询结果 Query result"
_LAST = {"Document": 2, "Outcome": 1}  # neighbours of these types come after the others


def _neighbours(G: Any, node: Hashable) -> list[Hashable]:
    """The neighbours of ``node`` in G, either direction: entities first, then
    outcomes, then documents; by name within each."""
    nbs = set(G.successors(node)) | set(G.predecessors(node))
    nbs.discard(node)
    return sorted(
        nbs,
        key=lambda n: (_LAST.get(G.nodes[n].get("label"), 0), node_name(G, n), str(n)),
    )


def neighbourhood(G: Any, result: list[Hashable]) -> tuple[nx.MultiDiGraph, bool]:
    """The result nodes and their neighbours (capped, see the module), with every edge
    of G among them; and whether neighbours were left out."""
    keep: dict[Hashable, None] = dict.fromkeys(result)
    share = (QUERY_PAGE_NODES - len(keep)) // max(1, len(keep))
    per_node = min(NEIGHBOURS_PER_NODE, max(MIN_NEIGHBOURS, share))
    capped = False
    for node in result:
        new = [n for n in _neighbours(G, node) if n not in keep]
        take = new[: min(per_node, max(0, QUERY_PAGE_NODES - len(keep)))]
        capped = capped or len(take) < len(new)
        keep.update(dict.fromkeys(take))
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, G.nodes[n]) for n in keep)
    for u in keep:
        for v, keydict in G.adj[u].items():
            if v in keep:
                H.add_edges_from((u, v, k, d) for k, d in keydict.items())
    return H, capped


def render_query(
    G: Any,
    nodes: Iterable[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, Hashable]],
    path: str | os.PathLike,
    *,
    title: str = QUERY_TITLE,
    subtitle: str = "",
    records: Iterable[Mapping] | None = None,
    texts: Mapping[str, str] | None = None,
) -> Path:
    """Write the page of a query result to ``path`` and return it.

    ``nodes``: the ids of the nodes the query returned; ``edges``: the ``(src, dst,
    key)`` of its relationships (their ends are drawn too). Every one must be in ``G``,
    the whole graph, whose neighbourhood of the result the page embeds; else
    :class:`NodeNotFoundError`. ``records`` and ``texts`` as for ``viz.write_maps``."""
    edges = list(edges)
    result = list(dict.fromkeys([*nodes, *(e for u, v, _k in edges for e in (u, v))]))
    for n in result:
        if n not in G:
            raise NodeNotFoundError(str(n), [])
    for u, v, k in edges:
        if not G.has_edge(u, v, k):
            raise NodeNotFoundError(f"{u} -[{k}]-> {v}", [])
    H, capped = neighbourhood(G, result)
    memo = PageMemo(Sources(G, records, texts))
    payload = graph_payload(H, explorer=True, memo=memo)
    _mark_result(H, payload, set(result), set(edges))
    n, m = len(result), len(edges)
    note = (
        f"{len(H) - n} 个邻居已嵌入，点击节点展开 neighbours embedded: click a node to expand"
        + ("（部分邻居未嵌入 some left out, see docs/maps.md）" if capped else "")
    )
    payload["note"] = " ".join(x for x in (payload.get("note"), note) if x)
    payload["links"] = []
    head = f"{n} 个节点 nodes · {m} 条关系 relationships"
    page = render_page(
        "query", title, payload, subtitle=f"{head} · {subtitle}" if subtitle else head
    )
    return write_page(path, page)


def _mark_result(
    H: Any, payload: dict, nodes: Collection[Hashable], edges: Collection[tuple]
) -> None:
    """Flag the result's nodes (``qr``: shown at the start) and edges (drawn wider), and
    switch on the node types the result holds."""
    for item, node in zip(payload["nodes"], H, strict=True):
        item["qr"] = 1 if node in nodes else 0
    for item, (u, v, k) in zip(payload["edges"], H.edges(keys=True), strict=True):
        if (u, v, k) in edges:
            item["qr"] = 1
            item["width"] = 3
    present = {H.nodes[x].get("label") for x in nodes}
    for t in payload.get("types") or []:
        t["on"] = t["on"] or t["key"] in present
    # the labels drawn at the start zoom: the result's most connected nodes first
    index = {node: i for i, node in enumerate(H)}
    first = [index[x] for x in hub_order(H.subgraph(nodes))]
    taken = set(first)
    payload["hubs"] = first + [i for i in payload.get("hubs") or [] if i not in taken]


def query_title(cypher: str) -> str:
    """A page title naming the query (clipped)."""
    return f"{QUERY_TITLE} · {clip(' '.join(cypher.split()), 80)}"
