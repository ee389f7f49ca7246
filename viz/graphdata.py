"""From the unionkg graph (docs/graph-model.md) to what the pages draw.

Shared by :mod:`viz.maps` and :mod:`viz.explorer`: the style of each node label,
node lookup by id/name/alias, tooltip lines and side-panel details, the year of a
node or edge, provinces (from the graph plus cpca's adcode table, read at run time),
the pyvis network builder, and the precomputed layout used for large graphs.

Everything taken from the graph is untrusted document text. Nothing here builds
HTML: strings go into the page as JSON (``templates.script_json``) and the browser
side writes them with ``textContent`` only.
"""

from __future__ import annotations

import csv
import difflib
import importlib.util
import json
import math
import random
import re
import unicodedata
from collections import defaultdict, deque
from functools import lru_cache
from pathlib import Path

import networkx as nx

from .errors import AmbiguousNodeError, GraphTooLargeError, NodeNotFoundError

# Above this many nodes a page gets precomputed positions with physics off from the
# start (see docs/maps.md for the measurements behind the figure).
LARGE_GRAPH_NODES = 1500
# Beyond this a page would be too heavy to open comfortably; refuse rather than
# write something a browser chokes on.
MAX_PAGE_NODES = 25000
# vis-network stabilisation budget for graphs drawn with physics.
STABILIZATION_ITERATIONS = 200
# Evidence sentences kept per edge in a page (the rest are counted, not embedded).
EVIDENCE_PER_EDGE = 20
# Characters kept of one sentence / one property value.
SENTENCE_CHARS = 400
PROP_CHARS = 200

FONT_FACE = (
    "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',"
    "'Source Han Sans SC','WenQuanYi Micro Hei',sans-serif"
)

# Colour, vis shape, legend symbol and Chinese name per node label.
STYLE: dict[str, dict[str, str]] = {
    "TradeUnion": {"color": "#d62728", "shape": "dot", "symbol": "●", "zh": "工会"},
    "Place": {"color": "#2ca02c", "shape": "triangle", "symbol": "▲", "zh": "地点"},
    "Programme": {"color": "#1f77b4", "shape": "diamond", "symbol": "◆", "zh": "项目"},
    "Person": {"color": "#ff7f0e", "shape": "triangleDown", "symbol": "▼", "zh": "人物"},
    "Organization": {"color": "#9467bd", "shape": "hexagon", "symbol": "⬢", "zh": "机构"},
    "Outcome": {"color": "#b8a600", "shape": "star", "symbol": "★", "zh": "成效"},
    "Document": {"color": "#7f7f7f", "shape": "square", "symbol": "■", "zh": "文档"},
}
OTHER_STYLE = {"color": "#c7c7c7", "shape": "dot", "symbol": "●", "zh": "其他"}
LABELS = tuple(STYLE)

EDGE_COLOURS = {
    "SPREAD_TO": "#e6550d",
    "ADOPTED_IN": "#6baed6",
    "RUNS": "#e377c2",
    "REPORTED": "#bcbd22",
    "HOLDS_POSITION": "#ffbb78",
    "LOCATED_IN": "#98df8a",
    "PART_OF": "#c7e9c0",
    "MENTIONS": "#d9d9d9",
}
EDGE_ZH = {
    "RUNS": "开展",
    "HOLDS_POSITION": "任职",
    "ADOPTED_IN": "采用于",
    "LOCATED_IN": "位于",
    "PART_OF": "隶属",
    "REPORTED": "报告成效",
    "MENTIONS": "提及",
    "SPREAD_TO": "扩散至",
}
SPREAD_KIND_ZH = {"hierarchical": "层级", "neighbour": "邻近"}


def style_of(label) -> dict[str, str]:
    return STYLE.get(label, OTHER_STYLE)


def legend_items(labels=LABELS) -> list[dict]:
    """Legend rows (all strings are ours, not graph data)."""
    return [
        {
            "key": lab,
            "text": f"{style_of(lab)['zh']} {lab}",
            "color": style_of(lab)["color"],
            "symbol": style_of(lab)["symbol"],
        }
        for lab in labels
    ]


# --------------------------------------------------------------------------- text


def clip(text, limit: int) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_name(G, n) -> str:
    name = G.nodes[n].get("name")
    return str(name) if name not in (None, "") else str(n)


def _norm(text) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def find_node(G, query, label: str | None = None):
    """The node whose id, name or alias is ``query`` (optionally of one label).

    Order: exact id, then name, then alias (names compared after NFKC and case
    folding). Raises :class:`AmbiguousNodeError` when a name or alias fits several
    nodes and :class:`NodeNotFoundError` (with close matches) when none fits.
    """
    query = str(query)

    def ok(n) -> bool:
        return label is None or G.nodes[n].get("label") == label

    if query in G and ok(query):
        return query
    q = _norm(query)
    candidates = [n for n in G if ok(n)]
    for field in ("name", "aliases"):
        hits = []
        for n in candidates:
            value = G.nodes[n].get(field)
            values = value if isinstance(value, (list, tuple, set)) else [value]
            if any(v is not None and _norm(v) == q for v in values):
                hits.append(n)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise AmbiguousNodeError(query, sorted(map(str, hits)))
    raise NodeNotFoundError(query, close_matches(G, query, candidates), label)


def close_matches(G, query: str, candidates, limit: int = 5) -> list[str]:
    """Names (of ``candidates``) most like ``query``: difflib ratio, substring hits boosted."""
    names: dict[str, str] = {}
    for n in candidates:
        name = node_name(G, n)
        names.setdefault(_norm(name), name)
        for alias in G.nodes[n].get("aliases") or ():
            names.setdefault(_norm(alias), name)
    q = _norm(query)
    scored = []
    for key, name in names.items():
        score = difflib.SequenceMatcher(None, q, key).ratio()
        if q and (q in key or (len(key) >= 2 and key in q)):
            score += 0.3
        if score >= 0.4:
            scored.append((-score, len(key), key, name))
    out: list[str] = []
    for _score, _len, _key, name in sorted(scored):
        if name not in out:
            out.append(name)
    return out[:limit]


# ---------------------------------------------------------------------- evidence


def evidence_pairs(edge_data, limit: int = EVIDENCE_PER_EDGE) -> tuple[list[list[str]], int]:
    """``([[doc_id, sentence], ...], number left out)`` for one edge."""
    evidence = edge_data.get("evidence") or []
    out = []
    for item in evidence[:limit]:
        if isinstance(item, dict):
            out.append(
                [
                    clip(item.get("doc_id") or "", 120),
                    clip(item.get("sentence") or "", SENTENCE_CHARS),
                ]
            )
    return out, max(0, len(evidence) - limit)


def first_evidence(G, n):
    """One ``(doc_id, sentence)`` about node ``n``: from a relation if any, else a mention."""
    fallback = None
    for edges in (G.out_edges(n, data=True), G.in_edges(n, data=True)):
        for _u, _v, d in edges:
            for item in d.get("evidence") or ():
                if isinstance(item, dict) and item.get("sentence"):
                    pair = (str(item.get("doc_id") or ""), str(item["sentence"]))
                    if d.get("type") not in ("MENTIONS", "PART_OF"):
                        return pair
                    fallback = fallback or pair
    return fallback


def _scalar_props(data, skip) -> list[list[str]]:
    props = []
    for key in sorted(data, key=str):
        value = data[key]
        if key in skip or value is None or value == "":
            continue
        if isinstance(value, (str, int, float, bool)):
            props.append([clip(key, 60), clip(value, PROP_CHARS)])
    return props


def node_details(G, n) -> dict:
    """What the side panel shows for a node (plain strings; the page uses textContent)."""
    d = G.nodes[n]
    doc_ids = [str(x) for x in (d.get("doc_ids") or ())]
    return {
        "id": str(n),
        "name": node_name(G, n),
        "type": str(d.get("label") or ""),
        "aliases": [clip(a, 80) for a in (d.get("aliases") or ())][:30],
        "doc_ids": doc_ids[:50],
        "more_docs": max(0, len(doc_ids) - 50),
        "props": _scalar_props(d, {"label", "id", "name", "aliases", "doc_ids"}),
    }


def edge_details(G, u, v, data) -> dict:
    evidence, more = evidence_pairs(data)
    doc_ids = [str(x) for x in (data.get("doc_ids") or ())]
    return {
        "type": str(data.get("type") or ""),
        "from": node_name(G, u),
        "to": node_name(G, v),
        "ev": evidence,
        "more_ev": more,
        "doc_ids": doc_ids[:50],
        "props": _scalar_props(data, {"type", "doc_ids", "evidence"}),
    }


def node_tip(G, n, extra: list[str] | None = None) -> list[str]:
    """Tooltip lines: name, type, one line of evidence."""
    d = G.nodes[n]
    label = d.get("label")
    kind = f"类型 type: {style_of(label)['zh']} {label or '?'}"
    if label == "Place" and d.get("level"):
        kind += f" ({d.get('level')})"
    lines = [clip(node_name(G, n), 80), kind]
    if label == "Outcome" and d.get("text"):
        lines.append(clip(f"{d.get('text')}", 80))
    lines.extend(extra or [])
    ev = first_evidence(G, n)
    if ev:
        lines.append(clip(f"“{ev[1]}”", 110) + (f" [{clip(ev[0], 40)}]" if ev[0] else ""))
    return lines


def edge_tip(G, u, v, data) -> list[str]:
    etype = str(data.get("type") or "")
    lines = [
        clip(f"{node_name(G, u)} → {node_name(G, v)}", 80),
        f"关系 relation: {EDGE_ZH.get(etype, '')} {etype}".strip(),
    ]
    if data.get("title"):
        lines.append(clip(f"职务: {data.get('title')}", 80))
    if etype == "SPREAD_TO":
        lines.append(
            f"{data.get('from_year')} → {data.get('to_year')}, "
            f"{SPREAD_KIND_ZH.get(data.get('kind'), data.get('kind'))}, lag {data.get('lag')}"
        )
    elif data.get("year") is not None:
        lines.append(f"年份 year: {data.get('year')}")
    for item in data.get("evidence") or ():
        if isinstance(item, dict) and item.get("sentence"):
            lines.append(
                clip(f"“{item['sentence']}”", 110) + f" [{clip(item.get('doc_id') or '', 40)}]"
            )
            break
    return lines


# ------------------------------------------------------------------------- years


def year_of(value) -> int | None:
    """A 4-digit year from an int or a date string ('2022', '2022-03-01'), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1000 <= value <= 9999 else None
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})(?!\d)", value)
        return int(m.group(1)) if m else None
    return None


def document_years(G) -> dict[str, int]:
    """doc_id -> year of the Document node's date."""
    years: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        if d.get("label") != "Document":
            continue
        year = year_of(d.get("date"))
        if year is None:
            continue
        keys = {str(n)}
        if str(n).startswith("Document:"):
            keys.add(str(n)[len("Document:") :])
        keys.update(str(x) for x in d.get("doc_ids") or ())
        for key in keys:
            years[key] = min(year, years.get(key, year))
    return years


def _min(*values):
    values = [v for v in values if v is not None]
    return min(values) if values else None


def edge_year(data, doc_years: dict[str, int]) -> int | None:
    """ADOPTED_IN: its year; SPREAD_TO: to_year; else the earliest date of its documents."""
    etype = data.get("type")
    if etype == "PART_OF":
        return None
    if etype == "ADOPTED_IN" and year_of(data.get("year")) is not None:
        return year_of(data.get("year"))
    if etype == "SPREAD_TO" and year_of(data.get("to_year")) is not None:
        return year_of(data.get("to_year"))
    return _min(*(doc_years.get(str(x)) for x in data.get("doc_ids") or ()))


def node_years(G, doc_years: dict[str, int] | None = None) -> dict:
    """Earliest year of every node (None when undated). See docs/maps.md.

    The minimum of: ADOPTED_IN years on its edges (programme and place), SPREAD_TO
    ``from_year`` (source place) and ``to_year`` (target place), the date of a
    Document node, and the dates of the documents in its ``doc_ids``.
    """
    if doc_years is None:
        doc_years = document_years(G)
    years = {}
    for n, d in G.nodes(data=True):
        candidates = [doc_years.get(str(x)) for x in d.get("doc_ids") or ()]
        if d.get("label") == "Document":
            candidates.append(year_of(d.get("date")))
        years[n] = _min(*candidates)
    for u, v, d in G.edges(data=True):
        etype = d.get("type")
        if etype == "ADOPTED_IN":
            y = year_of(d.get("year"))
            years[u] = _min(years[u], y)
            years[v] = _min(years[v], y)
        elif etype == "SPREAD_TO":
            years[u] = _min(years[u], year_of(d.get("from_year")))
            years[v] = _min(years[v], year_of(d.get("to_year")))
    return years


# --------------------------------------------------------------------- provinces


@lru_cache(maxsize=1)
def adcode_table() -> dict[str, tuple[str, float, float]]:
    """6-digit adcode -> (name, lon, lat), read from cpca's adcodes.csv at run time.

    Empty when cpca is not installed (maps then rely on the graph's own coordinates).
    """
    try:
        spec = importlib.util.find_spec("cpca")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    table: dict[str, tuple[str, float, float]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code = (row.get("adcode") or "")[:6]
                try:
                    lon, lat = float(row["longitude"]), float(row["latitude"])
                except (KeyError, TypeError, ValueError):
                    continue
                if (
                    len(code) == 6
                    and code.isdigit()
                    and (row.get("adcode") or "")[6:].strip("0") == ""
                ):
                    table.setdefault(code, (row.get("name") or code, lon, lat))
    except OSError:
        return {}
    return table


def province_table() -> dict[str, tuple[str, float, float]]:
    """2-digit province prefix -> (name, lon, lat) (cpca's point for the province,
    which is its capital)."""
    return {code[:2]: value for code, value in adcode_table().items() if code.endswith("0000")}


def _adcode(d) -> str | None:
    code = d.get("adcode")
    if code is None:
        return None
    code = str(code).strip()
    return code[:6] if len(code) >= 6 and code[:6].isdigit() else None


def parents(G, n) -> list:
    """PART_OF parents of a place, nearest first (as the graph gives them)."""
    return [v for _u, v, d in G.out_edges(n, data=True) if d.get("type") == "PART_OF"]


def place_province(G, n, memo: dict) -> str | None:
    """2-digit province key of a Place: from its adcode, else its nearest ancestor's."""
    if n in memo:
        return memo[n]
    memo[n] = None  # guards against PART_OF cycles
    d = G.nodes[n]
    code = _adcode(d)
    key = code[:2] if code else None
    if key is None:
        for p in parents(G, n):
            key = place_province(G, p, memo)
            if key:
                break
    memo[n] = key
    return key


def province_names(G, keys) -> dict[str, str]:
    """Display name per province key: the graph's province node, else cpca's, else the key."""
    names = {}
    table = province_table()
    for n, d in G.nodes(data=True):
        if d.get("label") == "Place" and d.get("level") == "province":
            code = _adcode(d)
            if code:
                names.setdefault(code[:2], node_name(G, n))
    return {k: names.get(k) or (table[k][0] if k in table else k) for k in keys}


# ------------------------------------------------------------------------- pyvis


class _IdList(list):
    """pyvis tests ``id in net.node_ids`` for every edge; a set keeps that O(1)."""

    def __init__(self):
        super().__init__()
        self._ids = set()

    def append(self, item):
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item):
        return item in self._ids


def new_network(options: dict):
    """A pyvis Network for our own page template (pyvis's template is never used:
    it loads bootstrap/vis from CDNs and writes some strings raw)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.node_ids = _IdList()
    net.options = options
    return net


def network_payload(net) -> dict:
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def vis_options(n_nodes: int, *, physics: bool) -> dict:
    large = n_nodes > LARGE_GRAPH_NODES
    return {
        "autoResize": True,
        "nodes": {
            "size": 12,
            "borderWidth": 1,
            "font": {
                "size": 13,
                "face": FONT_FACE,
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {
                "color": "#b8b8b8",
                "highlight": "#333333",
                "hover": "#555555",
                "inherit": False,
            },
            "width": 1,
            "selectionWidth": 2,
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "font": {
                "size": 11,
                "face": FONT_FACE,
                "align": "middle",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 90,
                "springConstant": 0.08,
                "avoidOverlap": 0.2,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 50,
                "fit": True,
            },
        },
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
    }


def check_size(n_nodes: int) -> None:
    if n_nodes > MAX_PAGE_NODES:
        raise GraphTooLargeError(
            f"{n_nodes} nodes is more than one page can draw (limit {MAX_PAGE_NODES}); "
            "draw an ego map (render_ego) or filter the graph first"
        )


# ------------------------------------------------------------------------ layout


def ordered_subgraph(G, nodes):
    """The subgraph of ``G`` on ``nodes`` as a new graph whose nodes and edges keep
    ``G``'s order (a subgraph view iterates a node set in hash order)."""
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep
        )
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


def precomputed_positions(G, nodes=None, *, seed: int = 7, spacing: float = 45.0) -> dict:
    """Positions (pixels) for a large graph, so the browser needs no physics.

    networkx has no fast spring layout without scipy, so: ``nx.spring_layout`` (seeded)
    on a core of at most 400 best-connected non-Document nodes, then every other node
    is set on a small golden-angle spiral around the placed neighbour it was reached
    from (breadth first); components not reached are laid out the same way in rows
    below. Deterministic for a given graph and seed, whatever ``PYTHONHASHSEED``.
    """
    whole = nodes is None
    nodes = list(G if whole else nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    # The whole graph's edges directly: a subgraph view of all nodes filters every edge.
    H.add_edges_from((u, v) for u, v in (G if whole else G.subgraph(nodes)).edges() if u != v)
    n = len(nodes)
    if n == 0:
        return {}
    radius = spacing * math.sqrt(n) / 2
    pos: dict = {}
    children: dict = defaultdict(int)
    phase: dict = {}
    rnd = random.Random(seed)
    golden = math.pi * (3 - math.sqrt(5))

    def spread_from(start_nodes):
        queue = deque(start_nodes)
        while queue:
            u = queue.popleft()
            ux, uy = pos[u]
            for v in sorted(H[u], key=lambda x: (-H.degree(x), str(x))):
                if v in pos:
                    continue
                k = children[u]
                children[u] += 1
                if u not in phase:  # a phase per parent, or spirals of siblings would coincide
                    phase[u] = rnd.uniform(0, 2 * math.pi)
                r = spacing * 0.7 + spacing * 0.35 * math.sqrt(k)
                a = phase[u] + k * golden
                pos[v] = (ux + r * math.cos(a), uy + r * math.sin(a))
                queue.append(v)

    def core_of(component):
        ranked = sorted(
            component, key=lambda x: (G.nodes[x].get("label") == "Document", -H.degree(x), str(x))
        )
        return ranked[: min(400, len(ranked))]

    components = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(map(str, c))))
    first, rest = components[0], components[1:]
    core = core_of(first)
    if len(core) > 1:
        # A graph built in a fixed order: a subgraph view would iterate the core in set
        # (hash) order, and the layout would change with PYTHONHASHSEED.
        S = nx.Graph()
        S.add_nodes_from(core)
        S.add_edges_from(sorted(H.subgraph(core).edges(), key=lambda e: (str(e[0]), str(e[1]))))
        layout = nx.spring_layout(S, seed=seed, iterations=60)
        for v, (x, y) in layout.items():
            pos[v] = (float(x) * radius * 0.8, float(y) * radius * 0.8)
    else:
        pos[core[0]] = (0.0, 0.0)
    spread_from(core)
    # Remaining components: rows below the main drawing, left to right.
    x0, y = -radius, radius * 1.25 + spacing * 2
    x, row_height = x0, 0.0
    for comp in rest:
        width = spacing * (1.5 + math.sqrt(len(comp)) * 1.2)
        if x + width > radius and x > x0:
            x, y = x0, y + row_height + spacing
            row_height = 0.0
        seed_node = core_of(comp)[0]
        pos[seed_node] = (x + width / 2, y + width / 2)
        spread_from([seed_node])
        x += width
        row_height = max(row_height, width)
    return {v: (round(px, 1), round(py, 1)) for v, (px, py) in pos.items()}
