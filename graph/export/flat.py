"""Flat copies of the graph for the XML formats (GraphML, GEXF): lists and dicts as
JSON strings, ``None`` left out, characters XML forbids dropped."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import networkx as nx

log = logging.getLogger(__name__)


def json_list(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def flat_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Lists and dicts as JSON strings, ``None`` left out (GraphML and GEXF have neither)."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: json_list(v) for k, v in data.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: json_list(x) for k, x in data.items() if x is not None})
    return H


# characters XML 1.0 does not allow, even escaped (C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE, U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` (flat) with the characters XML forbids dropped from ids, names and values;
    how many were dropped is logged, so a reader of the export knows."""
    dropped = 0

    def clean(value: Any) -> Any:
        nonlocal dropped
        if isinstance(value, str) and _NOT_XML.search(value):
            new, n = _NOT_XML.subn("", value)
            dropped += n
            return new
        return value

    H = nx.MultiDiGraph(**G.graph)
    for node, data in G.nodes(data=True):
        H.add_node(clean(node), **{k: clean(v) for k, v in data.items()})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(clean(u), clean(v), key=clean(key), **{k: clean(x) for k, x in data.items()})
    if dropped:
        log.warning(
            "%d character(s) that XML does not allow (control characters) were dropped "
            "from the export",
            dropped,
        )
    return H
