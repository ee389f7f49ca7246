"""The graph schema: node labels and relationship types with their typed properties.

The schema is a fixed allow-list (:data:`NODE_PROPERTIES`, :data:`REL_TYPES`):
labels, relationship types and property names are only ever interpolated into
Cypher from here, never from data; every value travels as a ``$parameter``. The
``checked_*`` functions give a name back only if the schema holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import GraphError

STRING = "STRING"
STRING_LIST = "STRING[]"
DOUBLE = "DOUBLE"
INT64 = "INT64"
BOOLEAN = "BOOLEAN"
PROPERTY_TYPES = (STRING, STRING_LIST, DOUBLE, INT64, BOOLEAN)
"""Property types, in LadybugDB spelling."""

DIALECTS = ("ladybug", "neo4j")

ENTITY_LABELS = ("TradeUnion", "Place", "Programme", "Person", "Organization")
"""Labels of extracted entities (``extract.records.ENTITY_TYPES``)."""

NODE_LABELS = ENTITY_LABELS + ("Outcome", "Document")
"""Every node label. ``TradeUnion``, not ``Union``: UNION is reserved in LadybugDB."""

_COMMON_NODE = (
    ("id", STRING),
    ("name", STRING),
    ("aliases", STRING_LIST),
    ("doc_ids", STRING_LIST),
)

CURATED = (("curated", BOOLEAN), ("note", STRING))
"""Provenance of what the user's corrections made or changed (docs/curation.md): on every
entity and fact, last, so that a store made before they existed gets them by ``ALTER``."""

NODE_PROPERTIES: dict[str, tuple[tuple[str, str], ...]] = {
    "TradeUnion": _COMMON_NODE + CURATED,
    "Place": _COMMON_NODE
    + (("level", STRING), ("adcode", STRING), ("lon", DOUBLE), ("lat", DOUBLE))
    + CURATED,
    "Programme": _COMMON_NODE + CURATED,
    "Person": _COMMON_NODE + (("optional", BOOLEAN),) + CURATED,
    "Organization": _COMMON_NODE + CURATED,
    "Outcome": _COMMON_NODE
    + (("value", DOUBLE), ("unit", STRING), ("text", STRING), ("qualifier", STRING)),
    "Document": _COMMON_NODE
    + (("path", STRING), ("title", STRING), ("date", STRING), ("sha256", STRING)),
}
"""Node label → ``(property, type)`` pairs, ``id`` first (the primary key)."""

REL_COMMON = (
    ("key", STRING),
    ("doc_ids", STRING_LIST),
    ("evidence", STRING_LIST),
    ("evidence_doc_ids", STRING_LIST),
)
"""Properties of every stored relationship. ``key`` is the networkx edge key;
``evidence`` holds the sentences and ``evidence_doc_ids`` the document of each,
as a parallel list (the graph's ``evidence`` list of ``{doc_id, sentence}`` dicts)."""


@dataclass(frozen=True)
class RelType:
    """A relationship type: allowed ``(start label, end label)`` pairs and extra properties.

    Frozen so the schema table cannot be changed by accident at run time."""

    name: str
    endpoints: tuple[tuple[str, str], ...]
    properties: tuple[tuple[str, str], ...] = ()

    @property
    def all_properties(self) -> tuple[tuple[str, str], ...]:
        """``REL_COMMON`` followed by the type's own properties."""
        return REL_COMMON + self.properties


REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("RUNS", (("TradeUnion", "Programme"),), CURATED),
        RelType(
            "HOLDS_POSITION",
            (("Person", "TradeUnion"), ("Person", "Organization")),
            (("title", STRING),) + CURATED,
        ),
        RelType(
            "ADOPTED_IN",
            (("Programme", "Place"),),
            (("year", INT64), ("year_basis", STRING), ("date", STRING)) + CURATED,
        ),
        RelType("LOCATED_IN", (("TradeUnion", "Place"),), CURATED),
        RelType("PART_OF", (("Place", "Place"),)),
        RelType(
            "REPORTED",
            (("TradeUnion", "Outcome"), ("Programme", "Outcome")),
            (("value", DOUBLE), ("unit", STRING), ("text", STRING)),
        ),
        RelType("MENTIONS", tuple(("Document", label) for label in ENTITY_LABELS)),
        RelType(
            "SPREAD_TO",
            (("Place", "Place"),),
            (
                ("programme", STRING),
                ("programme_name", STRING),
                ("from_year", INT64),
                ("to_year", INT64),
                ("kind", STRING),
                ("lag", INT64),
                ("basis", STRING),
                ("confidence", DOUBLE),
                ("distance_km", DOUBLE),
            ),
        ),
    )
}
"""Relationship type → :class:`RelType`: the allow-list of types and endpoint pairs."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def checked_label(label: str) -> str:
    if label not in NODE_PROPERTIES or not _NAME.match(label):
        raise GraphError(
            f"unknown node label {label!r}; the labels are {', '.join(NODE_LABELS)} "
            "(graph/cypher/schema.py holds the schema)"
        )
    return label


def checked_rel(rel_type: str) -> RelType:
    if rel_type not in REL_TYPES or not _NAME.match(rel_type):
        raise GraphError(
            f"unknown relationship type {rel_type!r}; the types are "
            f"{', '.join(REL_TYPES)} (graph/cypher/schema.py holds the schema)"
        )
    return REL_TYPES[rel_type]


def checked_pair(rel_type: str, src: str, dst: str) -> RelType:
    rel = checked_rel(rel_type)
    if (src, dst) not in rel.endpoints:
        allowed = ", ".join(f"{a}->{b}" for a, b in rel.endpoints)
        raise GraphError(
            f"{rel_type} cannot go from {src} to {dst}; allowed: {allowed} "
            "(graph/cypher/schema.py holds the schema)"
        )
    return rel


def quoted(name: str) -> str:
    if not _NAME.match(name):  # only names from the tables above reach here
        raise GraphError(f"invalid property name {name!r}")
    return f"`{name}`"


def _check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise GraphError(f"unknown Cypher dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")


def rel_endpoints() -> list[tuple[str, str, str]]:
    """Every ``(type, start label, end label)`` triple of the schema, in schema order."""
    return [(name, a, b) for name, rel in REL_TYPES.items() for a, b in rel.endpoints]
