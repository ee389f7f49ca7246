"""The graph pages drawn from the whole graph or a part of it: the explorer
(``index.html``) and the shared builder the overview and ego maps use.

The explorer is one self-contained page: search over names and aliases, filters by
node type, province and programme, a year slider, click-to-expand, an evidence
side panel and links to the spread maps. docs/maps.md describes what each control
does and how a node's year and provinces are defined.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import network
from .aggregate import Cut, cut_graph
from .emphasis import hub_order, outcome_counts
from .graphdata import (
    clip,
    document_years,
    edge_details,
    edge_tip,
    edge_year,
    node_details,
    node_name,
    node_tip,
    node_years,
)
from .layout import precomputed_positions
from .limits import page_limits
from .network import LARGE_GRAPH_NODES, network_payload, new_network, vis_options
from .places import node_provinces, province_names
from .search import char_table, search_key
from .sources import Sources
from .style import EDGE_COLOURS, LABELS, legend_items, style_of
from .templates import render_page, safe_href, write_page

__all__ = ["render_explorer", "graph_payload", "PageMemo"]

LABEL_CHARS = 24
# Node types the explorer hides until asked for (type switch, or a click on a node).
FOLDED = ("Document", "Outcome")
EXPLORER_TITLE = "工会知识图谱 · 探索 Explorer"


def _large_note(n: int) -> str:
    return (
        f"大图模式：{n} 个节点，使用预先计算的布局，物理模拟关闭。"
        f"Large graph ({n} nodes > {LARGE_GRAPH_NODES}): precomputed layout, physics off."
    )


class PageMemo:
    """What several pages of one graph share: a node's side-panel details and an
    edge's tooltip and details depend only on its own data and its ends' names, so
    ``write_maps`` computes them once for the explorer and the overview (which
    draws a subgraph of the same graph). Node tooltips are not kept: their line of
    evidence depends on which edges the page draws."""

    def __init__(self, sources: Sources | None = None, curate_out: str | None = None) -> None:
        self.nodes: dict = {}
        self.edges: dict = {}
        self.sources = sources
        self.curate_out = curate_out  # the output folder the panel's curate commands name

    def node_details(self, G: Any, n: Hashable) -> dict:
        try:
            return self.nodes[n]
        except KeyError:
            details = self.nodes[n] = node_details(G, n, self.curate_out)
            return details

    def edge_parts(
        self, G: Any, u: Hashable, v: Hashable, k: Hashable, d: Mapping
    ) -> tuple[list[str], dict]:
        key = (u, v, k)
        try:
            return self.edges[key]
        except KeyError:
            article_of = self.sources.article_of if self.sources is not None else None
            parts = self.edges[key] = (edge_tip(G, u, v, d), edge_details(G, u, v, d, article_of))
            return parts


@dataclass(frozen=True)
class _Filters:
    """What the explorer's filters read per node and edge: years, provinces, programmes."""

    doc_years: dict[str, int]
    years: dict
    provinces: dict
    programmes: dict
    outcomes: dict

    @classmethod
    def of(cls, G: Any) -> _Filters:
        doc_years = document_years(G)
        return cls(
            doc_years,
            node_years(G, doc_years),
            node_provinces(G),
            node_programmes(G),
            outcome_counts(G),
        )

    def node_opts(self, G: Any, node: Hashable, index: Mapping[Hashable, int]) -> dict:
        d = G.nodes[node]
        return {
            "yr": self.years.get(node),
            "pv": sorted(self.provinces.get(node, ())),
            "pg": sorted(index[p] for p in self.programmes.get(node, ()) if p in index),
            "sk": search_key(node_name(G, node), d.get("aliases") or ()),
            "oc": self.outcomes.get(node, 0),
        }

    def edge_opts(self, d: Mapping, index: Mapping[Hashable, int]) -> dict:
        prog = d.get("programme")
        return {
            "yr": edge_year(d, self.doc_years),
            "pg": index.get(prog, -1) if isinstance(prog, Hashable) else -1,
        }

    def payload(self, H: Any, labels: list[str], index: Mapping[Hashable, int]) -> dict:
        """The explorer's filter controls (types, provinces, programmes, years) for the
        nodes of the page ``H``."""
        prov_keys = sorted({k for x in H for k in self.provinces.get(x, ())})
        pnames = province_names(H, prov_keys)
        progs = sorted(
            (x for x in H if H.nodes[x].get("label") == "Programme"),
            key=lambda x: (node_name(H, x), str(x)),
        )
        dated = [y for x in H if (y := self.years.get(x)) is not None]
        names = [node_name(H, x) for x in H] + [
            str(a) for x in H for a in H.nodes[x].get("aliases") or ()
        ]
        return {
            # Documents and outcomes are folded until asked for (a switch or a click).
            "types": [dict(item, on=item["key"] not in FOLDED) for item in legend_items(labels)],
            "hubs": [index[x] for x in hub_order(H)],
            "t2s": char_table(names),
            "provinces": [[k, pnames[k]] for k in sorted(prov_keys, key=lambda k: (pnames[k], k))],
            "programmes": [[index[p], clip(node_name(H, p), 60)] for p in progs],
            "years": {"min": min(dated), "max": max(dated)} if dated else None,
        }

    def cut_counts(self, G: Any) -> dict:
        """Nodes of the whole graph ``G`` per province key and per programme name
        (an aggregated page names these beside its filters)."""
        per_province: dict[str, int] = defaultdict(int)
        per_programme: dict[str, int] = defaultdict(int)
        for x, d in G.nodes(data=True):
            if d.get("label") == "Document":
                continue
            for k in self.provinces.get(x, ()):
                per_province[k] += 1
            for p in self.programmes.get(x, ()):
                per_programme[str(p)] += 1
        return {"provinces": dict(per_province), "programmes": dict(per_programme)}


def _add_nodes(
    net: Any,
    G: Any,
    index: Mapping[Hashable, int],
    memo: PageMemo,
    positions: Mapping[Hashable, tuple[float, float]],
    center: Hashable | None,
    filters: _Filters | None,
) -> None:
    for node, d in G.nodes(data=True):
        label = d.get("label")
        st = style_of(label)
        opts: dict[str, Any] = {
            "color": st["color"],
            "tip": node_tip(G, node),
            "ukg": memo.node_details(G, node),
            "t": str(label or ""),
        }
        if node in positions:
            opts["x"], opts["y"] = positions[node]
        if node == center:
            opts.update(size=24, borderWidth=3, font={"size": 16, "bold": True})
        text = clip(node_name(G, node), LABEL_CHARS)
        if filters is not None:
            opts.update(filters.node_opts(G, node, index))
            if opts["oc"]:  # its outcomes are folded into it: say how many
                text += f" ★{opts['oc']}"
        net.add_node(index[node], label=text, shape=st["shape"], **opts)


def _add_edges(
    net: Any, G: Any, index: Mapping[Hashable, int], memo: PageMemo, filters: _Filters | None
) -> None:
    edges = (
        G.edges(keys=True, data=True)
        if G.is_multigraph()
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for eid, (u, v, k, d) in enumerate(edges):
        etype = str(d.get("type") or "")
        tip, details = memo.edge_parts(G, u, v, k, d)
        opts: dict[str, Any] = {
            "id": eid,
            "color": EDGE_COLOURS.get(etype, "#b8b8b8"),
            "tip": tip,
            "ukg": details,
            "t": etype,
        }
        if etype == "SPREAD_TO":
            opts["width"] = 2
        if filters is not None:
            opts.update(filters.edge_opts(d, index))
        net.add_edge(index[u], index[v], **opts)


def graph_payload(
    G: Any,
    *,
    explorer: bool = False,
    center: Hashable | None = None,
    memo: PageMemo | None = None,
) -> dict:
    """Nodes, edges, options and legend of a page drawing the graph ``G``.

    A graph of more than ``MAX_PAGE_NODES`` nodes (viz/data/page-limits.txt) gets an
    aggregated page: its most connected nodes (``viz.aggregate.cut_graph``; an ego
    map's ``center`` first), with ``payload["cut"]`` saying what was left out.
    Built with pyvis (``Network.add_node``/``add_edge``); the page template is ours.
    Graphs above ``LARGE_GRAPH_NODES`` nodes get precomputed positions and physics
    off; smaller ones are stabilised in the browser (at most 200 iterations) and
    physics is switched off after that. ``memo`` shares node details and edge
    tooltips/details between pages of the same graph (``G`` and its subgraphs).
    """
    if memo is None:
        memo = PageMemo()
    if memo.sources is None:
        memo.sources = Sources(G)
    cut = cut_graph(G, network.MAX_PAGE_NODES, first=center)
    H = cut.H if cut is not None else G
    n = H.number_of_nodes()
    large = n > LARGE_GRAPH_NODES
    net = new_network(vis_options(n, physics=not large))
    index = {node: i for i, node in enumerate(H)}
    # An aggregated page lays out the nodes it draws first together.
    first = list(H)[: page_limits().start_nodes] if cut is not None and explorer else None
    positions = precomputed_positions(H, core=first) if large else {}
    # Years, provinces and programmes of the whole graph, even when the page holds a cut.
    filters = _Filters.of(G) if explorer else None
    _add_nodes(net, H, index, memo, positions, center, filters)
    _add_edges(net, H, index, memo, filters)

    payload = network_payload(net)
    present = {H.nodes[x].get("label") for x in H}
    labels = [lab for lab in LABELS if lab in present] + sorted(
        str(lab) for lab in present if lab not in LABELS and lab is not None
    )
    payload["legend"] = [] if explorer else legend_items(labels)
    payload["legend_title"] = "" if explorer else "图例 Legend"
    start = page_limits().start_nodes if explorer else None
    payload["note"] = cut.note(start) if cut is not None else _large_note(n) if large else ""
    payload["layout"] = {"precomputed": large, "physics": not large, "nodes": n}
    if filters is not None:
        payload.update(filters.payload(H, labels, index))
        if cut is not None:
            payload["cut"] = _cut_payload(cut, filters, G, payload)
    elif cut is not None:
        payload["cut"] = cut.summary()
    used = {(p[0], p[2]) for e in payload["edges"] for p in e["ukg"]["ev"] if len(p) > 2}
    payload.update(memo.sources.payload(used, with_text=explorer))
    return payload


def _cut_payload(cut: Cut, filters: _Filters, G: Any, payload: dict) -> dict:
    """What an aggregated explorer says and does: the cut's summary, how many nodes it
    draws first and per "show more", and the whole graph's nodes per province and
    programme beside the filters' options."""
    limits = page_limits()
    counts = filters.cut_counts(G)
    nodes = list(cut.H)  # a node's page id is its place in the page graph
    return dict(
        cut.summary(),
        start=limits.start_nodes,
        more=limits.more_nodes,
        province_nodes=[[k, counts["provinces"].get(k, 0)] for k, _name in payload["provinces"]],
        programme_nodes=[
            [i, counts["programmes"].get(str(nodes[i]), 0)] for i, _name in payload["programmes"]
        ],
    )


def node_programmes(G: Any) -> dict:
    """Programme nodes per node, for the programme filter: the programme itself, its
    neighbours, and the endpoints of SPREAD_TO edges of that programme."""
    progs: dict = defaultdict(set)
    for n, d in G.nodes(data=True):
        if d.get("label") == "Programme":
            progs[n].add(n)
            for nb in set(G.successors(n)) | set(G.predecessors(n)):
                progs[nb].add(n)
    for u, v, d in G.edges(data=True):
        prog = d.get("programme")
        if d.get("type") == "SPREAD_TO" and isinstance(prog, Hashable) and prog in G:
            progs[u].add(prog)
            progs[v].add(prog)
    return progs


def render_explorer(
    G: Any,
    path: str | os.PathLike,
    spread_maps: Mapping[str, str] | None = None,
    *,
    title: str = EXPLORER_TITLE,
    overview_href: str | None = None,
    records: Iterable[Mapping] | None = None,
    texts: Mapping[str, str] | None = None,
) -> Path:
    """Write the explorer page for ``G`` to ``path`` and return the path.

    ``records`` and ``texts``: the articles of the evidence and their text, as for
    ``viz.write_maps``.

    ``spread_maps`` maps a programme (node id or name) to the relative link of its
    spread map, e.g. ``{"Programme:连心舱": "spread-连心舱-1a2b3c4d.html"}``; links
    must be relative (no scheme). ``overview_href`` adds a link to the overview.
    """
    memo = PageMemo(Sources(G, records, texts))
    return _explorer(G, path, spread_maps, title=title, overview_href=overview_href, memo=memo)


def _explorer(
    G: Any,
    path: str | os.PathLike,
    spread_maps: Mapping[str, str] | None = None,
    *,
    title: str = EXPLORER_TITLE,
    overview_href: str | None = None,
    memo: PageMemo | None = None,
) -> Path:
    payload = graph_payload(G, explorer=True, memo=memo)
    links = []
    if overview_href:
        links.append({"text": "总览 Overview", "href": safe_href(overview_href)})
    for prog, href in sorted((spread_maps or {}).items(), key=lambda kv: str(kv[0])):
        key = str(prog)
        name = node_name(G, key) if key in G else key
        links.append({"text": f"扩散地图 · {clip(name, 40)}", "href": safe_href(href)})
    payload["links"] = links
    n, m = G.number_of_nodes(), G.number_of_edges()
    subtitle = f"{n} 个节点 nodes · {m} 条关系 edges"
    return write_page(path, render_page("explorer", title, payload, subtitle=subtitle))
