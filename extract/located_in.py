"""Relation step LOCATED_IN: a union and the place it is of.

In: the TradeUnion spans (their ``data.place``, set by orgs.py) and the entity table.
Out: LOCATED_IN relations (union → place) in the :class:`RelationSet`.
"""

from __future__ import annotations

from .context import DocContext
from .entities import EntityTable
from .relation_set import RelationSet


def located_in(ctx: DocContext, table: EntityTable, found: RelationSet) -> None:
    """A union named by its place (某市总工会) is located in that place."""
    for s in ctx.of_type("TradeUnion"):
        place = s.data.place
        if place and table.get("Place", place) is not None:
            found.relate("LOCATED_IN", table[s], table.get("Place", place), s.start, s.end)
