"""Build the in-memory knowledge graph from extraction dicts.

:func:`build_graph` turns the per-document dicts of ``docs/format.md`` into the
``networkx.MultiDiGraph`` of ``docs/graph-model.md`` — the contract with the
stores, the exports and ``viz``. ``graph.extractions.load_extractions`` reads those dicts
from an ``extractions.jsonl`` file.

The build is deterministic: documents are processed in ``doc_id`` order, nodes
are added sorted by id and edges by ``(source, target, key)``, every list is
sorted (evidence in document, then offset order), so the same extractions give
the same graph whatever order they come in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .cypher import ENTITY_LABELS, NODE_LABELS, NODE_PROPERTIES, REL_TYPES
from .errors import GraphError
from .spread import add_spread_edges
from .store_base import gc_paused

log = logging.getLogger(__name__)

FACT_TYPES = ("RUNS", "HOLDS_POSITION", "ADOPTED_IN", "LOCATED_IN")
"""Relation types read from ``relations`` (the others are made by the graph stage)."""

_PLACE_PROPS = ("level", "adcode", "lon", "lat")


class _Node:
    """A node being merged across documents."""

    def __init__(self, node_id: str, label: str):
        self.id, self.label = node_id, label
        self.names: list[str] = []
        self.aliases: set[str] = set()
        self.doc_ids: set[str] = set()
        self.props: dict[str, Any] = {}
        self.fallback: dict[str, Any] = {}  # from gazetteer chains: entity values win

    def add_name(self, name: Any) -> None:
        if name and str(name) not in self.names:
            self.names.append(str(name))

    def set_props(self, props: dict, target: dict) -> None:
        for key, value in props.items():
            if value is not None and target.get(key) is None:
                target[key] = value

    def attrs(self) -> dict:
        name = self.names[0] if self.names else self.fallback.get("name")
        props = {**self.fallback, **self.props}
        attrs: dict[str, Any] = {
            "label": self.label,
            "id": self.id,
            "name": name,
            "aliases": sorted((self.aliases | set(self.names[1:])) - {name, ""}),
            "doc_ids": sorted(self.doc_ids),
        }
        for prop, _ptype in NODE_PROPERTIES[self.label][4:]:
            value = props.get(prop)
            if value is not None and prop in ("lon", "lat", "value"):
                value = float(value)
            if value is not None and prop == "optional":
                value = bool(value)
            attrs[prop] = value
        return attrs


class _Edge:
    """An edge being merged across documents."""

    def __init__(self, rel_type: str):
        self.type = rel_type
        self.doc_ids: set[str] = set()
        self.evidence: list[tuple] = []  # (doc_id, start, end, sentence)
        self.props: dict[str, Any] = {}

    def attrs(self) -> dict:
        # One entry per distinct sentence: a sentence that several documents
        # repeat word for word (a reprinted article) is kept once, with the first
        # of them; every document stays in doc_ids.
        seen: set[str] = set()
        evidence: list[dict[str, str]] = []
        for doc_id, _start, _end, sentence in sorted(self.evidence):
            if sentence not in seen:
                seen.add(sentence)
                evidence.append({"doc_id": doc_id, "sentence": sentence})
        attrs: dict[str, Any] = {
            "type": self.type,
            "doc_ids": sorted(self.doc_ids),
            "evidence": evidence,
        }
        for prop, _ in REL_TYPES[self.type].properties:
            attrs[prop] = self.props.get(prop)
        return attrs


def _year_rank(year: Any, basis: Any) -> tuple[int, int]:
    """Which adoption year an edge keeps across documents (the smaller): a stated year
    before a reported one, then the earliest (docs/spread.md)."""
    if not isinstance(year, int):
        return (2, 0)
    return (0 if basis == "stated" else 1, year)


def _offset(value: Any) -> int:
    return value if isinstance(value, int) else -1


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.edges: dict[tuple[str, str, str], _Edge] = {}

    def node(self, node_id: str, label: str) -> _Node | None:
        node = self.nodes.get(node_id)
        if node is None:
            node = self.nodes[node_id] = _Node(node_id, label)
        elif node.label != label:
            log.warning(
                "node %s is both %s and %s; keeping %s", node_id, node.label, label, node.label
            )
            return None
        return node

    def node_for_id(self, node_id: str, name: Any, doc_id: str) -> _Node | None:
        """The node of a relation endpoint; made from its id prefix if no entity lists it."""
        if node_id in self.nodes:
            return self.nodes[node_id]
        label = node_id.split(":", 1)[0] if ":" in node_id else ""
        if label not in ENTITY_LABELS:
            log.warning("%s: %r is not an entity id (Type:name); fact skipped", doc_id, node_id)
            return None
        node = self.nodes[node_id] = _Node(node_id, label)
        node.add_name(name)
        return node

    def edge(self, u: str, v: str, rel_type: str, key: str, doc_id: str | None) -> _Edge | None:
        pair = (self.nodes[u].label, self.nodes[v].label)
        if pair not in REL_TYPES[rel_type].endpoints:
            log.warning(
                "%s: %s cannot go from %s to %s (%s -> %s); fact skipped",
                doc_id,
                rel_type,
                pair[0],
                pair[1],
                u,
                v,
            )
            return None
        edge = self.edges.get((u, v, key))
        if edge is None:
            edge = self.edges[(u, v, key)] = _Edge(rel_type)
        if doc_id is not None:
            edge.doc_ids.add(doc_id)
        return edge

    def add_document(self, doc: dict) -> None:
        doc_id = str(doc["doc_id"])
        source = doc.get("source") or {}
        dated = [a.get("date") for a in doc.get("articles") or [] if a.get("date")]
        dnode = self.node(f"Document:{doc_id}", "Document")
        if dnode is None:
            raise GraphError(
                f"{doc_id}: the id Document:{doc_id} already names an entity; "
                "an entity id must not start with Document:"
            )
        dnode.add_name(source.get("title") or doc_id)
        dnode.doc_ids.add(doc_id)
        dnode.set_props(
            {
                "path": source.get("path"),
                "title": source.get("title"),
                "date": source.get("date") or (dated[0] if dated else None),
                "sha256": source.get("sha256"),
            },
            dnode.props,
        )
        touched: set[str] = set()

        for ent in doc.get("entities") or []:
            label, node_id = ent.get("type"), ent.get("id")
            if label not in ENTITY_LABELS or not node_id:
                log.warning(
                    "%s: entity %r has type %r, not one of %s; skipped",
                    doc_id,
                    node_id,
                    label,
                    ", ".join(ENTITY_LABELS),
                )
                continue
            node = self.node(node_id, label)
            if node is None:
                continue
            node.add_name(ent.get("name"))
            node.aliases.update(a for a in ent.get("aliases") or [] if a)
            props = ent.get("props") or {}
            node.set_props({k: v for k, v in props.items() if k != "chain"}, node.props)
            touched.add(node_id)
            if label == "Place":
                self.add_chain(node_id, props.get("chain") or [])

        for rel in doc.get("relations") or []:
            self.add_relation(doc_id, rel, touched)

        for out in doc.get("outcomes") or []:
            self.add_outcome(doc_id, out, touched)

        for path in doc.get("spread") or []:
            self.add_reported_path(doc_id, path)

        for node_id in touched:
            node = self.nodes[node_id]
            node.doc_ids.add(doc_id)
            if node.label in ENTITY_LABELS:
                self.edge(dnode.id, node_id, "MENTIONS", "MENTIONS", doc_id)

    def add_chain(self, place_id: str, chain: list) -> None:
        child = place_id
        for anc in chain:
            anc_id = anc.get("id") or (f"Place:{anc['adcode']}" if anc.get("adcode") else None)
            if not anc_id:
                break
            node = self.node(anc_id, "Place")
            if node is None:
                break
            node.set_props(
                {"name": anc.get("name"), **{k: anc.get(k) for k in _PLACE_PROPS}}, node.fallback
            )
            if child != anc_id:
                self.edge(child, anc_id, "PART_OF", "PART_OF", None)
            child = anc_id

    def add_relation(self, doc_id: str, rel: dict, touched: set[str]) -> None:
        rel_type = rel.get("type")
        if rel_type not in FACT_TYPES:
            log.warning(
                "%s: relation type %r is not one of %s; skipped",
                doc_id,
                rel_type,
                ", ".join(FACT_TYPES),
            )
            return
        head = self.node_for_id(str(rel.get("head_id") or ""), rel.get("head"), doc_id)
        tail = self.node_for_id(str(rel.get("tail_id") or ""), rel.get("tail"), doc_id)
        if head is None or tail is None:
            return
        title = rel.get("title") or None
        key = f"{rel_type}|{title}" if rel_type == "HOLDS_POSITION" and title else rel_type
        edge = self.edge(head.id, tail.id, rel_type, key, doc_id)
        if edge is None:
            return
        touched.update((head.id, tail.id))
        for ev in rel.get("evidence") or []:
            if ev.get("sentence"):
                edge.evidence.append(
                    (doc_id, _offset(ev.get("start")), _offset(ev.get("end")), ev["sentence"])
                )
        if rel_type == "HOLDS_POSITION":
            edge.props["title"] = title
        elif rel_type == "ADOPTED_IN":
            year, date = rel.get("year"), rel.get("date")
            # a year without a basis comes from extractions older than year_basis, which
            # gave only stated years
            basis = rel.get("year_basis") or "stated"
            if isinstance(year, int) and _year_rank(year, basis) < _year_rank(
                edge.props.get("year"), edge.props.get("year_basis")
            ):
                edge.props["year"], edge.props["year_basis"] = year, basis
            if date and (edge.props.get("date") is None or str(date) < edge.props["date"]):
                edge.props["date"] = str(date)

    def add_reported_path(self, doc_id: str, path: dict) -> None:
        """A spread path a sentence reports: SPREAD_TO with basis "reported"
        (docs/spread.md); its years are filled in by graph.spread."""
        prog = self.nodes.get(str(path.get("programme_id") or ""))
        src = self.node_for_id(str(path.get("from_id") or ""), path.get("from"), doc_id)
        dst = self.node_for_id(str(path.get("to_id") or ""), path.get("to"), doc_id)
        if prog is None or prog.label != "Programme" or src is None or dst is None:
            log.warning("%s: reported spread path %r has an unknown end; skipped", doc_id, path)
            return
        edge = self.edge(src.id, dst.id, "SPREAD_TO", f"SPREAD_TO|{prog.id}", doc_id)
        if edge is None:
            return
        ev = path.get("evidence") or {}
        if ev.get("sentence"):
            edge.evidence.append(
                (doc_id, _offset(ev.get("start")), _offset(ev.get("end")), ev["sentence"])
            )
        edge.props.update(basis="reported", programme=prog.id)
        edge.props.setdefault("kind", path.get("kind"))

    def add_outcome(self, doc_id: str, out: dict, touched: set[str]) -> None:
        out_id = out.get("id")
        if not out_id:
            log.warning("%s: outcome without id skipped", doc_id)
            return
        node = self.node(out_id, "Outcome")
        if node is None:
            return
        node.add_name(out.get("text"))
        node.doc_ids.add(doc_id)
        node.set_props(
            {
                "value": out.get("value"),
                "unit": out.get("unit"),
                "text": out.get("text"),
                "qualifier": out.get("qualifier"),
            },
            node.props,
        )
        subject_id = out.get("subject_id")
        if not subject_id:
            return
        subject = self.node_for_id(str(subject_id), out.get("subject"), doc_id)
        if subject is None:
            return
        edge = self.edge(subject.id, out_id, "REPORTED", "REPORTED", doc_id)
        if edge is None:
            return
        touched.add(subject.id)
        ev = out.get("evidence") or {}
        if ev.get("sentence"):
            edge.evidence.append(
                (doc_id, _offset(ev.get("start")), _offset(ev.get("end")), ev["sentence"])
            )
        value = out.get("value")
        edge.props.setdefault("value", float(value) if value is not None else None)
        edge.props.setdefault("unit", out.get("unit"))
        edge.props.setdefault("text", out.get("text"))

    def graph(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for node_id in sorted(self.nodes):
            G.add_node(node_id, **self.nodes[node_id].attrs())
        for u, v, key in sorted(self.edges):
            G.add_edge(u, v, key=key, **self.edges[(u, v, key)].attrs())
        return G


def build_graph(extractions: Iterable[dict]) -> nx.MultiDiGraph:
    """The knowledge graph of ``docs/graph-model.md`` from extraction dicts (``docs/format.md``).

    Nodes are merged by id across documents (aliases and doc_ids unioned), each
    document becomes a ``Document`` node with ``MENTIONS`` edges to the entities it
    touches, outcomes become ``Outcome`` nodes with ``REPORTED`` edges, and each
    place's gazetteer ``chain`` becomes ``PART_OF`` edges to ancestor places.
    Facts whose type or endpoint labels are not in the schema are skipped with a
    logged warning. ``Extraction`` records are accepted too (their ``to_json()``)."""
    docs = []
    for item in extractions:
        doc = item.to_json() if hasattr(item, "to_json") else item
        if not isinstance(doc, dict) or "doc_id" not in doc:
            raise GraphError(
                "the graph is built from extraction records, objects with a doc_id "
                "(docs/format.md); "
                f"got {type(doc).__name__}"
            )
        docs.append(doc)
    docs.sort(key=lambda d: str(d["doc_id"]))
    for a, b in zip(docs, docs[1:], strict=False):
        if str(a["doc_id"]) == str(b["doc_id"]):
            raise GraphError(
                f"doc_id {a['doc_id']!r} appears twice in the extractions; "
                "each document must be extracted once"
            )
    # the collector paused: a full collection walks every record kept so far, and the
    # build makes enough containers to set off one per few thousand documents, so its
    # time grew a little faster than the corpus (docs/performance.md)
    with gc_paused():
        builder = _Builder()
        for doc in docs:
            builder.add_document(doc)
        G = builder.graph()
        if add_spread_edges(G):  # reported and inferred diffusion paths (docs/spread.md)
            # keep the canonical order (edges sorted by src, dst, key) that stores and
            # exports reproduce
            H = nx.MultiDiGraph()
            H.add_nodes_from(G.nodes(data=True))
            H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]))
            G = H
    return G


def graph_counts(G: nx.MultiDiGraph) -> dict:
    """Nodes per label and relationships per type, every label and type listed
    (the shape of ``Store.counts()``)."""
    nodes = {label: 0 for label in NODE_LABELS}
    rels = {rel_type: 0 for rel_type in REL_TYPES}
    for _, label in G.nodes(data="label"):
        nodes[label] = nodes.get(label, 0) + 1
    for _, _, rel_type in G.edges(data="type"):
        rels[rel_type] = rels.get(rel_type, 0) + 1
    return {"nodes": nodes, "relationships": rels}
