"""The relations of a programme name a correction adds, from the sentences it was found in,
by the rule the extractor's RUNS step uses (extract/runs.py): the union is the last union
named before the programme in its sentence, else the first named after it. Where a union
runs it, it is adopted (ADOPTED_IN) in the place chosen likewise among the places of the
sentence, else where the union is (LOCATED_IN), with the year when the sentence gives one;
a simpler rule than the extractor's. Only the unions and places the graph already links
to that document count (docs/curation.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .cypher import REL_TYPES

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_MIN_FORM = 2  # shorter names and aliases are not looked for in a sentence


class DocEntities:
    """The unions and places each document mentions (its MENTIONS edges), with the forms
    (name and aliases) to look for; made once per graph."""

    def __init__(self, G: nx.MultiDiGraph):
        self.by_doc: dict[str, dict[str, list[tuple[str, list[str]]]]] = {}
        for u, v, k in G.edges(keys=True):
            label = G.nodes[v].get("label")
            if k != "MENTIONS" or label not in ("TradeUnion", "Place"):
                continue
            doc = str(G.nodes[u].get("id", u)).removeprefix("Document:")
            d = G.nodes[v]
            forms = [f for f in [d.get("name"), *(d.get("aliases") or [])] if _ok(f)]
            self.by_doc.setdefault(doc, {}).setdefault(label, []).append((v, forms))

    def nearest(self, doc: str, label: str, sentence: str, span: tuple[int, int]) -> str | None:
        """The node of ``label`` named last before ``span`` (the programme's name) in
        ``sentence``, else first after; a form inside a longer one named there does not
        count (市总工会 inside 平湖市总工会)."""
        spots = [
            (i, i + len(f), node)
            for node, forms in self.by_doc.get(doc, {}).get(label, [])
            for f in forms
            for i in _all(sentence, f)
        ]
        named = [
            (s, n)
            for s, e, n in spots
            if (e <= span[0] or s >= span[1])
            and not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in spots)
        ]
        before = sorted(x for x in named if x[0] < span[0])
        after = sorted(x for x in named if x[0] >= span[1])
        return before[-1][1] if before else (after[0][1] if after else None)


def _all(text: str, form: str) -> list[int]:
    out, i = [], text.find(form)
    while i >= 0:
        out.append(i)
        i = text.find(form, i + 1)
    return out


def _ok(form: Any) -> bool:
    return isinstance(form, str) and len(form) >= _MIN_FORM


def _year(sentence: str) -> int | None:
    years = {int(y) for y in _YEAR.findall(sentence)}
    return years.pop() if len(years) == 1 else None


def _add(G: nx.MultiDiGraph, u: str, v: str, rel: str, ev: dict, note: str) -> int:
    """Add (or extend) the ``rel`` edge u → v with one sentence; 1 when it is new."""
    new = not G.has_edge(u, v, rel)
    if new:
        attrs: dict[str, Any] = {"type": rel, "doc_ids": [], "evidence": []}
        attrs.update({p: None for p, _ in REL_TYPES[rel].properties})
        G.add_edge(u, v, key=rel, **attrs)
    e = G.edges[u, v, rel]
    e["doc_ids"] = sorted(set(e["doc_ids"]) | {ev["doc_id"]})
    if ev["sentence"] not in {x["sentence"] for x in e["evidence"]}:
        e["evidence"] = [*e["evidence"], ev]
    year = _year(ev["sentence"]) if rel == "ADOPTED_IN" else None
    if year is not None and (e.get("year") is None or year < e["year"]):
        e["year"] = year
    e["curated"] = True
    if note and not e.get("note"):
        e["note"] = note
    return int(new)


def context_relations(
    G: nx.MultiDiGraph,
    index: DocEntities,
    programme: str,
    name: str,
    found: Iterable[tuple[str, str]],
    note: str,
) -> int:
    """RUNS and ADOPTED_IN for ``programme`` (called ``name``) from the ``(doc_id,
    sentence)`` pairs it was found in; returns how many relationships are new."""
    made = 0
    for doc, sentence in found:
        at = sentence.find(name)
        if at < 0:
            continue
        span = (at, at + len(name))
        ev = {"doc_id": doc, "sentence": sentence}
        union = index.nearest(doc, "TradeUnion", sentence, span)
        if union is None:
            continue  # no union runs it here: no adoption either
        made += _add(G, union, programme, "RUNS", ev, note)
        place = index.nearest(doc, "Place", sentence, span) or _located(G, union)
        if place is not None:
            made += _add(G, programme, place, "ADOPTED_IN", ev, note)
    return made


def _located(G: nx.MultiDiGraph, union: str) -> str | None:
    places = sorted(v for _, v, k in G.out_edges(union, keys=True) if k == "LOCATED_IN")
    return places[0] if places else None
