"""The map pages: overview and ego map, and ``write_maps`` which writes the whole set
(explorer ``index.html`` linking the others) and removes the spread maps it no longer
produces. The spread map itself is built in :mod:`viz.spread`; its names are importable
from here too.

All pages are offline (no network request at all) and escape every graph string;
see docs/maps.md.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from .errors import InvalidOptionError
from .explorer import PageMemo, _explorer, graph_payload
from .graphdata import clip, find_node, node_name
from .layout import ordered_subgraph
from .places import province_labels

# The spread maps' names, importable from here as before.
from .sources import Sources
from .spread import render_spread, spread_edges, spread_filename, spread_page, spread_programmes
from .templates import GENERATOR, PAGE_HEAD, back_links, render_page, write_page

__all__ = [
    "render_overview",
    "render_ego",
    "render_spread",
    "write_maps",
    "spread_programmes",
    "spread_filename",
    "spread_edges",
    "remove_stale_spread_maps",
]

OVERVIEW_TITLE = "工会知识图谱 · 总览 Overview"


def render_overview(
    G: Any,
    path: str | os.PathLike,
    *,
    title: str = OVERVIEW_TITLE,
    include_documents: bool = False,
    back_href: str | None = None,
) -> Path:
    """Write the whole graph as one page (Document nodes left out unless asked for:
    they mention nearly everything and would knot the drawing). Returns ``path``."""
    return _overview(G, path, title=title, include_documents=include_documents, back_href=back_href)


def _overview(
    G: Any,
    path: str | os.PathLike,
    *,
    title: str = OVERVIEW_TITLE,
    include_documents: bool = False,
    back_href: str | None = None,
    memo: PageMemo | None = None,
) -> Path:
    if memo is None:  # headlines of the evidence come from the whole graph's documents
        memo = PageMemo(Sources(G))
    H = G
    if not include_documents and any(d.get("label") != "Document" for _n, d in G.nodes(data=True)):
        H = G.subgraph([n for n, d in G.nodes(data=True) if d.get("label") != "Document"])
    payload = graph_payload(H, memo=memo)
    payload["links"] = back_links(back_href)
    subtitle = f"{H.number_of_nodes()} 个节点 nodes · {H.number_of_edges()} 条关系 edges"
    if H is not G:
        subtitle += " · 不含文档节点 documents not shown"
    return write_page(path, render_page("overview", title, payload, subtitle=subtitle))


def render_ego(
    G: Any,
    name_or_id: object,
    path: str | os.PathLike,
    radius: int = 1,
    *,
    back_href: str | None = None,
) -> Path:
    """Write the neighbourhood of one node (edges followed both ways, ``radius`` hops).

    ``name_or_id`` is a node id, name or alias; raises ``NodeNotFoundError`` (naming
    close matches) or ``AmbiguousNodeError``.
    """
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 0:
        raise InvalidOptionError(f"radius must be a whole number >= 0, got {radius!r}")
    center = find_node(G, name_or_id)
    H = ordered_subgraph(G, nx.ego_graph(G, center, radius=radius, undirected=True))
    payload = graph_payload(H, center=center)
    payload["links"] = back_links(back_href)
    name = node_name(G, center)
    title = f"{clip(name, 60)} · 邻域 ego map (radius {radius})"
    subtitle = f"{center} · {H.number_of_nodes()} 个节点 nodes · {H.number_of_edges()} 条关系 edges"
    return write_page(path, render_page("ego", title, payload, subtitle=subtitle))


# ------------------------------------------------------------------- the set


# spread_filename's form: the slug keeps word characters and "-" (at most 40), then
# the first 8 hex digits of a SHA-1.
SPREAD_NAME = re.compile(r"spread-[\w-]{1,40}-[0-9a-f]{8}\.html")
INDEX = "index.html"
_DATA_START = b'<script type="application/json" id="unionkg-data">'
_DATA_END = b"</script>"
# A spread map holds one programme's places (about 1.2 KB each; tens of thousands at
# most) besides the 0.7 MB of inlined JS/CSS; a bigger file with such a name is not
# one of ours.
_MAX_SPREAD_BYTES = 64 * 1024 * 1024


def write_maps(
    G: Any,
    maps_dir: str | os.PathLike,
    *,
    records: Iterable[Mapping] | None = None,
    texts: Mapping[str, str] | None = None,
    out_dir: str | None = None,
) -> list[Path]:
    """Write ``index.html`` (explorer), ``overview.html`` and one
    ``spread-<slug>-<hash8>.html`` per programme adopted in 2+ places into ``maps_dir``.

    ``records`` (the extraction records the graph was built from) let the evidence
    panels name each sentence's article by headline and date; ``texts`` (doc_id ->
    document text) add the explorer's "show in article" (text capped, see
    :mod:`viz.sources`). Without them the panels name the document and have no button.
    ``out_dir`` (the output folder, as the user named it) makes the explorer's panel show
    the ``unionkg curate`` commands for a node (docs/curation.md).

    Returns the written paths, index first. Once the new explorer is written, the
    spread maps an earlier ``write_maps`` wrote that this graph no longer produces are
    deleted, and nothing else (see ``remove_stale_spread_maps``).
    """
    maps_dir = Path(maps_dir)
    maps_dir.mkdir(parents=True, exist_ok=True)
    root = maps_dir.resolve()
    # Computed once for the whole set instead of once per page.
    spreads, labels = spread_edges(G), province_labels(G)
    memo = PageMemo(Sources(G, records, texts), curate_out=out_dir)
    spread_paths: list[Path] = []
    spread_maps: dict[str, str] = {}
    for prog in spread_programmes(G):
        filename = spread_filename(G, prog)
        target = maps_dir / filename
        if target.resolve().parent != root:  # belt and braces: never leave maps_dir
            raise InvalidOptionError(f"refusing to write {filename!r} outside {maps_dir}")
        node = find_node(G, prog, label="Programme")  # as render_spread(G, prog, ...) does
        spread_paths.append(
            spread_page(G, node, target, back_href=INDEX, spreads=spreads, labels=labels)
        )
        spread_maps[str(prog)] = quote(filename)
    overview = _overview(G, maps_dir / "overview.html", back_href=INDEX, memo=memo)
    index = _explorer(G, maps_dir / INDEX, spread_maps, overview_href="overview.html", memo=memo)
    # Only now: until the new index replaces the old one, the old one links the old pages.
    remove_stale_spread_maps(maps_dir, keep={p.name for p in spread_paths})
    return [index, overview, *spread_paths]


def _written_by_write_maps(path: Path) -> bool:
    """Whether ``path`` is a spread map as ``write_maps`` writes it: our page head and
    generator tag, page kind ``spread`` and exactly the link back to the explorer.
    (A spread map written by ``render_spread`` without ``back_href``, e.g. by
    ``unionkg viz spread``, has no such link and is not one.)"""
    try:
        if path.stat().st_size > _MAX_SPREAD_BYTES:
            return False
        page = path.read_bytes()
    except OSError:
        return False
    head = page[:4096]
    if not (head.startswith(PAGE_HEAD) and GENERATOR in head):
        return False
    start = page.find(_DATA_START)
    end = page.find(_DATA_END, start + len(_DATA_START)) if start >= 0 else -1
    if end < 0:
        return False
    try:
        data = json.loads(page[start + len(_DATA_START) : end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and data.get("kind") == "spread"
        and data.get("links") == back_links(INDEX)
    )


def remove_stale_spread_maps(maps_dir: str | os.PathLike, keep: Iterable[str]) -> list[Path]:
    """Delete the spread maps in ``maps_dir`` whose file name is not in ``keep``.

    A file is deleted only when all of these hold: it sits directly in ``maps_dir``,
    it is a regular file (not a symlink or folder), its whole name has the
    ``spread-<slug>-<hash8>.html`` form of ``spread_filename``, and it is a spread map
    as ``write_maps`` writes it: this package's page head and generator tag, page kind
    ``spread`` and exactly one link, back to ``index.html``. Anything else is left
    alone. Returns the deleted paths, sorted.
    """
    maps_dir = Path(maps_dir)
    kept = set(keep)
    removed = []
    with os.scandir(maps_dir) as entries:
        candidates = sorted(
            entry.name
            for entry in entries
            if entry.name not in kept
            and SPREAD_NAME.fullmatch(entry.name)
            and entry.is_file(follow_symlinks=False)
        )
    for name in candidates:
        path = maps_dir / name
        if path.is_symlink() or not _written_by_write_maps(path):
            continue
        try:
            path.unlink()
        except FileNotFoundError:  # removed by someone else meanwhile
            continue
        removed.append(path)
    return removed
