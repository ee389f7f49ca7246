"""Entities of one document, made from its spans: one :class:`Entity` per type and
canonical name, with every mention, its aliases and, for places, their gazetteer chain.
"""

from __future__ import annotations

from typing import Any

from .context import DocContext, Span
from .gazetteer import Gazetteer
from .records import Entity, Mention, Relation


class EntityTable:
    """The entities of one document and the span each mention came from."""

    def __init__(self, ctx: DocContext, gazetteer: Gazetteer):
        self.ctx = ctx
        self.gazetteer = gazetteer
        self.by_key: dict[tuple[str, str], Entity] = {}
        self._of_span: dict[int, Entity] = {}

    @classmethod
    def from_spans(cls, ctx: DocContext, gazetteer: Gazetteer) -> EntityTable:
        """Every span's entity, in text order; generic activities used as common nouns
        (职工之家, 工资集体协商) are found so that they block worse readings, but not
        reported. A union named by its place makes sure the place is an entity too."""
        table = cls(ctx, gazetteer)
        for s in sorted(ctx.spans, key=lambda s: (s.start, s.type)):
            if s.type == "Programme" and s.data.optional:
                continue
            table.add(s)
        for s in ctx.of_type("TradeUnion"):
            place = s.data.place
            if place and ("Place", place) not in table.by_key:
                ps = ctx.first_span("Place", place)
                if ps is not None:
                    table.add(ps)
        return table

    def get(self, etype: str, key: str) -> Entity | None:
        return self.by_key.get((etype, key))

    def of(self, s: Span) -> Entity | None:
        """The entity of span ``s``, if it was made one."""
        return self._of_span.get(id(s))

    def __getitem__(self, s: Span) -> Entity:
        return self._of_span[id(s)]

    def add(self, s: Span) -> Entity:
        """The entity of ``s`` (made on first sight), with ``s`` as one more mention."""
        ctx = self.ctx
        k = (s.type, s.key)
        e = self.by_key.get(k)
        if e is None:
            e = Entity(id=self._id(s), type=s.type, name=s.key)
            if s.type == "Place":
                e.props = self._place_props(s)
            if s.data.optional:
                e.props["optional"] = True
            self.by_key[k] = e
        ev = ctx.evidence(s.start)
        e.mentions.append(
            Mention(ctx.doc.text[s.start : s.end], s.start, s.end, ev.sentence, ev.article)
        )
        surface = ctx.doc.text[s.start : s.end]
        if surface != e.name and not (s.type == "Place" and s.data.anaphor):
            e.aliases.append(surface)  # (我市 is a mention of a place, not a name of it)
        for a in s.data.aliases:
            if a != e.name:
                e.aliases.append(a)
        self._of_span[id(s)] = e
        return e

    def in_order(self) -> list[Entity]:
        """By type, then by first mention."""
        return sorted(
            self.by_key.values(), key=lambda e: (e.type, e.mentions[0].start if e.mentions else 0)
        )

    def finish(self, entities: list[Entity], relations: list[Relation]) -> None:
        """Aliases sorted and without the name; a person's id takes the body of a post,
        else the document, so that namesakes stay apart."""
        for e in entities:
            e.aliases = sorted(set(e.aliases) - {e.name})
            if e.type == "Person":
                e.id = self._person_id(e, relations)

    def _id(self, s: Span) -> str:
        if s.type == "Place":
            if s.data.adcode:
                return f"Place:{s.data.adcode}"
            parent = s.data.parent
            return f"Place:{parent}/{s.key}" if parent else f"Place:{s.key}"
        return f"{s.type}:{s.key}"

    def _place_props(self, s: Span) -> dict:
        gaz = self.gazetteer
        code = s.data.adcode or s.data.parent
        props: dict[str, Any] = {
            "level": s.data.level,
            "adcode": s.data.adcode,
            "lon": None,
            "lat": None,
            "chain": [],
        }
        if code:
            d = gaz.division(code)
            if s.data.adcode:
                props["lon"], props["lat"] = d.lon, d.lat
                ancestors = gaz.chain(code)
            else:
                ancestors = [d, *gaz.chain(code)]
            props["chain"] = [
                {
                    "id": a.id,
                    "name": a.name,
                    "level": a.level,
                    "adcode": a.adcode,
                    "lon": a.lon,
                    "lat": a.lat,
                }
                for a in ancestors
            ]
        return props

    def _person_id(self, e: Entity, relations) -> str:
        bodies = sorted(
            r.tail.name for r in relations if r.type == "HOLDS_POSITION" and r.head is e
        )
        if bodies:
            return f"Person:{e.name}@{bodies[0]}"
        return f"Person:{e.name}@{self.ctx.doc.doc_id}"


def place_within(place: Entity, outer: Entity) -> bool:
    """Whether the place ``place`` lies inside the place ``outer`` (``outer`` is in its
    gazetteer chain)."""
    return any(c.get("id") == outer.id for c in place.props.get("chain", ()))
