"""Relations between the entities of one document, one named step per relation type,
read off the spans the candidate steps found once they are resolved
(extract/pipeline.py); docs/extraction.md says which cues each relation uses.

- ``located_in`` (:mod:`extract.located_in`): LOCATED_IN, a union and its place;
- ``holds_position`` (:mod:`extract.holds_position`): HOLDS_POSITION, a person's post
  in a union or organisation;
- ``runs`` (:mod:`extract.runs`): RUNS, a union runs a programme;
- ``adopted_in`` (:mod:`extract.adopted_in`): ADOPTED_IN, a programme in a place, with
  the year when the text gives it, else the article's (``year_basis``);
- ``reported_paths`` (:mod:`extract.spread_reports`): the spread paths a sentence
  reports (学习借鉴…经验, 推广到…), kept in ``Extraction.spread``.

Each step reads the :class:`~extract.context.DocContext` and the
:class:`~extract.entities.EntityTable` and adds to one
:class:`~extract.relation_set.RelationSet`; ``runs`` hands ``adopted_in`` the union it
settled on for each programme (:class:`~extract.runs.ProgrammeUnion`).
"""

from __future__ import annotations

from .adopted_in import adopted_in
from .context import DocContext
from .entities import EntityTable
from .holds_position import HoldsPosition
from .located_in import located_in
from .records import Relation, ReportedPath
from .relation_set import MAX_EVIDENCE_PER_RELATION, RelationSet
from .runs import runs
from .spread_reports import reported_paths

__all__ = ["MAX_EVIDENCE_PER_RELATION", "RelationFinder", "RelationSet"]


class RelationFinder:
    """Runs the relation steps over one document. ``titles``: post titles, longest
    first (the person step's, from data/titles.txt)."""

    def __init__(self, titles: list[str]):
        self.titles = titles
        self.holds_position = HoldsPosition(titles)

    def __call__(
        self, ctx: DocContext, table: EntityTable
    ) -> tuple[list[Relation], list[ReportedPath]]:
        """The relations, ordered by the start of their first evidence, then by type; and
        the spread paths the text reports."""
        found = RelationSet(ctx)
        located_in(ctx, table, found)
        self.holds_position(ctx, table, found)
        runners = runs(ctx, table, found)
        paths, learned_from = reported_paths(ctx, table)
        adopted_in(ctx, table, found, runners, learned_from)
        return found.in_order(), paths
