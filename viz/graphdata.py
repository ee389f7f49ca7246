"""From the unionkg graph (docs/graph-model.md) to what the pages show: the data
shaping shared by every page.

Node lookup by id/name/alias, the text of tooltips and of the side panel's details,
and the year of a node or edge. Where places are (provinces, coordinates) is in
:mod:`viz.places`; where nodes are drawn in :mod:`viz.layout`; the pyvis network
and its options in :mod:`viz.network`; colours and shapes in :mod:`viz.style`.

Everything taken from the graph is untrusted document text. Nothing here builds
HTML: strings go into the page as JSON (``templates.script_json``) and the browser
side writes them with ``textContent`` only.
"""

from __future__ import annotations

import difflib
import re
import shlex
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from .errors import AmbiguousNodeError, NodeNotFoundError

# Names other modules import from here (viz/__init__.py, the tests): kept here.
from .layout import precomputed_positions
from .network import LARGE_GRAPH_NODES, MAX_PAGE_NODES
from .search import shown_aliases
from .style import EDGE_ZH, SPREAD_KIND_ZH, YEAR_BASIS_ZH, style_of

__all__ = [
    "LARGE_GRAPH_NODES",
    "MAX_PAGE_NODES",
    "precomputed_positions",
    "clip",
    "node_name",
    "find_node",
    "close_matches",
    "evidence_pairs",
    "edge_evidence",
    "evidence_line",
    "first_evidence",
    "node_details",
    "edge_details",
    "node_tip",
    "edge_tip",
    "year_of",
    "document_years",
    "edge_year",
    "node_years",
]

# Evidence sentences kept per edge in a page (the rest are counted, not embedded).
EVIDENCE_PER_EDGE = 20
# Characters kept of one sentence / one property value.
SENTENCE_CHARS = 400
PROP_CHARS = 200

# A pair of strings: (doc_id, sentence).
Evidence = tuple[str, str]


# --------------------------------------------------------------------------- text


def clip(text: object, limit: int) -> str:
    """``text`` as a string of at most ``limit`` characters (cut with an ellipsis)."""
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_name(G: Any, n: Hashable) -> str:
    """A node's ``name``, else its id."""
    name = G.nodes[n].get("name")
    return str(name) if name not in (None, "") else str(n)


def _norm(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def find_node(G: Any, query: object, label: str | None = None) -> Hashable:
    """The node whose id, name or alias is ``query`` (optionally of one label).

    Order: exact id, then name, then alias (names compared after NFKC and case
    folding). Raises :class:`AmbiguousNodeError` when a name or alias fits several
    nodes and :class:`NodeNotFoundError` (with close matches) when none fits.
    """
    query = str(query)

    def ok(n: Hashable) -> bool:
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


def close_matches(G: Any, query: str, candidates: Iterable[Hashable], limit: int = 5) -> list[str]:
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


def evidence_pairs(
    edge_data: Mapping,
    limit: int = EVIDENCE_PER_EDGE,
    article_of: Callable[[str, str], int] | None = None,
) -> tuple[list[list], int]:
    """``([[doc_id, sentence], ...], number left out)`` for one edge; with
    ``article_of`` (doc_id, sentence -> article index) each pair gets it third."""
    evidence = edge_data.get("evidence") or []
    out: list[list] = []
    for item in evidence[:limit]:
        if isinstance(item, dict):
            doc, sentence = str(item.get("doc_id") or ""), str(item.get("sentence") or "")
            pair: list = [clip(doc, 120), clip(sentence, SENTENCE_CHARS)]
            if article_of is not None:
                pair.append(article_of(doc, sentence))
            out.append(pair)
    return out, max(0, len(evidence) - limit)


def edge_evidence(edge_data: Mapping) -> Evidence | None:
    """The first ``(doc_id, sentence)`` of an edge's evidence that has a sentence."""
    for item in edge_data.get("evidence") or ():
        if isinstance(item, dict) and item.get("sentence"):
            return (str(item.get("doc_id") or ""), str(item["sentence"]))
    return None


def evidence_line(pair: Evidence) -> str:
    """A tooltip line: the sentence in quotes, then its document in brackets."""
    return clip(f"“{pair[1]}”", 110) + f" [{clip(pair[0], 40)}]"


def first_evidence(G: Any, n: Hashable) -> Evidence | None:
    """One ``(doc_id, sentence)`` about node ``n``: from a relation if any, else a mention."""
    fallback = None
    for edges in (G.out_edges(n, data=True), G.in_edges(n, data=True)):
        for _u, _v, d in edges:
            pair = edge_evidence(d)
            if pair is None:
                continue
            if d.get("type") not in ("MENTIONS", "PART_OF"):
                return pair
            fallback = fallback or pair
    return fallback


def _scalar_props(data: Mapping, skip: set[str]) -> list[list[str]]:
    props = []
    for key in sorted(data, key=str):
        value = data[key]
        if key in skip or value is None or value == "":
            continue
        if isinstance(value, (str, int, float, bool)):
            props.append([clip(key, 60), clip(value, PROP_CHARS)])
    return props


CURATED_LABELS = ("TradeUnion", "Place", "Programme", "Person", "Organization")
"""Labels a correction may name (docs/curation.md)."""


def curate_commands(node_id: str, aliases: Iterable[str], out_dir: str) -> list[str]:
    """The ``unionkg curate`` commands for a node, every argument quoted for bash;
    the words in capitals are for the user to fill in."""
    q = shlex.quote
    out = f" --out {q(out_dir)}" if out_dir != "out" else ""
    cmds = [
        f"unionkg curate rename {q(node_id)} NEW_NAME{out}",
        f"unionkg curate alias {q(node_id)} ALIAS{out}",
        f"unionkg curate merge {q(node_id)} OTHER_ID{out}",
        f"unionkg curate reject {q(node_id)}{out}",
    ]
    cmds += [f"unionkg curate unalias {q(node_id)} {q(a)}{out}" for a in list(aliases)[:3]]
    return cmds


def node_details(G: Any, n: Hashable, curate_out: str | None = None) -> dict:
    """What the side panel shows for a node (plain strings; the page uses textContent);
    with ``curate_out`` (the output folder), the commands that correct it."""
    d = G.nodes[n]
    doc_ids = [str(x) for x in (d.get("doc_ids") or ())]
    details = {
        "id": str(n),
        "name": node_name(G, n),
        "type": str(d.get("label") or ""),
        "aliases": [clip(a, 80) for a in shown_aliases(node_name(G, n), d.get("aliases") or ())][
            :30
        ],
        "doc_ids": doc_ids[:50],
        "more_docs": max(0, len(doc_ids) - 50),
        "props": _scalar_props(d, {"label", "id", "name", "aliases", "doc_ids"}),
    }
    if curate_out is not None and d.get("label") in CURATED_LABELS:
        details["curate"] = curate_commands(str(n), d.get("aliases") or (), curate_out)
    return details


def edge_details(
    G: Any,
    u: Hashable,
    v: Hashable,
    data: Mapping,
    article_of: Callable[[str, str], int] | None = None,
) -> dict:
    """What the side panel shows for an edge (``article_of``: see evidence_pairs)."""
    evidence, more = evidence_pairs(data, article_of=article_of)
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


def node_tip(G: Any, n: Hashable, extra: list[str] | None = None) -> list[str]:
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


def edge_tip(G: Any, u: Hashable, v: Hashable, data: Mapping) -> list[str]:
    """Tooltip lines: the two ends, the relation, its year, one line of evidence."""
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
        lines.append(_spread_basis_line(data))
    elif data.get("year") is not None:
        basis = YEAR_BASIS_ZH.get(data.get("year_basis"))
        lines.append(f"年份 year: {data.get('year')}" + (f" ({basis})" if basis else ""))
    ev = edge_evidence(data)
    if ev:
        lines.append(evidence_line(ev))
    return lines


def _spread_basis_line(data: Mapping) -> str:
    """How a SPREAD_TO is known: reported by a sentence, or inferred with a confidence
    (and the distance, when known). Missing basis (older data) means inferred."""
    if data.get("basis") == "reported":
        return "依据 basis: 文中报道 reported by the text"
    line = "依据 basis: 推断 inferred"
    conf, km = data.get("confidence"), data.get("distance_km")
    if isinstance(conf, (int, float)) and not isinstance(conf, bool):
        line += f", 置信度 confidence {conf:.2f}"
    if isinstance(km, (int, float)) and not isinstance(km, bool):
        line += f", {km:.0f} km"
    return line


# ------------------------------------------------------------------------- years


def year_of(value: object) -> int | None:
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


def document_years(G: Any) -> dict[str, int]:
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


def _min(*values: int | None) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def edge_year(data: Mapping, doc_years: Mapping[str, int]) -> int | None:
    """ADOPTED_IN: its year; SPREAD_TO: to_year; else the earliest date of its documents."""
    etype = data.get("type")
    if etype == "PART_OF":
        return None
    if etype == "ADOPTED_IN" and year_of(data.get("year")) is not None:
        return year_of(data.get("year"))
    if etype == "SPREAD_TO" and year_of(data.get("to_year")) is not None:
        return year_of(data.get("to_year"))
    return _min(*(doc_years.get(str(x)) for x in data.get("doc_ids") or ()))


def node_years(G: Any, doc_years: Mapping[str, int] | None = None) -> dict:
    """Earliest year of every node (None when undated). See docs/maps.md.

    The minimum of: ADOPTED_IN years on its edges (programme and place), SPREAD_TO
    ``from_year`` (source place) and ``to_year`` (target place), the date of a
    Document node, and the dates of the documents in its ``doc_ids``.
    """
    if doc_years is None:
        doc_years = document_years(G)
    years: dict = {}
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
