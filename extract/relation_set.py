"""The relations of one document as the relation steps find them (extract/relations.py
runs the steps): one :class:`Relation` per type, head, tail and title, with one evidence
sentence per sentence that states it.
"""

from __future__ import annotations

from typing import Any

from .context import DocContext
from .records import Entity, Relation, year_rank

MAX_EVIDENCE_PER_RELATION = 50
"""Evidence sentences a relation keeps per document; the others are counted in
``Relation.evidence_more`` (a relation stated on every page of a long document would
otherwise carry every sentence)."""


class RelationSet:
    """The relations found so far, each with one evidence sentence per sentence that
    states it (at most :data:`MAX_EVIDENCE_PER_RELATION`, the rest counted)."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.by_key: dict[tuple, Relation] = {}
        self._ev_starts: dict[tuple, set[int]] = {}

    def relate(
        self,
        rtype: str,
        head: Entity | None,
        tail: Entity | None,
        pos: int,
        end: int | None = None,
        **kw: Any,
    ) -> Relation | None:
        """Record that ``head`` ``rtype`` ``tail``, stated at ``[pos, end)``; ``kw`` are
        the relation's properties (``title``, ``year``). None when either end is missing
        or both are one entity."""
        ctx = self.ctx
        if head is None or tail is None or head is tail:
            return None
        key = (rtype, head.id, tail.id, kw.get("title") or "")
        r = self.by_key.get(key)
        if r is None:
            r = Relation(rtype, head, tail, **kw)
            self.by_key[key] = r
        elif (
            rtype == "ADOPTED_IN"
            and kw.get("year")
            and year_rank(kw["year"], kw.get("year_basis")) < year_rank(r.year, r.year_basis)
        ):
            r.year, r.year_basis = kw["year"], kw.get("year_basis")
        seen = self._ev_starts.setdefault(key, set())
        s_start = ctx.sentence_of(pos)[0]
        if s_start not in seen:  # one evidence per sentence (a set: no scan per mention)
            seen.add(s_start)
            if len(r.evidence) < MAX_EVIDENCE_PER_RELATION:
                r.evidence.append(ctx.evidence(pos, end))
            else:
                r.evidence_more += 1
        return r

    def in_order(self) -> list[Relation]:
        """The relations, ordered by the start of their first evidence, then by type."""
        return sorted(
            self.by_key.values(), key=lambda r: (r.evidence[0].start if r.evidence else 0, r.type)
        )
