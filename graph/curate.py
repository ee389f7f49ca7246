"""Curation: a user's corrections applied to a built graph (docs/curation.md).

A :class:`Correction` is one entry of the user's corrections file, already read and
checked (``unionkg/corrections.py`` reads and writes the file). :func:`apply_corrections`
applies a list of them to the graph :func:`~graph.model.build_graph` made, in a fixed
order (programme names, with the RUNS and ADOPTED_IN of their sentences from
:mod:`graph.curate_context`; merges, renames, aliases, added relations, rejections), and
says for each what it changed, or that it matched nothing (stale). Whatever a correction made or
changed carries ``curated = true`` and the correction's ``note``. The inferred
``SPREAD_TO`` paths are computed again afterwards, so that they follow merged places and
added adoptions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .curate_context import DocEntities, context_relations
from .cypher import NODE_PROPERTIES, REL_TYPES
from .spread import add_spread_edges

KINDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "programme": (("name",),),
    "merge": (("entity", "into"),),
    "rename": (("entity", "name"),),
    "alias": (("entity", "alias"),),
    "unalias": (("entity", "alias"),),
    "relation": (("type", "head", "tail"), ("type", "head", "tail", "year")),
    "reject": (("entity",), ("type", "head", "tail")),
}
"""Correction kind → the sets of fields it may have (besides ``note``), in the order they
are applied."""

ADDABLE = ("RUNS", "ADOPTED_IN")
"""Relation types ``relation`` corrections may add."""
REJECTABLE = ("RUNS", "HOLDS_POSITION", "ADOPTED_IN", "LOCATED_IN", "REPORTED")
"""Relation types ``reject`` corrections may take out."""

_SHOWN_SENTENCES = 3  # sentences kept per document on a MENTIONS edge a programme name adds


@dataclass(frozen=True)
class Correction:
    """One correction; which fields it has depends on ``kind`` (:data:`KINDS`)."""

    kind: str
    entity: str = ""
    into: str = ""
    name: str = ""
    alias: str = ""
    type: str = ""
    head: str = ""
    tail: str = ""
    year: int | None = None
    note: str = ""
    line: int | None = field(default=None, compare=False)
    """Where it is in its file (for messages); not part of its identity."""

    def fields(self) -> dict[str, Any]:
        """Its fields that are set, in file order, ``note`` last."""
        keys = ("entity", "into", "name", "alias", "type", "head", "tail", "year", "note")
        return {k: getattr(self, k) for k in keys if getattr(self, k) not in ("", None)}

    def describe(self) -> str:
        """A short text for reports and lists: ``merge A into B``."""
        f = self.fields()
        if self.kind == "merge":
            return f"merge {self.entity} into {self.into}"
        if self.kind == "rename":
            return f"rename {self.entity} to {self.name}"
        if self.kind in ("alias", "unalias"):
            return f"{self.kind} {self.entity} {self.alias}"
        if self.kind == "programme":
            return f"programme {self.name}"
        if self.kind == "reject" and self.entity:
            return f"reject {self.entity}"
        year = f" ({f['year']})" if "year" in f else ""
        verb = "add" if self.kind == "relation" else "reject"
        return f"{verb} {self.type} {self.head} -> {self.tail}{year}"


@dataclass
class Applied:
    """What one correction did: ``changed`` items (nodes and relationships made, changed
    or taken out), in words in ``what``; ``stale`` says why it matched nothing."""

    correction: Correction
    changed: int = 0
    what: str = ""
    stale: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.correction.kind, **self.correction.fields()}
        out.update(line=self.correction.line, changed=self.changed, what=self.what)
        if self.stale:
            out["stale"] = self.stale
        return out


Finds = dict[str, dict[str, list[str]]]
"""Programme name → document id → the sentences where the name was found in its text."""


def new_node(label: str, node_id: str, name: str) -> dict[str, Any]:
    """The attributes of a node of ``label`` made by a correction (every property set)."""
    attrs: dict[str, Any] = {"label": label, "id": node_id, "name": name}
    attrs.update({p: None for p, _ in NODE_PROPERTIES[label][2:]})
    attrs.update(aliases=[], doc_ids=[])
    return attrs


def _mark(attrs: dict[str, Any], note: str) -> None:
    attrs["curated"] = True
    if note and note not in (attrs.get("note") or "").split("; "):
        attrs["note"] = f"{attrs['note']}; {note}" if attrs.get("note") else note


class _Curator:
    def __init__(self, G: nx.MultiDiGraph, finds: Finds):
        self.G, self.finds = G, finds
        self.merged: dict[str, str] = {}
        self.index: DocEntities | None = None  # made when a programme name needs it

    def resolve(self, node_id: str) -> str:
        seen = set()
        while node_id in self.merged and node_id not in seen:
            seen.add(node_id)
            node_id = self.merged[node_id]
        return node_id

    def missing(self, *ids: str) -> str:
        gone = [i for i in ids if i not in self.G]
        return f"{', '.join(gone)} is not in the graph" if gone else ""

    # -- one method per kind; each fills in ``a`` --------------------------------------
    def programme(self, a: Applied) -> None:
        c, G = a.correction, self.G
        node_id = f"Programme:{c.name}"
        found = self.finds.get(c.name, {})
        docs = sorted(d for d in found if f"Document:{d}" in G)
        if node_id not in G:
            if not docs:
                a.stale = "found in no document"
                return
            G.add_node(node_id, **new_node("Programme", node_id, c.name))
            a.changed += 1
        attrs = G.nodes[node_id]
        if attrs.get("label") != "Programme":
            a.stale = f"{node_id} is not a programme"
            return
        _mark(attrs, c.note)
        new = [d for d in docs if not G.has_edge(f"Document:{d}", node_id, "MENTIONS")]
        for d in new:
            sentences = found[d][:_SHOWN_SENTENCES]
            ev = [{"doc_id": d, "sentence": s} for s in sentences]
            G.add_edge(
                f"Document:{d}", node_id, key="MENTIONS", type="MENTIONS", doc_ids=[d], evidence=ev
            )
        attrs["doc_ids"] = sorted(set(attrs.get("doc_ids") or []) | set(docs))
        made = 0
        if new:
            self.index = self.index or DocEntities(G)
            pairs = [(d, s) for d in new for s in found[d]]
            made = context_relations(G, self.index, node_id, c.name, pairs, c.note)
        a.changed += len(new) + made
        a.what = (
            f"in {len(docs)} document(s), {len(new)} the extractor had not found it in; "
            f"{made} RUNS or ADOPTED_IN from their sentences"
        )

    def merge(self, a: Applied) -> None:
        c, G = a.correction, self.G
        src, dst = self.resolve(c.entity), self.resolve(c.into)
        if src == dst:
            a.stale = "both are the same node"
            return
        a.stale = self.missing(src, dst)
        if a.stale:
            return
        s, d = G.nodes[src], G.nodes[dst]
        if s["label"] != d["label"]:
            a.stale = f"{src} is a {s['label']}, {dst} a {d['label']}"
            return
        moved = 0
        for _u, v, k, data in list(G.out_edges(src, keys=True, data=True)):
            moved += self._move_edge(dst, dst if v == src else v, k, data)
        for u, _v, k, data in list(G.in_edges(src, keys=True, data=True)):
            if u != src:
                moved += self._move_edge(u, dst, k, data)
        names = {s.get("name"), *(s.get("aliases") or []), *(d.get("aliases") or [])}
        d["aliases"] = sorted(n for n in names - {d.get("name"), None, ""})
        d["doc_ids"] = sorted(set(d.get("doc_ids") or []) | set(s.get("doc_ids") or []))
        for prop, value in s.items():
            if d.get(prop) is None and value is not None:
                d[prop] = value
        _mark(d, c.note)
        G.remove_node(src)
        self.merged[src] = dst
        a.changed = moved + 2
        a.what = f"{moved} relationship(s) moved"

    def _move_edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> int:
        if u == v:
            return 0  # a place merged with the place it was part of
        G = self.G
        if not G.has_edge(u, v, key):
            G.add_edge(u, v, key=key, **data)
            return 1
        old = G.edges[u, v, key]
        old["doc_ids"] = sorted(set(old.get("doc_ids") or []) | set(data.get("doc_ids") or []))
        seen = {e["sentence"] for e in old.get("evidence") or []}
        old["evidence"] = list(old.get("evidence") or []) + [
            e for e in data.get("evidence") or [] if e["sentence"] not in seen
        ]
        for prop, value in data.items():
            if value is None:
                continue
            if old.get(prop) is None or (prop in ("year", "date") and value < old[prop]):
                old[prop] = value
        return 1

    def rename(self, a: Applied) -> None:
        c, node_id = a.correction, self.resolve(a.correction.entity)
        a.stale = self.missing(node_id)
        if a.stale:
            return
        attrs = self.G.nodes[node_id]
        if attrs.get("name") == c.name:
            a.what = "already so named"
        else:
            old = attrs.get("name")
            aliases = set(attrs.get("aliases") or []) | ({old} if old else set())
            attrs["aliases"] = sorted(aliases - {c.name})
            attrs["name"] = c.name
            a.changed, a.what = 1, f"was {old}"
        _mark(attrs, c.note)

    def alias(self, a: Applied) -> None:
        self._aliases(a, add=True)

    def unalias(self, a: Applied) -> None:
        self._aliases(a, add=False)

    def _aliases(self, a: Applied, *, add: bool) -> None:
        c, node_id = a.correction, self.resolve(a.correction.entity)
        a.stale = self.missing(node_id)
        if a.stale:
            return
        attrs = self.G.nodes[node_id]
        aliases = set(attrs.get("aliases") or [])
        if not add and c.alias not in aliases:
            a.stale = f"{node_id} has no alias {c.alias}"
            return
        if add and (c.alias in aliases or c.alias == attrs.get("name")):
            a.what = "already an alias"
        else:
            attrs["aliases"] = sorted(aliases | {c.alias} if add else aliases - {c.alias})
            a.changed = 1
        _mark(attrs, c.note)

    def relation(self, a: Applied) -> None:
        c, G = a.correction, self.G
        head, tail = self.resolve(c.head), self.resolve(c.tail)
        a.stale = self.missing(head, tail)
        if a.stale:
            return
        pair = (G.nodes[head]["label"], G.nodes[tail]["label"])
        if pair not in REL_TYPES[c.type].endpoints:
            a.stale = f"{c.type} cannot go from a {pair[0]} to a {pair[1]}"
            return
        if not G.has_edge(head, tail, c.type):
            attrs: dict[str, Any] = {"type": c.type, "doc_ids": [], "evidence": []}
            attrs.update({p: None for p, _ in REL_TYPES[c.type].properties})
            G.add_edge(head, tail, key=c.type, **attrs)
            a.changed, a.what = 1, "added"
        else:
            a.what = "already extracted"
        edge = G.edges[head, tail, c.type]
        if c.year is not None and (edge.get("year"), edge.get("year_basis")) != (c.year, "stated"):
            # the user states the year: it is stated, whatever the extractor had
            edge["year"], edge["year_basis"] = c.year, "stated"
            a.changed, a.what = 1, f"{a.what}; year set to {c.year}"
        _mark(edge, c.note)

    def reject(self, a: Applied) -> None:
        c, G = a.correction, self.G
        if c.entity:
            node_id = self.resolve(c.entity)
            a.stale = self.missing(node_id)
            if a.stale:
                return
            outcomes = [v for _, v, k in G.out_edges(node_id, keys=True) if k == "REPORTED"]
            lone = [o for o in outcomes if G.in_degree(o) == 1]
            a.changed = 1 + G.degree(node_id) + len(lone)
            G.remove_nodes_from([node_id, *lone])
            a.what = f"with {a.changed - 1} relationship(s) and outcome(s)"
            return
        head, tail = self.resolve(c.head), self.resolve(c.tail)
        keys = [
            k for k, d in G.get_edge_data(head, tail, default={}).items() if d["type"] == c.type
        ]
        if not keys:
            a.stale = f"no {c.type} from {head} to {tail} in the graph"
            return
        for k in keys:
            G.remove_edge(head, tail, k)
        a.changed = len(keys)


def apply_corrections(
    G: nx.MultiDiGraph, corrections: list[Correction], finds: Finds | None = None
) -> tuple[nx.MultiDiGraph, list[Applied]]:
    """Apply ``corrections`` to ``G`` (changed in place, and returned in canonical order);
    ``finds`` are where each programme name of a ``programme`` correction was found.
    Returns the graph and what each correction did, in the order of ``corrections``."""
    if not corrections:
        return G, []
    curator = _Curator(G, finds or {})
    done = {id(c): Applied(c) for c in corrections}
    for kind in KINDS:
        step: Callable[[Applied], None] = getattr(curator, kind)
        for c in corrections:
            if c.kind == kind:
                step(done[id(c)])
    add_spread_edges(G)  # paths follow merged places and added adoptions
    H = nx.MultiDiGraph()
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: n[0]))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]))
    return H, [done[id(c)] for c in corrections]
